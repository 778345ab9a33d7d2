import type { AuditEvent } from '@modelport/plugin-models-common';
import type { ModelRegistryStore, ModelRegistryTransaction } from '../store/ModelRegistryStore';

/**
 * Who hears of registry changes once they are committed: the audit events of each transaction, in chain order.
 * Governance (events, notifications, live updates) listens here; a change that rolls back is never told.
 */
export type RegistryChangePublisher = (events: readonly AuditEvent[]) => Promise<void>;

/** Runs `fn` in a registry transaction and, after it commits, hands the audit events it appended to `publish`. */
export async function publishedTransaction<T>(
  store: ModelRegistryStore,
  publish: RegistryChangePublisher | undefined,
  fn: (tx: ModelRegistryTransaction) => Promise<T>,
): Promise<T> {
  let appended: readonly AuditEvent[] = [];
  const result = await store.transaction(async tx => {
    const value = await fn(tx);
    appended = tx.audit.appended;
    return value;
  });
  if (publish && appended.length) await publish(appended);
  return result;
}
