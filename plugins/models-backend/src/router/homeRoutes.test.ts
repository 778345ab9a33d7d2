import { mockCredentials, mockServices, startTestBackend, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { modelRefOf } from '@modelport/plugin-models-common';
import { exampleModel } from '@internal/test-fixtures';
import request from 'supertest';
import { modelsPlugin } from '../plugin';
import { churnModel, userInfoWithGroups } from '../__testUtils__/fixtures';
import { specChecked, stopChecked } from '../__testUtils__/specCheck';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const fraudModel = exampleModel<Entity>('fraud-detector');
const groups: Record<string, string[]> = {
  'user:default/jane': ['group:default/customer-ml'],
  'user:default/luis': ['group:default/customer-ml'],
  'user:default/rita': ['group:default/risk-ml'],
  'user:default/eve': ['group:default/customer-ml'],
  'user:default/olga': ['group:default/risk-ml'],
};
const as = (user: string) => mockCredentials.user.header(`user:default/${user}`);
const churn = '/api/models/models/default/churn-classifier';
const fraud = '/api/models/models/default/fraud-detector';

// The catalog as each caller sees it: olga, of another business unit, sees only the fraud detector.
const visibleTo = (options: unknown) => {
  const user = (options as { credentials: { principal: { userEntityRef?: string } } }).credentials.principal.userEntityRef;
  return user === 'user:default/olga' ? [fraudModel] : [churnModel, fraudModel];
};

describe.each(databases.eachSupportedId())("the home page's reads across models on %s", databaseId => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let checked: Awaited<ReturnType<typeof specChecked>>;
  const api = () => request(checked.server);

  beforeEach(async () => {
    const catalog = catalogServiceMock.mock({
      getEntities: async (_request, options) => ({ items: visibleTo(options) }),
      getEntityByRef: async (ref, options) => visibleTo(options).find(e => modelRefOf({ namespace: e.metadata.namespace, name: e.metadata.name }) === ref),
    });
    backend = await startTestBackend({
      features: [
        modelsPlugin,
        mockServices.database.factory({ knex: await databases.init(databaseId) }),
        catalog.factory,
        mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
        userInfoWithGroups(groups),
        // eve may read but not approve; everyone else may do everything the registry's rules allow.
        mockServices.permissions.mock({
          authorize: async (requests, { credentials }) => {
            const user = (credentials.principal as { userEntityRef?: string }).userEntityRef;
            return requests.map(r => ({ result: user === 'user:default/eve' && r.permission.name === 'models.promotion.approve' ? AuthorizeResult.DENY : AuthorizeResult.ALLOW }));
          },
        }).factory,
      ],
    });
    checked = await specChecked(backend.server);
  });

  afterEach(() => stopChecked(checked, backend));

  async function register(base: string, who: string, version: string) {
    await api().post(`${base}/versions`).set('Authorization', as(who)).send({ version, artifactUri: `s3://m/${version}`, framework: 'xgboost' }).expect(201);
  }
  async function promote(base: string, who: string, version: string, environment: string) {
    const res = await api().post(`${base}/promotions`).set('Authorization', as(who)).send({ version, environment }).expect(201);
    return res.body.request.id as string;
  }
  const pendingAs = async (who: string) => (await api().get('/api/models/promotions/pending').set('Authorization', as(who)).expect(200)).body.items;
  const changesAs = async (who: string, limit?: number) =>
    (await api().get('/api/models/environments/changes').query(limit ? { limit } : {}).set('Authorization', as(who)).expect(200)).body.items;

  it('tells each person which pending requests await them, which are theirs to cancel, and why not the others', async () => {
    await register(churn, 'jane', '1.0.0');
    await promote(churn, 'jane', '1.0.0', 'dev');
    const churnStaging = await promote(churn, 'jane', '1.0.0', 'staging');
    await register(fraud, 'rita', '3.0.0');
    await promote(fraud, 'rita', '3.0.0', 'dev');
    const fraudStaging = await promote(fraud, 'rita', '3.0.0', 'staging');

    const luis = await pendingAs('luis');
    // Oldest first, with the policy's approvers resolved to the Model's owner.
    expect(luis.map((p: any) => p.request.id)).toEqual([churnStaging, fraudStaging]);
    expect(luis[0]).toMatchObject({
      request: { modelRef: 'model:default/churn-classifier', version: '1.0.0', toEnvironment: 'staging', requestedBy: 'user:default/jane' },
      modelTitle: 'Churn Classifier',
      approvalsRequired: 1,
      approvers: ['group:default/customer-ml'],
      viewerDecision: { allowed: true },
      viewerMayCancel: false,
    });
    expect(luis[1]).toMatchObject({ approvers: ['group:default/risk-ml'], viewerDecision: { allowed: false, blocker: 'not-an-approver' } });

    const jane = await pendingAs('jane');
    expect(jane[0]).toMatchObject({ viewerDecision: { allowed: false, blocker: 'separation-of-duties' }, viewerMayCancel: true });
    const eve = await pendingAs('eve');
    expect(eve[0].viewerDecision).toEqual({ allowed: false, blocker: 'permission', reason: 'Not allowed: models.promotion.approve' });
    // Olga does not see the churn classifier, so neither does she see its request.
    expect((await pendingAs('olga')).map((p: any) => p.request.id)).toEqual([fraudStaging]);
    const asService = await api().get('/api/models/promotions/pending').set('Authorization', mockCredentials.service.header()).expect(200);
    expect(asService.body.items.map((p: any) => Object.keys(p).sort())).toEqual([
      ['approvalsRequired', 'approvers', 'modelTitle', 'request'],
      ['approvalsRequired', 'approvers', 'modelTitle', 'request'],
    ]);

    // Decided requests leave the list.
    await api().post(`/api/models/promotions/${churnStaging}/approve`).set('Authorization', as('luis')).send({}).expect(200);
    expect((await pendingAs('luis')).map((p: any) => p.request.id)).toEqual([fraudStaging]);
    await api().get('/api/models/promotions/pending').expect(401);
  });

  it('lists the latest versions made current, newest first, with what they replaced, only of models the caller sees', async () => {
    await register(fraud, 'rita', '3.0.0');
    await promote(fraud, 'rita', '3.0.0', 'dev');
    await register(churn, 'jane', '1.0.0');
    await promote(churn, 'jane', '1.0.0', 'dev');
    // More changes of the churn classifier than the first read of a one-item list takes, all newer than fraud's.
    for (const v of ['1.1.0', '1.2.0', '1.3.0', '1.4.0', '1.5.0']) {
      await register(churn, 'jane', v);
      await promote(churn, 'jane', v, 'dev');
    }
    await api()
      .post(`${churn}/environments/dev/rollback`)
      .set('Authorization', as('jane'))
      .send({ version: '1.0.0', reason: 'latency regression in 1.5.0' })
      .expect(200);

    const latest = await changesAs('luis');
    expect(latest.slice(0, 2)).toEqual([
      {
        modelRef: 'model:default/churn-classifier',
        modelTitle: 'Churn Classifier',
        environment: 'dev',
        version: '1.0.0',
        previousVersion: '1.5.0',
        since: expect.any(String),
        by: 'user:default/jane',
        cause: 'rollback',
        reason: 'latency regression in 1.5.0',
      },
      expect.objectContaining({ version: '1.5.0', previousVersion: '1.4.0', cause: 'promotion', requestId: expect.any(String) }),
    ]);
    expect(latest).toHaveLength(8);
    expect(latest[6]).toEqual(expect.objectContaining({ modelRef: 'model:default/churn-classifier', version: '1.0.0' }));
    expect(latest[6].previousVersion).toBeUndefined();
    expect(latest[7]).toEqual(expect.objectContaining({ modelRef: 'model:default/fraud-detector', version: '3.0.0' }));
    expect(await changesAs('luis', 3)).toEqual(latest.slice(0, 3));
    // Olga sees only the fraud detector: its one change is found behind the churn classifier's newer ones.
    expect((await changesAs('olga', 1)).map((c: any) => [c.modelRef, c.version])).toEqual([['model:default/fraud-detector', '3.0.0']]);

    const tooMany = await api().get('/api/models/environments/changes').query({ limit: 101 }).set('Authorization', as('luis'));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toMatch(/limit/);
    await api().get('/api/models/environments/changes').expect(401);
  });
});
