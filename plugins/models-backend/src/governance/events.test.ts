import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { eventsServiceFactory, eventsServiceRef } from '@backstage/plugin-events-node';
import { MODELPORT_REGISTRY_TOPIC, type RegistryEvent } from '@modelport/plugin-models-common';
import { exampleModel } from '@internal/test-fixtures';
import request from 'supertest';
import { modelsPlugin } from '../plugin';
import { userInfoWithGroups } from '../__testUtils__/fixtures';
import { schemaViolations } from '../__testUtils__/specCheck';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const as = (who: string) => mockCredentials.user.header(`user:default/${who}`);

describe.each(databases.eachSupportedId())('registry changes on the events service and as live updates, on %s', databaseId => {
  it('publishes every committed change once, in chain order, in the documented shape, and a refused one never', async () => {
    const registry: RegistryEvent[] = [];
    const signals: Array<{ channel: string; message: object; recipients: object }> = [];
    // Another plugin, as an adopter's would, on Backstage's own events service shared by the whole backend.
    const listener = createBackendPlugin({
      pluginId: 'listener',
      register(reg) {
        reg.registerInit({
          deps: { events: eventsServiceRef },
          async init({ events }) {
            await events.subscribe({ id: 'test', topics: [MODELPORT_REGISTRY_TOPIC], onEvent: async e => void registry.push(e.eventPayload as RegistryEvent) });
            await events.subscribe({ id: 'test-signals', topics: ['signals'], onEvent: async e => void signals.push(e.eventPayload as never) });
          },
        });
      },
    });
    const backend = await startTestBackend({
      features: [
        modelsPlugin,
        listener,
        eventsServiceFactory,
        mockServices.database.factory({ knex: await databases.init(databaseId) }),
        mockServices.rootConfig.factory({ data: { events: { useEventBus: 'never' } } }),
        catalogServiceMock.factory({ entities: [exampleModel<Entity>('churn-classifier')] }),
        mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
        userInfoWithGroups({ 'user:default/jane': ['group:default/customer-ml'], 'user:default/luis': ['group:default/customer-ml'] }),
      ],
    });
    const api = () => request(backend.server);
    const base = '/api/models/models/default/churn-classifier';
    const post = (path: string, who: string, body: object = {}) => api().post(path).set('Authorization', as(who)).send(body);
    await post(`${base}/versions`, 'jane', { version: '1.0.0', artifactUri: 's3://m/1.0.0', framework: 'xgboost' }).expect(201);
    await post(`${base}/promotions`, 'jane', { version: '1.0.0', environment: 'dev' }).expect(201);
    const id = (await post(`${base}/promotions`, 'jane', { version: '1.0.0', environment: 'staging', comment: 'Q3' }).expect(201)).body.request.id;
    // Refused: separation of duties, and a duplicate version. Nothing is published for them.
    await post(`/api/models/promotions/${id}/approve`, 'jane').expect(403);
    await post(`${base}/versions`, 'jane', { version: '1.0.0', artifactUri: 's3://m/1.0.0', framework: 'xgboost' }).expect(409);
    await post(`/api/models/promotions/${id}/approve`, 'luis', { comment: 'fine' }).expect(200);
    await post(`${base}/environments/dev/rollback`, 'luis', { version: '1.0.0', reason: 'nothing earlier, so refused' }).expect(409);

    const trail = (await api().get('/api/models/audit').set('Authorization', as('jane')).expect(200)).body.items;
    expect(registry.map(e => [e.auditSeq, e.auditHash])).toEqual(trail.map((e: { seq: number; hash: string }) => [e.seq, e.hash]));
    expect(registry.map(e => e.action)).toEqual(['version.registered', 'promotion.requested', 'promotion.completed', 'promotion.requested', 'promotion.approved', 'promotion.completed']);
    expect(registry.flatMap(e => schemaViolations('RegistryEvent', e))).toEqual([]);
    expect(registry[3]).toEqual({
      action: 'promotion.requested',
      modelRef: 'model:default/churn-classifier',
      actor: 'user:default/jane',
      at: expect.any(String),
      auditSeq: 4,
      auditHash: trail[3].hash,
      version: '1.0.0',
      environment: 'staging',
      requestId: id,
      comment: 'Q3',
    });
    expect(registry[4]).toMatchObject({ action: 'promotion.approved', actor: 'user:default/luis', version: '1.0.0', environment: 'staging', requestId: id, comment: 'fine' });
    expect(registry[5]).toMatchObject({ action: 'promotion.completed', version: '1.0.0', environment: 'staging', requestId: id });
    expect(registry[5].previousVersion).toBeUndefined();

    // Each change is also a signal on the model's channel, saying only what happened and which audit event.
    expect(signals).toEqual(
      registry.map(e => ({ recipients: { type: 'broadcast' }, channel: 'modelport:registry:model:default/churn-classifier', message: { action: e.action, auditSeq: e.auditSeq } })),
    );
    await backend.stop();
  });
});
