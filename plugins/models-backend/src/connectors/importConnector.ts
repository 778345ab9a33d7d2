import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { modelRefOf, registryEntityName, registryModelEntity, registryModelOwner, type RegistrySyncCounts } from '@modelport/plugin-models-common';
import type { ExternalModelVersion, ExternalRegisteredModel, ExternalRunData, ModelRegistryConnector } from '@modelport/plugin-models-node';
import type { RegistryService } from '../service/RegistryService';
import type { ModelRegistryStore } from '../store/ModelRegistryStore';
import { aliasFindings } from './aliasFindings';
import { refusedRefs } from './catalogGuard';
import type { NewFinding, RegistrySyncStore, StoredLink } from './RegistrySyncStore';
import { appendSyncAudit, syncActor } from './syncAudit';
import { versionInput } from './versionInput';
import { inBatches, readRuns, runIdsToRead } from './versionRuns';

export type ImportDeps = {
  store: RegistrySyncStore;
  registry: RegistryService;
  registryStore: ModelRegistryStore;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  now: () => Date;
};

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Whether what the link says of the model changed; `updatedAt` is left out, as it moves only once the versions are in. */
function changed(before: StoredLink, after: StoredLink): boolean {
  const fields = ['flavour', 'description', 'owner', 'url', 'deletedAt'] as const;
  return fields.some(f => before[f] !== after[f]) || !sameJson(before.tags, after.tags) || !sameJson(before.aliases, after.aliases);
}

function aborted(signal: AbortSignal | undefined) {
  if (signal?.aborted) throw new Error('The sync was stopped');
}

/**
 * One connector's import: its registered models linked to Model refs (new, changed, deleted), the READY versions
 * of the models that are new or changed since the last import registered through the registry's own path, and the
 * findings of this sync (aliases that disagree with Modelport, artifacts changed after import, refs another entity
 * holds). A model's `updatedAt` is stored only once its versions are in, so an interrupted import resumes.
 */
export async function importConnector(deps: ImportDeps, connector: ModelRegistryConnector, signal?: AbortSignal): Promise<RegistrySyncCounts> {
  const { store, logger } = deps;
  const at = deps.now().toISOString();
  const listed = new Map<string, ExternalRegisteredModel>();
  for await (const page of connector.registeredModels()) {
    aborted(signal);
    for (const model of page) listed.set(model.name, model);
  }
  const existing = new Map((await store.links(connector.name)).map(l => [l.externalName, l]));
  const counts: RegistrySyncCounts = { models: listed.size, deletedModels: 0, versionsImported: 0, versionsSkipped: 0, versionsNotReady: 0, refusedModels: 0, findings: 0 };

  const current = new Map<string, StoredLink>();
  const due: StoredLink[] = [];
  for (const model of listed.values()) {
    const before = existing.get(model.name);
    const link: StoredLink = {
      connector: connector.name,
      flavour: connector.flavour,
      externalName: model.name,
      modelRef: before?.modelRef ?? (await freeRef(deps, connector, model.name)),
      ...(model.description ? { description: model.description } : {}),
      tags: model.tags,
      aliases: model.aliases,
      owner: registryModelOwner(model.tags, connector.owner),
      ...(model.url ? { url: model.url } : {}),
      ...(before?.updatedAt && !before.deletedAt ? { updatedAt: before.updatedAt } : {}),
      firstSeenAt: before?.firstSeenAt ?? at,
      lastSeenAt: at,
    };
    if (!before || changed(before, link)) await store.saveLink(link);
    current.set(model.name, before && !changed(before, link) ? before : link);
    if (!link.updatedAt || !model.updatedAt || link.updatedAt !== model.updatedAt) due.push(link);
  }

  const gone = [...existing.values()].filter(l => !l.deletedAt && !listed.has(l.externalName));
  if (gone.length) {
    await store.markDeleted(connector.name, gone.map(l => l.externalName), at);
    for (const link of gone) {
      await appendSyncAudit(deps.registryStore, {
        connector: connector.name,
        action: 'registry.model-deleted',
        subject: link.modelRef,
        after: { connector: connector.name, flavour: connector.flavour, externalName: link.externalName, deletedAt: at },
        at,
      });
    }
    counts.deletedModels = gone.length;
  }

  const refused = await refusedRefs({
    catalog: deps.catalog,
    auth: deps.auth,
    wanted: due.map(l => ({ modelRef: l.modelRef, registeredModel: `${l.connector}/${l.externalName}` })),
  });
  const versionFindings: NewFinding[] = [...refused].map(([modelRef, message]) => ({ modelRef, connector: connector.name, kind: 'ref-conflict', message }));
  counts.refusedModels = refused.size;
  const importable = due.filter(l => !refused.has(l.modelRef));
  if (importable.length) {
    const models = importable.map(l => listed.get(l.externalName)!);
    const byName = new Map(importable.map(l => [l.externalName, l]));
    const registered = new Map<string, Map<string, string>>();
    for await (const batch of inBatches(connector.modelVersions(models))) {
      aborted(signal);
      const linked: Array<{ version: ExternalModelVersion; link: StoredLink; registered: Map<string, string> }> = [];
      for (const version of batch) {
        const link = byName.get(version.modelName);
        if (!link) continue;
        if (!registered.has(link.modelRef)) {
          registered.set(link.modelRef, new Map((await deps.registryStore.listVersions(link.modelRef)).map(v => [v.version, v.artifactUri])));
        }
        linked.push({ version, link, registered: registered.get(link.modelRef)! });
      }
      // The runs of the batch's new versions in one read, rather than one read per version.
      const runs = await readRuns(connector, runIdsToRead(linked));
      for (const { version, link, registered: known } of linked) {
        aborted(signal);
        const outcome = await importVersion(deps, connector, link, version, known, runs);
        if (outcome === 'imported') counts.versionsImported++;
        else if (outcome === 'not-ready') counts.versionsNotReady++;
        else {
          counts.versionsSkipped++;
          if (typeof outcome === 'object') versionFindings.push(outcome);
        }
      }
    }
    for (const link of importable) {
      const model = listed.get(link.externalName)!;
      if (model.updatedAt && model.updatedAt !== link.updatedAt) await store.saveLink({ ...current.get(link.externalName)!, updatedAt: model.updatedAt, lastSeenAt: at });
    }
  }
  if (counts.versionsImported) logger.info(`Registry sync of ${connector.name}: ${counts.versionsImported} versions imported`);

  const aliasDrift = await aliasFindings({
    connector,
    links: [...current.values()].filter(l => !refused.has(l.modelRef)),
    registryStore: deps.registryStore,
    store,
  });
  await store.replaceFindings(connector.name, { kinds: ['alias-drift'] }, aliasDrift, at);
  await store.replaceFindings(
    connector.name,
    { kinds: ['version-changed', 'ref-conflict'], modelRefs: [...due, ...gone].map(l => l.modelRef) },
    versionFindings,
    at,
  );
  counts.findings = await store.countFindings(connector.name);
  return counts;
}

