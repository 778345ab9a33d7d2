import type { ExternalModelVersion, ExternalRegisteredModel, ExternalRunData, ModelRegistryConnector } from '@modelport/plugin-models-node';
import type { RegistryInstanceConfig } from './config';
import { ConfiguredConnector } from './ConfiguredConnector';
import { MlflowRuns } from './mlflowRuns';
import { anyObject, iso, mlflowModelsPage, mlflowVersionsPage, record } from './wire';

/** MLflow's ceiling for registered-model searches, and the page Modelport asks for everywhere. */
const PAGE = 1000;

/** A filter value, quoted as MLflow's parser (sqlparse) reads it: double quotes when the name holds a single one. */
const quoted = (name: string) => (name.includes("'") ? `"${name}"` : `'${name}'`);

/**
 * An MLflow tracking server's model registry (open-source MLflow 2.x and 3.x, or a Databricks workspace registry).
 *
 * Calls: registered models with `registered-models/search` (max_results 1000, the configured filter); versions
 * with `model-versions/search` at 1000 a page, either once for the whole registry (no filter, versions of models
 * not asked for dropped) or once per model (`name='...'`), whichever costs fewer calls. MLflow's search grammar
 * refuses `name IN (...)` (only run_id takes a list), so versions of several models cannot be asked for at once.
 * Runs with `runs/search` by id, 1,000 a search, after one `experiments/search` listing per sync (see MlflowRuns).
 *
 * @public
 */
export class MlflowConnector extends ConfiguredConnector implements ModelRegistryConnector {
  private readonly runs: MlflowRuns;
  /**
   * From the last complete listing: each model's highest version number, which bounds how many versions it has
   * (MLflow numbers them 1, 2, ...); it prices a search of the whole registry against searches per model.
   */
  private versionsEstimate?: { perModel: Map<string, number>; total: number };

  constructor(config: RegistryInstanceConfig) {
    super(config, 'mlflow');
    this.runs = new MlflowRuns(this.client, (experimentId, runId) => `${config.url}/#/experiments/${experimentId}/runs/${runId}`);
  }

  async *registeredModels(): AsyncIterable<ExternalRegisteredModel[]> {
    // A sync starts here: its run searches list the experiments anew.
    this.runs.reset();
    const path = '/api/2.0/mlflow/registered-models/search';
    const perModel = new Map<string, number>();
    const pages = this.client.pages(async pageToken => {
      const page = await this.client.call(mlflowModelsPage, path, { query: { max_results: PAGE, filter: this.config.filter, page_token: pageToken } });
      return { items: page.registered_models, next: page.next_page_token };
    }, path);
    for await (const models of pages) {
      for (const m of models) perModel.set(m.name, Math.max(1, ...m.latest_versions.map(v => Number(v.version) || 1)));
      yield models.map(m => ({
        name: m.name,
        ...(m.description ? { description: m.description } : {}),
        tags: record(m.tags),
        aliases: Object.fromEntries(m.aliases.map(a => [a.alias, a.version])),
        ...(iso(m.last_updated_timestamp) ? { updatedAt: iso(m.last_updated_timestamp) } : {}),
        url: `${this.config.url}/#/models/${encodeURIComponent(m.name)}`,
      }));
    }
    this.versionsEstimate = { perModel, total: [...perModel.values()].reduce((a, b) => a + b, 0) };
  }

  async *modelVersions(models: ExternalRegisteredModel[]): AsyncIterable<ExternalModelVersion[]> {
    if (!models.length) return;
    const wanted = new Set(models.map(m => m.name));
    if (this.searchWholeRegistry(wanted)) {
      for await (const page of this.searchVersions()) {
        const kept = page.filter(v => wanted.has(v.modelName));
        if (kept.length) yield kept;
      }
      return;
    }
    for (const name of wanted) yield* this.searchVersions(`name=${quoted(name)}`);
  }

  /**
   * Whether one search of every version costs fewer calls than one search per model. Without a complete listing
   * to count from, or with a configured filter (the registry then holds models outside it whose versions nobody
   * counted), per model: it never reads more than was asked for.
   */
  private searchWholeRegistry(wanted: Set<string>): boolean {
    const estimate = this.versionsEstimate;
    if (this.config.filter || !estimate) return false;
    const total = estimate.total + [...wanted].filter(n => !estimate.perModel.has(n)).length;
    return Math.ceil(total / PAGE) < wanted.size;
  }

  private async *searchVersions(filter?: string): AsyncIterable<ExternalModelVersion[]> {
    const path = '/api/2.0/mlflow/model-versions/search';
    const pages = this.client.pages(async pageToken => {
      const page = await this.client.call(mlflowVersionsPage, path, { query: { max_results: PAGE, filter, page_token: pageToken } });
      return { items: page.model_versions, next: page.next_page_token };
    }, path);
    for await (const versions of pages) {
      yield versions.map(v => ({
        modelName: v.name,
        version: v.version,
        status: v.status,
        source: v.source,
        ...(v.run_id ? { runId: v.run_id } : {}),
        // Without run_link the run's page needs its experiment, which only runs/get says: runData's runUrl.
        ...(v.run_link ? { runUrl: v.run_link } : {}),
        ...(v.description ? { description: v.description } : {}),
        tags: record(v.tags),
        ...(iso(v.creation_timestamp) ? { createdAt: iso(v.creation_timestamp) } : {}),
      }));
    }
  }

  async runData(runId: string): Promise<ExternalRunData | undefined> {
    return this.runs.get(runId);
  }

  async runsData(runIds: string[]): Promise<Map<string, ExternalRunData>> {
    return this.runs.search(runIds);
  }

  async setAlias(modelName: string, alias: string, version: string): Promise<void> {
    await this.client.call(anyObject, '/api/2.0/mlflow/registered-models/alias', { method: 'POST', body: { name: modelName, alias, version } });
  }
}
