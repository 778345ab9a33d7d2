import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import path from 'node:path';
import request from 'supertest';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleTemplateKind from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import catalogModuleModels from '@modelport/plugin-catalog-backend-module-models';
// Only the test runs the models backend beside the module, as a portal would; the module itself talks HTTP to it.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import modelsPlugin from '@modelport/plugin-models-backend';
import { until } from './__testUtils__/portal';
import { scaffolderModuleModels } from './module';

const jane = mockCredentials.user.header('user:default/jane.doe');

/**
 * The real scaffolder runs the shipped template (templates/register-model-version) with these actions, which call
 * the real models backend through its typed client on behalf of the person who started the task.
 */
async function startPortal() {
  const { server } = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleModels,
      catalogModuleTemplateKind,
      scaffolderPlugin,
      modelsPlugin,
      scaffolderModuleModels,
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            rules: [{ allow: ['Template', 'Model', 'Location'] }],
            locations: [
              { type: 'file', target: path.resolve(__dirname, '../../../templates/register-model-version/template.yaml') },
              // The demo's Models: one fixture for every test and the demo.
              { type: 'file', target: path.resolve(__dirname, '../../../examples/models.yaml') },
            ],
          },
        },
      }),
    ],
  });
  for (const ref of ['template/default/register-model-version', 'model/default/churn-classifier']) {
    await until(async () => (await request(server).get(`/api/catalog/entities/by-name/${ref}`).set('Authorization', jane)).status === 200);
  }
  return server;
}

async function runTemplate(server: Parameters<typeof request>[0], values: Record<string, unknown>) {
  const created = await request(server)
    .post('/api/scaffolder/v2/tasks')
    .set('Authorization', jane)
    .send({ templateRef: 'template:default/register-model-version', values })
    .expect(201);
  const task = await until(async () => {
    const res = await request(server).get(`/api/scaffolder/v2/tasks/${created.body.id}`).set('Authorization', jane);
    return ['completed', 'failed'].includes(res.body.status) && res.body;
  });
  const events = await request(server).get(`/api/scaffolder/v2/tasks/${created.body.id}/events`).set('Authorization', jane);
  return { status: task.status as string, log: (events.body as Array<{ body: { message?: string } }>).map(e => e.body.message ?? '').join('\n') };
}

describe('scaffolder actions of Modelport', () => {
  it('register a version and promote it to dev as the person who runs the template; errors of the registry fail the task', async () => {
    const server = await startPortal();
    const values = {
      model: 'model:default/churn-classifier',
      version: '1.2.0',
      artifactUri: 's3://acme-models/churn-classifier/1.2.0/model.ubj',
      framework: 'xgboost',
      metrics: { auc: 0.91 },
      promoteToDev: true,
    };
    const first = await runTemplate(server, values);
    expect(first).toMatchObject({ status: 'completed' });
    expect(first.log).toContain('Registered version 1.2.0 of model:default/churn-classifier');
    expect(first.log).toContain('Promotion of 1.2.0 to dev: promoted');

    const versions = await request(server).get('/api/models/models/default/churn-classifier/versions').set('Authorization', jane).expect(200);
    expect(versions.body.items).toEqual([
      expect.objectContaining({ version: '1.2.0', metrics: { auc: 0.91 }, framework: 'xgboost', registeredBy: 'user:default/jane.doe' }),
    ]);
    const state = await request(server).get('/api/models/models/default/churn-classifier/registry').set('Authorization', jane).expect(200);
    expect(state.body.environments[0]).toMatchObject({ name: 'dev', current: { version: '1.2.0', by: 'user:default/jane.doe' } });

    const again = await runTemplate(server, values);
    expect(again.status).toBe('failed');
    expect(again.log).toContain('Request failed with 409 Conflict: Version 1.2.0 of model:default/churn-classifier is already registered');

    const notAModel = await runTemplate(server, { ...values, model: 'component:default/churn-service', version: '1.3.0' });
    expect(notAModel.status).toBe('failed');
    expect(notAModel.log).toContain('Expected a Model entity ref such as model:default/churn-classifier, got component:default/churn-service');
  }, 60_000);
});