/** The Model ref for a newly listed model: its cleaned name, or with a hash when another link took that already. */
async function freeRef(deps: ImportDeps, connector: ModelRegistryConnector, externalName: string): Promise<string> {
  const except = { connector: connector.name, externalName };
  const plain = modelRefOf({ namespace: connector.namespace, name: registryEntityName(externalName) });
  if (!(await deps.store.refTaken(plain, except))) return plain;
  return modelRefOf({ namespace: connector.namespace, name: registryEntityName(externalName, { withHash: true }) });
}

type VersionOutcome = 'imported' | 'skipped' | 'not-ready' | NewFinding;

async function importVersion(
  deps: ImportDeps,
  connector: ModelRegistryConnector,
  link: StoredLink,
  version: ExternalModelVersion,
  registered: Map<string, string>,
  runs: Map<string, ExternalRunData>,
): Promise<VersionOutcome> {
  if (version.status !== 'READY') return 'not-ready';
  const known = registered.get(version.version);
  if (known !== undefined) {
    if (known === version.source.trim()) return 'skipped';
    return {
      modelRef: link.modelRef,
      connector: connector.name,
      kind: 'version-changed',
      externalVersion: version.version,
      message: `version ${version.version} changed in ${connector.name} after import; Modelport keeps the imported artifact (${known}, not ${version.source})`,
    };
  }
  const input = versionInput(version, version.runId ? runs.get(version.runId) : undefined);
  if ('unfit' in input) {
    deps.logger.warn(`Registry sync of ${connector.name}: ${link.externalName} ${input.unfit}; skipped`);
    return 'skipped';
  }
  try {
    await deps.registry.registerVersion(registryModelEntity(link), input, syncActor(connector.name));
  } catch (error) {
    // Registered meanwhile, by a sync on another replica or by hand: it is compared on the next change.
    if (error instanceof ConflictError) return 'skipped';
    throw error;
  }
  registered.set(version.version, input.artifactUri);
  return 'imported';
}
