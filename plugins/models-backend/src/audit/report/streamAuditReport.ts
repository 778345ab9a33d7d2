import type { AuditVerification } from '@modelport/plugin-models-common';
import type { AuditLogReader } from '../AuditLog';
import { ChainVerifier } from '../ChainVerifier';
import { ReportBuilder, type ReportQuery } from './ReportBuilder';
import type { ReportWriter } from './reportWriters';

/**
 * Reads the whole audit log once, a page at a time: each event proves the chain and feeds the report, whose entries
 * are written out after every page. The verification covers every event up to the log's head, so the report's
 * entries are shown to come from an unaltered chain.
 */
export async function streamAuditReport(log: AuditLogReader, query: ReportQuery, writer: ReportWriter): Promise<AuditVerification> {
  const verifier = new ChainVerifier();
  const builder = new ReportBuilder(query, entry => writer.entry(entry));
  await writer.start();
  await log.walk(async events => {
    for (const event of events) {
      verifier.next(event);
      builder.take(event);
    }
    await writer.flush();
    return true;
  });
  builder.finish();
  const verification = verifier.result(await log.head());
  await writer.end(verification);
  return verification;
}
