// Applies the README's installation section to an app, word for word: every fenced block of that section whose
// first line names a location is a step.
//   # in DIR                        (sh)    the other lines run in DIR, with bash -e
//   # FILE                          (yaml)  the block is merged into FILE (objects merged, lists replaced)
//   // FILE, before MARKER          (ts)    the other lines are inserted before the line that holds MARKER
// Blocks without a location are illustrations and are not applied. A step that cannot be applied (a missing
// file or marker, a command that fails) fails the installation test: fix the README, not the test.
// Usage: node scripts/lib/readme-steps.mjs APP_DIR [--list]
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';

const SECTION = '## Installing the plugins into an existing Backstage app';
const readme = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../../README.md'), 'utf8');

export function installationSteps(text) {
  const start = text.indexOf(SECTION);
  if (start < 0) throw new Error(`README.md has no section "${SECTION}"`);
  const rest = text.slice(start + SECTION.length);
  const end = rest.search(/^## /m);
  const section = end < 0 ? rest : rest.slice(0, end);
  const steps = [];
  for (const [, lang, body] of section.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)) {
    const [first, ...lines] = body.replace(/\n$/, '').split('\n');
    let m;
    if (lang === 'sh' && (m = /^# in (\S+)$/.exec(first))) steps.push({ kind: 'run', dir: m[1], script: lines.join('\n') });
    else if (lang === 'yaml' && (m = /^# (\S+\.ya?ml)$/.exec(first))) steps.push({ kind: 'merge', file: m[1], yaml: lines.join('\n') });
    else if (lang === 'ts' && (m = /^\/\/ (\S+), before (.+)$/.exec(first)))
      steps.push({ kind: 'insert', file: m[1], marker: m[2], lines });
  }
  if (steps.length === 0) throw new Error('the installation section has no steps');
  return steps;
}

function merge(target, source) {
  if (typeof target !== 'object' || target === null || Array.isArray(target) || Array.isArray(source)) return source;
  if (typeof source !== 'object' || source === null) return source;
  const out = { ...target };
  for (const [k, v] of Object.entries(source)) out[k] = k in target ? merge(target[k], v) : v;
  return out;
}

function apply(app, step) {
  if (step.kind === 'run') {
    console.log(`[readme] in ${step.dir}: ${step.script}`);
    execFileSync('bash', ['-euo', 'pipefail', '-c', step.script], { cwd: resolve(app, step.dir), stdio: 'inherit' });
  } else if (step.kind === 'merge') {
    console.log(`[readme] merging into ${step.file}`);
    const file = resolve(app, step.file);
    writeFileSync(file, yaml.dump(merge(yaml.load(readFileSync(file, 'utf8')), yaml.load(step.yaml)), { lineWidth: 120 }));
  } else {
    console.log(`[readme] ${step.file}: ${step.lines.length} lines before ${step.marker}`);
    const file = resolve(app, step.file);
    const lines = readFileSync(file, 'utf8').split('\n');
    const at = lines.findIndex(l => l.includes(step.marker));
    if (at < 0) throw new Error(`${step.file} has no line with "${step.marker}"`);
    lines.splice(at, 0, ...step.lines);
    writeFileSync(file, lines.join('\n'));
  }
}

const [app, flag] = process.argv.slice(2);
if (!app) {
  console.error('usage: readme-steps.mjs APP_DIR [--list]');
  process.exit(2);
}
const steps = installationSteps(readme);
if (flag === '--list') console.log(JSON.stringify(steps, null, 2));
else for (const step of steps) apply(app, step);
