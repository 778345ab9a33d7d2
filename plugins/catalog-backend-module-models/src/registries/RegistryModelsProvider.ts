import type { AuthService, DiscoveryService, LoggerService, SchedulerServiceTaskRunner } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { EntityProvider, EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { type ModelRegistryClient, registryModelEntity, type RegistryModelLink } from '@modelport/plugin-models-common';
import { modelsBackendClient } from '../modelsBackendClient';

const PROVIDER_NAME = 'modelport-registries';

/**
 * The entity of an imported model, as the models backend's importer registers its versions against it, located
 * at its registered model so that the catalog tells it apart from a hand-written Model of the same name.
 */
function registryLinkEntity(link: RegistryModelLink): Entity {
  const entity = registryModelEntity(link);
  const location = `${PROVIDER_NAME}:${link.connector}/${link.externalName}`;
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      annotations: { ...entity.metadata.annotations, 'backstage.io/managed-by-location': location, 'backstage.io/managed-by-origin-location': location },
    },
  };
}

/**
 * Offers the models of the outside registries the models backend imports from (MLflow, Unity Catalog) as Model
 * entities, one per link (off unless `catalog.providers.modelportRegistries` is configured). A model deleted in its
 * registry is still offered, deprecated and annotated with when, so that its versions and history stay in view.
 * Each run replaces the whole set; a run whose read fails keeps the last one.
 */
export class RegistryModelsProvider implements EntityProvider {
  readonly #client: ModelRegistryClient;
  #connection?: EntityProviderConnection;

  constructor(private readonly options: { discovery: DiscoveryService; auth: AuthService; logger: LoggerService; runner: SchedulerServiceTaskRunner }) {
    this.#client = modelsBackendClient(options);
  }

  getProviderName(): string {
    return PROVIDER_NAME;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.#connection = connection;
    await this.options.runner.run({ id: `${this.getProviderName()}:refresh`, fn: async () => void (await this.refresh()) });
  }

  /** One run: every link as an entity, replacing the last run's; -1 when the models backend did not answer. */
  async refresh(): Promise<number> {
    if (!this.#connection) throw new Error('RegistryModelsProvider is not connected to the catalog yet');
    let links;
    try {
      links = await this.#client.listRegistryModels();
    } catch (error) {
      this.options.logger.warn(`Registry models: the models backend did not answer (${(error as Error).message}); the entities offered before stay`);
      return -1;
    }
    const entities = links.map(registryLinkEntity);
    await this.#connection.applyMutation({ type: 'full', entities: entities.map(entity => ({ entity, locationKey: this.getProviderName() })) });
    this.options.logger.info(`Registry models: ${entities.length} models of outside registries offered as Model entities`);
    return entities.length;
  }
}
