/*
 * One measured run in a process of its own, so that its peak memory is its own: `report-json`, `report-csv`,
 * `verify` (the chain walk alone, the baseline of time), or `in-memory` (every event read at once, the report built
 * whole and serialized: the baseline of memory a report that does not stream would need).
 */
import { KnexAuditLog } from '@modelport/plugin-models-backend/src/audit/KnexAuditLog';
import { ReportBuilder } from '@modelport/plugin-models-backend/src/audit/report/ReportBuilder';
import { CsvReportWriter, JsonReportWriter } from '@modelport/plugin-models-backend/src/audit/report/reportWriters';
import { streamAuditReport } from '@modelport/plugin-models-backend/src/audit/report/streamAuditReport';
import type { AuditEvent, AuditReportEntry } from '@modelport/plugin-models-common';
import fs from 'node:fs';
import knexFactory from 'knex';

async function main() {
  const [mode, file, out] = process.argv.slice(2);
  const knex = knexFactory({ client: 'better-sqlite3', connection: { filename: file }, useNullAsDefault: true });
  const log = new KnexAuditLog(knex);
  const query = { from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z' };
  const stream = fs.createWriteStream(out);
  let bytes = 0;
  const write = (chunk: string) =>
    new Promise<void>(resolve => {
      bytes += Buffer.byteLength(chunk);
      if (stream.write(chunk)) resolve();
      else stream.once('drain', resolve);
    });
  const started = performance.now();
  let entries = 0;
  if (mode === 'verify') {
    await log.verify();
  } else if (mode === 'in-memory') {
    const events: AuditEvent[] = [];
    await log.walk(async page => {
      events.push(...page);
      return true;
    });
    const built: AuditReportEntry[] = [];
    const builder = new ReportBuilder(query, e => built.push(e));
    for (const e of events) builder.take(e);
    builder.finish();
    entries = built.length;
    await write(JSON.stringify({ ...query, entries: built, verification: await log.verify() }));
  } else {
    const writer = mode === 'report-csv' ? new CsvReportWriter(write) : new JsonReportWriter(write, { generatedAt: new Date().toISOString(), ...query });
    const counting = { ...writer, contentType: writer.contentType, start: () => writer.start(), flush: () => writer.flush(), end: (v: never) => writer.end(v), entry: (e: AuditReportEntry) => { entries += 1; writer.entry(e); } };
    await streamAuditReport(log, query, counting);
  }
  await new Promise<void>(resolve => stream.end(resolve));
  const ms = performance.now() - started;
  await knex.destroy();
  process.stdout.write(`${JSON.stringify({ mode, ms, maxRssMB: process.resourceUsage().maxRSS / 1024, bytes, entries })}\n`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
