import { ConfigReader } from '@backstage/config';
import { registryModelEntity, type ClusterServingStatus, type ModelVersion, type ServingStatus } from '@modelport/plugin-models-common';
import { deployedInPreviousEnvironmentGate } from '../servingGate';
import { importedLink } from './__testUtils__/importedModel';
import type { ServingService } from '../ServingService';

const model = registryModelEntity(importedLink('acme-databricks', 'acme.risk.card_fraud_scorer'));
const version = { modelRef: 'model:acme-databricks/acme.risk.card_fraud_scorer', version: '3', artifactUri: 's3://acme-uc/risk/card_fraud_scorer/versions/3' } as ModelVersion;

const endpoint = (entities: Array<[string, number]>, ready = true): ClusterServingStatus => ({
  cluster: 'registry:acme-databricks/card-fraud-scorer-staging',
  environment: 'staging',
  readAt: '2026-12-06T10:00:00.000Z',
  stale: false,
  unavailable: {},
  objects: [
    {
      kind: 'ServingEndpoint',
      namespace: 'acme-databricks',
      name: 'card-fraud-scorer-staging',
      labels: {},
      ready: ready ? 'True' : 'False',
      ...(ready ? {} : { failing: { condition: 'Ready', reason: 'NOT_READY' } }),
      traffic: [],
      servedEntities: entities.map(([v, percent]) => ({ name: `card_fraud_scorer-${v}`, model: 'acme.risk.card_fraud_scorer', version: v, percent })),
    },
  ],
  unreadable: [],
  sharedWith: {},
});

async function gate(...clusters: ClusterServingStatus[]) {
  const status: ServingStatus = { state: 'ok', intervalSeconds: 60, environments: [], clusters };
  const service = { environments: ['staging', 'prod'], status: async () => status } as unknown as ServingService;
  return deployedInPreviousEnvironmentGate(service).evaluate({ model, version, environment: 'prod', config: new ConfigReader({ type: 'deployed-in-previous-environment' }), now: new Date() });
}

describe('the deployed-in-previous-environment gate on a serving endpoint', () => {
  it('takes a ready endpoint that gives the version all the traffic as evidence, and nothing less', async () => {
    expect(await gate(endpoint([['3', 100]]))).toEqual({
      passed: true,
      message: '3 runs, ready, in staging: ServingEndpoint acme-databricks/card-fraud-scorer-staging on registry:acme-databricks/card-fraud-scorer-staging (read 2026-12-06T10:00:00.000Z)',
    });
    expect(await gate(endpoint([['2', 80], ['3', 20]]))).toMatchObject({
      passed: false,
      message: expect.stringContaining('ServingEndpoint acme-databricks/card-fraud-scorer-staging serves it to 20% of the traffic only'),
    });
    expect(await gate(endpoint([['3', 100]], false))).toMatchObject({ passed: false, message: expect.stringContaining('is not ready (Ready: NOT_READY)') });
    expect(await gate(endpoint([['2', 100]]))).toMatchObject({ passed: false, message: expect.stringContaining('nothing runs 3') });
  });
});
