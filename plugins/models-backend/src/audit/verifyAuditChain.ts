import type { AuditVerification } from '@modelport/plugin-models-common';
import type { Knex } from 'knex';
import { GENESIS_HASH, hashAuditEvent } from './hashChain';

const PAGE = 1000;

function broken(verifiedEvents: number, reason: string): AuditVerification {
  return { valid: false, events: verifiedEvents, firstBrokenSeq: verifiedEvents + 1, reason };
}

/**
 * Recomputes the chain from the first event and reports the first event whose content, link or position does
 * not match, including events removed from the end (the head row remembers the last hash).
 */
export async function verifyAuditChain(knex: Knex): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (;;) {
    const rows = await knex('audit_events').where('seq', '>=', expectedSeq).orderBy('seq').limit(PAGE);
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) return broken(expectedSeq - 1, `event ${expectedSeq} is missing`);
      if (row.prev_hash !== prevHash) return broken(expectedSeq - 1, `event ${seq} does not link to the hash of event ${seq - 1}`);
      const hash = hashAuditEvent(prevHash, {
        seq,
        actor: row.actor,
        action: row.action,
        subject: row.subject,
        before: row.before === null ? undefined : JSON.parse(row.before),
        after: row.after === null ? undefined : JSON.parse(row.after),
        policy: row.policy === null ? undefined : JSON.parse(row.policy),
        at: row.at,
      });
      if (hash !== row.hash) return broken(expectedSeq - 1, `event ${seq} was altered: its content does not match its hash`);
      prevHash = hash;
      expectedSeq += 1;
    }
    if (rows.length < PAGE) break;
  }
  const head = await knex('audit_head').where({ id: 1 }).first();
  const events = expectedSeq - 1;
  if (Number(head.seq) !== events || head.hash !== prevHash) {
    return broken(events, `the log ends at event ${events} but ${head.seq} events were written`);
  }
  return { valid: true, events, headHash: prevHash };
}
