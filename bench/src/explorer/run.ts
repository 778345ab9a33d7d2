/*
 * The models explorer's backend with N models indexed (catalog entity, registry state with current versions and
 * pending requests, SLO, drift, serving and review snapshots for each): the median time of a filtered, sorted page
 * (ExplorerService.page: the permission decision, then the indexed COUNT and page queries), against, as the
 * baseline in the same run, what the fleet page does per request (every Model from the catalog, then every source
 * joined in memory) and against the same page under a conditional permission (the catalog's IS_ENTITY_OWNER rule
 * translated to SQL on the entity's facts).
 * Usage: pnpm --filter @modelport/bench explorer [--models 10000] [--requests 200] [--db sqlite|postgres]
 */
import type { AuthService, BackstageCredentials, LoggerService, PermissionsService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { ExplorerQuery, FleetServing, ModelEntityV1alpha1, ObservabilityStatus, ReviewStatus } from '@modelport/plugin-models-common';
import { migrateModelsDatabase } from '@modelport/plugin-models-backend/src/database/migrations';
import { ExplorerService, type ExplorerSources } from '@modelport/plugin-models-backend/src/explorer/ExplorerService';
import { KnexExplorerStore } from '@modelport/plugin-models-backend/src/explorer/KnexExplorerStore';
import knexFactory from 'knex';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { median } from '../median';
import { benchModel } from './fleet';

const { values } = parseArgs({ options: { models: { type: 'string', default: '10000' }, requests: { type: 'string', default: '200' }, db: { type: 'string', default: 'sqlite' } } });
const count = Number(values.models);
const requests = Number(values.requests);
const at = new Date().toISOString();
const sloStates = ['ok', 'ok', 'ok', 'ok', 'warning', 'critical', 'no-data'] as const;
const models = Array.from({ length: count }, (_, i) => benchModel(i));
const status = (i: number): ObservabilityStatus => {
  const state = sloStates[i % sloStates.length];
  return {
    state: 'ok',
    stale: false,
    latest: {
      modelRef: `model:default/model-${i}`,
      evaluatedAt: at,
      prometheus: 'default',
      slo: { state, objectives: [{ name: 'availability', indicator: 'availability', objective: 0.999, window: '30d', state, budgetRemaining: (i % 100) / 100, burnRates: [] }] },
      drift: { state: i % 13 === 0 ? 'drifted' : 'ok', window: '1d', reference: { kind: 'training' } as never, features: [{ name: 'amount', type: 'numerical', role: 'feature', state: i % 13 === 0 ? 'drifted' : 'ok' } as never] },
    },
  } as ObservabilityStatus;
};
const serving = (i: number): FleetServing => ({
  state: 'ok',
  stale: false,
  readAt: at,
  environments: [{ environment: 'prod', approved: '1.0.0', verdict: { state: i % 17 === 0 ? 'mismatch' : 'in-line', version: '1.0.0' }, clusters: [] }],
});
const review = (i: number): ReviewStatus => ({ state: i % 11 === 0 ? 'overdue' : 'current', independenceRequired: true });
const index = new Map(models.map((m, i) => [m.metadata.name, i]));
const at_ = (m: ModelEntityV1alpha1) => index.get(m.metadata.name)!;

const sources: ExplorerSources = {
  environments: () => ['dev', 'staging', 'prod'],
  currentAssignments: async () =>
    models.flatMap((m, i) => ['dev', 'prod'].map(environment => ({ modelRef: `model:default/${m.metadata.name}`, environment, version: `1.${i % 5}.0`, since: at, by: 'user:default/x', cause: 'promotion' as const }))),
  pendingRequests: async () =>
    models.filter((_, i) => i % 20 === 0).map((m, i) => ({ id: `r${i}`, modelRef: `model:default/${m.metadata.name}`, version: '1.1.0', toEnvironment: 'staging', status: 'pending' as const, requestedBy: 'user:default/x', requestedAt: at, decisions: [] })),
  observability: async ms => ms.map(m => status(at_(m))),
  serving: async ms => ms.map(m => serving(at_(m))),
  reviews: async ms => ms.map(m => review(at_(m))),
  intervals: { observability: 300, serving: 60 },
};

const queries: ExplorerQuery[] = [
  { owner: ['group:default/team-7'], sort: 'slo', order: 'desc', limit: 50 },
  { q: 'outcome 42', limit: 50 },
  { type: ['llm', 'embedding'], riskLevel: ['high', 'critical'], sort: 'budget', limit: 50 },
  { attention: true, sort: 'attention', order: 'desc', limit: 50 },
  { environment: ['prod'], verdict: ['mismatch'], limit: 50 },
  { mine: true, limit: 50 },
  { slo: ['critical'], offset: 100, limit: 50 },
  { system: ['system-3'], sort: 'versions', order: 'desc', limit: 50 },
];

async function main() {
  const url = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ?? 'postgresql://postgres@127.0.0.1:5432';
  if (values.db === 'postgres') {
    // A database of its own, new each run.
    const admin = knexFactory({ client: 'pg', connection: `${url}/postgres` });
    await admin.raw('DROP DATABASE IF EXISTS modelport_bench_explorer WITH (FORCE)');
    await admin.raw('CREATE DATABASE modelport_bench_explorer');
    await admin.destroy();
  }
  const knex =
    values.db === 'postgres'
      ? knexFactory({ client: 'pg', connection: `${url}/modelport_bench_explorer` })
      : knexFactory({ client: 'better-sqlite3', connection: ':memory:', useNullAsDefault: true });
  await migrateModelsDatabase(knex);
  // Plain objects rather than Backstage's test mocks, which need jest: only what the explorer calls.
  const catalog = {
    queryEntities: async (request: unknown) => {
      const offset = Number((request as { cursor?: string }).cursor ?? 0);
      const items = models.slice(offset, offset + 1000);
      return { items, totalItems: models.length, pageInfo: offset + 1000 < models.length ? { nextCursor: String(offset + 1000) } : {} };
    },
    getEntities: async () => ({ items: models }),
  } as unknown as CatalogService;
  const own = (result: 'allow' | 'owner') =>
    ({
      authorizeConditional: async () => [
        result === 'allow'
          ? { result: AuthorizeResult.ALLOW }
          : { result: AuthorizeResult.CONDITIONAL, pluginId: 'catalog', resourceType: 'catalog-entity', conditions: { rule: 'IS_ENTITY_OWNER', resourceType: 'catalog-entity', params: { claims: ['group:default/team-7', 'group:default/team-8'] } } },
      ],
    }) as unknown as PermissionsService;
  const user = { $$type: '@backstage/BackstageCredentials', principal: { type: 'user', userEntityRef: 'user:default/lead' } } as BackstageCredentials;
  const auth = { getOwnServiceCredentials: async () => ({ $$type: '@backstage/BackstageCredentials', principal: { type: 'service', subject: 'plugin:models' } }) } as unknown as AuthService;
  const logger = { info() {}, warn() {}, error() {}, debug() {}, child: () => logger } as unknown as LoggerService;
  const explorerWith = (permissions: PermissionsService) => new ExplorerService({ store: new KnexExplorerStore(knex), catalog, auth, permissions, logger, sources });
  const explorer = explorerWith(own('allow'));
  const conditional = explorerWith(own('owner'));

  let started = performance.now();
  const first = await explorer.refresh();
  const indexSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  const second = await explorer.refresh();
  const reindexSeconds = (performance.now() - started) / 1000;

  const caller = { credentials: user, ownershipRefs: async () => ['user:default/lead', 'group:default/team-7'] };
  const perQuery = new Map<string, number[]>();
  const timed = async (fn: (q: ExplorerQuery) => Promise<unknown>, name?: string) => {
    const ms: number[] = [];
    for (let i = 0; i < requests; i++) {
      const q = queries[i % queries.length];
      const t = performance.now();
      await fn(q);
      ms.push(performance.now() - t);
      if (name) perQuery.set(`${name} ${JSON.stringify(q)}`, [...(perQuery.get(`${name} ${JSON.stringify(q)}`) ?? []), ms[ms.length - 1]]);
    }
    return ms;
  };
  // The fleet page's way, per request: every Model from the catalog and every source for all of them, then filtered in memory.
  const fleetWay = async (q: ExplorerQuery) => {
    const { items } = await catalog.getEntities({ filter: { kind: 'Model' } }, { credentials: caller.credentials });
    const ms = items as ModelEntityV1alpha1[];
    const [o, s, r] = await Promise.all([sources.observability(ms), sources.serving(ms), sources.reviews(ms), sources.currentAssignments(), sources.pendingRequests()]);
    return ms.filter((m, i) => (!q.owner || q.owner.includes(m.spec.owner)) && o[i] && s[i] && r[i]).slice(0, 50);
  };
  await timed(q => explorer.page(q, caller));
  const explorerMs = await timed(q => explorer.page(q, caller), 'all');
  const conditionalMs = await timed(q => conditional.page(q, caller), 'conditional');
  const fleetMs = await timed(fleetWay);
  const p = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))];
  const row = (name: string, xs: number[]) => `| ${name} | ${median(xs).toFixed(2)} ms | ${p(xs, 0.9).toFixed(2)} ms | ${p(xs, 0.99).toFixed(2)} ms |`;
  console.log(`machine: ${os.cpus().length} x ${os.cpus()[0].model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${values.db}`);
  console.log(`index: ${count} models, first run ${indexSeconds.toFixed(1)} s (${first.changed} written), second run ${reindexSeconds.toFixed(1)} s (${second.changed} written)`);
  console.log('| way | median | p90 | p99 |\n| --- | --- | --- | --- |');
  console.log(row('explorer page (allowed to read all)', explorerMs));
  console.log(row('explorer page (conditional: IS_ENTITY_OWNER)', conditionalMs));
  console.log(row('baseline: the fleet way (whole fleet per request)', fleetMs));
  for (const [name, xs] of perQuery) console.log(`  ${name}: median ${median(xs).toFixed(2)} ms`);
  console.log(`ratio (baseline / explorer, medians): ${(median(fleetMs) / median(explorerMs)).toFixed(1)}x`);
  await knex.destroy();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
