import type {
  ExternalModelVersion,
  ExternalRegisteredModel,
  ExternalRunData,
  ExternalServingEndpoint,
  ModelRegistryConnector,
} from '@modelport/plugin-models-node';
import type { RegistryInstanceConfig } from './config';
import { ConfiguredConnector } from './ConfiguredConnector';
import { MlflowRuns } from './mlflowRuns';
import { RegistryRequestError } from './registryClient';
import { anyObject, iso, servingEndpoint, servingEndpointsList, ucModelsPage, ucVersionsPage } from './wire';

const PAGE = 1000;
const segment = encodeURIComponent;

/** The environment an endpoint stands for: its exact name first, then the first glob (`*`) that matches it. */
export function environmentOf(endpoint: string, environments: Record<string, string>): string | undefined {
  if (Object.hasOwn(environments, endpoint)) return environments[endpoint];
  for (const [pattern, environment] of Object.entries(environments)) {
    if (!pattern.includes('*')) continue;
    const glob = new RegExp(`^${pattern.split('*').map(p => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    if (glob.test(endpoint)) return environment;
  }
  return undefined;
}

/**
 * A Databricks workspace's Unity Catalog models in one catalog and schema, with the workspace's Model Serving
 * endpoints and its MLflow runs.
 *
 * Calls: `GET /api/2.1/unity-catalog/models?catalog_name&schema_name` (max_results 1000, through empty pages);
 * versions with `GET /api/2.1/unity-catalog/models/{full_name}/versions`, one listing per model, since Unity
 * Catalog has no search across models (skip unchanged models by their updatedAt before asking); runs with the
 * workspace's tracking API, `POST /api/2.0/mlflow/runs/search` by id, 1,000 a search, after one
 * `POST /api/2.0/mlflow/experiments/search` listing per sync (see MlflowRuns); serving with `GET /api/2.0/serving-endpoints`, then
 * `GET /api/2.0/serving-endpoints/{name}` for each endpoint that `servingEnvironments` maps, as only the latter
 * has the traffic configuration.
 *
 * @public
 */
export class UnityCatalogConnector extends ConfiguredConnector implements ModelRegistryConnector {
  readonly servingEndpoints?: () => Promise<Array<ExternalServingEndpoint & { environment: string }>>;
  private readonly runs: MlflowRuns;

  constructor(config: RegistryInstanceConfig) {
    super(config, 'unity-catalog');
    this.runs = new MlflowRuns(this.client, (experimentId, runId) => `${config.url}/ml/experiments/${experimentId}/runs/${runId}`);
    // Only an instance that maps endpoints to environments has serving to report.
    if (Object.keys(config.servingEnvironments).length) this.servingEndpoints = () => this.readServingEndpoints();
  }

  async *registeredModels(): AsyncIterable<ExternalRegisteredModel[]> {
    // A sync starts here: its run searches list the workspace's experiments anew.
    this.runs.reset();
    const path = '/api/2.1/unity-catalog/models';
    const pages = this.client.pages(async pageToken => {
      const page = await this.client.call(ucModelsPage, path, {
        query: { catalog_name: this.config.catalogName, schema_name: this.config.schemaName, max_results: PAGE, page_token: pageToken },
      });
      return { items: page.registered_models, next: page.next_page_token };
    }, path);
    for await (const models of pages) {
      yield models.map(m => ({
        name: m.full_name,
        ...(m.comment ? { description: m.comment } : {}),
        // Unity Catalog keeps a model's tags out of this API (they are read with SQL); there are none to map.
        tags: {},
        aliases: Object.fromEntries(m.aliases.map(a => [a.alias_name, String(a.version_num)])),
        ...(iso(m.updated_at) ? { updatedAt: iso(m.updated_at) } : {}),
        url: `${this.config.url}/explore/data/models/${segment(m.catalog_name)}/${segment(m.schema_name)}/${segment(m.name)}`,
      }));
    }
  }

  async *modelVersions(models: ExternalRegisteredModel[]): AsyncIterable<ExternalModelVersion[]> {
    for (const model of models) {
      const path = `/api/2.1/unity-catalog/models/${segment(model.name)}/versions`;
      const pages = this.client.pages(async pageToken => {
        const page = await this.client.call(ucVersionsPage, path, { query: { max_results: PAGE, page_token: pageToken } });
        return { items: page.model_versions, next: page.next_page_token };
      }, path);
      try {
        for await (const versions of pages) {
          yield versions.map(v => ({
            modelName: model.name,
            version: String(v.version),
            status: v.status,
            source: v.storage_location ?? v.source,
            ...(v.run_id ? { runId: v.run_id } : {}),
            ...(v.comment ? { description: v.comment } : {}),
            tags: {},
            ...(iso(v.created_at) ? { createdAt: iso(v.created_at) } : {}),
          }));
        }
      } catch (error) {
        // Deleted since it was listed: it has no versions to import, and the next listing leaves it out.
        if (error instanceof RegistryRequestError && error.status === 404) continue;
        throw error;
      }
    }
  }

  async runData(runId: string): Promise<ExternalRunData | undefined> {
    return this.runs.get(runId);
  }

  async runsData(runIds: string[]): Promise<Map<string, ExternalRunData>> {
    return this.runs.search(runIds);
  }

  async setAlias(modelName: string, alias: string, version: string): Promise<void> {
    if (!/^\d+$/.test(version)) throw new Error(`unity-catalog registry '${this.name}': version '${version}' of ${modelName} is no Unity Catalog version number`);
    await this.client.call(anyObject, `/api/2.1/unity-catalog/models/${segment(modelName)}/aliases/${segment(alias)}`, {
      method: 'PUT',
      body: { version_num: Number(version) },
    });
  }

  private async readServingEndpoints(): Promise<Array<ExternalServingEndpoint & { environment: string }>> {
    const { endpoints } = await this.client.call(servingEndpointsList, '/api/2.0/serving-endpoints');
    const mapped = endpoints.flatMap(e => {
      const environment = environmentOf(e.name, this.config.servingEnvironments);
      return environment ? [{ name: e.name, environment }] : [];
    });
    const result: Array<ExternalServingEndpoint & { environment: string }> = [];
    for (const { name, environment } of mapped) {
      const e = await this.client.call(servingEndpoint, `/api/2.0/serving-endpoints/${segment(name)}`);
      const entities = (e.config?.served_entities ?? e.config?.served_models ?? []).flatMap(s => {
        const [modelName, version] = [s.entity_name ?? s.model_name, s.entity_version ?? s.model_version];
        // External and foundation models have no registered version: nothing of a registry is served there.
        return modelName && version ? [{ name: s.name, modelName, version }] : [];
      });
      const routes = e.config?.traffic_config?.routes ?? [];
      // Without routes, a lone served entity takes all the traffic; with them, each gets what its routes give it.
      const share = (served: string) => {
        if (!routes.length) return entities.length === 1 ? 100 : 0;
        return routes.filter(r => (r.served_entity_name ?? r.served_model_name) === served).reduce((sum, r) => sum + r.traffic_percentage, 0);
      };
      result.push({
        name: e.name,
        ready: e.state.ready === 'READY',
        updating: e.state.config_update === 'IN_PROGRESS',
        served: entities.map(s => ({ ...s, trafficPercent: share(s.name) })),
        url: `${this.config.url}/ml/endpoints/${segment(e.name)}`,
        environment,
      });
    }
    return result;
  }
}
