import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { AuditReportEntry, ModelEntityV1alpha1 } from '@modelport/plugin-models-common';
import { exampleModel } from '@internal/test-fixtures';
import { parse } from 'csv-parse/sync';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readRegistryEnvironments } from '../../config/registryConfig';
import { readReviewPolicy } from '../../governance/reviewConfig';
import { ReviewService } from '../../governance/ReviewService';
import { seedRegistry } from '../../seed/seedRegistry';
import { RegistryService } from '../../service/RegistryService';
import { registryStoreOn } from '../../__testUtils__/database';
import { CSV_COLUMNS, CsvReportWriter, csvRowOf, JsonReportWriter } from './reportWriters';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

// A small history, each step at a known time before 2026-12-01T00:00Z (a step without `ago` follows its model's
// step before by seven minutes). The report below is over November 1-28 for the churn classifier.
const SEED = `
actors:
  jane: { ref: user:default/jane, owns: [group:default/customer-ml] }
  luis: { ref: user:default/luis, owns: [group:default/customer-ml] }
  hannah: { ref: user:default/hannah, owns: [group:default/model-risk] }
  amara: { ref: user:default/amara, owns: [group:default/risk-ml] }
models:
  model:default/churn-classifier:
    - { as: jane, ago: { days: 40 }, register: { version: 1.0.0, framework: xgboost, artifactUri: 's3://m/1.0.0' } }
    - { as: jane, promote: { version: 1.0.0, environment: dev } }
    - { as: jane, ago: { days: 39 }, promote: { version: 1.0.0, environment: staging, comment: first candidate } }
    - { as: luis, ago: { days: 38 }, approve: staging, comment: holdout ok }
    - { as: jane, ago: { days: 30 }, promote: { version: 1.0.0, environment: prod } }
    - { as: luis, ago: { days: 29 }, approve: prod }
    - { as: hannah, ago: { days: 28 }, approve: prod, comment: MRM-1 }
    - { as: hannah, ago: { days: 20 }, review: { version: 1.0.0, outcome: approved-with-findings, findings: [{ title: Calibration, severity: medium }] } }
    - { as: jane, ago: { days: 10 }, register: { version: 1.1.0, framework: xgboost, artifactUri: 's3://m/1.1.0' } }
    - { as: jane, promote: { version: 1.1.0, environment: dev } }
    - { as: jane, ago: { days: 9 }, promote: { version: 1.1.0, environment: staging, comment: '=HYPERLINK("http://evil.example")' } }
    - { as: luis, ago: { days: 8 }, reject: staging, comment: recall too low }
    - { as: jane, ago: { days: 5 }, register: { version: 1.2.0, framework: xgboost, artifactUri: 's3://m/1.2.0' } }
    - { as: jane, promote: { version: 1.2.0, environment: dev } }
    - { as: luis, ago: { days: 4 }, rollback: { environment: dev, version: 1.1.0, reason: latency regression in 1.2.0 } }
    - { as: jane, ago: { days: 2 }, promote: { version: 1.1.0, environment: staging } }
  model:default/fraud-detector:
    - { as: amara, ago: { days: 35 }, register: { version: 3.0.0, framework: lightgbm, artifactUri: 's3://m/3.0.0' } }
    - { as: amara, promote: { version: 3.0.0, environment: dev } }
`;

const environments = [
  { name: 'dev', policy: { approvals: 0 } },
  { name: 'staging', policy: { approvals: 1 } },
  { name: 'prod', policy: { approvals: 2, approvers: ['owner', 'group:default/model-risk'] } },
];

