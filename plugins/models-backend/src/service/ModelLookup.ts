import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { isModelEntity, type ModelEntityV1alpha1 } from '@modelport/plugin-models-common';
import { LRUCache } from 'lru-cache';

/**
 * Looks Models up in the catalog with the caller's credentials, so that catalog visibility applies. Reads may
 * use an answer up to ten seconds old, kept per caller; every mutation asks afresh.
 */
export class ModelLookup {
  readonly #catalog: CatalogService;
  readonly #recent = new LRUCache<string, ModelEntityV1alpha1>({ max: 20_000, ttl: 10_000 });

  constructor(catalog: CatalogService) {
    this.#catalog = catalog;
  }

  async get(modelRef: string, credentials: BackstageCredentials, options?: { fresh?: boolean }): Promise<ModelEntityV1alpha1> {
    const principal = credentials.principal as { userEntityRef?: string; subject?: string };
    const key = `${principal.userEntityRef ?? principal.subject ?? 'none'}|${modelRef}`;
    const recent = options?.fresh ? undefined : this.#recent.get(key);
    if (recent) return recent;
    const entity = await this.#catalog.getEntityByRef(modelRef, { credentials });
    if (!entity || !isModelEntity(entity)) throw new NotFoundError(`No Model ${modelRef} in the catalog`);
    this.#recent.set(key, entity);
    return entity;
  }
}
