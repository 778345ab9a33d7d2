import type { ExternalRunData } from '@modelport/plugin-models-node';
import { RegistryClient, RegistryRequestError } from './registryClient';
import { lastMetrics, mlflowExperimentsPage, mlflowRun, mlflowRunsPage, record, type MlflowRun } from './wire';

/** The experiments listed a page at a time, and the run ids put in one run search (its max_results too). */
const PAGE = 1000;
/**
 * Ids that can be quoted into a filter as they are: MLflow's and Databricks' run ids are 32 hex digits. Any other
 * is read with runs/get, so that no id can change what the filter says.
 */
const SEARCHABLE_ID = /^[\w-]+$/;

/**
 * The runs of an MLflow tracking server or a Databricks workspace, which answer the same tracking API, read one at a
 * time (`GET runs/get`) or many at once.
 *
 * Many at once: `POST runs/search` with `attributes.run_id IN (...)`, 1,000 ids a search, in every experiment (the
 * search needs experiment_ids, and a version does not name its run's experiment). The experiments are listed with
 * `POST experiments/search` (1,000 a page, deleted ones too, as MLflow's client does for search_all_experiments)
 * once per sync, on its first batch. A run the search did not return, in an experiment created since the listing or
 * with an id that is not quoted into a filter, is read with runs/get; one that answers 404 is gone.
 */
export class MlflowRuns {
  private experimentIds?: string[];

  constructor(
    private readonly client: RegistryClient,
    /** The run's page in the registry's UI. */
    private readonly linkOf: (experimentId: string, runId: string) => string,
  ) {}

  /** Forgets the experiments listed, so that the next batch lists them again: each sync starts with it. */
  reset(): void {
    this.experimentIds = undefined;
  }

  /** A run's metrics (the last value of each) and params; undefined when the run is gone (deleted, or in another workspace). */
  async get(runId: string): Promise<ExternalRunData | undefined> {
    try {
      const { run } = await this.client.call(mlflowRun, '/api/2.0/mlflow/runs/get', { query: { run_id: runId } });
      return this.dataOf(run, runId);
    } catch (error) {
      if (error instanceof RegistryRequestError && error.status === 404) return undefined;
      throw error;
    }
  }

  /** Each of these runs that the registry has, by id. */
  async search(runIds: string[]): Promise<Map<string, ExternalRunData>> {
    const wanted = [...new Set(runIds)];
    const found = new Map<string, ExternalRunData>();
    const searchable = wanted.filter(id => SEARCHABLE_ID.test(id));
    const experimentIds = searchable.length ? await this.experiments() : [];
    // A registry without experiments has no runs to search: each is read on its own below.
    for (let i = 0; experimentIds.length > 0 && i < searchable.length; i += PAGE) {
      const chunk = new Set(searchable.slice(i, i + PAGE));
      for await (const runs of this.searchRuns(experimentIds, [...chunk])) {
        for (const run of runs) {
          const id = run.info.run_id ?? run.info.run_uuid;
          if (id && chunk.has(id)) found.set(id, this.dataOf(run, id));
        }
      }
    }
    for (const id of wanted) {
      if (found.has(id)) continue;
      const run = await this.get(id);
      if (run) found.set(id, run);
    }
    return found;
  }

  private async experiments(): Promise<string[]> {
    if (this.experimentIds) return this.experimentIds;
    const path = '/api/2.0/mlflow/experiments/search';
    const ids: string[] = [];
    const pages = this.client.pages(
      async pageToken => {
        const page = await this.client.call(mlflowExperimentsPage, path, { method: 'POST', body: { max_results: PAGE, view_type: 'ALL', page_token: pageToken } });
        return { items: page.experiments, next: page.next_page_token };
      },
      path,
      'POST',
    );
    for await (const experiments of pages) ids.push(...experiments.map(e => e.experiment_id));
    this.experimentIds = ids;
    return ids;
  }

  private searchRuns(experimentIds: string[], runIds: string[]): AsyncIterable<MlflowRun[]> {
    const path = '/api/2.0/mlflow/runs/search';
    const filter = `attributes.run_id IN (${runIds.map(id => `'${id}'`).join(', ')})`;
    return this.client.pages(
      async pageToken => {
        const page = await this.client.call(mlflowRunsPage, path, {
          method: 'POST',
          body: { experiment_ids: experimentIds, filter, run_view_type: 'ALL', max_results: PAGE, page_token: pageToken },
        });
        return { items: page.runs, next: page.next_page_token };
      },
      path,
      'POST',
    );
  }

  private dataOf(run: MlflowRun, runId: string): ExternalRunData {
    return {
      metrics: lastMetrics(run.data.metrics.filter(m => Number.isFinite(m.value))),
      params: record(run.data.params),
      runUrl: this.linkOf(run.info.experiment_id, run.info.run_id ?? run.info.run_uuid ?? runId),
    };
  }
}
