import type { AuditEvent, AuditVerification } from '@modelport/plugin-models-common';
import type { Knex } from 'knex';
import type { AuditLog, AuditQuery, NewAuditEvent } from './AuditLog';
import { ChainVerifier } from './ChainVerifier';
import { hashAuditEvent } from './hashChain';

/** A row of `audit_events`: before, after and policy hold JSON text, null for a field the event does not have. */
type AuditEventRow = {
  seq: number | string;
  actor: string;
  action: string;
  subject: string;
  before: string | null;
  after: string | null;
  policy: string | null;
  at: string;
  prev_hash: string;
  hash: string;
};

/** The single row of `audit_head`: the last sequence number written and its hash. */
type AuditHeadRow = { id: number; seq: number | string; hash: string };

const PAGE = 1000;

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
const parse = (text: string | null): unknown => (text === null ? undefined : JSON.parse(text));

function toAuditEvent(row: AuditEventRow): AuditEvent {
  return {
    seq: Number(row.seq),
    actor: row.actor,
    action: row.action,
    subject: row.subject,
    before: parse(row.before),
    after: parse(row.after),
    policy: parse(row.policy),
    at: row.at,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * The audit log over `audit_events` and `audit_head` on the plugin's database. Built on a transaction it appends
 * (the registry store hands one out with every transaction); on the database it reads and verifies.
 */
export class KnexAuditLog implements AuditLog {
  readonly #appended: AuditEvent[] = [];

  constructor(private readonly knex: Knex) {}

  get appended(): readonly AuditEvent[] {
    return this.#appended;
  }

  async append(event: NewAuditEvent, at: string): Promise<AuditEvent> {
    // Updating the head row first takes its lock, so concurrent appends queue here and the chain stays linear.
    await this.knex<AuditHeadRow>('audit_head').where({ id: 1 }).increment('seq', 1);
    const head = (await this.knex<AuditHeadRow>('audit_head').where({ id: 1 }).first())!;
    const seq = Number(head.seq);
    const prevHash = head.hash;
    const content = { seq, actor: event.actor, action: event.action, subject: event.subject, before: event.before, after: event.after, policy: event.policy, at };
    const hash = hashAuditEvent(prevHash, content);
    await this.knex<AuditEventRow>('audit_events').insert({
      seq,
      actor: event.actor,
      action: event.action,
      subject: event.subject,
      before: json(event.before),
      after: json(event.after),
      policy: json(event.policy),
      at,
      prev_hash: prevHash,
      hash,
    });
    await this.knex<AuditHeadRow>('audit_head').where({ id: 1 }).update({ hash });
    const appended = { ...content, prevHash, hash };
    this.#appended.push(appended);
    return appended;
  }

  async list(query: AuditQuery): Promise<AuditEvent[]> {
    // One subject's events are numbered among themselves (row_number over that subject's rows, which both SQLite
    // and PostgreSQL compute from the subject index), so a model's trail reads 1, 2, 3 while the chain's seq is global.
    const source = query.subject
      ? this.knex('audit_events')
          .select('*', this.knex.raw('row_number() over (order by seq) as subject_seq'))
          .where({ subject: query.subject })
          .as('numbered')
      : 'audit_events';
    const rows = this.knex<AuditEventRow & { subject_seq?: number | string }>(source)
      .orderBy('seq', query.latest ? 'desc' : 'asc')
      .limit(query.limit);
    if (query.afterSeq !== undefined) rows.where('seq', '>', query.afterSeq);
    const found = await rows;
    if (query.latest) found.reverse();
    return found.map(row => ({ ...toAuditEvent(row), ...(row.subject_seq !== undefined ? { subjectSeq: Number(row.subject_seq) } : {}) }));
  }

  async verify(): Promise<AuditVerification> {
    const verifier = new ChainVerifier();
    await this.walk(async events => {
      for (const event of events) if (!verifier.next(event)) return false;
      return true;
    });
    return verifier.result(await this.head());
  }

  /** Hands the whole log to `page`, a page at a time in chain order, until it ends or `page` answers false. */
  async walk(page: (events: AuditEvent[]) => Promise<boolean>): Promise<void> {
    for (let after = 0; ; ) {
      const rows = await this.knex<AuditEventRow>('audit_events').where('seq', '>', after).orderBy('seq').limit(PAGE);
      if (!rows.length || !(await page(rows.map(toAuditEvent)))) return;
      after = Number(rows[rows.length - 1].seq);
      if (rows.length < PAGE) return;
    }
  }

  /** The last sequence number written and its hash, as the head row keeps them. */
  async head(): Promise<{ seq: number; hash: string }> {
    const head = (await this.knex<AuditHeadRow>('audit_head').where({ id: 1 }).first())!;
    return { seq: Number(head.seq), hash: head.hash };
  }
}
