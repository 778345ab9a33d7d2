import { mockCredentials, mockServices, startTestBackend, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import yaml from 'js-yaml';
import request from 'supertest';
import { ModelRegistryClient } from '@modelport/plugin-models-common';
import { modelsPlugin } from '../plugin';
import { exampleModel } from '@internal/test-fixtures';
import { churnModel, userInfoWithGroups } from '../__testUtils__/fixtures';
import { specChecked, stopChecked } from '../__testUtils__/specCheck';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const service: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'churn-service', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'customer-ml' },
};

const groups: Record<string, string[]> = {
  'user:default/jane': ['group:default/customer-ml'],
  'user:default/luis': ['group:default/customer-ml'],
  'user:default/eve': [],
};
const as = (user: string) => mockCredentials.user.header(`user:default/${user}`);
const version = { version: '1.0.0', artifactUri: 's3://models/churn/1.0.0', framework: 'xgboost', metrics: { auc: 0.91 } };

describe.each(databases.eachSupportedId())('the models REST API on %s', databaseId => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  // Every request and answer of these tests goes through a proxy that checks it against the OpenAPI document.
  let checked: Awaited<ReturnType<typeof specChecked>>;
  const api = () => request(checked.server);

  beforeEach(async () => {
    backend = await startTestBackend({
      features: [
        modelsPlugin,
        mockServices.database.factory({ knex: await databases.init(databaseId) }),
        catalogServiceMock.factory({ entities: [churnModel, exampleModel('fraud-detector'), service] }),
        mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
        userInfoWithGroups(groups),
        // eve may read the catalog but nothing else; mallory may not even see the model; everyone else may do all.
        mockServices.permissions.mock({
          authorize: async (requests, { credentials }) => {
            const user = (credentials.principal as { userEntityRef?: string }).userEntityRef;
            return requests.map(r => {
              const denied = user === 'user:default/mallory' || (user === 'user:default/eve' && r.permission.name !== 'catalog.entity.read');
              return { result: denied ? AuthorizeResult.DENY : AuthorizeResult.ALLOW };
            });
          },
        }).factory,
      ],
    });
    checked = await specChecked(backend.server);
  });

  afterEach(() => stopChecked(checked, backend));

  const base = '/api/models/models/default/churn-classifier';

  async function promoteToStaging() {
    await api().post(`${base}/versions`).set('Authorization', as('jane')).send(version).expect(201);
    await api().post(`${base}/promotions`).set('Authorization', as('jane')).send({ version: '1.0.0', environment: 'dev' }).expect(201);
    const res = await api().post(`${base}/promotions`).set('Authorization', as('jane')).send({ version: '1.0.0', environment: 'staging' }).expect(201);
    return res.body.request.id as string;
  }

  it('answers health without credentials and everything else only with them', async () => {
    await api().get('/api/models/health').expect(200, { status: 'ok' });
    for (const [method, path] of [
      ['get', '/environments'],
      ['get', '/models/default/churn-classifier/versions'],
      ['post', '/models/default/churn-classifier/versions'],
      ['get', '/models/default/churn-classifier/versions/1.0.0'],
      ['patch', '/models/default/churn-classifier/versions/1.0.0'],
      ['get', '/models/default/churn-classifier/registry'],
      ['get', '/models/default/churn-classifier/history'],
      ['post', '/models/default/churn-classifier/promotions'],
      ['post', '/promotions/x/approve'],
      ['post', '/promotions/x/reject'],
      ['post', '/promotions/x/cancel'],
      ['get', '/promotions/pending'],
      ['get', '/environments/changes'],
      ['post', '/models/default/churn-classifier/environments/prod/rollback'],
      ['get', '/audit'],
      ['get', '/audit/verify'],
      ['get', '/audit/report'],
      ['get', '/models/default/churn-classifier/reviews'],
      ['post', '/models/default/churn-classifier/reviews'],
      ['get', '/models/default/churn-classifier/slo-rules'],
      ['get', '/models/default/churn-classifier/observability'],
      ['get', '/models/default/churn-classifier/observability/history'],
      ['get', '/models/default/churn-classifier/observability/latency'],
      ['get', '/models/default/churn-classifier/serving'],
      ['get', '/fleet'],
      ['post', '/slo-rules'],
    ] as const) {
      const res = await (api() as any)[method](`/api/models${path}`).send({});
      expect({ path, status: res.status }).toEqual({ path, status: 401 });
    }
  });

  it('registers versions: 201, 400 naming the field, 404 for a non-model or an invisible one, 409 for a duplicate, 403 without permission', async () => {
    const created = await api().post(`${base}/versions`).set('Authorization', as('jane')).send(version);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ modelRef: 'model:default/churn-classifier', version: '1.0.0', registeredBy: 'user:default/jane', tags: [] });

    const bad = await api().post(`${base}/versions`).set('Authorization', as('jane')).send({ ...version, metrics: { auc: 'high' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^Invalid request: body\.metrics\.auc: must be number/);
    const extra = await api().post(`${base}/versions`).set('Authorization', as('jane')).send({ ...version, version: '2', stage: 'prod' });
    expect(extra.status).toBe(400);
    expect(extra.body.error.message).toBe('Invalid request: body.stage: must NOT have additional properties');

    await api().post('/api/models/models/default/churn-service/versions').set('Authorization', as('jane')).send(version).expect(404);
    await api().post(`${base}/versions`).set('Authorization', as('jane')).send(version).expect(409);
    await api().post(`${base}/versions`).set('Authorization', as('eve')).send({ ...version, version: '3' }).expect(403);

    for (const path of ['versions', 'versions/1.0.0', 'registry', 'history']) {
      await api().get(`${base}/${path}`).set('Authorization', as('mallory')).expect(404);
    }
    const list = await api().get(`${base}/versions`).set('Authorization', as('eve')).expect(200);
    expect(list.body.items.map((v: any) => v.version)).toEqual(['1.0.0']);
    await api().get(`${base}/versions/1.0.0`).set('Authorization', as('jane')).expect(200);
    await api().get(`${base}/versions/9.9.9`).set('Authorization', as('jane')).expect(404);
  });

  it("serves the model's SLO rules as a Prometheus rules file, to those who may see the model", async () => {
    const res = await api().get(`${base}/slo-rules`).set('Authorization', as('eve')).expect(200);
    expect(res.headers['content-type']).toBe('application/yaml; charset=utf-8');
    const rules = yaml.load(res.text) as { groups: Array<{ name: string; rules: Array<{ record?: string; alert?: string }> }> };
    expect(rules.groups.map(g => g.name)).toEqual([
      'sloth-slo-sli-recordings-churn-classifier-availability',
      'sloth-slo-meta-recordings-churn-classifier-availability',
      'sloth-slo-alerts-churn-classifier-availability',
      'sloth-slo-sli-recordings-churn-classifier-latency',
      'sloth-slo-meta-recordings-churn-classifier-latency',
      'sloth-slo-alerts-churn-classifier-latency',
    ]);
    expect(rules.groups[2].rules.map(r => r.alert)).toEqual(['ModelSLOErrorBudgetBurnPage', 'ModelSLOErrorBudgetBurnTicket']);
    expect(res.text).toContain('revision_app_request_count{service_name=~"churn-classifier-predictor(-default)?", response_code_class="5xx"}[1h]');
    await api().get(`${base}/slo-rules`).set('Authorization', as('mallory')).expect(404);
    await api().get('/api/models/models/default/churn-service/slo-rules').set('Authorization', as('jane')).expect(404);

    // The same rules for a Model given whole, one a template is about to create; checked as the catalog checks it.
    const given = await api().post('/api/models/slo-rules').set('Authorization', as('eve')).send(churnModel).expect(200);
    expect(given.headers['content-type']).toBe('application/yaml; charset=utf-8');
    expect(given.text).toBe(res.text);
    const broken = { ...churnModel, spec: { ...churnModel.spec, modelCard: { ...churnModel.spec.modelCard, riskLevel: 'extreme' } } };
    const refused = await api().post('/api/models/slo-rules').set('Authorization', as('jane')).send(broken).expect(400);
    expect(refused.body.error.message).toBe('Invalid Model: /spec/modelCard/riskLevel must be equal to one of the allowed values: low, medium, high, critical');
    const component = await api().post('/api/models/slo-rules').set('Authorization', as('jane')).send(service).expect(400);
    expect(component.body.error.message).toBe('Invalid Model: <root> must be apiVersion modelport.io/v1alpha1, kind Model; got backstage.io/v1alpha1, Component');
    const badName = await api().post('/api/models/slo-rules').set('Authorization', as('jane')).send({ ...churnModel, metadata: { ...churnModel.metadata, name: 'churn classifier' } }).expect(400);
    expect(badName.body.error.message).toMatch(/^Invalid Model: <entity> "metadata.name" is not valid; expected a string that is sequences of \[a-zA-Z0-9\] separated by any of \[-_.\], at most 63 characters in total but found "churn classifier"/);
    await api().post('/api/models/slo-rules').send(churnModel).expect(401);
  });

  it('answers the serving read with a clear state when no cluster is configured, and hides an invisible model', async () => {
    const res = await api().get(`${base}/serving`).set('Authorization', as('eve'));
    expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: { state: 'not-configured', intervalSeconds: 60, environments: [], clusters: [] } });
    expect((await api().get(`${base}/serving`).set('Authorization', as('mallory'))).status).toBe(404);
  });

  it('answers observability reads with a clear state when no Prometheus is configured', async () => {
    await api().get(`${base}/observability`).set('Authorization', as('eve')).expect(200, { state: 'not-configured', stale: false });
    await api().get(`${base}/observability/history`).set('Authorization', as('eve')).expect(200, { items: [] });
    const bad = await api().get(`${base}/observability/history?since=yesterday`).set('Authorization', as('eve'));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^Invalid request: query\.since: must match format "date-time"/);
    await api().get(`${base}/observability/latency`).set('Authorization', as('eve')).expect(200, { state: 'not-configured' });
    await api().get(`${base}/observability/latency?hours=0`).set('Authorization', as('eve')).expect(400);
    await api().get(`${base}/observability`).set('Authorization', as('mallory')).expect(404);
    const fleet = await api().get('/api/models/fleet').set('Authorization', as('jane')).expect(200);
    expect(fleet.body.items).toEqual([
      {
        modelRef: 'model:default/churn-classifier',
        title: 'Churn Classifier',
        owner: 'group:customer-ml',
        status: { state: 'not-configured', stale: false },
        serving: { state: 'not-configured', environments: [], stale: false },
        review: { state: 'never-reviewed', riskLevel: 'medium', cycleMonths: 24, independenceRequired: false },
      },
      {
        modelRef: 'model:default/fraud-detector',
        title: 'Card Fraud Detector',
        owner: 'group:risk-ml',
        status: { state: 'not-configured', stale: false },
        serving: { state: 'not-configured', environments: [], stale: false },
        review: { state: 'never-reviewed', riskLevel: 'high', cycleMonths: 12, independenceRequired: true },
      },
    ]);
  });

  it('keeps a baseline profile with a version, and refuses one that no histogram could be, naming why', async () => {
    const profile = {
      features: {
        tenure_months: { buckets: [{ le: 12, count: 30 }, { le: 36, count: 70 }, { le: '+Inf', count: 100 }] },
        plan: { categories: { basic: 50, plus: 30, premium: 20 } },
      },
    };
    await api().post(`${base}/versions`).set('Authorization', as('jane')).send({ ...version, profile }).expect(201);
    const read = await api().get(`${base}/versions/1.0.0`).set('Authorization', as('jane')).expect(200);
    expect(read.body.profile).toEqual(profile);
    const falling = { features: { x: { buckets: [{ le: 1, count: 5 }, { le: '+Inf', count: 3 }] } } };
    const bad = await api().post(`${base}/versions`).set('Authorization', as('jane')).send({ ...version, version: '2.0.0', profile: falling });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('cumulative counts must not fall');
    const noInf = await api().post(`${base}/versions`).set('Authorization', as('jane')).send({ ...version, version: '2.0.0', profile: { features: { x: { buckets: [{ le: 1, count: 1 }, { le: 2, count: 3 }] } } } });
    expect(noInf.body.error.message).toContain('the last bucket must be le "+Inf"');
    await api().get(`${base}/versions/2.0.0`).set('Authorization', as('jane')).expect(404);
  });

  it('changes only description and tags of a version', async () => {
    await api().post(`${base}/versions`).set('Authorization', as('jane')).send(version).expect(201);
    const res = await api().patch(`${base}/versions/1.0.0`).set('Authorization', as('jane')).send({ tags: ['candidate'] }).expect(200);
    expect(res.body).toMatchObject({ tags: ['candidate'], metrics: { auc: 0.91 } });
    const immutable = await api().patch(`${base}/versions/1.0.0`).set('Authorization', as('jane')).send({ metrics: { auc: 1 } });
    expect(immutable.status).toBe(400);
    await api().patch(`${base}/versions/1.0.0`).set('Authorization', as('eve')).send({ tags: [] }).expect(403);
    await api().patch(`${base}/versions/2.0.0`).set('Authorization', as('jane')).send({ tags: [] }).expect(404);
  });

  it('requests, approves and shows a promotion; the server enforces separation of duties', async () => {
    const id = await promoteToStaging();
    const selfApproval = await api().post(`/api/models/promotions/${id}/approve`).set('Authorization', as('jane')).send({});
    expect(selfApproval.status).toBe(403);
    expect(selfApproval.body.error.message).toMatch(/Separation of duties/);
    await api().post(`/api/models/promotions/${id}/approve`).set('Authorization', as('eve')).send({}).expect(403);
    await api().post(`/api/models/promotions/${id}/approve`).set('Authorization', as('luis')).send({ comment: 1 }).expect(400);
    await api().post('/api/models/promotions/nope/approve').set('Authorization', as('luis')).send({}).expect(404);

    const asRequester = await api().get(`${base}/registry`).set('Authorization', as('jane')).expect(200);
    expect(asRequester.body.viewer).toEqual({
      ref: 'user:default/jane',
      approves: ['staging', 'prod'],
      canRegister: true,
      canRequestPromotion: true,
      canRollback: true,
      decisions: { [id]: { allowed: false, blocker: 'separation-of-duties', reason: expect.stringMatching(/^Separation of duties/) } },
      cancellable: [id],
    });
    const asApprover = await api().get(`${base}/registry`).set('Authorization', as('luis')).expect(200);
    expect(asApprover.body.viewer).toMatchObject({ decisions: { [id]: { allowed: true } }, cancellable: [] });
    const asEve = await api().get(`${base}/registry`).set('Authorization', as('eve')).expect(200);
    expect(asEve.body.viewer).toMatchObject({ ref: 'user:default/eve', approves: [], canRegister: false, decisions: { [id]: { allowed: false } } });

    const approved = await api().post(`/api/models/promotions/${id}/approve`).set('Authorization', as('luis')).send({ comment: 'ok' }).expect(200);
    expect(approved.body.request.status).toBe('promoted');
    await api().post(`/api/models/promotions/${id}/approve`).set('Authorization', as('luis')).send({}).expect(409);

    const state = await api().get(`${base}/registry`).set('Authorization', as('eve')).expect(200);
    expect(state.body.environments.map((e: any) => [e.name, e.current?.version ?? null])).toEqual([
      ['dev', '1.0.0'],
      ['staging', '1.0.0'],
      ['prod', null],
    ]);
    expect(state.body.environments[1].promotion).toEqual({ requestedBy: 'user:default/jane', requestedAt: expect.any(String), approvedBy: ['user:default/luis'] });
    expect(state.body.environments[0].promotion).toEqual({ requestedBy: 'user:default/jane', requestedAt: expect.any(String), approvedBy: [] });
    expect(state.body.environments[2].promotion).toBeUndefined();
  });

  it('refuses promotions out of order (409), to unknown environments (400), without permission (403), and for services (403)', async () => {
    await api().post(`${base}/versions`).set('Authorization', as('jane')).send(version).expect(201);
    const skipped = await api().post(`${base}/promotions`).set('Authorization', as('jane')).send({ version: '1.0.0', environment: 'prod' });
    expect(skipped.status).toBe(409);
    expect(skipped.body.error.message).toMatch(/not current in staging/);
    await api().post(`${base}/promotions`).set('Authorization', as('jane')).send({ version: '1.0.0', environment: 'qa' }).expect(400);
    await api().post(`${base}/promotions`).set('Authorization', as('jane')).send({ environment: 'dev' }).expect(400);
    await api().post(`${base}/promotions`).set('Authorization', as('eve')).send({ version: '1.0.0', environment: 'dev' }).expect(403);
    await api()
      .post(`${base}/promotions`)
      .set('Authorization', mockCredentials.service.header())
      .send({ version: '1.0.0', environment: 'dev' })
      .expect(403);
  });

  it('checks a promotion before it is asked for, naming what would refuse it, and changes nothing', async () => {
    const check = (query: object, who = 'eve') => api().get(`${base}/promotions/check`).query(query).set('Authorization', as(who));
    expect((await check({ version: '1.0.0', environment: 'dev' }).expect(200)).body).toEqual({
      version: '1.0.0',
      environment: 'dev',
      gates: [],
      blocker: 'Version 1.0.0 of model:default/churn-classifier is not registered',
    });
    const id = await promoteToStaging();
    const audited = (await api().get('/api/models/audit').set('Authorization', as('jane')).expect(200)).body.items.length;
    expect((await check({ version: '1.0.0', environment: 'staging' }).expect(200)).body.blocker).toBe(
      'A promotion of 1.0.0 to staging is already pending, requested by user:default/jane',
    );
    expect((await check({ version: '1.0.0', environment: 'prod' }).expect(200)).body.blocker).toMatch(/not current in staging, the environment before prod \(staging has no version yet\)/);
    expect((await check({ version: '1.0.0', environment: 'dev' }).expect(200)).body.blocker).toBe('Version 1.0.0 is already current in dev');
    await api().post(`/api/models/promotions/${id}/approve`).set('Authorization', as('luis')).send({}).expect(200);
    const toProd = (await check({ version: '1.0.0', environment: 'prod' }).expect(200)).body;
    expect(toProd).toEqual({ version: '1.0.0', environment: 'prod', gates: [expect.objectContaining({ type: 'model-card-complete', passed: true })] });
    await check({ version: '1.0.0', environment: 'qa' }).expect(400);
    await check({ version: '1.0.0' }).expect(400);
    await check({ version: '1.0.0', environment: 'dev' }, 'mallory').expect(404);
    await api().get(`${base}/promotions/check`).query({ version: '1.0.0', environment: 'dev' }).expect(401);
    expect((await api().get('/api/models/audit').set('Authorization', as('jane')).expect(200)).body.items.length).toBe(audited + 2);
  });

  it('limits comments and reasons to what a person can read, naming the field', async () => {
    const id = await promoteToStaging();
    const long = 'x'.repeat(1001);
    const comment = await api().post(`/api/models/promotions/${id}/reject`).set('Authorization', as('luis')).send({ comment: long }).expect(400);
    expect(comment.body.error.message).toMatch(/comment.*1000/);
    await api().post(`${base}/promotions`).set('Authorization', as('jane')).send({ version: '1.0.0', environment: 'prod', comment: long }).expect(400);
    const reason = await api().post(`${base}/environments/dev/rollback`).set('Authorization', as('jane')).send({ version: '1.0.0', reason: long }).expect(400);
    expect(reason.body.error.message).toMatch(/reason.*1000/);
    await api().post(`/api/models/promotions/${id}/reject`).set('Authorization', as('luis')).send({ comment: 'x'.repeat(1000) }).expect(200);
  });

  it('rejects and cancels requests', async () => {
    const id = await promoteToStaging();
    await api().post(`/api/models/promotions/${id}/cancel`).set('Authorization', as('luis')).send({}).expect(403);
    const rejected = await api().post(`/api/models/promotions/${id}/reject`).set('Authorization', as('luis')).send({ comment: 'recall too low' }).expect(200);
    expect(rejected.body.request).toMatchObject({ status: 'rejected', decisions: [{ actor: 'user:default/luis', decision: 'reject', comment: 'recall too low' }] });
    await api().post(`/api/models/promotions/${id}/cancel`).set('Authorization', as('jane')).send({}).expect(409);
    await api().post('/api/models/promotions/nope/cancel').set('Authorization', as('jane')).send({}).expect(404);
  });

  it('rolls back with a reason, and answers which version ran when', async () => {
    const first = await promoteToStaging();
    await api().post(`/api/models/promotions/${first}/approve`).set('Authorization', as('luis')).send({}).expect(200);
    const between = new Date().toISOString();
    await api().post(`${base}/versions`).set('Authorization', as('jane')).send({ ...version, version: '1.1.0' }).expect(201);
    await api().post(`${base}/promotions`).set('Authorization', as('jane')).send({ version: '1.1.0', environment: 'dev' }).expect(201);
    const rollbackUrl = `${base}/environments/dev/rollback`;
    await api().post(rollbackUrl).set('Authorization', as('jane')).send({ version: '1.0.0' }).expect(400);
    await api().post(rollbackUrl).set('Authorization', as('jane')).send({ version: '1.0.0', reason: 'short' }).expect(400);
    await api().post(rollbackUrl).set('Authorization', as('eve')).send({ version: '1.0.0', reason: 'latency regression in 1.1.0' }).expect(403);
    await api().post(`${base}/environments/prod/rollback`).set('Authorization', as('jane')).send({ version: '1.0.0', reason: 'latency regression in 1.1.0' }).expect(409);
    await api().post('/api/models/models/default/nope/environments/dev/rollback').set('Authorization', as('jane')).send({ version: '1.0.0', reason: 'latency regression in 1.1.0' }).expect(404);
    await api().post(rollbackUrl).set('Authorization', as('jane')).send({ version: '1.0.0', reason: 'latency regression in 1.1.0' }).expect(200);

    const asOf = await api().get(`${base}/history`).query({ at: between }).set('Authorization', as('jane')).expect(200);
    expect(asOf.body.items.map((a: any) => [a.environment, a.version])).toEqual([['dev', '1.0.0'], ['staging', '1.0.0']]);
    await api().get(`${base}/history`).query({ at: 'yesterday' }).set('Authorization', as('jane')).expect(400);
  });

  it('serves the audit log and its verification to those allowed to read it', async () => {
    await promoteToStaging();
    const events = await api().get('/api/models/audit').query({ subject: 'model:default/churn-classifier' }).set('Authorization', as('jane')).expect(200);
    expect(events.body.items.map((e: any) => e.action)).toEqual(['version.registered', 'promotion.requested', 'promotion.completed', 'promotion.requested']);
    // Another model's events take places in the chain but not in this model's numbering.
    await api().post('/api/models/models/default/fraud-detector/versions').set('Authorization', as('jane')).send(version).expect(201);
    const latest = await api().get('/api/models/audit').query({ subject: 'model:default/churn-classifier', latest: true, limit: 2 }).set('Authorization', as('jane')).expect(200);
    expect(latest.body.items.map((e: any) => [e.action, e.subjectSeq])).toEqual([['promotion.completed', 3], ['promotion.requested', 4]]);
    const first = await api().get('/api/models/audit').query({ limit: 1 }).set('Authorization', as('jane')).expect(200);
    expect(first.body.items.map((e: any) => [e.seq, e.subjectSeq])).toEqual([[1, undefined]]);
    await api().get('/api/models/audit').query({ limit: 0 }).set('Authorization', as('jane')).expect(400);
    await api().get('/api/models/audit').set('Authorization', as('eve')).expect(403);
    const verify = await api().get('/api/models/audit/verify').set('Authorization', as('jane')).expect(200);
    expect(verify.body).toMatchObject({ valid: true, events: 5 });
    await api().get('/api/models/audit/verify').set('Authorization', as('eve')).expect(403);
  });

  it("streams the auditor's report as JSON and CSV to those allowed to read the audit log, and refuses bad ranges", async () => {
    await promoteToStaging();
    const range = { from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z' };
    const json = await api().get('/api/models/audit/report').query({ ...range, model: 'model:default/churn-classifier' }).set('Authorization', as('jane')).expect(200);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(json.body).toMatchObject({ ...range, modelRef: 'model:default/churn-classifier', verification: { valid: true, events: 4 } });
    expect(json.body.entries.map((e: any) => [e.kind, e.environment ?? null, e.outcome ?? null])).toEqual([
      ['registration', null, null],
      ['promotion', 'dev', 'promoted'],
      ['promotion', 'staging', 'pending'],
      ['assignment', 'dev', null],
    ]);
    const csv = await api().get('/api/models/audit/report').query({ ...range, format: 'csv' }).set('Authorization', as('jane')).expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="modelport-audit-all-2000-01-01-2100-01-01.csv"');
    expect(csv.text.trimEnd().split('\r\n')).toHaveLength(6);
    const refusals: Array<[object, RegExp]> = [
      [{ from: range.to, to: range.from }, /^The report's range is empty: from 2100-01-01T00:00:00.000Z is not before to 2000-01-01T00:00:00.000Z$/],
      [{ ...range, model: 'component:default/churn-service' }, /^Invalid model 'component:default\/churn-service': component:default\/churn-service is not a Model entity ref$/],
      [{ ...range, format: 'xml' }, /^Invalid request: query\.format/],
      [{ from: 'yesterday', to: range.to }, /^Invalid request: query\.from/],
    ];
    for (const [query, message] of refusals) {
      const res = await api().get('/api/models/audit/report').query(query).set('Authorization', as('jane'));
      expect({ query, status: res.status, message: res.body.error?.message }).toEqual({ query, status: 400, message: expect.stringMatching(message) });
    }
    await api().get('/api/models/audit/report').query(range).set('Authorization', as('eve')).expect(403);
    await api().get('/api/models/audit/report').query(range).expect(401);
  });

  it('lists the configured environments', async () => {
    const res = await api().get('/api/models/environments').set('Authorization', as('jane')).expect(200);
    expect(res.body.items.map((e: any) => [e.name, e.approvals])).toEqual([['dev', 0], ['staging', 1], ['prod', 2]]);
  });

  it('is spoken by the typed client over HTTP', async () => {
    const clientFor = (user: string) =>
      new ModelRegistryClient({
        discoveryApi: { getBaseUrl: async () => `${checked.url}/api/models` },
        fetchApi: { fetch: (url, init) => fetch(url, { ...init, headers: { ...init?.headers, Authorization: as(user) } }) },
      });
    const jane = clientFor('jane');
    const model = { kind: 'model', namespace: 'default', name: 'churn-classifier' };
    await jane.registerVersion(model, { version: '1.0.0', artifactUri: 's3://m/1', framework: 'xgboost', metrics: { auc: 0.9 } });
    await jane.requestPromotion(model, { version: '1.0.0', environment: 'dev' });
    const staging = await jane.requestPromotion(model, { version: '1.0.0', environment: 'staging' });
    await expect(jane.decide(staging.request.id, 'approve')).rejects.toMatchObject({ name: 'ResponseError', statusCode: 403 });
    expect((await clientFor('luis').decide(staging.request.id, 'approve', 'fine')).request.status).toBe('promoted');
    expect((await jane.getRegistryState(model)).environments[1].current?.version).toBe('1.0.0');
    expect((await jane.listVersions(model)).map(v => v.version)).toEqual(['1.0.0']);
    expect((await jane.listAuditEvents({ limit: 2 })).map(e => e.seq)).toEqual([1, 2]);
    expect(await jane.verifyAuditChain()).toMatchObject({ valid: true });
  });
});
