import type { AuditEvent, AuditVerification } from '@modelport/plugin-models-common';

/** An event as the registry records it; the log numbers, times and chains it. */
export type NewAuditEvent = Omit<AuditEvent, 'seq' | 'at' | 'prevHash' | 'hash'>;

/** `latest`: the last `limit` events that match rather than the first, still in chain order. */
export type AuditQuery = { subject?: string; afterSeq?: number; limit: number; latest?: boolean };

/** Reading the hash-chained audit log: its events in chain order, and the recomputation of the chain. */
export interface AuditLogReader {
  list(query: AuditQuery): Promise<AuditEvent[]>;
  /**
   * Recomputes the chain from the first event and reports the first event whose content, link or position does
   * not match, including events removed from the end (the head remembers the last hash).
   */
  verify(): Promise<AuditVerification>;
  /** Hands the whole log to `page`, a page at a time in chain order, until it ends or `page` answers false. */
  walk(page: (events: AuditEvent[]) => Promise<boolean>): Promise<void>;
  /** The last sequence number written and its hash, as the log keeps them apart from the events. */
  head(): Promise<{ seq: number; hash: string }>;
}

/** The audit log inside a registry transaction: an event is appended with the change it records, or not at all. */
export interface AuditLog extends AuditLogReader {
  append(event: NewAuditEvent, at: string): Promise<AuditEvent>;
  /** What this log appended, in order: a transaction's events, told to others once it commits. */
  readonly appended: readonly AuditEvent[];
}
