/*
 * Catalog ingestion benchmark: N generated Model entities through the real catalog processing with the Modelport
 * module, against N Components of the same size without it, alternating in the same run.
 * Usage: pnpm --filter @modelport/bench catalog [--count 10000] [--rounds 2]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type BenchKind, generateEntities } from './entities';
import { median } from '../median';

const { values } = parseArgs({
  options: { count: { type: 'string', default: '10000' }, rounds: { type: 'string', default: '2' } },
});
const count = Number(values.count);
const rounds = Number(values.rounds);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'modelport-bench-catalog-'));

function configFor(kind: BenchKind, file: string): string {
  const configFile = path.join(dir, `${kind}.yaml`);
  fs.writeFileSync(
    configFile,
    JSON.stringify({
      backend: {
        baseUrl: 'http://localhost:7027',
        listen: { port: 7027, host: '127.0.0.1' },
        database: { client: 'better-sqlite3', connection: ':memory:' },
      },
      catalog: {
        rules: [{ allow: ['Model', 'Component', 'Location'] }],
        locations: [{ type: 'file', target: file }],
      },
    }),
  );
  return configFile;
}

const inputs = (['Model', 'Component'] as const).map(kind => {
  const file = path.join(dir, `${kind.toLowerCase()}s.yaml`);
  fs.writeFileSync(file, generateEntities(kind, count));
  return { kind, file, bytes: fs.statSync(file).size, config: configFor(kind, file) };
});

const samples: Record<BenchKind, number[]> = { Model: [], Component: [] };
for (let round = 0; round < rounds; round++) {
  for (const input of round % 2 ? [...inputs].reverse() : inputs) {
    const result = spawnSync(
      process.execPath,
      ['--require', require.resolve('@backstage/cli-node/config/nodeTransform.cjs'), path.join(__dirname, 'worker.ts'), '--config', input.config],
      { env: { ...process.env, BENCH_KIND: input.kind, BENCH_COUNT: String(count), LOG_LEVEL: 'warn' }, encoding: 'utf8', maxBuffer: 1 << 28 },
    );
    const line = result.stdout.split('\n').find(l => l.startsWith('{"kind"'));
    if (result.status !== 0 || !line) {
      throw new Error(`${input.kind} run failed (exit ${result.status}):\n${result.stderr.slice(-4000)}`);
    }
    const { seconds } = JSON.parse(line);
    samples[input.kind].push(seconds);
    console.error(`round ${round + 1}: ${input.kind} ${count} entities in ${seconds.toFixed(1)} s`);
  }
}

const rate = (kind: BenchKind) => count / median(samples[kind]);
const report = {
  command: `pnpm --filter @modelport/bench catalog --count ${count} --rounds ${rounds}`,
  machine: `${os.cpus().length} x ${os.cpus()[0].model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  inputBytes: Object.fromEntries(inputs.map(i => [i.kind, i.bytes])),
  seconds: samples,
  entitiesPerSecond: { Model: rate('Model'), Component: rate('Component') },
  modelCostRatio: rate('Component') / rate('Model'),
};
console.log(JSON.stringify(report, null, 2));
fs.rmSync(dir, { recursive: true, force: true });
