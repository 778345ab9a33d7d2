import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import type { JsonObject } from '@backstage/types';
import type { Knex } from 'knex';
import request from 'supertest';
import { catalogModuleModels } from '../module';

/**
 * Starts the real catalog backend with the Models module on the given database, loading file locations.
 * Processing errors are recorded the way catalog-backend-module-logs receives them, keyed by entity ref.
 */
export async function startCatalogWithModels(options: {
  knex: Knex;
  locations: Array<{ type: 'file'; target: string; rules?: Array<{ allow: string[] }> }>;
  /** `catalog.providers`, for the module's optional providers. */
  providers?: JsonObject;
}) {
  const processingErrors = new Map<string, string[]>();
  const errorRecorder = createBackendModule({
    pluginId: 'catalog',
    moduleId: 'test-processing-errors',
    register(reg) {
      reg.registerInit({
        deps: { catalog: catalogProcessingExtensionPoint },
        async init({ catalog }) {
          catalog.setOnProcessingErrorHandler(({ unprocessedEntity, errors }) => {
            processingErrors.set(
              stringifyEntityRef(unprocessedEntity),
              errors.map(e => e.message),
            );
          });
        },
      });
    },
  });

  const backend = await startTestBackend({
    features: [
      mockServices.database.factory({ knex: options.knex }),
      catalogPlugin,
      catalogModuleModels,
      errorRecorder,
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            processingInterval: { seconds: 1 },
            rules: [{ allow: ['Component', 'System', 'Domain', 'API', 'Resource', 'Location', 'Model', 'User', 'Group'] }],
            locations: options.locations,
            ...(options.providers ? { providers: options.providers } : {}),
          },
        },
      }),
    ],
  });

  async function queryEntities(filter?: string): Promise<Entity[]> {
    const res = await request(backend.server)
      .get(filter ? `/api/catalog/entities/by-query?filter=${encodeURIComponent(filter)}` : '/api/catalog/entities/by-query')
      .set('Authorization', mockCredentials.user.header());
    if (res.status !== 200) throw new Error(`catalog answered ${res.status}: ${res.text}`);
    return res.body.items;
  }

  return { backend, processingErrors, queryEntities };
}

/** Polls until `done` holds; the test's timeout bounds the wait, so no fixed sleep decides the outcome. */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}