/** The churn classifier's report over November 1-28, 2026, checked by hand against SEED (seq: the chain's order). */
const EXPECTED: AuditReportEntry[] = [
  {
    kind: 'promotion',
    modelRef: 'model:default/churn-classifier',
    at: '2026-11-03T00:00:00.000Z',
    requestId: expect.any(String),
    environment: 'prod',
    version: '1.0.0',
    requestedBy: 'user:default/jane',
    requestedAt: '2026-11-01T00:00:00.000Z',
    gates: [],
    approvals: [
      { actor: 'user:default/luis', at: '2026-11-02T00:00:00.000Z' },
      { actor: 'user:default/hannah', at: '2026-11-03T00:00:00.000Z', comment: 'MRM-1' },
    ],
    approvalsRequired: 2,
    approvers: ['group:default/customer-ml', 'group:default/model-risk'],
    actor: 'user:default/hannah',
    outcome: 'promoted',
    closedAt: '2026-11-03T00:00:00.000Z',
    auditSeqs: [10, 11, 12, 13],
  },
  {
    kind: 'review',
    modelRef: 'model:default/churn-classifier',
    at: '2026-11-11T00:00:00.000Z',
    version: '1.0.0',
    actor: 'user:default/hannah',
    outcome: 'approved-with-findings',
    findings: [{ title: 'Calibration', severity: 'medium' }],
    independent: true,
    nextDueAt: '2028-11-11T00:00:00.000Z',
    auditSeqs: [14],
  },
  { kind: 'registration', modelRef: 'model:default/churn-classifier', at: '2026-11-21T00:00:00.000Z', version: '1.1.0', actor: 'user:default/jane', auditSeqs: [15] },
  {
    kind: 'promotion',
    modelRef: 'model:default/churn-classifier',
    at: '2026-11-21T00:07:00.000Z',
    requestId: expect.any(String),
    environment: 'dev',
    version: '1.1.0',
    previousVersion: '1.0.0',
    requestedBy: 'user:default/jane',
    requestedAt: '2026-11-21T00:07:00.000Z',
    gates: [],
    approvals: [],
    approvalsRequired: 0,
    actor: 'user:default/jane',
    outcome: 'promoted',
    closedAt: '2026-11-21T00:07:00.000Z',
    auditSeqs: [16, 17],
  },
  { kind: 'assignment', modelRef: 'model:default/churn-classifier', environment: 'dev', version: '1.0.0', at: '2026-10-22T00:07:00.000Z', until: '2026-11-21T00:07:00.000Z', cause: 'promotion', actor: 'user:default/jane', auditSeqs: [3] },
  {
    kind: 'promotion',
    modelRef: 'model:default/churn-classifier',
    at: '2026-11-23T00:00:00.000Z',
    requestId: expect.any(String),
    environment: 'staging',
    version: '1.1.0',
    requestedBy: 'user:default/jane',
    requestedAt: '2026-11-22T00:00:00.000Z',
    comment: '=HYPERLINK("http://evil.example")',
    gates: [],
    approvals: [],
    approvalsRequired: 1,
    approvers: ['group:default/customer-ml'],
    rejectedBy: 'user:default/luis',
    reason: 'recall too low',
    outcome: 'rejected',
    closedAt: '2026-11-23T00:00:00.000Z',
    auditSeqs: [18, 19],
  },
  { kind: 'registration', modelRef: 'model:default/churn-classifier', at: '2026-11-26T00:00:00.000Z', version: '1.2.0', actor: 'user:default/jane', auditSeqs: [20] },
  {
    kind: 'promotion',
    modelRef: 'model:default/churn-classifier',
    at: '2026-11-26T00:07:00.000Z',
    requestId: expect.any(String),
    environment: 'dev',
    version: '1.2.0',
    previousVersion: '1.1.0',
    requestedBy: 'user:default/jane',
    requestedAt: '2026-11-26T00:07:00.000Z',
    gates: [],
    approvals: [],
    approvalsRequired: 0,
    actor: 'user:default/jane',
    outcome: 'promoted',
    closedAt: '2026-11-26T00:07:00.000Z',
    auditSeqs: [21, 22],
  },
  { kind: 'assignment', modelRef: 'model:default/churn-classifier', environment: 'dev', version: '1.1.0', at: '2026-11-21T00:07:00.000Z', until: '2026-11-26T00:07:00.000Z', cause: 'promotion', actor: 'user:default/jane', auditSeqs: [17] },
  {
    kind: 'rollback',
    modelRef: 'model:default/churn-classifier',
    at: '2026-11-27T00:00:00.000Z',
    environment: 'dev',
    version: '1.1.0',
    previousVersion: '1.2.0',
    actor: 'user:default/luis',
    reason: 'latency regression in 1.2.0',
    auditSeqs: [23],
  },
  { kind: 'assignment', modelRef: 'model:default/churn-classifier', environment: 'dev', version: '1.2.0', at: '2026-11-26T00:07:00.000Z', until: '2026-11-27T00:00:00.000Z', cause: 'promotion', actor: 'user:default/jane', auditSeqs: [22] },
  // In force at the end of the range (and after it): no `until`.
  { kind: 'assignment', modelRef: 'model:default/churn-classifier', environment: 'dev', version: '1.1.0', at: '2026-11-27T00:00:00.000Z', cause: 'rollback', actor: 'user:default/luis', auditSeqs: [23] },
  { kind: 'assignment', modelRef: 'model:default/churn-classifier', environment: 'staging', version: '1.0.0', at: '2026-10-24T00:00:00.000Z', cause: 'promotion', actor: 'user:default/luis', auditSeqs: [6] },
  { kind: 'assignment', modelRef: 'model:default/churn-classifier', environment: 'prod', version: '1.0.0', at: '2026-11-03T00:00:00.000Z', cause: 'promotion', actor: 'user:default/hannah', auditSeqs: [13] },
];

