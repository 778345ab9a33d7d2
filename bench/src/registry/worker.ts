/*
 * The backend under test: catalog, the Model kind, and the models backend, on in-memory SQLite. A bench module
 * inserts N models' versions and environment history straight into the registry's tables once the plugin has
 * migrated them, then the worker prints "ready" when the catalog serves all N models.
 */
import { createBackend } from '@backstage/backend-defaults';
import { coreServices, createBackendModule, createBackendPlugin } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { modelRefOf } from '@modelport/plugin-models-common';

const models = Number(process.env.BENCH_MODELS);
const versionsPerModel = Number(process.env.BENCH_VERSIONS);

const seedVersions = createBackendModule({
  pluginId: 'models',
  moduleId: 'bench-seed',
  register(reg) {
    reg.registerInit({
      deps: { database: coreServices.database, lifecycle: coreServices.lifecycle },
      async init({ database, lifecycle }) {
        lifecycle.addStartupHook(async () => {
          const knex = await database.getClient();
          const at = new Date('2026-11-01T00:00:00Z').getTime();
          for (let m = 0; m < models; m++) {
            const modelRef = modelRefOf({ namespace: 'default', name: `model-${m}` });
            const rows = Array.from({ length: versionsPerModel }, (_, v) => ({
              model_ref: modelRef,
              version: `1.${v}.0`,
              artifact_uri: `s3://bench/model-${m}/1.${v}.0`,
              framework: 'xgboost',
              metrics: JSON.stringify({ auc: 0.8 + v / 1000, precision: 0.6 }),
              parameters: JSON.stringify({ max_depth: '6' }),
              tags: '[]',
              registered_by: 'user:default/bench',
              registered_at: new Date(at + v * 60_000).toISOString(),
            }));
            await knex.batchInsert('model_versions', rows, 100);
            await knex('environment_assignments').insert(
              ['dev', 'staging', 'prod'].map((environment, i) => ({
                model_ref: modelRef,
                environment,
                version: `1.${versionsPerModel - 1 - i}.0`,
                since: new Date(at + i * 3_600_000).toISOString(),
                assigned_by: 'user:default/bench',
                cause: 'promotion',
              })),
            );
          }
          process.stdout.write('seeded\n');
        });
      },
    });
  },
});

const readiness = createBackendPlugin({
  pluginId: 'bench-probe',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogServiceRef, auth: coreServices.auth, lifecycle: coreServices.rootLifecycle },
      async init({ catalog, auth, lifecycle }) {
        lifecycle.addStartupHook(async () => {
          const credentials = await auth.getOwnServiceCredentials();
          for (;;) {
            const { totalItems } = await catalog.queryEntities({ filter: { kind: 'model' }, limit: 1 }, { credentials });
            if (totalItems >= models) break;
            await new Promise(resolve => setTimeout(resolve, 500));
          }
          process.stdout.write('catalog-ready\n');
        });
      },
    });
  },
});

const backend = createBackend();
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@modelport/plugin-catalog-backend-module-models'));
// BENCH_MODELS_BACKEND: the models backend's source at another revision (run.ts --compare), else this one's.
backend.add(process.env.BENCH_MODELS_BACKEND ? require(process.env.BENCH_MODELS_BACKEND).default : import('@modelport/plugin-models-backend'));
backend.add(seedVersions);
backend.add(readiness);
backend.start();
