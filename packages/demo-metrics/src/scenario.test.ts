import fs from 'node:fs';
import path from 'node:path';
import { backfill, exposition, HISTORY_DAYS, samplesAt, scenarioFrom } from './scenario';

const epoch = Date.parse('2026-11-26T00:00:00Z') / 1000;
const scenario = scenarioFrom(fs.readFileSync(path.resolve(__dirname, '../../../examples/models.yaml'), 'utf8'), epoch);
const value = (t: number, name: string, labels: Record<string, string>) =>
  samplesAt(scenario, t).find(s => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

describe('the demo scenario', () => {
  it('grows counters continuously, so that the backfill and the live endpoint agree', () => {
    const labels = { service_name: 'churn-classifier-predictor', response_code_class: '2xx' };
    const a = value(epoch, 'revision_app_request_count', labels)!;
    const b = value(epoch + 60, 'revision_app_request_count', labels)!;
    expect(b - a).toBeCloseTo(60 * 20 * (1 - 0.0003), 6);
    expect(value(epoch - HISTORY_DAYS * 86_400, 'revision_app_request_count', labels)).toBe(0);
  });

  it('burns the credit scorer, drifts the fraud detector from 20 hours before the epoch, and leaves one model silent', () => {
    const errors = (t: number) => value(t, 'revision_app_request_count', { service_name: 'credit-default-scorer-predictor', response_code_class: '5xx' })!;
    expect((errors(epoch + 100) - errors(epoch)) / 100).toBeCloseTo(0.4, 9);
    const lowBucket = (t: number) => value(t, 'modelport_feature_value_bucket', { model: 'fraud-detector', feature: 'amount_eur', le: '10' })!;
    expect((lowBucket(epoch - 30 * 3600) - lowBucket(epoch - 30 * 3600 - 100)) / 100).toBeCloseTo(2, 9);
    expect((lowBucket(epoch) - lowBucket(epoch - 100)) / 100).toBeCloseTo(0.4, 9);
    expect(samplesAt(scenario, epoch).some(s => Object.values(s.labels).some(v => v.startsWith('clinical-notes-summarizer')))).toBe(false);
    expect(value(epoch, 'seldon_model_infer_api_seconds_bucket', { model: 'fraud-detector', le: '0.05' })).toBeGreaterThan(0);
  });

  it('writes the exposition format and an OpenMetrics history that ends with # EOF', () => {
    expect(exposition([{ name: 'x_total', labels: { a: 'q"uote' }, value: 3 }])).toBe('x_total{a="q\\"uote"} 3\n');
    const chunks = [...backfill(scenario, epoch - (HISTORY_DAYS * 86_400 - 900))];
    expect(chunks).toHaveLength(4);
    expect(chunks.at(-1)).toBe('# EOF\n');
    expect(chunks[0]).toMatch(/^revision_app_request_count\{service_name="churn-classifier-predictor",namespace_name="models",response_code_class="2xx"\} [\d.]+ \d+$/m);
  });
});
