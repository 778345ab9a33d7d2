import type { AuditEvent, AuditReportEntry } from '@modelport/plugin-models-common';

type Fields = Record<string, unknown>;
const fieldsOf = (value: unknown): Fields => (value && typeof value === 'object' ? (value as Fields) : {});
const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
/** Drops absent fields, so that entries carry only what they know. */
const defined = <T extends object>(entry: T): T => Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined)) as T;

type Gate = NonNullable<AuditReportEntry['gates']>[number];
const gatesOf = (policy: Fields): Gate[] | undefined =>
  Array.isArray(policy.gates)
    ? (policy.gates as Fields[]).map(g => defined({ type: String(g.type), passed: Boolean(g.passed), overridden: g.overridden ? true : undefined, message: text(g.message) }))
    : undefined;

type OpenRequest = AuditReportEntry & { kind: 'promotion'; requestId: string };
type Current = { at: string; version: string; cause: AuditReportEntry['cause']; actor: string; seq: number };

export type ReportQuery = { from: string; to: string; modelRef?: string };

/**
 * The auditor's report from the audit log, one event at a time in chain order: it holds only what is still open (a
 * pending request, the version current in each environment), and hands each entry out as soon as it is complete,
 * so that any number of events passes through bounded memory.
 *
 * An entry is in the report when it touches the range: an assignment in force during it, a promotion requested
 * before its end and not closed before its start, a rollback, review or registration within it.
 */
export class ReportBuilder {
  readonly #q: ReportQuery;
  readonly #emit: (entry: AuditReportEntry) => void;
  readonly #open = new Map<string, OpenRequest>();
  readonly #current = new Map<string, Current>();

  constructor(query: ReportQuery, emit: (entry: AuditReportEntry) => void) {
    this.#q = query;
    this.#emit = emit;
  }

  take(event: AuditEvent): void {
    if (this.#q.modelRef && event.subject !== this.#q.modelRef) return;
    const before = fieldsOf(event.before);
    const after = fieldsOf(event.after);
    const policy = fieldsOf(event.policy);
    const inRange = event.at >= this.#q.from && event.at < this.#q.to;
    switch (event.action) {
      case 'version.registered':
        if (inRange) this.#emit(defined({ kind: 'registration', modelRef: event.subject, at: event.at, version: text(after.version), actor: event.actor, auditSeqs: [event.seq] }));
        return;
      case 'promotion.requested': {
        const id = text(after.id);
        if (!id) return;
        this.#open.set(
          id,
          defined({
            kind: 'promotion',
            modelRef: event.subject,
            at: event.at,
            requestId: id,
            environment: text(after.toEnvironment),
            version: text(after.version),
            requestedBy: event.actor,
            requestedAt: event.at,
            comment: text(after.comment),
            overrideReason: text(after.gateOverrideReason),
            gates: gatesOf(policy),
            approvals: [],
            auditSeqs: [event.seq],
          }) as OpenRequest,
        );
        return;
      }
      case 'promotion.approved': {
        const open = this.#open.get(text(after.requestId) ?? '');
        if (!open) return;
        open.approvals!.push(defined({ actor: event.actor, at: event.at, comment: text(after.comment) }));
        this.#policy(open, policy);
        open.auditSeqs.push(event.seq);
        return;
      }
      case 'promotion.blocked': {
        const open = this.#open.get(text(after.requestId) ?? '');
        if (!open) return;
        open.gates = gatesOf(policy) ?? open.gates;
        open.outcome = 'blocked';
        open.auditSeqs.push(event.seq);
        return;
      }
      case 'promotion.rejected':
      case 'promotion.cancelled': {
        const id = text(before.id) ?? '';
        const open = this.#open.get(id);
        if (!open) return;
        this.#policy(open, policy);
        this.#close(open, event, event.action === 'promotion.rejected' ? 'rejected' : 'cancelled', {
          rejectedBy: event.action === 'promotion.rejected' ? event.actor : undefined,
          reason: event.action === 'promotion.rejected' ? text(after.comment) : undefined,
        });
        return;
      }
      case 'promotion.completed': {
        const environment = text(after.environment) ?? '';
        const open = this.#open.get(text(after.requestId) ?? '');
        if (open) {
          this.#policy(open, policy);
          open.gates = gatesOf(policy) ?? open.gates;
          this.#close(open, event, 'promoted', { actor: event.actor, previousVersion: text(before.version) });
        }
        this.#assign(event, environment, text(after.version) ?? '', 'promotion');
        return;
      }
      case 'environment.rolled-back': {
        const environment = text(after.environment) ?? '';
        if (inRange) {
          this.#emit(
            defined({
              kind: 'rollback',
              modelRef: event.subject,
              at: event.at,
              environment,
              version: text(after.version),
              previousVersion: text(before.version),
              actor: event.actor,
              reason: text(after.reason),
              auditSeqs: [event.seq],
            }),
          );
        }
        this.#assign(event, environment, text(after.version) ?? '', 'rollback');
        return;
      }
      case 'review.recorded':
        if (inRange) {
          this.#emit(
            defined({
              kind: 'review',
              modelRef: event.subject,
              at: event.at,
              version: text(after.version),
              actor: event.actor,
              outcome: text(after.outcome),
              comment: text(after.summary),
              findings: Array.isArray(after.findings) ? (after.findings as AuditReportEntry['findings']) : undefined,
              independent: typeof after.independent === 'boolean' ? after.independent : undefined,
              nextDueAt: text(after.nextDueAt),
              auditSeqs: [event.seq],
            }),
          );
        }
        return;
      default:
    }
  }

  /** After the last event: requests still pending and versions still current, as of the end of the log. */
  finish(): void {
    for (const open of this.#open.values()) if (open.requestedAt! < this.#q.to) this.#emit({ ...open, outcome: open.outcome ?? 'pending' });
    this.#open.clear();
    for (const [key, current] of this.#current) this.#emitAssignment(key, current, undefined);
    this.#current.clear();
  }

  #policy(open: OpenRequest, policy: Fields) {
    if (typeof policy.approvalsRequired === 'number') open.approvalsRequired = policy.approvalsRequired;
    if (Array.isArray(policy.approvers)) open.approvers = policy.approvers as string[];
  }

  #close(open: OpenRequest, event: AuditEvent, outcome: string, extra: Partial<AuditReportEntry>) {
    this.#open.delete(open.requestId);
    open.auditSeqs.push(event.seq);
    // Requested before the range ends and closed within it or after: the range saw it.
    if (open.requestedAt! < this.#q.to && event.at >= this.#q.from) {
      this.#emit(defined({ ...open, ...extra, at: event.at, outcome, closedAt: event.at }));
    }
  }

  #assign(event: AuditEvent, environment: string, version: string, cause: AuditReportEntry['cause']) {
    const key = `${event.subject}\u0000${environment}`;
    const previous = this.#current.get(key);
    if (previous) this.#emitAssignment(key, previous, event.at);
    this.#current.set(key, { at: event.at, version, cause, actor: event.actor, seq: event.seq });
  }

  #emitAssignment(key: string, current: Current, until: string | undefined) {
    // In force during the range: began before its end, and did not end before its start.
    if (current.at >= this.#q.to || (until !== undefined && until <= this.#q.from)) return;
    const [modelRef, environment] = key.split('\u0000');
    this.#emit(defined({ kind: 'assignment', modelRef, environment, version: current.version, at: current.at, until, cause: current.cause, actor: current.actor, auditSeqs: [current.seq] }));
  }
}
