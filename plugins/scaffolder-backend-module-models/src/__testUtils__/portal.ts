import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleTemplateKind from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import scaffolderModuleGithub from '@backstage/plugin-scaffolder-backend-module-github';
import catalogModuleModels from '@modelport/plugin-catalog-backend-module-models';
// Only tests run the models backend beside the module, as a portal would; the module itself talks HTTP to it.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import modelsPlugin from '@modelport/plugin-models-backend';
import path from 'node:path';
import request from 'supertest';
import { scaffolderModuleModels } from '../module';
import { TEMPLATES } from './dryRun';

/** The templates templates/all.yaml registers. */
export const SHIPPED_TEMPLATES = ['model-service-kserve', 'register-existing-model', 'genai-gateway-model', 'deploy-approved-version', 'register-model-version'];

export const jane = mockCredentials.user.header('user:default/jane.doe');
export const luis = mockCredentials.user.header('user:default/luis.ortega');

/** Polls a condition; the test's own timeout bounds the wait, not a clock in the test. */
export async function until<T>(probe: () => Promise<T | false | undefined>): Promise<T> {
  for (;;) {
    const value = await probe();
    if (value) return value;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

/**
 * A portal's backends as they run together: the real catalog (with Modelport's Model processor and the Template
 * kind), the real scaffolder with Modelport's actions, and the real models backend; the demo's catalog of
 * examples/all.yaml and the shipped templates.
 */
export async function startPortal(config: JsonObject = {}) {
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleModels,
      catalogModuleTemplateKind,
      scaffolderPlugin,
      scaffolderModuleGithub,
      modelsPlugin,
      scaffolderModuleModels,
      mockServices.rootConfig.factory({
        data: {
          integrations: { github: [{ host: 'github.com' }] },
          catalog: {
            rules: [{ allow: ['Template', 'Model', 'Location', 'Component', 'API', 'System', 'Group', 'User', 'Resource', 'Domain'] }],
            locations: [
              // The shipped templates, as the portal's app-config registers them.
              { type: 'file', target: path.join(TEMPLATES, 'all.yaml') },
              // The demo's catalog: one fixture for every test and the demo.
              { type: 'file', target: path.resolve(TEMPLATES, '../examples/all.yaml') },
            ],
          },
          ...config,
        },
      }),
    ],
  });
  for (const ref of [...SHIPPED_TEMPLATES.map(t => `template/default/${t}`), 'model/default/churn-classifier']) {
    await until(async () => (await request(backend.server).get(`/api/catalog/entities/by-name/${ref}`).set('Authorization', jane)).status === 200);
  }
  return backend;
}
