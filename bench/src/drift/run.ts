/*
 * Drift statistics on large samples against SciPy in the same run: the same 1,000,000 vs 1,000,000 values go to
 * Modelport's drift engine and to SciPy 1.10.1 (Debian's python3-scipy, run by /usr/bin/python3); each
 * statistic's median time over the rounds, the ratio SciPy time / Modelport time, and the agreement of values.
 * Usage: pnpm --filter @modelport/bench drift [--size 1000000] [--shift 0.01] [--rounds 5]
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { binShares, jensenShannonDistance, ksTwoSample, normedWasserstein, populationStabilityIndex } from '@modelport/plugin-models-common';
import { median } from '../median';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '1000000' },
    shift: { type: 'string', default: '0.01' },
    rounds: { type: 'string', default: '5' },
    python: { type: 'string', default: '/usr/bin/python3' },
  },
});
const size = Number(values.size);
const rounds = Number(values.rounds);

/** Normal samples from a seeded Park-Miller generator (Box-Muller), so every run measures the same data. */
function normalSample(n: number, mean: number, seed: number): Float64Array {
  let state = seed;
  const uniform = () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = mean + Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  return out;
}

const statistics: Record<string, (r: Float64Array, c: Float64Array) => number> = {
  'ks p-value': (r, c) => ksTwoSample(r, c).pValue,
  'normed Wasserstein': (r, c) => normedWasserstein(r, c),
  PSI: (r, c) => populationStabilityIndex(binShares(r, c, 'numerical', true)),
  'Jensen-Shannon': (r, c) => jensenShannonDistance(binShares(r, c, 'numerical', false)),
};

function main() {
  const reference = normalSample(size, 0, 20261126);
  const current = normalSample(size, Number(values.shift), 1126);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'modelport-bench-drift-'));
  try {
    const files = [path.join(dir, 'reference.f64'), path.join(dir, 'current.f64')];
    fs.writeFileSync(files[0], Buffer.from(reference.buffer));
    fs.writeFileSync(files[1], Buffer.from(current.buffer));
    // SciPy first, then Modelport, each on its own: the machine has two cores and both are single-threaded.
    const scipy = JSON.parse(execFileSync(values.python!, [path.join(__dirname, 'scipy_drift.py'), ...files, String(rounds)], { encoding: 'utf8' }));
    const results = Object.entries(statistics).map(([name, fn]) => {
      const times: number[] = [];
      let value = NaN;
      for (let i = 0; i < rounds; i++) {
        const started = process.hrtime.bigint();
        value = fn(reference, current);
        times.push(Number(process.hrtime.bigint() - started) / 1e9);
      }
      const seconds = median(times);
      const theirs = scipy.results[name];
      return {
        statistic: name,
        modelportSeconds: Number(seconds.toFixed(4)),
        scipySeconds: Number(theirs.seconds.toFixed(4)),
        speedup: Number((theirs.seconds / seconds).toFixed(2)),
        value,
        scipyValue: theirs.value,
        relativeDifference: value === theirs.value ? 0 : Math.abs(value - theirs.value) / Math.abs(theirs.value),
      };
    });
    console.log(
      JSON.stringify(
        {
          command: `pnpm --filter @modelport/bench drift --size ${size} --shift ${values.shift} --rounds ${rounds}`,
          machine: `${os.cpus().length} x ${os.cpus()[0].model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
          scipy: `SciPy ${scipy.scipy}, NumPy ${scipy.numpy}, Python ${scipy.python}`,
          results,
        },
        null,
        2,
      ),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
