import { hashAuditEvent, GENESIS_HASH } from '@modelport/plugin-models-backend/src/audit/hashChain';
import type { Knex } from 'knex';

/**
 * Writes `count` audit events of `models` models straight into the audit tables, chained as the registry chains
 * them and shaped as the registry writes them: each model registers versions and walks them through dev, staging
 * (one approval) and prod (two approvals), with a rollback and a review now and then. Written in bulk, because
 * 100,000 registry transactions would take longer than the report they are for.
 */
export async function seedAuditEvents(knex: Knex, options: { count: number; models: number; start: Date }) {
  const rows: object[] = [];
  let prevHash = GENESIS_HASH;
  let seq = 0;
  let t = options.start.getTime();
  const versionOf = new Map<number, number>();
  const append = (actor: string, action: string, subject: string, parts: { before?: unknown; after?: unknown; policy?: unknown }) => {
    seq += 1;
    t += 60_000;
    const at = new Date(t).toISOString();
    const content = { seq, actor, action, subject, before: parts.before, after: parts.after, policy: parts.policy, at };
    const hash = hashAuditEvent(prevHash, content);
    const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
    rows.push({ seq, actor, action, subject, before: json(parts.before), after: json(parts.after), policy: json(parts.policy), at, prev_hash: prevHash, hash });
    prevHash = hash;
  };
  for (let step = 0; seq < options.count; step++) {
    const m = step % options.models;
    const subject = `model:default/bench-model-${m}`;
    const v = (versionOf.get(m) ?? 0) + 1;
    versionOf.set(m, v);
    const version = `1.${v}.0`;
    const gates = [{ type: 'model-card-complete', passed: true, message: 'The model card is complete' }];
    append('user:default/jane', 'version.registered', subject, { after: { modelRef: subject, version, artifactUri: `s3://m/${m}/${version}`, framework: 'xgboost', metrics: { auc: 0.9 }, parameters: {}, tags: [] } });
    for (const [environment, approvers] of [['dev', []], ['staging', ['user:default/luis']], ['prod', ['user:default/luis', 'user:default/hannah']]] as const) {
      const id = `r-${seq}`;
      append('user:default/jane', 'promotion.requested', subject, { after: { id, modelRef: subject, version, toEnvironment: environment, status: 'pending', requestedBy: 'user:default/jane', comment: 'benchmark' }, policy: { environment, gates } });
      const policy = { environment, approvalsRequired: approvers.length, approvers: ['group:default/customer-ml', 'group:default/model-risk'], distinctApprovers: true };
      for (const approver of approvers) append(approver, 'promotion.approved', subject, { after: { requestId: id, version, comment: 'ok' }, policy });
      append(approvers[approvers.length - 1] ?? 'user:default/jane', 'promotion.completed', subject, { before: v > 1 ? { environment, version: `1.${v - 1}.0` } : null, after: { environment, version, requestId: id }, policy: { environment, approvalsRequired: approvers.length, gates } });
    }
    if (v % 5 === 0) append('user:default/luis', 'environment.rolled-back', subject, { before: { environment: 'prod', version }, after: { environment: 'prod', version: `1.${v - 1}.0`, reason: 'latency regression in the benchmark' } });
    if (v % 7 === 0) append('user:default/hannah', 'review.recorded', subject, { after: { id: `rv-${seq}`, modelRef: subject, outcome: 'approved', version, findings: [], reviewedBy: 'user:default/hannah', reviewedAt: new Date(t).toISOString(), independent: true } });
  }
  const kept = rows.slice(0, options.count);
  for (let i = 0; i < kept.length; i += 500) await knex('audit_events').insert(kept.slice(i, i + 500));
  const last = kept[kept.length - 1] as { seq: number; hash: string };
  await knex('audit_head').where({ id: 1 }).update({ seq: last.seq, hash: last.hash });
  return { events: kept.length, last: new Date(t).toISOString() };
}
