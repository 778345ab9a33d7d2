import type { ExternalModelVersion, ExternalRunData, ModelRegistryConnector } from '@modelport/plugin-models-node';
import { inBatches, readRuns, RUN_BATCH, runIdsToRead } from './versionRuns';

/** Pages of these sizes, numbering their items 0, 1, 2, ... across pages. */
async function* pagesOf(sizes: number[]) {
  let start = 0;
  for (const size of sizes) {
    const first = start;
    yield Array.from({ length: size }, (_, i) => first + i);
    start += size;
  }
}

async function collect<T>(batches: AsyncIterable<T[]>): Promise<T[][]> {
  const all: T[][] = [];
  for await (const batch of batches) all.push(batch);
  return all;
}

const version = (v: string, change: Partial<ExternalModelVersion> = {}): ExternalModelVersion => ({ modelName: 'm', version: v, status: 'READY', source: `s3://m/${v}`, tags: {}, ...change });
const run = (auc: number): ExternalRunData => ({ metrics: { auc }, params: {} });

describe('the runs of versions', () => {
  it('regroups pages into batches of at most the batch size, in order, a full page handed on as it is', async () => {
    const batches = await collect(inBatches(pagesOf([2, 2, 5, 0, 1]), 3));
    expect(batches).toEqual([
      [0, 1, 2],
      [3, 4, 5],
      [6, 7, 8],
      [9],
    ]);
    expect((await collect(inBatches(pagesOf([1000, 1000, 10])))).map(b => b.length)).toEqual([RUN_BATCH, RUN_BATCH, 10]);
    expect(await collect(inBatches(pagesOf([])))).toEqual([]);
  });

  it('asks for the distinct runs of READY versions not registered yet', () => {
    const registered = new Map([['1', 's3://m/1']]);
    const versions = [
      version('1', { runId: 'r1' }),
      version('2', { runId: 'r2' }),
      version('3', { runId: 'r2' }),
      version('4', { runId: 'r4', status: 'PENDING_REGISTRATION' }),
      version('5'),
    ].map(v => ({ version: v, registered }));
    expect(runIdsToRead(versions)).toEqual(['r2']);
  });

  it('reads in one call when the connector reads runs in batches, else one call per run, a gone run left out', async () => {
    const runs = new Map([['r1', run(0.8)], ['r2', run(0.9)]]);
    const runData = jest.fn(async (id: string) => runs.get(id));
    const runsData = jest.fn(async (ids: string[]) => new Map(ids.flatMap(id => (runs.has(id) ? [[id, runs.get(id)!] as const] : []))));
    const connector = { runData } as Partial<ModelRegistryConnector> as ModelRegistryConnector;

    expect(await readRuns(connector, ['r1', 'gone'])).toEqual(new Map([['r1', run(0.8)]]));
    expect(runData.mock.calls).toEqual([['r1'], ['gone']]);

    const batching = { runData, runsData } as Partial<ModelRegistryConnector> as ModelRegistryConnector;
    expect(await readRuns(batching, ['r1', 'r2', 'gone'])).toEqual(new Map([['r1', run(0.8)], ['r2', run(0.9)]]));
    expect(runsData.mock.calls).toEqual([[['r1', 'r2', 'gone']]]);
    expect(runData).toHaveBeenCalledTimes(2);

    expect(await readRuns(batching, [])).toEqual(new Map());
    expect(await readRuns({} as ModelRegistryConnector, ['r1'])).toEqual(new Map());
    expect(runsData).toHaveBeenCalledTimes(1);
  });
});
