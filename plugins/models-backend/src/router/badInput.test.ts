import { mockCredentials, mockServices, startTestBackend, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fc from 'fast-check';
import type { Knex } from 'knex';
import request from 'supertest';
import { modelsPlugin } from '../plugin';
import { churnModel, userInfoWithGroups } from '../__testUtils__/fixtures';
import { requestBodyRefusal, specChecked } from '../__testUtils__/specCheck';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });


const validBodies = {
  register: { version: '2.0.0', artifactUri: 's3://m/2', framework: 'xgboost', metrics: { auc: 0.9 }, parameters: { depth: '6' }, tags: ['a'] },
  update: { description: 'd', tags: ['t'] },
  promote: { version: '1.0.0', environment: 'staging', comment: 'c' },
  decision: { comment: 'c' },
  rollback: { version: '1.0.0', reason: 'a reason long enough' },
};

/** A valid body with one thing broken: a field of the wrong type, a field missing, or a field that does not exist. */
function brokenVariants(valid: Record<string, unknown>) {
  const keys = Object.keys(valid);
  const wrongValue = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.string(), fc.array(fc.jsonValue()), fc.dictionary(fc.string(), fc.jsonValue()));
  return fc.oneof(
    fc.tuple(fc.constantFrom(...keys), wrongValue).map(([k, v]) => ({ ...valid, [k]: v })),
    fc.constantFrom(...keys).map(k => Object.fromEntries(Object.entries(valid).filter(([key]) => key !== k))),
    fc.tuple(fc.string({ minLength: 1 }), fc.jsonValue()).map(([k, v]) => ({ ...valid, [`x_${k}`]: v })),
    fc.jsonValue(),
  );
}

async function fingerprint(knex: Knex) {
  const tables = ['model_versions', 'environment_assignments', 'promotion_requests', 'promotion_decisions', 'audit_events'];
  const counts = await Promise.all(tables.map(async t => Number((await knex(t).count({ n: '*' }))[0].n)));
  const head = await knex('audit_head').first();
  const versions = await knex('model_versions').select('description', 'tags').orderBy('version');
  return JSON.stringify({ counts, head, versions });
}

describe.each(databases.eachSupportedId())('malformed bodies on %s', databaseId => {
  it('never produce a 5xx and never change the database', async () => {
    const knex = await databases.init(databaseId);
    const backend = await startTestBackend({
      features: [
        modelsPlugin,
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({ entities: [churnModel] }),
        userInfoWithGroups({}, ['group:default/customer-ml']),
      ],
    });
    const checked = await specChecked(backend.server);
    const api = () => request(checked.server);
    const jane = mockCredentials.user.header('user:default/jane');
    const luis = mockCredentials.user.header('user:default/luis');
    const base = '/api/models/models/default/churn-classifier';

    // A pending request to staging, so that decisions would change something if a body were wrongly accepted.
    await api().post(`${base}/versions`).set('Authorization', jane).send({ version: '1.0.0', artifactUri: 's3://m/1', framework: 'xgboost' }).expect(201);
    await api().post(`${base}/promotions`).set('Authorization', jane).send({ version: '1.0.0', environment: 'dev' }).expect(201);
    const pending = await api().post(`${base}/promotions`).set('Authorization', jane).send({ version: '1.0.0', environment: 'staging' }).expect(201);
    const id = pending.body.request.id;

    // Each route's body as the OpenAPI document describes it: the document is the oracle of what is malformed.
    const routes: Array<{ method: 'post' | 'patch'; path: string; template: string; auth: string; valid: Record<string, unknown> }> = [
      { method: 'post', path: `${base}/versions`, template: '/models/default/churn-classifier/versions', auth: jane, valid: validBodies.register },
      { method: 'patch', path: `${base}/versions/1.0.0`, template: '/models/default/churn-classifier/versions/1.0.0', auth: jane, valid: validBodies.update },
      { method: 'post', path: `${base}/promotions`, template: '/models/default/churn-classifier/promotions', auth: jane, valid: validBodies.promote },
      { method: 'post', path: `/api/models/promotions/${id}/approve`, template: `/promotions/${id}/approve`, auth: luis, valid: validBodies.decision },
      { method: 'post', path: `/api/models/promotions/${id}/reject`, template: `/promotions/${id}/reject`, auth: luis, valid: validBodies.decision },
      { method: 'post', path: `/api/models/promotions/${id}/cancel`, template: `/promotions/${id}/cancel`, auth: jane, valid: validBodies.decision },
      { method: 'post', path: `${base}/environments/dev/rollback`, template: '/models/default/churn-classifier/environments/dev/rollback', auth: jane, valid: validBodies.rollback },
    ];

    const before = await fingerprint(knex);
    const sent = { count: 0 };
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(
          brokenVariants(route.valid).filter(body => requestBodyRefusal(route.method, route.template, body) !== undefined),
          async body => {
            sent.count += 1;
            const res = await api()[route.method](route.path).set('Authorization', route.auth).set('Content-Type', 'application/json').send(JSON.stringify(body));
            expect(res.status).toBe(400);
            expect(res.body.error.name).toBe('InputError');
          },
        ),
        { numRuns: 300 },
      );
    }
    expect(sent.count).toBeGreaterThanOrEqual(2000);
    expect(await fingerprint(knex)).toBe(before);
    expect(checked.violations).toEqual([]);
    await checked.close();
    await backend.stop();
  }, 240_000);
});
