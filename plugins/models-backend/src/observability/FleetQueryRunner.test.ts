import { type PrometheusClient, PrometheusError } from '../prometheus/PrometheusClient';
import { FleetQueryRunner } from './FleetQueryRunner';
import { samplesOf } from './sampleIndex';

/**
 * A Prometheus that answers one sample per unit a query names, and fails, as Prometheus would, every query that
 * names a unit it cannot evaluate.
 */
function fakePrometheus(options: { failing: string[]; kind?: PrometheusError['kind']; sharedFails?: boolean }) {
  const asked: string[] = [];
  const client = {
    async query(query: string) {
      asked.push(query);
      const units = [...query.matchAll(/unit-\d+/g)].map(m => m[0]);
      if (units.some(u => options.failing.includes(u)) || (options.sharedFails && query.includes('shared'))) {
        throw new PrometheusError(options.kind ?? 'execution', 'fake', `cannot evaluate ${units.filter(u => options.failing.includes(u)).join(', ')}`);
      }
      return [...units, ...(query.includes('shared') ? ['shared'] : [])].map(u => ({ labels: { modelport_slo: `p|${u}` }, value: 1 }));
    },
  } as unknown as PrometheusClient;
  return { client, asked };
}

const units = Array.from({ length: 20 }, (_, i) => ({ id: `unit-${i}` }));
const partsOf = (us: Array<{ id: string }>) => us.map(u => u.id);

describe('FleetQueryRunner', () => {
  it('answers shared parts and every unit in one query when nothing fails', async () => {
    const { client, asked } = fakePrometheus({ failing: [] });
    const runner = new FleetQueryRunner(client, new Date());
    const index = await runner.answer({ shared: ['shared'], units, partsOf });
    expect(asked).toHaveLength(1);
    expect(units.every(u => samplesOf(index, 'p', u.id).length === 1)).toBe(true);
    expect(runner.failed.size).toBe(0);
  });

  it('finds the failing units by halving, and answers all the others', async () => {
    const { client, asked } = fakePrometheus({ failing: ['unit-7', 'unit-13'] });
    const runner = new FleetQueryRunner(client, new Date());
    const index = await runner.answer({ shared: ['shared'], units, partsOf });
    expect([...runner.failed.keys()].sort()).toEqual(['unit-13', 'unit-7']);
    expect(runner.failed.get('unit-7')).toMatchObject({ kind: 'execution' });
    expect(units.filter(u => samplesOf(index, 'p', u.id).length).map(u => u.id)).toEqual(units.map(u => u.id).filter(id => id !== 'unit-7' && id !== 'unit-13'));
    expect(samplesOf(index, 'p', 'shared')).toHaveLength(1);
    // The combined query, the shared parts alone, then halves down to each failing unit.
    expect(asked.length).toBeLessThanOrEqual(2 + 2 * 2 * Math.ceil(Math.log2(units.length)) + 1);
    expect(runner.queries).toBe(asked.length);
  });

  it('skips units that failed earlier in the cycle, and asks last cycle\'s suspects alone, once', async () => {
    const { client, asked } = fakePrometheus({ failing: ['unit-3'] });
    const runner = new FleetQueryRunner(client, new Date(), ['unit-3', 'unit-5']);
    await Promise.all([runner.answer({ shared: ['shared'], units, partsOf }), runner.answer({ shared: ['shared'], units, partsOf })]);
    // unit-3 and unit-5 alone, then each answer's combined query without unit-3; unit-5 recovered, so the second
    // answer takes it in (the first had it from its own check).
    expect(asked).toHaveLength(4);
    expect(asked.slice(0, 2)).toEqual(['unit-3', 'unit-5']);
    expect(asked.slice(2).map(q => [/unit-3\b/.test(q), /unit-5\b/.test(q)])).toEqual([
      [false, false],
      [false, true],
    ]);
    expect([...runner.failed.keys()]).toEqual(['unit-3']);
  });

  it('throws when Prometheus cannot answer at all, or fails the shared parts alone', async () => {
    const down = fakePrometheus({ failing: ['unit-1'], kind: 'network' });
    await expect(new FleetQueryRunner(down.client, new Date()).answer({ shared: ['shared'], units, partsOf })).rejects.toMatchObject({ kind: 'network' });
    expect(down.asked).toHaveLength(1);
    const shared = fakePrometheus({ failing: [], sharedFails: true });
    await expect(new FleetQueryRunner(shared.client, new Date()).answer({ shared: ['shared'], units, partsOf })).rejects.toMatchObject({ kind: 'execution' });
    expect(shared.asked).toHaveLength(2);
  });

  it('asks no more suspects alone than the budget allows', async () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({ id: `unit-${i}` }));
    const { client, asked } = fakePrometheus({ failing: [] });
    const runner = new FleetQueryRunner(client, new Date(), many.map(u => u.id));
    const index = await runner.answer({ shared: [], units: many, partsOf });
    expect(asked).toHaveLength(64 + 1);
    expect(many.every(u => samplesOf(index, 'p', u.id).length === 1)).toBe(true);
  });

  it('spends a bounded number of queries when every unit fails', async () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({ id: `unit-${i}` }));
    const { client, asked } = fakePrometheus({ failing: many.map(u => u.id) });
    const runner = new FleetQueryRunner(client, new Date());
    await runner.answer({ shared: [], units: many, partsOf });
    expect(runner.failed.size).toBe(1000);
    expect(asked.length).toBeLessThanOrEqual(1 + 64 + 2);
  });
});
