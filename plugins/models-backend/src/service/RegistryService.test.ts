import { TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { ModelEntityV1alpha1 } from '@modelport/plugin-models-common';
import { readRegistryEnvironments } from '../config/registryConfig';
import { metricThresholdGate, modelCardCompleteGate } from '../gates/builtinGates';
import { registryStoreOn, verifyAuditChain } from '../__testUtils__/database';
import { type Actor, RegistryService } from './RegistryService';
import { churnModel } from '../__testUtils__/fixtures';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

// The owner in its shorthand form, which the approver rules resolve to group:default/customer-ml.
const model: ModelEntityV1alpha1 = { ...churnModel, spec: { ...churnModel.spec, owner: 'customer-ml' } };

const person = (name: string, groups: string[] = []): Actor => ({
  ref: `user:default/${name}`,
  ownershipRefs: [`user:default/${name}`, ...groups.map(g => `group:default/${g}`)],
});
const jane = person('jane', ['customer-ml']);
const luis = person('luis', ['customer-ml']);
const hannah = person('hannah', ['model-risk']);
const outsider = person('eve', ['marketing']);

const environments = readRegistryEnvironments(
  new ConfigReader({
    models: {
      registry: {
        environments: [
          { name: 'dev', policy: { approvals: 0 } },
          { name: 'staging', policy: { approvals: 1, qualityGates: [{ type: 'metric', metric: 'auc', min: 0.85 }] } },
          { name: 'prod', policy: { approvals: 2, approvers: ['owner', 'group:default/model-risk'], qualityGates: [{ type: 'model-card-complete' }] } },
        ],
      },
    },
  }),
);

const newVersion = (version: string, auc = 0.91) => ({
  version,
  artifactUri: `s3://models/churn/${version}`,
  framework: 'xgboost',
  metrics: { auc },
  parameters: {},
});

describe.each(databases.eachSupportedId())('RegistryService on %s', databaseId => {
  let clock: number;
  async function setup(options: { environments?: typeof environments } = {}) {
    const knex = await databases.init(databaseId);
    const store = await registryStoreOn(knex);
    clock = Date.parse('2026-11-01T00:00:00Z');
    const service = new RegistryService({
      store,
      environments: options.environments ?? environments,
      gates: [metricThresholdGate, modelCardCompleteGate],
      now: () => new Date((clock += 60_000)),
    });
    return { knex, store, service, loadModel: model };
  }

  async function inStaging(service: RegistryService, version = 'v1') {
    await service.registerVersion(model, newVersion(version), jane);
    await service.requestPromotion(model, { version, environment: 'dev' }, jane);
    const { request } = await service.requestPromotion(model, { version, environment: 'staging' }, jane);
    await service.decide(request.id, 'approve', 'looks good', luis, model);
    return request;
  }

  it('reads a promotion request once to decide on it: locked, in the transaction that records the decision', async () => {
    const { store, service } = await setup();
    const request = await inStaging(service, 'v1');
    await service.registerVersion(model, newVersion('v2'), jane);
    await service.requestPromotion(model, { version: 'v2', environment: 'dev' }, jane);
    const { request: pending } = await service.requestPromotion(model, { version: 'v2', environment: 'staging' }, jane);
    const reads: string[] = [];
    const reading = (what: string, read: (id: string) => Promise<unknown>) => (id: string) => {
      reads.push(`${what} ${id}`);
      return read(id);
    };
    const counting = new Proxy(store, {
      get(target, key, receiver) {
        if (key === 'getRequest') return reading('getRequest', id => target.getRequest(id));
        if (key === 'transaction') {
          return (fn: Parameters<typeof target.transaction>[0]) =>
            target.transaction(tx =>
              fn(new Proxy(tx, { get: (t, k) => (k === 'getRequestForUpdate' ? reading('getRequestForUpdate', id => t.getRequestForUpdate(id)) : Reflect.get(t, k)) })),
            );
        }
        return Reflect.get(target, key, receiver);
      },
    });
    const counted = new RegistryService({ store: counting, environments, gates: [metricThresholdGate, modelCardCompleteGate], now: () => new Date((clock += 60_000)) });
    const decided = await counted.decide(pending.id, 'approve', 'fine', luis, model);
    // An unlocked preview first, only to run the gates outside the transaction when this approval completes it.
    expect(reads).toEqual([`getRequest ${pending.id}`, `getRequestForUpdate ${pending.id}`]);
    // The answer is what a fresh read gives.
    expect(decided.request).toEqual(await store.getRequest(pending.id));
    expect(request.id).not.toBe(pending.id);
  });

  it('promotes through the environments under each policy, and the audit chain verifies', async () => {
    const { knex, store, service, loadModel } = await setup();
    await service.registerVersion(model, newVersion('v1'), jane);
    const dev = await service.requestPromotion(model, { version: 'v1', environment: 'dev' }, jane);
    expect(dev.request.status).toBe('promoted');

    const staging = await service.requestPromotion(model, { version: 'v1', environment: 'staging', comment: 'ready' }, jane);
    expect(staging.request.status).toBe('pending');
    expect(staging.gates).toEqual([{ type: 'metric', passed: true, message: 'auc 0.91 is within bounds' }]);
    const approved = await service.decide(staging.request.id, 'approve', undefined, luis, loadModel);
    expect(approved.request.status).toBe('promoted');

    const prod = await service.requestPromotion(model, { version: 'v1', environment: 'prod' }, jane);
    const first = await service.decide(prod.request.id, 'approve', undefined, luis, loadModel);
    expect(first.request.status).toBe('pending');
    const second = await service.decide(prod.request.id, 'approve', undefined, hannah, loadModel);
    expect(second.request.status).toBe('promoted');

    const state = await service.state('model:default/churn-classifier');
    expect(state.environments.map(e => [e.name, e.current?.version])).toEqual([['dev', 'v1'], ['staging', 'v1'], ['prod', 'v1']]);
    expect(state.pendingRequests).toEqual([]);
    expect((await store.audit.list({ limit: 100 })).map(e => `${e.action} by ${e.actor.split('/')[1]}`)).toEqual([
      'version.registered by jane',
      'promotion.requested by jane',
      'promotion.completed by jane',
      'promotion.requested by jane',
      'promotion.approved by luis',
      'promotion.completed by luis',
      'promotion.requested by jane',
      'promotion.approved by luis',
      'promotion.approved by hannah',
      'promotion.completed by hannah',
    ]);
    expect(await verifyAuditChain(knex)).toMatchObject({ valid: true, events: 10 });
  });

  it('enforces separation of duties and the approver groups whatever the caller may do otherwise', async () => {
    const { service, loadModel } = await setup();
    await service.registerVersion(model, newVersion('v1'), jane);
    await service.requestPromotion(model, { version: 'v1', environment: 'dev' }, jane);
    const { request } = await service.requestPromotion(model, { version: 'v1', environment: 'staging' }, jane);
    await expect(service.decide(request.id, 'approve', undefined, jane, loadModel)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining('Separation of duties'),
    });
    await expect(service.decide(request.id, 'approve', undefined, outsider, loadModel)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining('decided by group:default/customer-ml'),
    });
    await expect(service.decide(request.id, 'approve', undefined, hannah, loadModel)).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect((await service.state('model:default/churn-classifier')).pendingRequests).toHaveLength(1);
  });

  it('counts distinct approvers only', async () => {
    const { service, loadModel } = await setup();
    await inStaging(service);
    const { request } = await service.requestPromotion(model, { version: 'v1', environment: 'prod' }, jane);
    await service.decide(request.id, 'approve', undefined, luis, loadModel);
    await expect(service.decide(request.id, 'approve', undefined, luis, loadModel)).rejects.toMatchObject({ name: 'ConflictError' });
    expect((await service.state('model:default/churn-classifier')).environments[2].current).toBeUndefined();
  });

  it('lets one approver count twice when the policy does not ask for distinct approvers', async () => {
    const repeatable = environments.map(e => (e.name === 'prod' ? { ...e, policy: { ...e.policy, distinctApprovers: false } } : e));
    const { knex, service, loadModel } = await setup({ environments: repeatable });
    await inStaging(service);
    const { request } = await service.requestPromotion(model, { version: 'v1', environment: 'prod' }, jane);
    expect(service.decisionBlocker(model, (await service.decide(request.id, 'approve', 'reviewed', hannah, loadModel)).request, hannah)).toBeUndefined();
    const second = await service.decide(request.id, 'approve', 'signed off', hannah, loadModel);
    expect(second.request).toMatchObject({ status: 'promoted', decisions: [{ actor: hannah.ref }, { actor: hannah.ref }] });
    expect((await service.state('model:default/churn-classifier')).environments[2].current?.version).toBe('v1');
    await expect(service.decide(request.id, 'approve', undefined, jane, loadModel)).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect((await verifyAuditChain(knex)).valid).toBe(true);
  });

  it('lets the requester override a failing overridable gate with an audited reason, never the others', async () => {
    const live = { type: 'live', evaluate: async () => ({ passed: false, overridable: true, message: 'SLO critical' }) };
    const withLive = environments.map(e =>
      e.name === 'prod' ? { ...e, policy: { ...e.policy, qualityGates: [...e.policy.qualityGates, new ConfigReader({ type: 'live' })] } } : e,
    );
    const knex = await databases.init(databaseId);
    const store = await registryStoreOn(knex);
    const service = new RegistryService({ store, environments: withLive, gates: [metricThresholdGate, modelCardCompleteGate, live], now: () => new Date((clock += 60_000)) });
    await inStaging(service);
    const strict = { type: 'live', evaluate: async () => ({ passed: false, message: 'model card incomplete' }) };
    const strictService = new RegistryService({ store, environments: withLive, gates: [metricThresholdGate, modelCardCompleteGate, strict], now: () => new Date((clock += 60_000)) });
    await expect(strictService.requestPromotion(model, { version: 'v1', environment: 'prod', gateOverride: { reason: 'please let me through' } }, jane)).rejects.toMatchObject({
      name: 'ConflictError',
      message: 'Quality gates for prod failed: model card incomplete',
    });
    await expect(service.requestPromotion(model, { version: 'v1', environment: 'prod' }, jane)).rejects.toMatchObject({
      name: 'ConflictError',
      message: 'Quality gates for prod failed: SLO critical (the requester may override with a reason)',
    });
    const { request, gates } = await service.requestPromotion(model, { version: 'v1', environment: 'prod', gateOverride: { reason: 'hotfix for the fraud spike' } }, jane);
    expect(request.gateOverrideReason).toBe('hotfix for the fraud spike');
    expect(gates.find(g => g.type === 'live')).toMatchObject({ passed: false, overridden: true, message: 'SLO critical — overridden: hotfix for the fraud spike' });
    await service.decide(request.id, 'approve', undefined, luis, model);
    const done = await service.decide(request.id, 'approve', undefined, person('amara', ['customer-ml']), model);
    expect(done.request.status).toBe('promoted');
    const events = await knex('audit_events').orderBy('seq');
    expect(events.map(e => e.action)).toContain('promotion.completed');
    expect(JSON.parse(events.find(e => e.action === 'promotion.requested' && e.after.includes('hotfix'))!.policy).gates).toContainEqual(
      expect.objectContaining({ type: 'live', overridden: true }),
    );
  });

  it('refuses to skip an environment and names what runs there', async () => {
    const { service } = await setup();
    await service.registerVersion(model, newVersion('v1'), jane);
    await expect(service.requestPromotion(model, { version: 'v1', environment: 'staging' }, jane)).rejects.toMatchObject({
      name: 'ConflictError',
      message: 'Version v1 is not current in dev, the environment before staging (dev has no version yet)',
    });
    await expect(service.requestPromotion(model, { version: 'v1', environment: 'qa' }, jane)).rejects.toMatchObject({ name: 'InputError' });
    await expect(service.requestPromotion(model, { version: 'v9', environment: 'dev' }, jane)).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it('blocks a promotion whose quality gate fails', async () => {
    const { service } = await setup();
    await service.registerVersion(model, newVersion('v1', 0.8), jane);
    await service.requestPromotion(model, { version: 'v1', environment: 'dev' }, jane);
    await expect(service.requestPromotion(model, { version: 'v1', environment: 'staging' }, jane)).rejects.toMatchObject({
      name: 'ConflictError',
      message: 'Quality gates for staging failed: auc 0.8 is below 0.85',
    });
  });

  it('keeps versions immutable', async () => {
    const { service } = await setup();
    await service.registerVersion(model, newVersion('v1'), jane);
    await expect(service.registerVersion(model, newVersion('v1', 0.99), jane)).rejects.toMatchObject({ name: 'ConflictError' });
    const updated = await service.updateVersion(model, 'v1', { description: 'Retrained on Q3', tags: ['candidate'] }, jane);
    expect(updated).toMatchObject({ description: 'Retrained on Q3', tags: ['candidate'], metrics: { auc: 0.91 } });
  });

  it('lets only the requester cancel, and only while pending', async () => {
    const { service } = await setup();
    await service.registerVersion(model, newVersion('v1'), jane);
    await service.requestPromotion(model, { version: 'v1', environment: 'dev' }, jane);
    const { request } = await service.requestPromotion(model, { version: 'v1', environment: 'staging' }, jane);
    await expect(service.cancel(request.id, luis)).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect((await service.cancel(request.id, jane)).status).toBe('cancelled');
    await expect(service.cancel(request.id, jane)).rejects.toMatchObject({ name: 'ConflictError' });
  });

  it('rolls back to an earlier version of the environment and answers which version ran when', async () => {
    const { service } = await setup();
    await inStaging(service, 'v1');
    const v1Time = new Date(clock + 30_000);
    await inStaging(service, 'v2');
    await expect(service.rollback(model, { environment: 'staging', version: 'v3', reason: 'x' }, jane)).rejects.toMatchObject({ name: 'ConflictError' });
    await expect(service.rollback(model, { environment: 'prod', version: 'v1', reason: 'x' }, jane)).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining('was never in prod'),
    });
    await service.rollback(model, { environment: 'staging', version: 'v1', reason: 'v2 drops recall on new customers' }, jane);
    expect((await service.state('model:default/churn-classifier')).environments[1].current).toMatchObject({ version: 'v1', cause: 'rollback', reason: 'v2 drops recall on new customers' });
    expect((await service.history('model:default/churn-classifier', v1Time)).map(a => [a.environment, a.version])).toEqual([['dev', 'v1'], ['staging', 'v1']]);
  });

  it('runs the gates outside its transactions, so that a gate may read the database (SQLite has one connection)', async () => {
    const knex = await databases.init(databaseId);
    const store = await registryStoreOn(knex);
    clock = Date.parse('2026-11-01T00:00:00Z');
    // Like the serving and slo-and-drift gates: reads of its own, on the plugin's database, at the moment of promotion.
    const reads: string[] = [];
    const readingGate = {
      type: 'reads-database',
      async evaluate({ version, environment }: { version: { version: string }; environment: string }) {
        const row = await knex('model_versions').where({ version: version.version }).first();
        reads.push(`${environment} ${version.version}`);
        return { passed: Boolean(row), message: `read ${version.version} back` };
      },
    };
    const gated = readRegistryEnvironments(
      new ConfigReader({
        models: {
          registry: {
            environments: [
              { name: 'dev', policy: { approvals: 0, qualityGates: [{ type: 'reads-database' }] } },
              { name: 'staging', policy: { approvals: 2, qualityGates: [{ type: 'reads-database' }] } },
            ],
          },
        },
      }),
    );
    const service = new RegistryService({ store, environments: gated, gates: [readingGate], now: () => new Date((clock += 60_000)) });
    await service.registerVersion(model, newVersion('v1'), jane);
    expect((await service.requestPromotion(model, { version: 'v1', environment: 'dev' }, jane)).request.status).toBe('promoted');
    const { request } = await service.requestPromotion(model, { version: 'v1', environment: 'staging' }, jane);
    expect((await service.decide(request.id, 'approve', undefined, luis, model)).request.status).toBe('pending');
    const done = await service.decide(request.id, 'approve', undefined, person('amara', ['customer-ml']), model);
    expect(done).toMatchObject({ request: { status: 'promoted' }, gates: [{ type: 'reads-database', passed: true }] });
    expect(reads).toEqual(['dev v1', 'staging v1', 'staging v1']);
  });

  it('promotes when an approval completes a request that another approval had changed since its preview', async () => {
    const knex = await databases.init(databaseId);
    const store = await registryStoreOn(knex);
    clock = Date.parse('2026-11-01T00:00:00Z');
    const twoApprovals = readRegistryEnvironments(
      new ConfigReader({
        models: {
          registry: {
            environments: [
              { name: 'dev', policy: { approvals: 0 } },
              { name: 'staging', policy: { approvals: 2, qualityGates: [{ type: 'metric', metric: 'auc', min: 0.85 }] } },
            ],
          },
        },
      }),
    );
    const options = { environments: twoApprovals, gates: [metricThresholdGate], now: () => new Date((clock += 60_000)) };
    const service = new RegistryService({ store, ...options });
    await service.registerVersion(model, newVersion('v1'), jane);
    await service.requestPromotion(model, { version: 'v1', environment: 'dev' }, jane);
    const { request } = await service.requestPromotion(model, { version: 'v1', environment: 'staging' }, jane);
    // Luis's preview is read before Hannah's approval lands: it foresees no completion, so no gates run early.
    const before = await store.getRequest(request.id);
    const amara = person('amara', ['customer-ml']);
    await service.decide(request.id, 'approve', undefined, amara, model);
    const racing = new RegistryService({ store: new Proxy(store, { get: (t, k) => (k === 'getRequest' ? async () => before : Reflect.get(t, k)) }), ...options });
    const result = await racing.decide(request.id, 'approve', undefined, luis, model);
    expect(result).toMatchObject({ request: { status: 'promoted', decisions: [{ actor: amara.ref }, { actor: luis.ref }] }, gates: [{ type: 'metric', passed: true }] });
    expect((await store.listAssignments('model:default/churn-classifier')).filter(a => a.environment === 'staging')).toHaveLength(1);
    expect(await verifyAuditChain(knex)).toMatchObject({ valid: true });
  });

  it('ends 50 simultaneous approvals of one request with exactly one promotion and a valid chain', async () => {
    const { knex, service, store, loadModel } = await setup();
    await service.registerVersion(model, newVersion('v1'), jane);
    await service.requestPromotion(model, { version: 'v1', environment: 'dev' }, jane);
    const { request } = await service.requestPromotion(model, { version: 'v1', environment: 'staging' }, jane);
    const approvers = Array.from({ length: 50 }, (_, i) => person(`approver-${i}`, ['customer-ml']));
    const results = await Promise.allSettled(approvers.map(a => service.decide(request.id, 'approve', undefined, a, loadModel)));
    expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter(r => r.status === 'rejected').every(r => (r as PromiseRejectedResult).reason.name === 'ConflictError')).toBe(true);
    expect((await store.listAssignments('model:default/churn-classifier')).filter(a => a.environment === 'staging')).toHaveLength(1);
    const events = await store.audit.list({ limit: 100 });
    expect(events.filter(e => e.action === 'promotion.completed' && (e.after as any).environment === 'staging')).toHaveLength(1);
    expect(await verifyAuditChain(knex)).toMatchObject({ valid: true });
  });
});
