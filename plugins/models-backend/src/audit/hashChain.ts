import type { AuditEvent } from '@modelport/plugin-models-common';
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit event that its hash covers. */
export type AuditEventContent = Omit<AuditEvent, 'prevHash' | 'hash'>;

/**
 * sha256 over the previous hash and the RFC 8785 canonical JSON of the event, so that anyone can recompute the
 * chain from an export with standard tools, and changing, removing or reordering an event breaks every later hash.
 */
export function hashAuditEvent(prevHash: string, content: AuditEventContent): string {
  const { seq, actor, action, subject, before, after, policy, at } = content;
  const canonical = canonicalize({ seq, actor, action, subject, before, after, policy, at });
  return createHash('sha256').update(prevHash).update('\n').update(canonical!).digest('hex');
}