describe.each(databases.eachSupportedId())("the auditor's report on %s", databaseId => {
  let registry: RegistryService;

  beforeEach(async () => {
    const store = await registryStoreOn(await databases.init(databaseId));
    const policy = readReviewPolicy(new ConfigReader({}));
    const reviews = new ReviewService({ store, policy });
    registry = new RegistryService({ store, environments: readRegistryEnvironments(new ConfigReader({ models: { registry: { environments } } })), gates: [] });
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'modelport-report-'));
    const file = path.join(dir, 'seed.yaml');
    await fs.writeFile(file, SEED);
    const models = new Map(['churn-classifier', 'fraud-detector'].map(name => [`model:default/${name}`, exampleModel<ModelEntityV1alpha1>(name)]));
    await seedRegistry({ file, service: registry, reviews, loadModel: async ref => models.get(ref), logger: mockServices.logger.mock(), now: () => new Date('2026-12-01T00:00:00Z') });
  });

  async function report(query: { from: string; to: string; modelRef?: string }, format: 'json' | 'csv') {
    const chunks: string[] = [];
    const write = async (chunk: string) => void chunks.push(chunk);
    const writer = format === 'csv' ? new CsvReportWriter(write) : new JsonReportWriter(write, { generatedAt: '2026-12-01T00:00:00.000Z', ...query });
    const verification = await registry.auditReport(query, writer);
    return { text: chunks.join(''), chunks, verification };
  }

  it("says which version was where when, who asked and who approved, every rollback and review, over one model's range", async () => {
    const range = { from: '2026-11-01T00:00:00.000Z', to: '2026-11-28T00:00:00.000Z', modelRef: 'model:default/churn-classifier' };
    const { text } = await report(range, 'json');
    const parsed = JSON.parse(text);
    expect(parsed).toEqual({
      generatedAt: '2026-12-01T00:00:00.000Z',
      ...range,
      entries: EXPECTED,
      verification: { valid: true, events: 24, headHash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    // The whole fleet's report holds the other model too, and the same chain verification.
    const all = JSON.parse((await report({ from: range.from, to: '2026-12-01T00:00:00.000Z' }, 'json')).text);
    expect(new Set(all.entries.map((e: AuditReportEntry) => e.modelRef))).toEqual(new Set(['model:default/churn-classifier', 'model:default/fraud-detector']));
    expect(all.entries.filter((e: AuditReportEntry) => e.outcome === 'pending').map((e: AuditReportEntry) => [e.version, e.environment])).toEqual([['1.1.0', 'staging']]);
  });

  it('writes a CSV that a CSV parser reads back to the same rows, formulas neutralized, the verification last', async () => {
    const range = { from: '2026-11-01T00:00:00.000Z', to: '2026-11-28T00:00:00.000Z', modelRef: 'model:default/churn-classifier' };
    const json = JSON.parse((await report(range, 'json')).text);
    const { text } = await report(range, 'csv');
    expect(text.startsWith('\ufeffkind,model,at,')).toBe(true);
    expect(text.split('\r\n').length).toBe(EXPECTED.length + 3);
    const rows: string[][] = parse(text.slice(1), { relax_column_count: false });
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows.slice(1, -1)).toEqual(json.entries.map((e: AuditReportEntry) => csvRowOf(e).map(v => (v.startsWith('=') ? `'${v}` : v))));
    const rejected = rows.find(r => r[CSV_COLUMNS.indexOf('outcome')] === 'rejected')!;
    expect(rejected[CSV_COLUMNS.indexOf('comment')]).toBe(`'=HYPERLINK("http://evil.example")`);
    expect(rows.at(-1)!.filter(Boolean)).toEqual(['verification', 'valid', expect.stringMatching(/^24 events, head [0-9a-f]{64}$/), '24']);
  });
});
