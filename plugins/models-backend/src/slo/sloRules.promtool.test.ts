import { type ModelEntityV1alpha1, modelEntityProblems } from '@modelport/plugin-models-common';
import fc from 'fast-check';
import yaml from 'js-yaml';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { metricsSourceOf } from './sliQueries';
import { generateSloRules } from './sloRules';

const promtool = process.env.PROMTOOL_BIN ?? 'promtool';
const run = promisify(execFile);

/*
 * Models of every shape the validator might meet: custom SLI queries from a small PromQL grammar (well and badly
 * typed), mutated by inserting and deleting tokens at random, with label values of any text; names, windows,
 * objectives, thresholds and annotations at and past their bounds.
 */
const text = fc.oneof(fc.string({ maxLength: 6 }), fc.fullUnicodeString({ maxLength: 4 }), fc.constantFrom('a"b', 'a\\b', '\\q', '5..', '(', '.*', '(?P<x>a)', '\n', '`'));
const quoted = text.map(t => JSON.stringify(t));
const matcher = fc.tuple(fc.constantFrom('job', 'code', 'useful', 'le', '__name__'), fc.constantFrom('=', '!=', '=~', '!~'), fc.oneof(quoted, fc.constantFrom("'x'", '`raw\\d`', '"\\u00e9"', '"\\x41"'))).map(([l, op, v]) => `${l}${op}${v}`);
const selector = fc.tuple(fc.constantFrom('requests_total', 'answers_total', 'x', 'http:requests:rate5m', ''), fc.array(matcher, { maxLength: 2 })).map(([m, ms]) => (ms.length || !m ? `${m}{${ms.join(', ')}}` : m));
const duration = fc.constantFrom('{{.window}}', '{{.window}}', '5m', '1h', '1h30m', '0s', '{{.window}}:1m', '{{.window}}:');
const number = fc.constantFrom('1', '0.5', '.5', '1e3', '0x1F', 'Inf', 'NaN', '-1', '1_000');

const { expr } = fc.letrec<{ expr: string; range: string }>(tie => ({
  range: fc.oneof(
    fc.tuple(selector, duration).map(([s, d]) => `${s}[${d}]`),
    fc.tuple(tie('expr'), duration).map(([e, d]) => `(${e})[${d}]`),
    fc.tuple(selector, duration, fc.constantFrom('1h', '-5m', '{{.window}}')).map(([s, d, o]) => `${s}[${d}] offset ${o}`),
  ),
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    selector,
    number,
    fc.tuple(fc.constantFrom('rate', 'increase', 'avg_over_time', 'sum_over_time', 'changes', 'abs', 'holt_winters', 'mad_over_time'), tie('range')).map(([f, r]) => `${f}(${r})`),
    fc.tuple(fc.constantFrom('sum', 'max', 'count', 'sum by (job)', 'max without (code)', 'topk(2,', 'quantile(0.9,', 'limitk(1,'), tie('expr')).map(([a, e]) =>
      a.endsWith(',') ? `${a} ${e})` : `${a} (${e})`,
    ),
    fc.tuple(tie('expr'), fc.constantFrom('+', '/', '>', '> bool', '==', 'and', 'or', 'unless', '/ on (job)', '* ignoring (code) group_left', '^'), tie('expr')).map(
      ([l, op, r]) => `${l} ${op} ${r}`,
    ),
    fc.tuple(fc.constantFrom('vector', 'scalar', 'clamp_min', 'histogram_quantile', 'label_replace', 'absent'), tie('expr')).map(([f, e]) => {
      if (f === 'clamp_min') return `clamp_min(${e}, 0)`;
      if (f === 'histogram_quantile') return `histogram_quantile(0.9, ${e})`;
      if (f === 'label_replace') return `label_replace(${e}, "dst", "$1", "src", "(.*)")`;
      return `${f}(${e})`;
    }),
    tie('expr').map(e => `(${e})`),
    tie('expr').map(e => `-${e}`),
    fc.tuple(tie('expr'), fc.constantFrom('@ end()', '@ 1700000000', '# note')).map(([e, m]) => `${e} ${m}`),
  ),
}));

/** An expression over `{{.window}}`, as a custom SLI must have, combined with any other. */
const windowed = fc
  .tuple(
    fc.constantFrom('rate', 'increase', 'sum_over_time', 'count_over_time', 'max_over_time'),
    selector,
    fc.constantFrom('[{{.window}}]', '[{{.window}}:1m]', '[{{.window}}] offset 1h'),
    fc.constantFrom('sum', 'sum by (job)', '', 'max'),
    fc.option(fc.tuple(fc.constantFrom('+', '/', '* on (job) group_left', 'and', 'or', '> bool', '-'), expr), { freq: 2 }),
  )
  .map(([f, sel, range, aggregate, other]) => {
    const inner = `${f}(${sel}${range})`;
    const aggregated = aggregate ? `${aggregate} (${inner})` : inner;
    return other ? `${aggregated} ${other[0]} ${other[1]}` : aggregated;
  });

