import type { AuthService, DiscoveryService, LoggerService, SchedulerServiceTaskRunner } from '@backstage/backend-plugin-api';
import type { EntityProvider, EntityProviderConnection } from '@backstage/plugin-catalog-node';
import type { ModelRegistryClient } from '@modelport/plugin-models-common';
import { modelsBackendClient } from '../modelsBackendClient';
import { discoveredEntities } from './discoveredEntities';

/**
 * Offers, as Model entities, the InferenceServices of the serving clusters that no Model entity describes yet
 * (off unless `catalog.providers.modelportServing` is configured). It reads what the models backend's serving
 * collection found (`GET /api/models/serving/discovered`) and replaces its whole set each run, so an offer goes
 * away once a Model of the owners' own takes the object, or the object is gone.
 */
export class ServingDiscoveryProvider implements EntityProvider {
  readonly #client: ModelRegistryClient;
  #connection?: EntityProviderConnection;

  constructor(
    private readonly options: { owner: string; discovery: DiscoveryService; auth: AuthService; logger: LoggerService; runner: SchedulerServiceTaskRunner },
  ) {
    this.#client = modelsBackendClient(options);
  }

  getProviderName(): string {
    return 'modelport-serving-discovery';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.#connection = connection;
    await this.options.runner.run({ id: `${this.getProviderName()}:refresh`, fn: async () => void (await this.refresh()) });
  }

  /** One run: the objects no Model describes, as entities, replacing the last run's. A failure keeps the last set. */
  async refresh(): Promise<number> {
    if (!this.#connection) throw new Error('ServingDiscoveryProvider is not connected to the catalog yet');
    let objects;
    try {
      objects = await this.#client.listDiscoveredServing();
    } catch (error) {
      this.options.logger.warn(`Serving discovery: the models backend did not answer (${(error as Error).message}); the entities offered before stay`);
      return -1;
    }
    const entities = discoveredEntities(objects, { owner: this.options.owner, locationKey: this.getProviderName() });
    await this.#connection.applyMutation({ type: 'full', entities: entities.map(entity => ({ entity, locationKey: this.getProviderName() })) });
    this.options.logger.info(`Serving discovery: ${entities.length} InferenceServices without a Model offered as discovered Models`);
    return entities.length;
  }
}
