import type { ExternalModelVersion, ExternalRegisteredModel, ExternalVersionStatus, ModelRegistryConnector } from '@modelport/plugin-models-node';
import type { z } from 'zod';
import type { RegistryInstanceConfig } from './config';
import { ConfiguredConnector } from './ConfiguredConnector';
import { RegistryRequestError } from './registryClient';
import { iso, kubeflowArtifactsPage, kubeflowModel, kubeflowModelsPage, kubeflowVersionsPage, stringProperties } from './wire';

const API = '/api/model_registry/v1alpha3';
/**
 * The registry's lists take pageSize up to 100: ML Metadata, which they are served from, caps max_result_size
 * there and answers fewer rather than refusing more.
 */
const PAGE = 100;
/**
 * Oldest first, so that pages stay put while things are registered meanwhile; the sort order is explicit because
 * with orderBy alone the registry sorts DESC (BuildListOperationOptions in kubeflow/model-registry's apiutils).
 */
const ORDER = { orderBy: 'ID', sortOrder: 'ASC' } as const;
const segment = encodeURIComponent;

type KubeflowVersion = z.output<typeof kubeflowVersionsPage>['items'][number];
type KubeflowArtifact = z.output<typeof kubeflowArtifactsPage>['items'][number];

/** Artifact states whose uri stands for the model; PENDING is still being written, the others are gone or given up. */
const USABLE = new Set(['LIVE', 'UNKNOWN', 'REFERENCE']);
const GIVEN_UP = new Set(['MARKED_FOR_DELETION', 'DELETED', 'ABANDONED']);

/**
 * A version's status from its model artifacts: READY with the first (oldest) usable one that has a uri; pending
 * while it has none yet (the Kubeflow clients create the version, then attach the artifact); failed when every one
 * was deleted or abandoned.
 */
function fromArtifacts(artifacts: KubeflowArtifact[]): { status: ExternalVersionStatus; artifact?: KubeflowArtifact } {
  const models = artifacts.filter(a => (a.artifactType ?? 'model-artifact') === 'model-artifact');
  const artifact = models.find(a => USABLE.has(a.state) && a.uri);
  if (artifact) return { status: 'READY', artifact };
  return { status: models.length && models.every(a => GIVEN_UP.has(a.state)) ? 'FAILED_REGISTRATION' : 'PENDING_REGISTRATION' };
}

/**
 * A Kubeflow Model Registry (its REST API v1alpha3, as the Kubeflow and Open Data Hub dashboards use it).
 *
 * Calls: registered models with `GET /registered_models` and every version with `GET /model_versions` (pageSize
 * 100, ordered by id, through nextPageToken): a model's own last update need not move when a version is added, so
 * its updatedAt is the latest of the model's and its versions'. Versions of the models asked for come from that
 * listing (or `GET /registered_models/{id}/versions` for a model listed since), then each LIVE version's model
 * artifact with `GET /model_versions/{id}/artifacts?artifactType=model-artifact`: one call per version, as
 * artifacts do not name their version and cannot be listed across versions. Read-only: Kubeflow has no aliases.
 *
 * @public
 */
export class KubeflowConnector extends ConfiguredConnector implements ModelRegistryConnector {
  // Kubeflow has no aliases: none stand for environments, and none are written, whatever the configuration says.
  override readonly aliasEnvironments: Record<string, string> = {};
  override readonly writeBack = false;
  /** From the last listing: each model's id by name, and the versions of each model id. */
  private listed?: { ids: Map<string, string>; versions: Map<string, KubeflowVersion[]> };
  /**
   * Models with a version whose artifact was not attached yet when last read. Attaching it need not move the
   * model's or the version's update time, so these are listed without updatedAt, and read again, until it shows.
   */
  private readonly awaitingArtifact = new Set<string>();

  constructor(config: RegistryInstanceConfig) {
    super(config, 'kubeflow');
  }

