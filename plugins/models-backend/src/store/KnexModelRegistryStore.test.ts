import { TestDatabases } from '@backstage/backend-test-utils';
import type { ModelVersion } from '@modelport/plugin-models-common';
import fc from 'fast-check';
import { registryStoreOn, verifyAuditChain } from '../__testUtils__/database';
import { migrateModelsDatabase, rollbackModelsDatabase } from '../database/migrations';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const modelRef = 'model:default/churn-classifier';
const version = (v: string): ModelVersion => ({
  modelRef,
  version: v,
  artifactUri: `s3://models/churn/${v}/model.onnx`,
  framework: 'xgboost',
  metrics: { auc: 0.91 },
  parameters: { max_depth: '6' },
  tags: [],
  registeredBy: 'user:default/jane.doe',
  registeredAt: `2026-11-0${v.slice(-1)}T10:00:00.000Z`,
});

const storeOn = registryStoreOn;

describe.each(databases.eachSupportedId())('KnexModelRegistryStore on %s', databaseId => {
  it('migrates up and down and up again', async () => {
    const knex = await databases.init(databaseId);
    await migrateModelsDatabase(knex);
    expect(await knex.schema.hasTable('audit_events')).toBe(true);
    await rollbackModelsDatabase(knex);
    for (const table of ['model_versions', 'environment_assignments', 'promotion_requests', 'promotion_decisions', 'audit_events', 'audit_head', 'observability_snapshots', 'observability_attempts', 'serving_clusters']) {
      expect(await knex.schema.hasTable(table)).toBe(false);
    }
    await migrateModelsDatabase(knex);
    expect(await knex('audit_head').first()).toMatchObject({ id: 1 });
  });

  it('keeps versions unique and one current version per environment, with history', async () => {
    const store = await storeOn(await databases.init(databaseId));
    await store.transaction(async tx => {
      expect(await tx.insertVersion(version('v1'))).toBe(true);
      expect(await tx.insertVersion(version('v1'))).toBe(false);
      expect(await tx.insertVersion(version('v2'))).toBe(true);
      await tx.assign(modelRef, { environment: 'dev', version: 'v1', by: 'u', cause: 'promotion', at: '2026-11-01T00:00:00.000Z' });
      await tx.assign(modelRef, { environment: 'dev', version: 'v2', by: 'u', cause: 'promotion', at: '2026-11-02T00:00:00.000Z' });
      expect((await tx.currentAssignment(modelRef, 'dev'))?.version).toBe('v2');
      expect(await tx.wasAssigned(modelRef, 'dev', 'v1')).toBe(true);
      expect(await tx.wasAssigned(modelRef, 'staging', 'v1')).toBe(false);
    });
    expect((await store.listVersions(modelRef)).map(v => v.version)).toEqual(['v2', 'v1']);
    expect(await store.listAssignments(modelRef)).toEqual([
      expect.objectContaining({ version: 'v1', since: '2026-11-01T00:00:00.000Z', until: '2026-11-02T00:00:00.000Z' }),
      expect.objectContaining({ version: 'v2', since: '2026-11-02T00:00:00.000Z', until: undefined }),
    ]);
  });

  it('writes a version list as JSON text identical to serializing the listed versions', async () => {
    const store = await storeOn(await databases.init(databaseId));
    // PostgreSQL text cannot hold NUL; everything else a JSON string can hold is fair game.
    const text = fc.string({ unit: 'binary' }).map(t => t.replace(/\0/g, ''));
    const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
    const versionArb = fc.record({
      artifactUri: text,
      framework: text,
      metrics: fc.dictionary(text, fc.double({ noNaN: true, noDefaultInfinity: true })),
      parameters: fc.dictionary(text, text),
      sourceRunUrl: optional(text),
      signature: optional(fc.record({ inputs: fc.array(fc.record({ name: text, type: text })), outputs: fc.array(fc.record({ name: text, type: text })) })),
      profile: optional(fc.record({ features: fc.dictionary(text, fc.record({ categories: fc.dictionary(text, fc.nat()) })) })),
      description: optional(text),
      tags: fc.array(text),
      registeredBy: text,
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(versionArb, { minLength: 0, maxLength: 4 }), async versions => {
        const ref = `model:default/json-${run++}`;
        await store.transaction(async tx => {
          for (const [i, v] of versions.entries())
            await tx.insertVersion({ ...v, modelRef: ref, version: `v${i}`, registeredAt: `2026-11-0${i + 1}T10:00:00.000Z` });
        });
        const listed = await store.listVersions(ref);
        expect(listed).toHaveLength(versions.length);
        expect(await store.listVersionsJson(ref)).toBe(JSON.stringify(listed));
      }),
      { numRuns: 60 },
    );
  });

  it('allows one pending request per model and environment, and one decision per actor', async () => {
    const store = await storeOn(await databases.init(databaseId));
    await store.transaction(async tx => {
      await tx.insertVersion(version('v1'));
      const request = { modelRef, version: 'v1', toEnvironment: 'staging', status: 'pending' as const, requestedBy: 'u', requestedAt: '2026-11-03T00:00:00.000Z' };
      expect(await tx.insertRequest({ ...request, id: 'r1' })).toBe(true);
      expect(await tx.insertRequest({ ...request, id: 'r2' })).toBe(false);
      expect(await tx.insertDecision('r1', { actor: 'a', decision: 'approve', at: '2026-11-03T01:00:00.000Z' })).toBe(true);
      expect(await tx.insertDecision('r1', { actor: 'a', decision: 'approve', at: '2026-11-03T02:00:00.000Z' })).toBe(false);
      expect(await tx.insertDecision('r1', { actor: 'a', decision: 'approve', at: '2026-11-03T02:00:00.000Z' }, 1)).toBe(true);
      expect(await tx.insertDecision('r1', { actor: 'a', decision: 'approve', at: '2026-11-03T02:00:00.000Z' }, 1)).toBe(false);
      await tx.closeRequest('r1', 'cancelled', '2026-11-03T03:00:00.000Z');
      expect(await tx.insertRequest({ ...request, id: 'r3' })).toBe(true);
    });
    expect(await store.getRequest('r1')).toMatchObject({ status: 'cancelled', decisions: [{ actor: 'a' }, { actor: 'a' }] });
  });

  it('will not migrate down past repeated approvals, which the earlier schema cannot hold', async () => {
    const knex = await databases.init(databaseId);
    const store = await storeOn(knex);
    await store.transaction(async tx => {
      await tx.insertVersion(version('v1'));
      await tx.insertRequest({ id: 'r1', modelRef, version: 'v1', toEnvironment: 'prod', status: 'pending', requestedBy: 'u', requestedAt: '2026-11-03T00:00:00.000Z' });
      await tx.insertDecision('r1', { actor: 'a', decision: 'approve', at: '2026-11-03T01:00:00.000Z' }, 0);
      await tx.insertDecision('r1', { actor: 'a', decision: 'approve', at: '2026-11-03T02:00:00.000Z' }, 1);
    });
    await expect(rollbackModelsDatabase(knex)).rejects.toThrow('1 repeated approvals');
    expect(Number((await knex('promotion_decisions').count({ n: '*' }).first())?.n)).toBe(2);
  });

  describe('the audit chain', () => {
    async function chainOfThree() {
      const knex = await databases.init(databaseId);
      const store = await storeOn(knex);
      for (const action of ['version.registered', 'promotion.requested', 'promotion.completed']) {
        await store.transaction(tx =>
          tx.audit.append({ actor: 'user:default/jane.doe', action, subject: modelRef, after: { action, n: 1.5 } }, '2026-11-04T00:00:00.000Z'),
        );
      }
      return { knex, store };
    }

    it('links every event to the previous one and verifies', async () => {
      const { knex, store } = await chainOfThree();
      const events = await store.audit.list({ limit: 10 });
      expect(events.map(e => e.seq)).toEqual([1, 2, 3]);
      expect(events[1].prevHash).toBe(events[0].hash);
      expect(await verifyAuditChain(knex)).toEqual({ valid: true, events: 3, headHash: events[2].hash });
    });

    it('finds a row altered directly in the database', async () => {
      const { knex } = await chainOfThree();
      await knex('audit_events').where({ seq: 2 }).update({ actor: 'user:default/mallory' });
      expect(await verifyAuditChain(knex)).toEqual({
        valid: false,
        events: 1,
        firstBrokenSeq: 2,
        reason: 'event 2 was altered: its content does not match its hash',
      });
    });

    it('finds a row whose hash was recomputed to hide a change', async () => {
      const { knex } = await chainOfThree();
      await knex('audit_events').where({ seq: 1 }).update({ after: JSON.stringify({ action: 'x' }), hash: 'f'.repeat(64) });
      expect(await verifyAuditChain(knex)).toMatchObject({ valid: false, firstBrokenSeq: 1 });
    });

    it('finds a deleted event and a truncated log', async () => {
      const { knex } = await chainOfThree();
      await knex('audit_events').where({ seq: 3 }).delete();
      expect(await verifyAuditChain(knex)).toMatchObject({ valid: false, firstBrokenSeq: 3, reason: 'the log ends at event 2 but 3 events were written' });
      const other = await chainOfThree();
      await other.knex('audit_events').where({ seq: 2 }).delete();
      expect(await verifyAuditChain(other.knex)).toMatchObject({ valid: false, firstBrokenSeq: 2, reason: 'event 2 is missing' });
    });
  });
});
