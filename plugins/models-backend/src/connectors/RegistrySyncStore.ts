import type { AliasWrite, RegistryFinding, RegistryModelLink, RegistrySyncCounts } from '@modelport/plugin-models-common';

/** A link as stored: `lastSeenAt` is when it was last written, not when a sync last listed it (see RegistrySyncService). */
export type StoredLink = RegistryModelLink;

export type FindingKind = RegistryFinding['kind'];

/** A finding as a sync computes it; the store keeps `foundAt` of one that was already there. */
export type NewFinding = Omit<RegistryFinding, 'foundAt'>;

export type SyncRun = {
  connector: string;
  flavour: string;
  lastAttemptAt: string;
  lastSuccessAt?: string;
  lastError?: string;
  lastRun?: RegistrySyncCounts;
  totalVersionsImported: number;
};

export type StoredAliasWrite = AliasWrite & { id: number };

/** Storage of the importer: links, each connector's last sync, findings and alias writes. */
export interface RegistrySyncStore {
  links(connector?: string): Promise<StoredLink[]>;
  linkOf(modelRef: string): Promise<StoredLink | undefined>;
  /** Whether a link other than (connector, externalName) holds the ref. */
  refTaken(modelRef: string, except: { connector: string; externalName: string }): Promise<boolean>;
  /** Inserts or replaces the link of (connector, externalName). */
  saveLink(link: StoredLink): Promise<void>;
  markDeleted(connector: string, externalNames: string[], at: string): Promise<void>;

  runs(): Promise<SyncRun[]>;
  attempted(connector: string, flavour: string, at: string): Promise<void>;
  succeeded(connector: string, at: string, counts: RegistrySyncCounts): Promise<void>;
  failed(connector: string, error: string): Promise<void>;

  /**
   * Makes `findings` the connector's findings of these kinds for these models (all of its models when `modelRefs` is
   * absent): others of that scope go, new ones come, and one already there keeps its `foundAt`.
   */
  replaceFindings(connector: string, scope: { kinds: FindingKind[]; modelRefs?: string[] }, findings: NewFinding[], at: string): Promise<void>;
  findings(modelRef: string): Promise<RegistryFinding[]>;
  countFindings(connector: string): Promise<number>;

  enqueueAliasWrite(write: Omit<AliasWrite, 'status' | 'attempts' | 'lastError' | 'doneAt'>): Promise<void>;
  /** Pending and failed writes, oldest first, each the latest request of its (model, connector, alias); earlier ones are superseded. */
  dueAliasWrites(): Promise<StoredAliasWrite[]>;
  aliasWriteDone(id: number, at: string): Promise<void>;
  aliasWriteFailed(id: number, error: string): Promise<void>;
  aliasWrites(modelRef: string): Promise<AliasWrite[]>;
  /** Whether a write of this version of the alias is pending or failed (to be retried). */
  aliasWriteOutstanding(modelRef: string, connector: string, alias: string, version: string): Promise<boolean>;
  countAliasWrites(connector: string): Promise<{ pending: number; failed: number }>;
}