  async *registeredModels(): AsyncIterable<ExternalRegisteredModel[]> {
    const versions = new Map<string, KubeflowVersion[]>();
    for await (const page of this.list(kubeflowVersionsPage, `${API}/model_versions`)) {
      for (const v of page) versions.set(v.registeredModelId, [...(versions.get(v.registeredModelId) ?? []), v]);
    }
    const ids = new Map<string, string>();
    for await (const page of this.list(kubeflowModelsPage, `${API}/registered_models`)) {
      // An archived model is out of the registry's own lists and can be restored: left out, the importer marks it
      // deleted, and lists it again once restored.
      const live = page.filter(m => m.state === 'LIVE');
      for (const m of live) ids.set(m.name, m.id);
      if (!live.length) continue;
      yield live.map(m => {
        const updated = Math.max(m.lastUpdateTimeSinceEpoch ?? 0, ...(versions.get(m.id) ?? []).map(v => v.lastUpdateTimeSinceEpoch ?? 0));
        return {
          name: m.name,
          ...(m.description ? { description: m.description } : {}),
          tags: stringProperties(m.customProperties),
          aliases: {},
          ...(iso(updated) && !this.awaitingArtifact.has(m.id) ? { updatedAt: iso(updated) } : {}),
        };
      });
    }
    this.listed = { ids, versions };
  }

  async *modelVersions(models: ExternalRegisteredModel[]): AsyncIterable<ExternalModelVersion[]> {
    for (const model of models) {
      const id = this.listed?.ids.get(model.name) ?? (await this.findModel(model.name));
      if (!id) continue;
      let versions = this.listed?.versions.get(id);
      try {
        versions ??= await this.collect(this.list(kubeflowVersionsPage, `${API}/registered_models/${segment(id)}/versions`));
        const result: ExternalModelVersion[] = [];
        // Archived versions are hidden in Kubeflow's UI and never offered: left out, not given a status of their own.
        for (const v of versions.filter(version => version.state === 'LIVE').sort((a, b) => Number(a.id) - Number(b.id))) {
          const found = await this.artifactsOf(v.id);
          if (!found) continue;
          const { status, artifact } = fromArtifacts(found);
          const tags = stringProperties(v.customProperties);
          // The importer reads a version's framework from its tags; Kubeflow names it on the artifact.
          if (artifact?.modelFormatName && !tags.framework) tags.framework = artifact.modelFormatName;
          result.push({
            modelName: model.name,
            version: v.name,
            status,
            source: artifact?.uri ?? '',
            ...(v.description ? { description: v.description } : {}),
            tags,
            ...(iso(v.createTimeSinceEpoch) ? { createdAt: iso(v.createTimeSinceEpoch) } : {}),
          });
        }
        if (result.some(v => v.status === 'PENDING_REGISTRATION')) this.awaitingArtifact.add(id);
        else this.awaitingArtifact.delete(id);
        if (result.length) yield result;
      } catch (error) {
        // Deleted since it was listed: it has no versions to import, and the next listing leaves it out.
        if (error instanceof RegistryRequestError && error.status === 404) continue;
        throw error;
      }
    }
  }

  async setAlias(modelName: string, alias: string, version: string): Promise<void> {
    throw new Error(
      `kubeflow registry '${this.name}': cannot point alias ${alias} of ${modelName} at ${version}: Kubeflow Model Registry has no aliases, and write-back is not supported for kubeflow`,
    );
  }

  /** A model listed after the last complete listing, by name; undefined when it is gone or archived. */
  private async findModel(name: string): Promise<string | undefined> {
    try {
      const model = await this.client.call(kubeflowModel, `${API}/registered_model`, { query: { name } });
      return model.state === 'LIVE' ? model.id : undefined;
    } catch (error) {
      if (error instanceof RegistryRequestError && error.status === 404) return undefined;
      throw error;
    }
  }

  /** The version's model artifacts; undefined when the version is gone. */
  private async artifactsOf(versionId: string): Promise<KubeflowArtifact[] | undefined> {
    const path = `${API}/model_versions/${segment(versionId)}/artifacts`;
    try {
      return await this.collect(this.list(kubeflowArtifactsPage, path, { artifactType: 'model-artifact' }));
    } catch (error) {
      if (error instanceof RegistryRequestError && error.status === 404) return undefined;
      throw error;
    }
  }

  private list<T>(schema: z.ZodType<{ items: T[]; nextPageToken?: string }>, path: string, query: Record<string, string> = {}): AsyncIterable<T[]> {
    return this.client.pages(async pageToken => {
      const page = await this.client.call(schema, path, { query: { ...query, pageSize: PAGE, ...ORDER, nextPageToken: pageToken } });
      return { items: page.items, next: page.nextPageToken };
    }, path);
  }

  private async collect<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
    const all: T[] = [];
    for await (const page of pages) all.push(...page);
    return all;
  }
}
