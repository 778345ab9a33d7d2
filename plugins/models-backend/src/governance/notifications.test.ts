import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import { notificationService } from '@backstage/plugin-notifications-node';
import type { FleetServing, ModelObservability } from '@modelport/plugin-models-common';
import { exampleModel } from '@internal/test-fixtures';
import request from 'supertest';
import { connectModelsDatabase } from '../database/migrations';
import { modelsPlugin } from '../plugin';
import type { RegistryService } from '../service/RegistryService';
import type { ServingService } from '../serving/ServingService';
import { databasePerPlugin } from '../__testUtils__/database';
import { userInfoWithGroups } from '../__testUtils__/fixtures';
import { GovernanceNotifier } from './GovernanceNotifier';
import { KnexNotifiedStates } from './NotifiedStates';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

// Customer ML (jane, luis) owns the churn classifier; Model Risk (hannah) approves prod with it; rita is elsewhere.
const group = (name: string, members: string[]): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
  relations: members.map(m => ({ type: 'hasMember', targetRef: `user:default/${m}` })),
});
const user = (name: string): Entity => ({ apiVersion: 'backstage.io/v1alpha1', kind: 'User', metadata: { name, namespace: 'default' }, spec: {} });
const churn = exampleModel<Entity>('churn-classifier');
const catalogEntities = [churn, group('customer-ml', ['jane', 'luis']), group('model-risk', ['hannah']), group('risk-ml', ['rita']), ...['jane', 'luis', 'hannah', 'rita'].map(user)];
const ownership: Record<string, string[]> = {
  'user:default/jane': ['group:default/customer-ml'],
  'user:default/luis': ['group:default/customer-ml'],
  'user:default/hannah': ['group:default/model-risk'],
  'user:default/rita': ['group:default/risk-ml'],
};
const environments = [
  { name: 'dev', policy: { approvals: 0 } },
  { name: 'staging', policy: { approvals: 1, approvers: ['owner'] } },
  { name: 'prod', policy: { approvals: 2, approvers: ['owner', 'group:default/model-risk'] } },
];
const as = (who: string) => mockCredentials.user.header(`user:default/${who}`);

type Notification = { id: string; read?: unknown; payload: { title: string; description?: string; link?: string; severity: string; scope?: string; topic?: string } };

