import type { AliasWrite, RegistryConnectorStatus, RegistryFinding, RegistryModelLink } from '@modelport/plugin-models-common';
import { DateTime } from 'luxon';
import { ago } from '../Observability/format';

const FLAVOURS: Record<string, string> = { mlflow: 'MLflow', 'unity-catalog': 'Unity Catalog', kubeflow: 'Kubeflow' };

/** A connector's flavour as its makers spell it; an unknown one as the connector gave it. */
export function flavourLabel(flavour: string): string {
  return FLAVOURS[flavour] ?? flavour;
}

/**
 * Only web addresses become links: a version's run URL is any URI the registering client sent, and a `javascript:`
 * one must not run on a click.
 */
export function webUrl(url: string | undefined): string | undefined {
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}

/** "Nov 30, 2026". */
export function day(iso: string): string {
  return DateTime.fromISO(iso).toLocaleString(DateTime.DATE_MED);
}

/**
 * A live link older than this reads as stale. The sync runs every 10 minutes by default; the frontend does not see
 * the configured frequency, so this leaves room for a slower schedule before it calls the figures old.
 */
export const STALE_AFTER_MINUTES = 60;

export type Freshness = { stale: boolean; text: string };

/**
 * When the registry was last read for this model and whether that is still to be trusted: stale when the
 * connector's last attempt failed (it keeps the error until a sync succeeds) or the last successful read is old.
 * A deleted model is not read any more, so it is never stale; it says when it was last seen.
 */
export function syncFreshness(link: RegistryModelLink, connector: RegistryConnectorStatus | undefined, now: DateTime = DateTime.now()): Freshness {
  if (link.deletedAt) return { stale: false, text: `Last seen in ${link.connector} ${ago(link.lastSeenAt, now)}.` };
  const old = now.diff(DateTime.fromISO(link.lastSeenAt)).as('minutes') > STALE_AFTER_MINUTES;
  const failed = connector?.error
    ? ` The last sync of ${link.connector} failed${connector.lastAttemptAt ? ` ${ago(connector.lastAttemptAt, now)}` : ''}: ${connector.error}`
    : '';
  const stale = old || Boolean(failed);
  return { stale, text: `${stale ? 'Stale: last' : 'Last'} synced ${ago(link.lastSeenAt, now)}.${failed}` };
}

/**
 * What a finding means for the reader, before the importer's own message: none of them was applied, and an alias
 * moved in the registry never moves an environment here.
 */
export function findingHeadline(finding: RegistryFinding): string {
  switch (finding.kind) {
    case 'alias-drift':
      return `Alias ${finding.alias ?? ''} was moved in ${finding.connector}${finding.externalVersion ? ` to ${finding.externalVersion}` : ''} without a Modelport promotion — not applied: promotions are decided in Modelport.`;
    case 'version-changed':
      return `Version ${finding.externalVersion ?? ''} changed in ${finding.connector} after it was imported — not applied: Modelport keeps the imported artifact.`;
    case 'ref-conflict':
      return `Not imported: the catalog holds another entity under this model's name.`;
    default:
      return `${finding.kind} in ${finding.connector}.`;
  }
}

const attempts = (n: number) => `${n} attempt${n === 1 ? '' : 's'}`;

/** "champion → 3 (prod)". */
export function aliasWriteTarget(write: AliasWrite): string {
  return `${write.alias} → ${write.version} (${write.environment})`;
}

/** Where one alias write stands, with its attempts; a failed one with the registry's last answer. */
export function aliasWriteState(write: AliasWrite, now: DateTime = DateTime.now()): string {
  switch (write.status) {
    case 'done':
      return `Done${write.doneAt ? ` ${ago(write.doneAt, now)}` : ''}, after ${attempts(write.attempts)}.`;
    case 'pending':
      return `Pending since ${ago(write.requestedAt, now)}; ${attempts(write.attempts)} so far.`;
    case 'failed':
      return `Failed after ${attempts(write.attempts)}; retried on each sync. Last error: ${write.lastError ?? 'none recorded'}`;
    case 'superseded':
      return `Superseded by a later write of ${write.alias} before it was done (${attempts(write.attempts)}).`;
    default:
      return String(write.status);
  }
}
