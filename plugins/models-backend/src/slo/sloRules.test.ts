import type { ModelEntityV1alpha1 } from '@modelport/plugin-models-common';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import yaml from 'js-yaml';
import { metricsSourceOf } from './sliQueries';
import { generateSloRules } from './sloRules';

const run = promisify(execFile);
const promtool = process.env.PROMTOOL_BIN ?? 'promtool';

async function exampleModels(): Promise<ModelEntityV1alpha1[]> {
  const text = await fs.readFile(path.resolve(__dirname, '../../../../examples/models.yaml'), 'utf8');
  return yaml.loadAll(text) as ModelEntityV1alpha1[];
}

async function inTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'modelport-slo-rules-'));
  try {
    return await fn(dir);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

describe('generateSloRules', () => {
  it('writes rules that promtool accepts for every example model, KServe, Seldon and custom alike', async () => {
    const models = await exampleModels();
    expect(models.map(m => metricsSourceOf(m, 'kserve'))).toContain('seldon');
    await inTempDir(async dir => {
      for (const model of models.filter(m => m.spec.slos?.length)) {
        const file = path.join(dir, `${model.metadata.name}.yaml`);
        await fs.writeFile(file, yaml.dump(generateSloRules(model, metricsSourceOf(model, 'kserve'))));
        const { stdout } = await run(promtool, ['check', 'rules', file]);
        expect(stdout).toMatch(/SUCCESS: \d+ rules found/);
      }
    });
  });

  it('pages and files a ticket for a model burning its budget 30 times too fast, and stays quiet for a healthy one', async () => {
    const churn = (await exampleModels()).find(m => m.metadata.name === 'churn-classifier')!;
    const rules = generateSloRules(churn, 'kserve');
    const series = (errorsPerMinute: number) => [
      { series: 'revision_app_request_count{service_name="churn-classifier-predictor", response_code_class="2xx"}', values: `0+${1000 - errorsPerMinute}x240` },
      { series: 'revision_app_request_count{service_name="churn-classifier-predictor", response_code_class="5xx"}', values: `0+${errorsPerMinute}x240` },
    ];
    const labels = { sloth_id: 'churn-classifier-availability', sloth_service: 'churn-classifier', sloth_slo: 'availability' };
    const annotations = {
      summary: 'churn-classifier: the availability SLO error budget burns too fast',
      title: '',
    };
    const expected = (severity: 'critical' | 'warning') => ({
      exp_labels: { ...labels, severity, sloth_severity: severity === 'critical' ? 'page' : 'ticket' },
      exp_annotations: { ...annotations, title: `(${severity}) churn-classifier availability SLO error budget burn rate is too high` },
    });
    const test = {
      rule_files: ['rules.yaml'],
      evaluation_interval: '1m',
      tests: [
        {
          // 3% errors against an objective of 99.9%: a burn rate of 30.
          interval: '1m',
          input_series: series(30),
          alert_rule_test: [
            { eval_time: '3h', alertname: 'ModelSLOErrorBudgetBurnPage', exp_alerts: [expected('critical')] },
            { eval_time: '3h', alertname: 'ModelSLOErrorBudgetBurnTicket', exp_alerts: [expected('warning')] },
          ],
        },
        {
          // 0.05% errors: half the budget's pace.
          interval: '1m',
          input_series: series(0.5),
          alert_rule_test: [
            { eval_time: '3h', alertname: 'ModelSLOErrorBudgetBurnPage', exp_alerts: [] },
            { eval_time: '3h', alertname: 'ModelSLOErrorBudgetBurnTicket', exp_alerts: [] },
          ],
        },
      ],
    };
    await inTempDir(async dir => {
      await fs.writeFile(path.join(dir, 'rules.yaml'), yaml.dump(rules));
      await fs.writeFile(path.join(dir, 'test.yaml'), yaml.dump(test));
      const { stdout } = await run(promtool, ['test', 'rules', path.join(dir, 'test.yaml')]);
      expect(stdout).toContain('SUCCESS');
    });
  });

  it.each([
    ['kserve', 'revision_app_request_count{service_name="fraud-predictor", namespace_name="risk", response_code_class="2xx"}'],
    ['seldon', 'seldon_model_infer_total{model="fraud", namespace="risk", code="200"}'],
    ['modelport', 'modelport_requests_total{model="fraud", namespace="risk", code="200"}'],
  ])('records an error ratio of 0 and a full budget for a %s model that never failed, whose error series do not exist', async (source, okSeries) => {
    const model = {
      apiVersion: 'modelport.io/v1alpha1',
      kind: 'Model',
      metadata: { name: 'fraud', annotations: { 'backstage.io/kubernetes-namespace': 'risk', 'modelport.io/metrics-source': source } },
      spec: { type: 'classification', lifecycle: 'production', owner: 'group:default/ml', slos: [{ name: 'availability', objective: 0.99, window: '30d' }] },
    } as ModelEntityV1alpha1;
    const labels = { sloth_id: 'fraud-availability', sloth_service: 'fraud', sloth_slo: 'availability' };
    const test = {
      rule_files: ['rules.yaml'],
      evaluation_interval: '1m',
      tests: [
        {
          interval: '1m',
          input_series: [{ series: okSeries, values: '0+100x60' }],
          promql_expr_test: [
            { expr: 'slo:sli_error:ratio_rate5m', eval_time: '30m', exp_samples: [{ labels: `slo:sli_error:ratio_rate5m{${Object.entries({ ...labels, sloth_window: '5m' }).map(([k, v]) => `${k}="${v}"`).join(',')}}`, value: 0 }] },
            { expr: 'slo:period_error_budget_remaining:ratio', eval_time: '30m', exp_samples: [{ labels: `slo:period_error_budget_remaining:ratio{${Object.entries({ ...labels, sloth_window: '30d' }).map(([k, v]) => `${k}="${v}"`).join(',')}}`, value: 1 }] },
          ],
        },
      ],
    };
    await inTempDir(async dir => {
      await fs.writeFile(path.join(dir, 'rules.yaml'), yaml.dump(generateSloRules(model, metricsSourceOf(model, 'kserve'))));
      await fs.writeFile(path.join(dir, 'test.yaml'), yaml.dump(test));
      const { stdout } = await run(promtool, ['test', 'rules', path.join(dir, 'test.yaml')]).catch((e: { stdout: string; stderr: string }) => ({ stdout: `${e.stdout}${e.stderr}` }));
      expect(stdout).toContain('SUCCESS');
    });
  });

  it('refuses a custom objective whose queries have a fixed range, naming it', () => {
    const model = {
      apiVersion: 'modelport.io/v1alpha1',
      kind: 'Model',
      metadata: { name: 'ranker' },
      spec: { type: 'ranking', lifecycle: 'production', owner: 'group:default/ml', slos: [{ name: 'ndcg', indicator: 'custom', objective: 0.9, window: '7d', query: { good: 'sum(rate(g[5m]))', total: 'sum(rate(t[5m]))' } }] },
    } as ModelEntityV1alpha1;
    expect(() => generateSloRules(model, 'kserve')).toThrow('SLO ndcg of ranker: good query, line 1, column 1: must use {{.window}} as the range of its range selectors');
  });
});
