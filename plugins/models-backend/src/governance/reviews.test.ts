import { mockCredentials, mockServices, startTestBackend, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { exampleModel } from '@internal/test-fixtures';
import request from 'supertest';
import { modelsPlugin } from '../plugin';
import { userInfoWithGroups } from '../__testUtils__/fixtures';
import { specChecked, stopChecked } from '../__testUtils__/specCheck';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

// The fraud detector is high risk (independent validation, every 12 months); the churn classifier medium (every 24
// months, by anyone allowed).
const fraud = exampleModel<Entity>('fraud-detector');
const churn = exampleModel<Entity>('churn-classifier');
const groups: Record<string, string[]> = {
  'user:default/amara': ['group:default/risk-ml'],
  'user:default/chen': ['group:default/risk-ml'],
  'user:default/hannah': ['group:default/model-risk'],
  'user:default/jane': ['group:default/customer-ml'],
};
const as = (user: string) => mockCredentials.user.header(`user:default/${user}`);
const fraudApi = '/api/models/models/default/fraud-detector';
const churnApi = '/api/models/models/default/churn-classifier';

describe.each(databases.eachSupportedId())('periodic model reviews on %s', databaseId => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let checked: Awaited<ReturnType<typeof specChecked>>;
  const api = () => request(checked.server);

  beforeEach(async () => {
    backend = await startTestBackend({
      features: [
        modelsPlugin,
        mockServices.database.factory({ knex: await databases.init(databaseId) }),
        mockServices.rootConfig.factory({
          data: {
            models: {
              registry: {
                environments: [
                  { name: 'dev', policy: { approvals: 0 } },
                  { name: 'prod', policy: { approvals: 0, qualityGates: [{ type: 'review-current' }] } },
                ],
              },
            },
          },
        }),
        catalogServiceMock.factory({ entities: [fraud, churn] }),
        mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
        userInfoWithGroups(groups),
        // eve may read but record nothing; everyone else may do what the registry's rules allow.
        mockServices.permissions.mock({
          authorize: async (requests, { credentials }) => {
            const user = (credentials.principal as { userEntityRef?: string }).userEntityRef;
            return requests.map(r => ({ result: user === 'user:default/eve' && r.permission.name !== 'catalog.entity.read' ? AuthorizeResult.DENY : AuthorizeResult.ALLOW }));
          },
        }).factory,
      ],
    });
    checked = await specChecked(backend.server);
    for (const [base, who] of [
      [fraudApi, 'amara'],
      [churnApi, 'jane'],
    ]) {
      await api().post(`${base}/versions`).set('Authorization', as(who)).send({ version: '3.2.0', artifactUri: 's3://m/3.2.0', framework: 'lightgbm' }).expect(201);
      await api().post(`${base}/promotions`).set('Authorization', as(who)).send({ version: '3.2.0', environment: 'dev' }).expect(201);
    }
  });

  afterEach(() => stopChecked(checked, backend));

  const review = (base: string, who: string, body: object) => api().post(`${base}/reviews`).set('Authorization', as(who)).send(body);
  const promoteToProd = (base: string, who: string) => api().post(`${base}/promotions`).set('Authorization', as(who)).send({ version: '3.2.0', environment: 'prod' });

  it('refuses a review by the owners where independent validation is required, and records one from outside', async () => {
    expect((await api().get(`${fraudApi}/reviews`).set('Authorization', as('amara')).expect(200)).body).toEqual({
      status: { state: 'never-reviewed', riskLevel: 'high', cycleMonths: 12, independenceRequired: true },
      items: [],
      viewer: {
        canRecord: false,
        reason: 'Independent validation: model:default/fraud-detector is high risk, so its review must come from outside group:default/risk-ml, which user:default/amara belongs to',
      },
    });
    expect((await api().get(`${fraudApi}/reviews`).set('Authorization', as('hannah')).expect(200)).body.viewer).toEqual({ canRecord: true });
    expect((await api().get(`${fraudApi}/reviews`).set('Authorization', as('eve')).expect(200)).body.viewer).toEqual({ canRecord: false, reason: 'Not allowed: models.review.record' });
    expect((await api().get(`${fraudApi}/reviews`).set('Authorization', mockCredentials.service.header()).expect(200)).body.viewer).toBeUndefined();
    const byOwner = await review(fraudApi, 'chen', { outcome: 'approved', version: '3.2.0' });
    expect(byOwner.status).toBe(403);
    expect(byOwner.body.error.message).toBe(
      'Independent validation: model:default/fraud-detector is high risk, so its review must come from outside group:default/risk-ml, which user:default/chen belongs to',
    );
    // The gate keeps a high-risk model that was never reviewed out of prod.
    const blocked = await promoteToProd(fraudApi, 'amara');
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.message).toBe('Quality gates for prod failed: This high-risk model must be reviewed every 12 months and has never been');

    const recorded = await review(fraudApi, 'hannah', {
      outcome: 'approved-with-findings',
      version: '3.2.0',
      summary: 'Validation MRM-2026-131',
      findings: [{ title: 'Threshold drift on prepaid cards', severity: 'medium', detail: 'Re-check in six months' }],
    }).expect(201);
    expect(recorded.body).toMatchObject({ modelRef: 'model:default/fraud-detector', reviewedBy: 'user:default/hannah', independent: true, version: '3.2.0' });
    const dueIn = Date.parse(recorded.body.nextDueAt) - Date.parse(recorded.body.reviewedAt);
    expect(dueIn / 86_400_000).toBeGreaterThanOrEqual(365);
    expect(dueIn / 86_400_000).toBeLessThanOrEqual(366);
    const list = (await api().get(`${fraudApi}/reviews`).set('Authorization', as('eve')).expect(200)).body;
    expect(list.status).toMatchObject({ state: 'current', dueAt: recorded.body.nextDueAt, last: recorded.body });
    expect(list.items).toEqual([recorded.body]);
    await promoteToProd(fraudApi, 'amara').expect(201);

    // Recorded in the hash chain, which still verifies.
    const trail = (await api().get('/api/models/audit').query({ subject: 'model:default/fraud-detector' }).set('Authorization', as('hannah')).expect(200)).body.items;
    expect(trail.find((e: { action: string }) => e.action === 'review.recorded')).toMatchObject({
      actor: 'user:default/hannah',
      after: recorded.body,
      policy: { riskLevel: 'high', cycleMonths: 12, independenceRequired: true },
    });
    expect((await api().get('/api/models/audit/verify').set('Authorization', as('hannah')).expect(200)).body.valid).toBe(true);
  });

  it('lets owners review a model whose risk level needs no independence, and a rejection blocks it until reviewed again', async () => {
    await review(churnApi, 'jane', { outcome: 'rejected', version: '3.2.0' }).expect(400);
    const rejected = await review(churnApi, 'jane', { outcome: 'rejected', version: '3.2.0', summary: 'Calibration off on the Q3 cohort' }).expect(201);
    expect(rejected.body.independent).toBe(false);
    const blocked = await promoteToProd(churnApi, 'jane');
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.message).toMatch(/^Quality gates for prod failed: Its last review \(.+ by user:default\/jane\) rejected it: Calibration off on the Q3 cohort$/);
    expect((await api().get(`${churnApi}/reviews`).set('Authorization', as('jane')).expect(200)).body.status.state).toBe('rejected');

    await review(churnApi, 'jane', { outcome: 'approved', version: '3.2.0' }).expect(201);
    await promoteToProd(churnApi, 'jane').expect(201);
    const fleet = (await api().get('/api/models/fleet').set('Authorization', as('jane')).expect(200)).body.items;
    expect(fleet.map((f: { modelRef: string; review: { state: string } }) => [f.modelRef, f.review.state])).toEqual([
      ['model:default/fraud-detector', 'never-reviewed'],
      ['model:default/churn-classifier', 'current'],
    ]);
  });

  it('refuses reviews that cannot stand, naming why, and changes nothing', async () => {
    const refusals: Array<[object, number, RegExp]> = [
      [{ outcome: 'approved-with-findings', version: '3.2.0' }, 400, /^An approval with findings needs at least one finding$/],
      [{ outcome: 'approved', version: '9.9.9' }, 404, /^Version 9\.9\.9 of model:default\/churn-classifier is not registered$/],
      [{ outcome: 'approved', version: '3.2.0', nextDueAt: '2020-01-01T00:00:00.000Z' }, 400, /is not in the future$/],
      [{ outcome: 'approved', version: '3.2.0', nextDueAt: '2099-01-01T00:00:00.000Z' }, 400, /is later than the 24-month cycle allows/],
      [{ outcome: 'fine', version: '3.2.0' }, 400, /^Invalid request: body\.outcome: must be equal to one of the allowed values/],
      [{ outcome: 'approved', version: '3.2.0', findings: [{ title: 'x', severity: 'urgent' }] }, 400, /^Invalid request: body\.findings\.0\.severity/],
    ];
    for (const [body, status, message] of refusals) {
      const res = await review(churnApi, 'jane', body);
      expect({ body, status: res.status, message: res.body.error?.message }).toEqual({ body, status, message: expect.stringMatching(message) });
    }
    await review(churnApi, 'eve', { outcome: 'approved', version: '3.2.0' }).expect(403);
    await api().post(`${churnApi}/reviews`).set('Authorization', mockCredentials.service.header()).send({ outcome: 'approved', version: '3.2.0' }).expect(403);
    await api().get(`${churnApi}/reviews`).expect(401);
    expect((await api().get(`${churnApi}/reviews`).set('Authorization', as('jane')).expect(200)).body.items).toEqual([]);
    // A review may bring the next one forward.
    const soon = await review(churnApi, 'jane', { outcome: 'approved', version: '3.2.0', nextDueAt: '2099-01-01T00:00:00.000Z'.replace('2099', String(new Date().getUTCFullYear() + 1)) });
    expect(soon.status).toBe(201);
    expect(soon.body.nextDueAt).toBe(`${new Date().getUTCFullYear() + 1}-01-01T00:00:00.000Z`);
  });
});
