import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { ModelEntityV1alpha1 } from '@modelport/plugin-models-common';
import yaml from 'js-yaml';
import fs from 'node:fs';
import path from 'node:path';
import { readRegistryEnvironments } from '../config/registryConfig';
import { metricThresholdGate, modelCardCompleteGate } from '../gates/builtinGates';
import { readReviewPolicy } from '../governance/reviewConfig';
import { reviewCurrentGate } from '../governance/reviewGate';
import { ReviewService } from '../governance/ReviewService';
import { RegistryService } from '../service/RegistryService';
import { registryStoreOn, verifyAuditChain } from '../__testUtils__/database';
import { seedRegistry } from './seedRegistry';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const examples = path.resolve(__dirname, '../../../../examples');
const exampleModels = new Map(
  (yaml.loadAll(fs.readFileSync(path.join(examples, 'models.yaml'), 'utf8')) as ModelEntityV1alpha1[]).map(m => [
    `model:default/${m.metadata.name}`,
    m,
  ]),
);

describe.each(databases.eachSupportedId())("the example registry seed under the portal's policies on %s", databaseId => {
  it('replays into the portal state a newcomer sees, once', async () => {
    const knex = await databases.init(databaseId);
    const store = await registryStoreOn(knex);
    // The portal's own configuration, so that the demo a newcomer starts is what this test replays.
    const portal = new ConfigReader(yaml.load(fs.readFileSync(path.join(examples, '../app-config.yaml'), 'utf8')) as object);
    const replayedAt = new Date('2026-12-01T09:00:00Z');
    const reviews = new ReviewService({ store, policy: readReviewPolicy(portal), now: () => replayedAt });
    const service = new RegistryService({
      store,
      environments: readRegistryEnvironments(portal),
      gates: [metricThresholdGate, modelCardCompleteGate, reviewCurrentGate(reviews)],
    });
    let catalogReady = false;
    const options = {
      now: () => replayedAt,
      file: path.join(examples, 'registry-seed.yaml'),
      service,
      reviews,
      logger: mockServices.logger.mock(),
      // The first look finds an empty catalog, as at a portal's start.
      loadModel: async (ref: string) => (catalogReady ? exampleModels.get(ref) : undefined),
      waitForCatalog: async () => {
        catalogReady = true;
      },
    };
    expect(await seedRegistry(options)).toBe('seeded');

    const churn = await service.state('model:default/churn-classifier');
    expect(churn.environments.map(e => [e.name, e.current?.version])).toEqual([['dev', '1.1.0'], ['staging', '1.0.0'], ['prod', '1.0.0']]);
    expect(churn.pendingRequests.map(r => [r.version, r.toEnvironment])).toEqual([['1.1.0', 'staging']]);
    const fraud = await service.state('model:default/fraud-detector');
    expect(fraud.environments[1].current).toMatchObject({ version: '3.2.0', cause: 'rollback' });
    expect(fraud.environments[2].current).toMatchObject({ version: '3.2.0', cause: 'promotion' });
    expect(await verifyAuditChain(knex)).toMatchObject({ valid: true });

    // Every production model is in prod, as its lifecycle says.
    for (const [ref, model] of exampleModels) {
      const prod = (await service.state(ref)).environments.find(e => e.name === 'prod')?.current;
      expect([ref, Boolean(prod)]).toEqual([ref, model.spec.lifecycle === 'production' || model.spec.lifecycle === 'deprecated']);
    }
    // The history spans weeks before the replay, in one timeline that only moves forward.
    const events = await service.auditTrail({ limit: 1000 });
    const times = events.map(e => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[times.length - 1]).toBeLessThanOrEqual(replayedAt.getTime());
    expect(replayedAt.getTime() - times[0]).toBeGreaterThan(60 * 24 * 3600_000);
    expect(new Set(events.map(e => e.at.slice(0, 10))).size).toBeGreaterThan(30);
    // A critical model waits for the independent model-risk approval in prod.
    const credit = await service.state('model:default/credit-default-scorer');
    expect(credit.pendingRequests.map(r => [r.version, r.toEnvironment, r.decisions.map(d => d.actor)])).toEqual([['2.1.0', 'prod', ['user:default/amara.okafor']]]);

    // Reviews: every model whose risk level asks for them was reviewed before prod, one is overdue, two never were.
    const states = Object.fromEntries(await Promise.all([...exampleModels].map(async ([ref, model]) => [ref.replace('model:default/', ''), (await reviews.list(model)).status.state])));
    expect(states).toEqual({
      'churn-classifier': 'current',
      'fraud-detector': 'current',
      'credit-default-scorer': 'current',
      'demand-forecaster': 'not-required',
      'clinical-notes-summarizer': 'current',
      'clinical-notes-embedder': 'never-reviewed',
      'trade-surveillance-detector': 'overdue',
      'claims-cost-regressor': 'current',
      'product-recommender': 'not-required',
      'document-ocr-extractor': 'current',
    });
    const fraudReview = (await reviews.list(exampleModels.get('model:default/fraud-detector')!)).items[0];
    expect(fraudReview).toMatchObject({ reviewedBy: 'user:default/omar.haddad', independent: true, outcome: 'approved-with-findings' });

    expect(await seedRegistry(options)).toBe('skipped');
  });
});