/** A query, sometimes with a token inserted or a character deleted, to probe the edges of the grammar. */
const query = fc.oneof(
  { weight: 4, arbitrary: windowed },
  { weight: 1, arbitrary: expr },
  fc.tuple(windowed, fc.nat(), fc.constantFrom('(', ')', '[', ']', '{', '}', ',', '"', '#', ' or ', ' by ', ' offset ', '\\', '1m', '}}', '`')).map(([e, at, t]) => {
    const i = at % (e.length + 1);
    return `${e.slice(0, i)}${t}${e.slice(i)}`;
  }),
  fc.tuple(windowed, fc.nat()).map(([e, at]) => e.slice(0, at % (e.length + 1)) + e.slice((at % (e.length + 1)) + 1)),
);

const window = fc.tuple(fc.integer({ min: 1, max: 600 }), fc.constantFrom('m', 'h', 'd', 'w')).map(([n, u]) => `${n}${u}`);
const slo = fc.oneof(
  fc.record({ name: fc.constant('availability'), objective: fc.double({ min: 0.5, max: 0.9999999, noNaN: true }), window }),
  fc.record({ name: fc.constant('latency'), objective: fc.double({ min: 1e-9, max: 0.999999, noNaN: true }), window, thresholdMs: fc.double({ min: 1e-6, max: 4e6, noNaN: true }) }),
  fc.record({
    name: fc.oneof({ weight: 5, arbitrary: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/) }, text),
    indicator: fc.constant('custom' as const),
    objective: fc.double({ min: 0.5, max: 0.999999, noNaN: true }),
    window,
    query: fc.record({ good: query, total: query }),
  }),
);
const model = fc
  .record({
    name: fc.stringMatching(/^[A-Za-z0-9]([A-Za-z0-9_.-]{0,40}[A-Za-z0-9])?$/),
    namespace: fc.constantFrom('default', 'ml-team'),
    annotations: fc.record(
      {
        'backstage.io/kubernetes-id': fc.oneof({ weight: 5, arbitrary: fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,20}[a-z0-9])?$/) }, text),
        'backstage.io/kubernetes-namespace': fc.oneof({ weight: 5, arbitrary: fc.constantFrom('ml', 'prod-eu') }, text),
        'modelport.io/metrics-source': fc.constantFrom('kserve', 'seldon', 'modelport', 'kserve', 'seldon', 'modelport', 'triton'),
      },
      { requiredKeys: [] },
    ),
    slos: fc.oneof({ weight: 5, arbitrary: fc.uniqueArray(slo, { minLength: 1, maxLength: 4, selector: o => o.name }) }, fc.array(slo, { minLength: 1, maxLength: 4 })),
  })
  .map(
    ({ name, namespace, annotations, slos }): ModelEntityV1alpha1 => ({
      apiVersion: 'modelport.io/v1alpha1',
      kind: 'Model',
      metadata: { name, namespace, annotations },
      spec: { type: 'classification', lifecycle: 'production', owner: 'group:default/ml', slos },
    }),
  );

describe('generateSloRules for any Model the validator accepts', () => {
  it('writes rules that promtool check rules accepts', async () => {
    // A new seed each run explores; MODELPORT_PROPERTY_SEED repeats the run a failure names.
    const seed = Number(process.env.MODELPORT_PROPERTY_SEED ?? Date.now() ^ (Math.random() * 2 ** 31));
    const models = fc.sample(model, { numRuns: 1500, seed });
    // And many more queries, each the good query of a model of its own, for the edges of the grammar.
    const queries = fc.sample(fc.tuple(query, window), { numRuns: 3000, seed }).map(
      ([good, w], i): ModelEntityV1alpha1 => ({
        apiVersion: 'modelport.io/v1alpha1',
        kind: 'Model',
        metadata: { name: `query-${i}` },
        spec: { type: 'ranking', lifecycle: 'production', owner: 'group:default/ml', slos: [{ name: 'q', indicator: 'custom', objective: 0.9, window: w, query: { good, total: 'sum(rate(x[{{.window}}]))' } }] },
      }),
    );
    const accepted = [...models, ...queries].filter(m => modelEntityProblems(m).length === 0);
    // The generators must reach valid Models and queries often enough for the property to say something.
    expect(accepted.filter(m => m.metadata.name.startsWith('query-')).length).toBeGreaterThan(400);
    expect(accepted.filter(m => !m.metadata.name.startsWith('query-')).length).toBeGreaterThan(70);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'modelport-rules-property-'));
    try {
      const files = await Promise.all(
        accepted.map(async (m, i) => {
          const file = path.join(dir, `${i}.yaml`);
          await fs.writeFile(file, yaml.dump(generateSloRules(m, metricsSourceOf(m, 'kserve'))));
          return file;
        }),
      );
      const check = (paths: string[]) => run(promtool, ['check', 'rules', ...paths], { maxBuffer: 64 * 2 ** 20 });
      const refused: Array<{ model: ModelEntityV1alpha1; promtool: string }> = [];
      // One run for all; only if it fails, one run per file to name the models promtool refused.
      if (await check(files).then(() => false, () => true)) {
        for (const [i, file] of files.entries()) {
          if (refused.length >= 10) break;
          await check([file]).catch((error: { stdout?: string; stderr?: string }) =>
            refused.push({ model: accepted[i], promtool: `${error.stdout ?? ''}${error.stderr ?? ''}`.slice(0, 600) }),
          );
        }
        if (!refused.length) refused.push({ model: accepted[0], promtool: 'promtool refused the files together but none alone' });
      }
      expect({ seed, refused }).toEqual({ seed, refused: [] });
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
