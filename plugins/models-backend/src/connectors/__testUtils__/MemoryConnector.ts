import type { ExternalModelVersion, ExternalRegisteredModel, ExternalRunData, ModelRegistryConnector } from '@modelport/plugin-models-node';

/**
 * An outside registry held in memory, for the importer's tests: models and versions to change between syncs,
 * the calls it received, and failures to answer with.
 */
export class MemoryConnector implements ModelRegistryConnector {
  readonly flavour: string;
  readonly aliasEnvironments: Record<string, string>;
  readonly writeBack: boolean;
  readonly owner: { tag?: string; default: string };
  readonly namespace: string;

  models = new Map<string, ExternalRegisteredModel>();
  versions: ExternalModelVersion[] = [];
  runs = new Map<string, ExternalRunData>();
  /** The listing throws this, when set: a 401, a 500, a timeout. */
  failure?: Error;
  /** setAlias throws this many times before it succeeds. */
  setAliasFailures = 0;
  readonly calls = {
    registeredModels: 0,
    modelVersions: [] as string[][],
    runData: [] as string[],
    runsData: [] as string[][],
    setAlias: [] as Array<[string, string, string]>,
  };
  /** Reads runs in batches, as the MLflow connector does; only a connector built with `batchRuns` has it. */
  readonly runsData?: (runIds: string[]) => Promise<Map<string, ExternalRunData>>;

  constructor(
    readonly name: string,
    options: Partial<Pick<ModelRegistryConnector, 'flavour' | 'aliasEnvironments' | 'writeBack' | 'owner' | 'namespace'>> & { batchRuns?: boolean } = {},
  ) {
    this.flavour = options.flavour ?? 'mlflow';
    this.aliasEnvironments = options.aliasEnvironments ?? {};
    this.writeBack = options.writeBack ?? false;
    this.owner = options.owner ?? { tag: 'owner', default: 'group:default/ml-platform' };
    this.namespace = options.namespace ?? 'default';
    if (options.batchRuns) {
      this.runsData = async runIds => {
        this.calls.runsData.push(runIds);
        return new Map(runIds.flatMap(id => (this.runs.has(id) ? [[id, this.runs.get(id)!] as const] : [])));
      };
    }
  }

  /** Adds or replaces a model; `updatedAt` moves with every change, as MLflow's last_updated_timestamp does. */
  setModel(model: Partial<ExternalRegisteredModel> & { name: string }, updatedAt: string) {
    this.models.set(model.name, { tags: {}, aliases: {}, ...this.models.get(model.name), ...model, updatedAt });
  }

  addVersion(version: Partial<ExternalModelVersion> & { modelName: string; version: string }) {
    this.versions = this.versions.filter(v => !(v.modelName === version.modelName && v.version === version.version));
    this.versions.push({ status: 'READY', source: `s3://mlflow/${version.modelName}/${version.version}`, tags: {}, ...version });
  }

  async *registeredModels(): AsyncIterable<ExternalRegisteredModel[]> {
    this.calls.registeredModels++;
    if (this.failure) throw this.failure;
    const all = [...this.models.values()];
    for (let i = 0; i < all.length; i += 2) yield all.slice(i, i + 2);
  }

  async *modelVersions(models: ExternalRegisteredModel[]): AsyncIterable<ExternalModelVersion[]> {
    const names = models.map(m => m.name);
    this.calls.modelVersions.push(names);
    const wanted = this.versions.filter(v => names.includes(v.modelName));
    for (let i = 0; i < wanted.length; i += 3) yield wanted.slice(i, i + 3);
  }

  async runData(runId: string): Promise<ExternalRunData | undefined> {
    this.calls.runData.push(runId);
    return this.runs.get(runId);
  }

  async setAlias(modelName: string, alias: string, version: string): Promise<void> {
    this.calls.setAlias.push([modelName, alias, version]);
    if (this.setAliasFailures > 0) {
      this.setAliasFailures--;
      throw new Error('MLflow answered 503 Service Unavailable');
    }
    const model = this.models.get(modelName);
    if (model) this.models.set(modelName, { ...model, aliases: { ...model.aliases, [alias]: version } });
  }
}
