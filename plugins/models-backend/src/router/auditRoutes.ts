import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { modelAuditReadPermission, modelRefOf } from '@modelport/plugin-models-common';
import { CsvReportWriter, JsonReportWriter } from '../audit/report/reportWriters';
import { reply } from './reply';
import type { RouteContext } from './RouteContext';

/** The hash-chained audit log: its events, and the verification of the chain. */
export function auditRoutes({ router, access, registry, audited }: RouteContext) {
  router.get('/audit', async (req, res) => {
    await access.requireCaller(req, { permission: modelAuditReadPermission });
    const { subject, afterSeq, limit = 200, latest } = req.query;
    reply(res, 200, { items: await registry.auditTrail({ subject, afterSeq, limit, latest }) });
  });

  router.get('/audit/report', async (req, res) => {
    await access.requireCaller(req, { permission: modelAuditReadPermission });
    const { from, to, format = 'json' } = req.query;
    if (Date.parse(from) >= Date.parse(to)) throw new InputError(`The report's range is empty: from ${from} is not before to ${to}`);
    const modelRef = req.query.model ? modelRefOf(parseModelRef(req.query.model)) : undefined;
    // Backpressure: the next chunk waits for the client to take the last, so a slow download holds one page.
    const write = (chunk: string) =>
      new Promise<void>((resolve, reject) => {
        if (res.destroyed) reject(new Error('the client closed the connection'));
        else if (res.write(chunk)) resolve();
        else res.once('drain', resolve);
      });
    const writer = format === 'csv' ? new CsvReportWriter(write) : new JsonReportWriter(write, { generatedAt: new Date().toISOString(), from, to, ...(modelRef ? { modelRef } : {}) });
    res.status(200).setHeader('content-type', writer.contentType);
    if (format === 'csv') res.setHeader('content-disposition', `attachment; filename="${reportFileName(modelRef, from, to)}"`);
    await audited(req, 'model-audit-report', 'low', () => registry.auditReport({ from, to, modelRef }, writer));
    res.end();
  });

  router.get('/audit/verify', async (req, res) => {
    await access.requireCaller(req, { permission: modelAuditReadPermission });
    reply(res, 200, await audited(req, 'model-audit-verify', 'low', () => registry.verifyAuditTrail()));
  });
}

function parseModelRef(ref: string) {
  try {
    const parsed = parseEntityRef(ref, { defaultKind: 'model', defaultNamespace: 'default' });
    if (parsed.kind.toLocaleLowerCase('en-US') !== 'model') throw new InputError(`${ref} is not a Model entity ref`);
    return parsed;
  } catch (error) {
    throw new InputError(`Invalid model '${ref}': ${(error as Error).message}`);
  }
}

/** `modelport-audit-churn-classifier-2026-09-01-2026-12-01.csv`, or `…-all-…` for every model. */
function reportFileName(modelRef: string | undefined, from: string, to: string) {
  const who = modelRef ? modelRef.replace(/^model:(default\/)?/, '').replace(/[^A-Za-z0-9._-]+/g, '-') : 'all';
  return `modelport-audit-${who}-${from.slice(0, 10)}-${to.slice(0, 10)}.csv`;
}
