import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { modelsQualityGatesExtensionPoint } from '@modelport/plugin-models-node';
import request from 'supertest';
import { modelsPlugin } from '../plugin';
import { churnModel } from '../__testUtils__/fixtures';
import { specChecked } from '../__testUtils__/specCheck';


/** Stands in for a live drift gate from another module: fails while the model is marked as drifting. */
const driftGateModule = (drifting: Set<string>) =>
  createBackendModule({
    pluginId: 'models',
    moduleId: 'test-drift-gate',
    register(reg) {
      reg.registerInit({
        deps: { gates: modelsQualityGatesExtensionPoint },
        async init({ gates }) {
          gates.addQualityGate({
            type: 'no-drift',
            async evaluate({ model, config }) {
              const name = model.metadata.name;
              return drifting.has(name)
                ? { passed: false, message: `${name} drifts beyond ${config.getNumber('maxPsi')}` }
                : { passed: true, message: `${name} is stable` };
            },
          });
        },
      });
    },
  });

describe('quality gates from other modules', () => {
  it('are applied to promotions when an environment lists them', async () => {
    const drifting = new Set(['churn-classifier']);
    const backend = await startTestBackend({
      features: [
        modelsPlugin,
        driftGateModule(drifting),
        catalogServiceMock.factory({ entities: [churnModel] }),
        mockServices.rootConfig.factory({
          data: {
            models: {
              registry: {
                environments: [
                  { name: 'dev', policy: { approvals: 0, qualityGates: [{ type: 'no-drift', maxPsi: 0.2 }] } },
                ],
              },
            },
          },
        }),
      ],
    });
    const checked = await specChecked(backend.server);
    const api = () => request(checked.server);
    const jane = mockCredentials.user.header('user:default/jane');
    const base = '/api/models/models/default/churn-classifier';
    await api().post(`${base}/versions`).set('Authorization', jane).send({ version: '1', artifactUri: 's3://m/1', framework: 'onnx' }).expect(201);

    const blocked = await api().post(`${base}/promotions`).set('Authorization', jane).send({ version: '1', environment: 'dev' });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.message).toBe('Quality gates for dev failed: churn-classifier drifts beyond 0.2');

    drifting.delete('churn-classifier');
    const promoted = await api().post(`${base}/promotions`).set('Authorization', jane).send({ version: '1', environment: 'dev' }).expect(201);
    expect(promoted.body).toMatchObject({ request: { status: 'promoted' }, gates: [{ type: 'no-drift', passed: true, message: 'churn-classifier is stable' }] });
    await checked.close();
    await backend.stop();
    expect(checked.violations).toEqual([]);
  });

  it('refuse to start when an environment names a gate no module provides', async () => {
    await expect(
      startTestBackend({
        features: [
          modelsPlugin,
          catalogServiceMock.factory({ entities: [churnModel] }),
          mockServices.rootConfig.factory({
            data: { models: { registry: { environments: [{ name: 'dev', policy: { qualityGates: [{ type: 'no-drift' }] } }] } } },
          }),
        ],
      }),
    ).rejects.toThrow(/lists quality gate 'no-drift', which no installed module provides/);
  });
});
