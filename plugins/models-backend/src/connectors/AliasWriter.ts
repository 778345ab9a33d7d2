import type { LoggerService } from '@backstage/backend-plugin-api';
import type { RegistryEvent } from '@modelport/plugin-models-common';
import type { ModelRegistryConnector } from '@modelport/plugin-models-node';
import type { ModelRegistryStore } from '../store/ModelRegistryStore';
import type { RegistrySyncStore } from './RegistrySyncStore';
import { appendSyncAudit, syncActor } from './syncAudit';

export type AliasWriterOptions = {
  connectors: ModelRegistryConnector[];
  store: RegistrySyncStore;
  registryStore: ModelRegistryStore;
  logger: LoggerService;
  now: () => Date;
};

/**
 * Moves the registry's aliases after Modelport's promotions and rollbacks, for connectors with `writeBack`: a
 * change of an environment that an alias stands for is queued as an alias write, and the queue is worked through
 * at once and again on every sync, retrying what failed. Each attempt's outcome is an event of the audit chain.
 */
export class AliasWriter {
  readonly #options: AliasWriterOptions;
  #running: Promise<void> = Promise.resolve();

  constructor(options: AliasWriterOptions) {
    this.#options = options;
  }

  /**
   * Queues the alias writes a committed registry change calls for. Only versions this connector imported are
   * written: a version registered in Modelport alone does not exist in the outside registry.
   */
  async registryChanged(event: RegistryEvent): Promise<boolean> {
    if (event.action !== 'promotion.completed' && event.action !== 'environment.rolled-back') return false;
    const { environment, version } = event;
    if (!environment || !version) return false;
    const { store, registryStore } = this.#options;
    const link = await store.linkOf(event.modelRef);
    const connector = link && !link.deletedAt && this.#options.connectors.find(c => c.name === link.connector && c.writeBack);
    if (!link || !connector) return false;
    const aliases = Object.entries(connector.aliasEnvironments).filter(([, env]) => env === environment);
    if (!aliases.length) return false;
    const registered = await registryStore.getVersion(event.modelRef, version);
    if (registered?.registeredBy !== syncActor(connector.name).ref) {
      this.#options.logger.info(`Not moving ${connector.name}'s aliases of ${link.externalName} to ${version}: the version was not imported from there`);
      return false;
    }
    for (const [alias] of aliases) {
      await store.enqueueAliasWrite({ modelRef: event.modelRef, connector: connector.name, alias, environment, version, requestedAt: event.at });
    }
    return true;
  }

  /** Works through the due writes; runs one at a time, so that a write and its retry never race. */
  run(): Promise<void> {
    const next = this.#running.then(() => this.#runOnce());
    this.#running = next.catch(() => undefined);
    return next;
  }

  async #runOnce(): Promise<void> {
    const { store, logger } = this.#options;
    let due;
    try {
      due = await store.dueAliasWrites();
    } catch (error) {
      logger.warn('Could not read the alias writes due', error as Error);
      return;
    }
    for (const write of due) {
      const connector = this.#options.connectors.find(c => c.name === write.connector);
      const link = connector && (await store.linkOf(write.modelRef));
      if (!connector || !link) continue;
      const at = this.#options.now().toISOString();
      const attempt = write.attempts + 1;
      const fact = { connector: connector.name, externalName: link.externalName, alias: write.alias, environment: write.environment, version: write.version, attempt };
      try {
        await connector.setAlias(link.externalName, write.alias, write.version);
        await store.aliasWriteDone(write.id, at);
        await appendSyncAudit(this.#options.registryStore, { connector: connector.name, action: 'registry.alias-written', subject: write.modelRef, after: fact, at });
      } catch (error) {
        const message = (error as Error).message || String(error);
        logger.warn(`Could not move alias ${write.alias} of ${link.externalName} in ${connector.name} to ${write.version}: ${message}`);
        await store.aliasWriteFailed(write.id, message);
        await appendSyncAudit(this.#options.registryStore, { connector: connector.name, action: 'registry.alias-write-failed', subject: write.modelRef, after: { ...fact, error: message }, at });
      }
    }
  }
}