describe.each(databases.eachSupportedId())('who is notified, through the real notifications backend, on %s', databaseId => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  const api = () => request(backend.server);
  const inbox = async (who: string): Promise<Notification[]> =>
    (await api().get('/api/notifications/notifications').query({ orderField: 'created,asc' }).set('Authorization', as(who)).expect(200)).body.notifications;
  const titles = async (who: string) => (await inbox(who)).map(n => n.payload.title);

  afterEach(() => backend.stop());

  it('tells approvers what awaits them, requesters what became of their request, owners of a rollback, never the actor', async () => {
    backend = await startTestBackend({
      features: [
        modelsPlugin,
        notificationsPlugin,
        databasePerPlugin(databases, databaseId, { models: await databases.init(databaseId) }),
        mockServices.rootConfig.factory({ data: { app: { baseUrl: 'http://localhost:3000' }, models: { registry: { environments } } } }),
        catalogServiceMock.factory({ entities: catalogEntities }),
        mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
        userInfoWithGroups(ownership),
      ],
    });
    const base = '/api/models/models/default/churn-classifier';
    const post = (path: string, who: string, body: object = {}) => api().post(path).set('Authorization', as(who)).send(body);
    await post(`${base}/versions`, 'jane', { version: '1.0.0', artifactUri: 's3://m/1.0.0', framework: 'xgboost' }).expect(201);
    await post(`${base}/promotions`, 'jane', { version: '1.0.0', environment: 'dev' }).expect(201);
    const staging = (await post(`${base}/promotions`, 'jane', { version: '1.0.0', environment: 'staging', comment: 'Q3 retrain' }).expect(201)).body.request.id;

    // The owner group decides on staging: luis is told, jane (who asked) and the others are not.
    const [waiting] = await inbox('luis');
    expect(waiting.payload).toMatchObject({
      title: 'Churn Classifier 1.0.0 → staging awaits your approval',
      description: 'Requested by jane: “Q3 retrain”. Needs 1 approval from customer-ml; not from the requester.',
      link: '/catalog/default/model/churn-classifier/registry',
      severity: 'normal',
      topic: 'modelport',
      scope: `modelport:request:${staging}`,
    });
    expect(await titles('jane')).toEqual([]);
    expect(await titles('hannah')).toEqual([]);

    await post(`/api/models/promotions/${staging}/approve`, 'luis').expect(200);
    expect(await titles('jane')).toEqual(['Churn Classifier 1.0.0 is now current in staging']);
    expect(await titles('luis')).toEqual(['Churn Classifier 1.0.0 → staging awaits your approval']);

    // Prod: the owners and Model Risk are asked, at high severity.
    const prod = (await post(`${base}/promotions`, 'jane', { version: '1.0.0', environment: 'prod' }).expect(201)).body.request.id;
    for (const who of ['luis', 'hannah']) {
      expect((await inbox(who)).find(n => n.payload.scope === `modelport:request:${prod}`)?.payload).toMatchObject({ title: 'Churn Classifier 1.0.0 → prod awaits your approval', severity: 'high' });
    }
    expect(await titles('rita')).toEqual([]);
    await post(`/api/models/promotions/${prod}/approve`, 'luis', { comment: 'holdout fine' }).expect(200);
    const partial = (await inbox('jane')).find(n => n.payload.scope === `modelport:request:${prod}:requester`)!;
    expect(partial.payload).toMatchObject({ title: 'luis approved Churn Classifier 1.0.0 → prod', description: 'Approval 1 of 2; it waits for 1 more. “holdout fine”' });
    await api().post('/api/notifications/notifications/update').set('Authorization', as('jane')).send({ ids: [partial.id], read: true }).expect(200);
    await post(`/api/models/promotions/${prod}/approve`, 'hannah').expect(200);
    // The same notification, told again with what became of the request: one, unread again, not two.
    const done = (await inbox('jane')).filter(n => n.payload.scope === `modelport:request:${prod}:requester`);
    expect(done).toHaveLength(1);
    expect(done[0]).toMatchObject({ id: partial.id, read: null, payload: { title: 'Churn Classifier 1.0.0 is now current in prod' } });

    // A rollback of prod: the owners are told at high severity, except the one who did it.
    await post(`${base}/versions`, 'jane', { version: '1.1.0', artifactUri: 's3://m/1.1.0', framework: 'xgboost' }).expect(201);
    await post(`${base}/promotions`, 'jane', { version: '1.1.0', environment: 'dev' }).expect(201);
    await post(`${base}/environments/dev/rollback`, 'luis', { version: '1.0.0', reason: 'latency regression in 1.1.0' }).expect(200);
    expect((await inbox('jane')).at(-1)!.payload).toMatchObject({ title: 'Churn Classifier: dev rolled back to 1.0.0', description: 'By luis, from 1.1.0: “latency regression in 1.1.0”', severity: 'normal' });
    expect(await titles('luis')).not.toContain('Churn Classifier: dev rolled back to 1.0.0');

    // A withdrawn request: its approvers' notification says so, in place.
    await post(`${base}/promotions`, 'jane', { version: '1.0.0', environment: 'dev' }).expect(409);
    const again = (await post(`${base}/promotions`, 'luis', { version: '1.0.0', environment: 'staging' }).expect(409)).body;
    expect(again.error.message).toMatch(/already current in staging/);
    await post(`${base}/promotions`, 'jane', { version: '1.1.0', environment: 'dev' }).expect(201);
    const withdrawn = (await post(`${base}/promotions`, 'jane', { version: '1.1.0', environment: 'staging' }).expect(201)).body.request.id;
    await post(`/api/models/promotions/${withdrawn}/cancel`, 'jane').expect(200);
    expect((await inbox('luis')).filter(n => n.payload.scope === `modelport:request:${withdrawn}`).map(n => [n.payload.title, n.payload.severity])).toEqual([
      ['Churn Classifier 1.1.0 → staging no longer awaits your approval', 'low'],
    ]);
  });

  it('tells owners once when a model turns critical, drifts or runs what was not approved, and once when it is over', async () => {
    const snapshots: ModelObservability[] = [];
    const fleet: FleetServing[] = [];
    let notifier!: GovernanceNotifier;
    const probe = createBackendPlugin({
      pluginId: 'probe',
      register(reg) {
        reg.registerInit({
          deps: { notifications: notificationService, database: coreServices.database, catalog: catalogServiceRef, auth: coreServices.auth, logger: coreServices.logger },
          async init({ notifications, database, catalog, auth, logger }) {
            notifier = new GovernanceNotifier({
              notifications,
              catalog,
              auth,
              logger,
              states: new KnexNotifiedStates(await connectModelsDatabase(database)),
              latestSnapshots: async () => snapshots,
              registry: { environments: () => environments.map(e => ({ name: e.name })) } as unknown as RegistryService,
              serving: { fleet: async () => fleet } as unknown as ServingService,
            });
          },
        });
      },
    });
    backend = await startTestBackend({
      features: [
        probe,
        notificationsPlugin,
        databasePerPlugin(databases, databaseId, { probe: await databases.init(databaseId) }),
        mockServices.rootConfig.factory({ data: { app: { baseUrl: 'http://localhost:3000' } } }),
        catalogServiceMock.factory({ entities: catalogEntities }),
      ],
    });
    const snapshot = (slo: 'ok' | 'critical', drift: 'ok' | 'drifted'): ModelObservability => ({
      modelRef: 'model:default/churn-classifier',
      evaluatedAt: '2026-12-04T10:00:00.000Z',
      prometheus: 'default',
      slo: { state: slo, objectives: [{ name: 'availability', state: slo } as never] },
      drift: { state: drift, window: '1d', reference: { kind: 'window', window: '7d', offset: '1d' } as never, features: drift === 'drifted' ? [{ name: 'tenure_months', type: 'numerical', role: 'feature', state: 'drifted' }] : [] },
    });

    // First seen in order: nothing to say.
    snapshots.splice(0, 1, snapshot('ok', 'ok'));
    await notifier.observabilityEvaluated();
    expect(await titles('jane')).toEqual([]);

    snapshots.splice(0, 1, snapshot('critical', 'drifted'));
    await notifier.observabilityEvaluated();
    await notifier.observabilityEvaluated();
    await notifier.observabilityEvaluated();
    const told = await inbox('jane');
    expect(told.map(n => [n.payload.title, n.payload.severity, n.payload.link])).toEqual([
      ['Churn Classifier burns its error budget', 'high', '/catalog/default/model/churn-classifier'],
      ['Churn Classifier drifts: tenure_months', 'normal', '/catalog/default/model/churn-classifier'],
    ]);
    expect(await titles('luis')).toEqual(told.map(n => n.payload.title));
    expect(await titles('hannah')).toEqual([]);

    // Over: the same notification says so, once.
    snapshots.splice(0, 1, snapshot('ok', 'drifted'));
    await notifier.observabilityEvaluated();
    await notifier.observabilityEvaluated();
    expect(await titles('jane')).toEqual(["Churn Classifier's objectives are out of the critical state", 'Churn Classifier drifts: tenure_months']);

    // Serving against approval in prod, told once; a cluster that cannot be read changes nothing; back in line, told.
    const serving = (verdict: FleetServing['environments'][number]['verdict']): FleetServing => ({
      state: 'ok',
      stale: false,
      environments: [{ environment: 'prod', approved: '1.0.0', verdict, clusters: [] }],
    });
    fleet.splice(0, 1, serving({ state: 'mismatch', running: ['1.1.0'] }));
    await notifier.servingCollected();
    fleet.splice(0, 1, serving({ state: 'cluster-unreachable', failure: { kind: 'unreachable', message: 'down' } }));
    await notifier.servingCollected();
    fleet.splice(0, 1, serving({ state: 'mismatch', running: ['1.1.0'] }));
    await notifier.servingCollected();
    const servingTold = (await inbox('jane')).filter(n => n.payload.scope?.startsWith('modelport:serving:'));
    expect(servingTold.map(n => [n.payload.title, n.payload.description, n.payload.severity])).toEqual([
      ['Churn Classifier in prod runs what the registry did not approve', 'Runs 1.1.0, but the registry approved 1.0.0 here.', 'high'],
    ]);
    fleet.splice(0, 1, serving({ state: 'in-line', version: '1.0.0' }));
    await notifier.servingCollected();
    expect((await inbox('jane')).filter(n => n.payload.scope?.startsWith('modelport:serving:')).map(n => n.payload.title)).toEqual([
      'Churn Classifier in prod runs what was approved again',
    ]);
  });
});
