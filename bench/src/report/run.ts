/*
 * The auditor's report over a large audit log: its time and peak memory, JSON and CSV, against the chain's
 * verification alone (the same walk, no report: the baseline of time) and against a report built in memory (the
 * baseline of memory), each run in a fresh process, rounds alternating the modes.
 *
 *   scripts/run pnpm --filter @modelport/bench report --events 100000 --models 200 --rounds 3
 */
import { migrateModelsDatabase } from '@modelport/plugin-models-backend/src/database/migrations';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import knexFactory from 'knex';
import { median } from '../median';
import { seedAuditEvents } from './seed';

async function main() {
  const { values } = parseArgs({ options: { events: { type: 'string', default: '100000' }, models: { type: 'string', default: '200' }, rounds: { type: 'string', default: '3' } } });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'modelport-report-bench-'));
  const file = path.join(dir, 'models.sqlite');
  const knex = knexFactory({ client: 'better-sqlite3', connection: { filename: file }, useNullAsDefault: true });
  await migrateModelsDatabase(knex);
  const seeded = await seedAuditEvents(knex, { count: Number(values.events), models: Number(values.models), start: new Date('2026-01-01T00:00:00Z') });
  await knex.destroy();
  console.log(`${seeded.events} audit events of ${values.models} models in ${file} (${(fs.statSync(file).size / 1e6).toFixed(1)} MB)`);
  const modes = ['verify', 'report-json', 'report-csv', 'in-memory'];
  const results: Record<string, Array<{ ms: number; maxRssMB: number; bytes: number; entries: number }>> = Object.fromEntries(modes.map(m => [m, []]));
  for (let round = 0; round < Number(values.rounds); round++) {
    // Each round in another order, so that a drift of the machine's speed falls on every mode.
    for (const mode of [...modes.slice(round % modes.length), ...modes.slice(0, round % modes.length)]) {
      const out = execFileSync(process.execPath, ['--require', require.resolve('@backstage/cli-node/config/nodeTransform.cjs'), path.join(__dirname, 'worker.ts'), mode, file, path.join(dir, `${mode}.out`)], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      const result = JSON.parse(out.trim().split('\n').pop()!);
      results[mode].push(result);
      console.log(`round ${round + 1} ${mode}: ${(result.ms / 1000).toFixed(2)} s, peak RSS ${result.maxRssMB.toFixed(0)} MB, ${(result.bytes / 1e6).toFixed(1)} MB out, ${result.entries} entries`);
    }
  }
  const baseline = median(results.verify.map(r => r.ms));
  console.log('\n| mode | median time | × verification | median peak RSS | output |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const mode of modes) {
    const rs = results[mode];
    const ms = median(rs.map(r => r.ms));
    console.log(`| ${mode} | ${(ms / 1000).toFixed(2)} s | ${(ms / baseline).toFixed(2)}x | ${median(rs.map(r => r.maxRssMB)).toFixed(0)} MB | ${(rs[0].bytes / 1e6).toFixed(1)} MB |`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
