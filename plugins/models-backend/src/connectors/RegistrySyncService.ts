import { InputError, NotFoundError } from '@backstage/errors';
import type { ModelRegistryLink, RegistryConnectorStatus, RegistryEvent, RegistryModelLink } from '@modelport/plugin-models-common';
import type { ModelRegistryConnector } from '@modelport/plugin-models-node';
import { AliasWriter } from './AliasWriter';
import { importConnector, type ImportDeps } from './importConnector';
import type { StoredLink, SyncRun } from './RegistrySyncStore';

/** What each import needs (the registry's store: versions and assignments to compare with, and the audit chain). */
export type RegistrySyncServiceOptions = Omit<ImportDeps, 'now'> & {
  connectors: ModelRegistryConnector[];
  now?: () => Date;
};

const later = (a: string, b?: string) => (b && b > a ? b : a);

/**
 * The importer of outside model registries: each connector's models linked to Model entities and their versions
 * imported, one connector's failure kept to that connector (its error, when, and counts are stored and shown),
 * and alias writes back for connectors that ask for them. Modelport stays where promotions are decided.
 */
export class RegistrySyncService {
  readonly #options: RegistrySyncServiceOptions;
  readonly #deps: ImportDeps;
  readonly #writer: AliasWriter;
  readonly #running = new Map<string, Promise<void>>();

  constructor(options: RegistrySyncServiceOptions) {
    const names = options.connectors.map(c => c.name);
    const twice = names.filter((n, i) => names.indexOf(n) !== i);
    if (twice.length) throw new InputError(`Registry connector names must be unique; ${[...new Set(twice)].join(', ')} is added more than once`);
    this.#options = options;
    const now = options.now ?? (() => new Date());
    this.#deps = { ...options, now };
    this.#writer = new AliasWriter({ ...options, now });
  }

  get configured(): boolean {
    return this.#options.connectors.length > 0;
  }

  get writesBack(): boolean {
    return this.#options.connectors.some(c => c.writeBack);
  }

  /** Every connector, one after the other, each failing on its own; then the alias writes due. */
  async syncAll(signal?: AbortSignal): Promise<void> {
    for (const connector of this.#options.connectors) {
      if (signal?.aborted) return;
      await this.#sync(connector, signal);
    }
    if (!signal?.aborted) await this.#writer.run();
  }

  /** One connector now, and the alias writes due; answers how it went. */
  async sync(name: string): Promise<RegistryConnectorStatus> {
    const connector = this.#connector(name);
    await this.#sync(connector);
    await this.#writer.run();
    return (await this.statuses()).find(s => s.name === name)!;
  }

  /**
   * A committed registry change: queues the alias writes it calls for and starts them without waiting for the
   * registry to answer (the promotion is done either way; `writeAliases` waits for them).
   */
  async registryChanged(event: RegistryEvent): Promise<void> {
    if (!(await this.#writer.registryChanged(event))) return;
    this.#writer.run().catch(error => this.#options.logger.warn('The alias writes failed', error as Error));
  }

  /** Works through the alias writes due (failed ones again). */
  writeAliases(): Promise<void> {
    return this.#writer.run();
  }

  async statuses(): Promise<RegistryConnectorStatus[]> {
    const { store, connectors } = this.#options;
    const runs = new Map((await store.runs()).map(r => [r.connector, r]));
    return Promise.all(
      connectors.map(async c => {
        const run: Partial<SyncRun> = runs.get(c.name) ?? {};
        return {
          name: c.name,
          flavour: c.flavour,
          writeBack: c.writeBack,
          ...(run.lastAttemptAt ? { lastAttemptAt: run.lastAttemptAt } : {}),
          ...(run.lastSuccessAt ? { lastSuccessAt: run.lastSuccessAt } : {}),
          ...(run.lastError ? { error: run.lastError } : {}),
          ...(run.lastRun ? { lastRun: run.lastRun } : {}),
          totalVersionsImported: run.totalVersionsImported ?? 0,
          writeBacks: await store.countAliasWrites(c.name),
        };
      }),
    );
  }

  /** Every link, deleted ones included; a live link was last seen by its connector's last successful sync. */
  async links(): Promise<RegistryModelLink[]> {
    const [links, runs] = await Promise.all([this.#options.store.links(), this.#options.store.runs()]);
    const lastOk = new Map(runs.map(r => [r.connector, r.lastSuccessAt]));
    return links.map(link => this.#seen(link, lastOk.get(link.connector)));
  }

  async linkOf(modelRef: string): Promise<ModelRegistryLink> {
    const { store } = this.#options;
    const [link, findings, aliasWrites, runs] = await Promise.all([store.linkOf(modelRef), store.findings(modelRef), store.aliasWrites(modelRef), store.runs()]);
    return {
      ...(link ? { link: this.#seen(link, runs.find(r => r.connector === link.connector)?.lastSuccessAt) } : {}),
      findings,
      aliasWrites,
    };
  }

  #seen(link: StoredLink, lastSuccessAt: string | undefined): RegistryModelLink {
    return link.deletedAt ? link : { ...link, lastSeenAt: later(link.lastSeenAt, lastSuccessAt) };
  }

  #connector(name: string): ModelRegistryConnector {
    const connector = this.#options.connectors.find(c => c.name === name);
    if (!connector) throw new NotFoundError(`No registry connector named '${name}'`);
    return connector;
  }

  /** One connector's sync, never two of the same at once on this replica: a second caller waits for the first. */
  #sync(connector: ModelRegistryConnector, signal?: AbortSignal): Promise<void> {
    const running = this.#running.get(connector.name);
    if (running) return running;
    const run = this.#syncOnce(connector, signal).finally(() => this.#running.delete(connector.name));
    this.#running.set(connector.name, run);
    return run;
  }

  async #syncOnce(connector: ModelRegistryConnector, signal?: AbortSignal): Promise<void> {
    const { store, logger } = this.#options;
    const at = this.#deps.now().toISOString();
    try {
      await store.attempted(connector.name, connector.flavour, at);
      const counts = await importConnector(this.#deps, connector, signal);
      await store.succeeded(connector.name, at, counts);
    } catch (error) {
      const message = (error as Error)?.message || String(error);
      logger.warn(`Registry sync of ${connector.name} (${connector.flavour}) failed: ${message}`);
      try {
        await store.failed(connector.name, message);
      } catch (stored) {
        logger.error(`Could not record the failed sync of ${connector.name}`, stored as Error);
      }
    }
  }
}
