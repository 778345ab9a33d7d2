import { createMockDirectory, mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { SchedulerServiceTaskInvocationDefinition } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { type SandboxCluster, startSandboxCluster } from '@internal/kubernetes-sandbox';
import { exampleModel, type RunningPrometheus, startPrometheus } from '@internal/test-fixtures';
// Only tests run the models backend beside the module, as a portal would.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import modelsPlugin from '@modelport/plugin-models-backend';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import YAML from 'yaml';
import { dryRun, writeFiles } from './__testUtils__/dryRun';
import { runPython, startModelServer } from './__testUtils__/modelServer';
import { jane, startPortal, until } from './__testUtils__/portal';
import { kserveValues } from './__testUtils__/templateValues';

/**
 * The paved road end to end, with every part real but GitHub and the cluster: the "New model service (KServe)"
 * template's files from the scaffolder's dry run; their own tests and training under Debian's Python; the version
 * registered by the generated CI script through the models API with a service token, refused when a gate fails;
 * the generated server scraped by a real Prometheus that evaluates the generated rules; Modelport's fleet
 * evaluation reading SLO and drift figures for it; and every panel of the generated dashboard answering from that
 * Prometheus.
 */
describe('a model service from "New model service (KServe)", run', () => {
  const dir = createMockDirectory();
  let files: Record<string, string>;
  let model: Entity;

  beforeAll(async () => {
    const portal = await startPortal();
    try {
      const result = await dryRun(portal.server, 'model-service-kserve', kserveValues, jane);
      if (result.status !== 200) throw new Error(`The dry run of model-service-kserve failed (${result.status}): ${result.error}`);
      files = result.files;
    } finally {
      await portal.stop();
    }
    writeFiles(dir.path, files);
    model = YAML.parseAllDocuments(files['catalog-info.yaml']).map(d => d.toJS()).find(e => e.kind === 'Model');
  }, 120_000);

  it('passes its own tests', async () => {
    const { stderr } = await runPython(dir.path, ['-m', 'unittest', 'discover', '-s', 'tests', '-v']);
    expect(stderr).toMatch(/\nOK\n?$/);
    expect(stderr).not.toContain('skipped');
  }, 120_000);

  describe('trained, registered, served and watched', () => {
    const artifacts = path.join(dir.path, 'artifacts');
    const tasks = new Map<string, SchedulerServiceTaskInvocationDefinition>();
    let backend: Awaited<ReturnType<typeof startTestBackend>>;
    let api: string;
    let server: Awaited<ReturnType<typeof startModelServer>> | undefined;
    let prometheus: RunningPrometheus | undefined;
    let cluster: SandboxCluster | undefined;
    const ci = mockCredentials.service.token({ onBehalfOf: mockCredentials.service('external:model-ci'), targetPluginId: 'models' });
    const register = (args: string[], token = ci) =>
      runPython(dir.path, ['-m', 'modelservice.register', '--api', api, '--artifacts', 'artifacts', ...args], { MODELPORT_TOKEN: token });

    beforeAll(async () => {
      await runPython(dir.path, ['-m', 'modelservice.train', '--out', 'artifacts']);
      // The server as KServe's ServingRuntime starts it, scraped as Kubernetes service discovery would label it.
      server = await startModelServer(dir.path, 'claims-triage', artifacts);
      prometheus = await startPrometheus({
        scrape: [{ job: 'claims-triage', address: new URL(server.url).host, labels: { namespace: 'claims' } }],
        rules: [files['monitoring/slo-rules.yaml']],
      });
      // The dev cluster after a GitOps tool applied deploy/dev: the generated InferenceService as KServe's controller
      // leaves it in Standard (raw deployment) mode, ready.
      const [isvc] = YAML.parseAllDocuments(files['deploy/dev/inferenceservice.yaml']).map(d => d.toJS());
      cluster = await startSandboxCluster({
        token: 'dev',
        objects: [
          {
            ...isvc,
            metadata: { ...isvc.metadata, generation: 1, creationTimestamp: '2026-12-01T08:00:00Z' },
            status: {
              conditions: ['IngressReady', 'PredictorReady', 'Ready'].map(type => ({ type, status: 'True', lastTransitionTime: '2026-12-01T08:01:00Z' })),
              url: 'http://claims-triage-claims.dev.acme.example',
              address: { url: 'http://claims-triage-predictor.claims.svc.cluster.local' },
              components: { predictor: { url: 'http://claims-triage-predictor-claims.dev.acme.example' } },
              modelStatus: { transitionStatus: 'UpToDate', states: { activeModelState: 'Loaded', targetModelState: 'Loaded' }, copies: { failedCopies: 0, totalCopies: 1 } },
              observedGeneration: 1,
            },
          },
        ],
      });
      backend = await startTestBackend({
        features: [
          modelsPlugin,
          import('@backstage/plugin-kubernetes-backend'),
          // The model it replaces, whose version 1.0.0 is the champion the template's answers name.
          catalogServiceMock.factory({ entities: [model, exampleModel('churn-classifier')] }),
          mockServices.scheduler.mock({
            scheduleTask: async task => void tasks.set(task.id, task),
            createScheduledTaskRunner: () => ({ run: async task => void tasks.set(task.id, task) }),
          }).factory,
          mockServices.rootConfig.factory({
            data: {
              kubernetes: {
                serviceLocatorMethod: { type: 'multiTenant' },
                clusterLocatorMethods: [{ type: 'config', clusters: [{ name: 'dev-eu', url: cluster.url, authProvider: 'serviceAccount', serviceAccountToken: 'dev' }] }],
              },
              models: {
                serving: { clusters: [{ name: 'dev-eu', environment: 'dev' }] },
                registry: { environments: [{ name: 'dev', policy: { approvals: 0, qualityGates: [{ type: 'metric', metric: 'auc', min: 0.8 }] } }, { name: 'prod' }] },
                prometheus: { instances: [{ name: 'default', url: prometheus.url }] },
              },
            },
          }),
        ],
      });
      api = `http://127.0.0.1:${(backend.server.address() as { port: number }).port}/api/models`;
    }, 120_000);
    afterAll(async () => {
      await cluster?.close();
      await server?.stop();
      await prometheus?.stop();
      await backend?.stop();
    });

    it('registers a version that beats the champion through the API with a service token, and fails on a worse one or a failing gate', async () => {
      const metrics = JSON.parse(fs.readFileSync(path.join(artifacts, 'metrics.json'), 'utf8'));
      expect(metrics.auc).toBeGreaterThan(0.8);
      // The champion: an older model, beaten on both metrics the two share.
      await request(backend.server)
        .post('/api/models/models/default/churn-classifier/versions')
        .set('Authorization', jane)
        .send({ version: '1.0.0', artifactUri: 's3://acme-models/churn-classifier/1.0.0/model.ubj', framework: 'xgboost', metrics: { auc: 0.7, brier_score: 0.3, precision_at_10pct: 0.5 } })
        .expect(201);

      const { stdout } = await register(['--artifact-uri', 's3://acme-models/claims-triage/0.1.0/']);
      expect(stdout).toMatch(/Comparing with the champion model:default\/churn-classifier 1\.0\.0:\n {2}ok {5}auc: 0\.\d+ against the champion's 0\.7\n {2}ok {5}brier_score: 0\.\d+ against the champion's 0\.3\n/);
      expect(stdout).toContain('Registered claims-triage 0.1.0 as service:external:model-ci');
      expect(stdout).toMatch(/pass {2}metric: auc 0\.\d+ is within bounds/);
      const version = await request(backend.server).get('/api/models/models/default/claims-triage/versions/0.1.0').set('Authorization', jane);
      expect(version.status).toBe(200);
      expect(version.body).toMatchObject({ artifactUri: 's3://acme-models/claims-triage/0.1.0/', framework: 'sklearn', metrics: { auc: metrics.auc } });
      expect(Object.keys(version.body.profile.features).sort()).toEqual(['channel', 'claim_amount', 'escalate_probability', 'policy_age_days']);

      // The workflow's check before the upload: a registered version's artifacts are never overwritten.
      await expect(register(['--preflight'])).rejects.toThrow('claims-triage 0.1.0 is registered already: bump VERSION for a new version');
      expect((await register(['--preflight', '--version', '0.5.0'])).stdout).toContain('claims-triage 0.5.0 is new: its artifacts may be uploaded');
      // The same version again: the registry refuses it, and the script says why.
      await expect(register(['--artifact-uri', 's3://acme-models/claims-triage/0.1.0/'])).rejects.toThrow(/The registry refused claims-triage 0\.1\.0 \(409\)/);
      const withMetrics = async (changed: object, run: () => Promise<unknown>) => {
        fs.writeFileSync(path.join(artifacts, 'metrics.json'), JSON.stringify({ ...metrics, ...changed }));
        try {
          return await run();
        } finally {
          fs.writeFileSync(path.join(artifacts, 'metrics.json'), JSON.stringify(metrics));
        }
      };
      // Worse than the champion: not registered at all.
      await withMetrics({ auc: 0.61 }, () =>
        expect(register(['--artifact-uri', 's3://acme-models/claims-triage/0.2.0/', '--version', '0.2.0'])).rejects.toThrow(
          /WORSE {2}auc: 0\.61 against the champion's 0\.7[\s\S]*claims-triage 0\.2\.0 does not beat the champion model:default\/churn-classifier 1\.0\.0 on auc: not registered/,
        ),
      );
      expect((await request(backend.server).get('/api/models/models/default/claims-triage/versions/0.2.0').set('Authorization', jane)).status).toBe(404);
      // Better than the champion but below dev's gate: registered, and the workflow fails on the gate.
      await withMetrics({ auc: 0.75 }, () =>
        expect(register(['--artifact-uri', 's3://acme-models/claims-triage/0.3.0/', '--version', '0.3.0'])).rejects.toThrow(
          /FAIL {2}metric: auc 0\.75 is below 0\.8[\s\S]*1 quality gate\(s\) of dev fail for 0\.3\.0/,
        ),
      );
      // A token the portal does not accept.
      await expect(register(['--artifact-uri', 's3://acme-models/claims-triage/0.4.0/', '--version', '0.4.0'], 'not-a-token')).rejects.toThrow(/\(401\)/);
    }, 120_000);

    it('is scraped by Prometheus, evaluated by Modelport, and every dashboard panel answers for it', async () => {
      // A person promotes the version to dev; its profile becomes the drift baseline the Model names.
      const promoted = await request(backend.server)
        .post('/api/models/models/default/claims-triage/promotions')
        .set('Authorization', jane)
        .send({ version: '0.1.0', environment: 'dev', comment: 'first version' });
      expect({ status: promoted.status, message: promoted.body.error?.message }).toEqual({ status: 201, message: undefined });
      expect(promoted.body.request.status).toBe('promoted');

      const url = server!.url;
      expect(await (await fetch(`${url}/v2/health/ready`)).json()).toEqual({ ready: true });

      const query = async (expr: string) => {
        const res = await fetch(`${prometheus!.url}/api/v1/query?query=${encodeURIComponent(expr)}`);
        const json = (await res.json()) as { status: string; error?: string; data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> } };
        if (json.status !== 'success') throw new Error(`${expr}: ${json.error}`);
        return json.data.result;
      };
      // Prometheus scrapes the server before any traffic: its counters start at zero in the database.
      await until(async () => (await query('modelport_requests_total{model="claims-triage", namespace="claims", code="200"} == 0')).length === 1);

      // Traffic drawn from the training distribution, and some bad requests (the caller's fault, not an error).
      const { stdout } = await runPython(dir.path, [
        '-c',
        'import json; from modelservice import sample_data, schema; s = schema.load(); cols, _ = sample_data.sample(s, rows=300, seed=11); ' +
          'print(json.dumps({"inputs": [{"name": c.name, "shape": [300], "datatype": "FP64" if c.type == schema.NUMERICAL else "BYTES", "data": [float(v) if c.type == schema.NUMERICAL else str(v) for v in cols[c.name]]} for c in s.features]}))',
      ]);
      const body = JSON.parse(stdout);
      for (let i = 0; i < 3; i++) {
        const slice = { inputs: body.inputs.map((t: { data: unknown[] }) => ({ ...t, shape: [100], data: t.data.slice(i * 100, i * 100 + 100) })) };
        const res = await fetch(`${url}/v2/models/claims-triage/infer`, { method: 'POST', body: JSON.stringify(slice), headers: { 'content-type': 'application/json' } });
        expect(res.status).toBe(200);
      }
      const bad = await fetch(`${url}/v2/models/claims-triage/infer`, { method: 'POST', body: JSON.stringify({ inputs: [] }) });
      expect(bad.status).toBe(400);

      // Two scrapes after the traffic, so that rates see it; and the burn-rate rules evaluated on them.
      await until(async () => (await query('sum(increase(modelport_requests_total{model="claims-triage", namespace="claims", code="200"}[1m])) > 0')).length > 0);
      await until(async () => (await query('slo:period_error_budget_remaining:ratio{sloth_service="claims-triage"}')).length === 2);

      await tasks.get('models-observability')!.fn(new AbortController().signal);
      const observed = await request(backend.server).get('/api/models/models/default/claims-triage/observability').set('Authorization', jane);
      expect(observed.status).toBe(200);
      expect({ state: observed.body.state, stale: observed.body.stale }).toEqual({ state: 'ok', stale: false });
      const latest = observed.body.latest;
      // No server error; latency is the machine's, only its presence is certain.
      expect(latest.slo.objectives.map((o: { name: string; state: string; errorRatio: number }) => [o.name, o.name === 'availability' ? o.state : 'measured', typeof o.errorRatio])).toEqual([
        ['availability', 'ok', 'number'],
        ['latency', 'measured', 'number'],
      ]);
      expect(latest.slo.objectives[0].errorRatio).toBe(0);
      expect(latest.drift.reference).toEqual({ environment: 'dev', version: '0.1.0' });
      const features = latest.drift.features as Array<{ name: string; type: string; state: string; test?: string; score?: number; currentSize?: number; referenceSize?: number }>;
      expect(features.map(f => f.name).sort()).toEqual(['channel', 'claim_amount', 'escalate_probability', 'policy_age_days']);
      for (const f of features) {
        // Traffic from the training distribution, but its counts as increase() extrapolates them over a series seconds
        // old (by a factor that depends on when the scrapes fell), so a p-value near the threshold may land on either
        // side: the state is computed, not asserted. The drift tests themselves are checked against SciPy elsewhere.
        expect({ name: f.name, state: f.state, score: typeof f.score, test: f.test }).toEqual({
          name: f.name,
          state: expect.stringMatching(/^(ok|drifted)$/),
          score: 'number',
          test: f.type === 'numerical' ? 'ks' : 'chisquare',
        });
        // The 300 rows sent, or more: increase() extrapolates a series seconds old towards the window's end.
        expect(f.currentSize).toBeGreaterThanOrEqual(300);
        expect(f.referenceSize).toBe(800);
      }
      const fleet = await request(backend.server).get('/api/models/fleet').set('Authorization', jane);
      expect(fleet.status).toBe(200);
      expect(JSON.stringify(fleet.body)).toContain('claims-triage');

      // Every panel of the generated dashboard, with Grafana's variables as Grafana would set them.
      const dashboard = JSON.parse(files['grafana/dashboard.json']);
      const variables = Object.fromEntries(
        await Promise.all(
          (dashboard.templating.list as Array<{ name: string; type: string; query: string | { query: string } }>)
            .filter(v => v.type === 'query')
            .map(async v => {
              const q = typeof v.query === 'string' ? v.query : v.query.query;
              const [, metric, label] = /^label_values\((.+), (\w+)\)$/.exec(q.replace(/\$model/g, 'claims-triage'))!;
              return [v.name, [...new Set((await query(metric)).map(s => s.metric[label]))].sort()] as const;
            }),
        ),
      );
      expect(variables).toEqual({ feature: ['claim_amount', 'escalate_probability', 'policy_age_days'], categorical: ['channel'] });
      const panels = (dashboard.panels as Array<{ title: string; repeat?: string; targets?: Array<{ expr: string }> }>).flatMap(p =>
        (p.targets ?? []).flatMap(t => (p.repeat ? variables[p.repeat] : ['']).map(value => ({ title: p.title.replaceAll(`$${p.repeat}`, value), expr: t.expr.replaceAll(`$${p.repeat}`, value) }))),
      );
      expect(panels.length).toBeGreaterThanOrEqual(10);
      for (const panel of panels) {
        const expr = panel.expr.replace(/\$model/g, 'claims-triage').replace(/\$__rate_interval/g, '1m');
        expect({ panel: panel.title, expr, series: (await query(expr)).length > 0 }).toEqual({ panel: panel.title, expr, series: true });
      }
    }, 180_000);

    it("is found by the serving status in the cluster its dev manifest was applied to, running dev's approved version", async () => {
      await tasks.get('models-serving')!.fn(new AbortController().signal);
      const serving = await request(backend.server).get('/api/models/models/default/claims-triage/serving').set('Authorization', jane);
      expect(serving.status).toBe(200);
      expect(serving.body.environments.find((e: { environment: string }) => e.environment === 'dev')).toEqual({
        environment: 'dev',
        approved: '0.1.0',
        verdict: { state: 'in-line', version: '0.1.0' },
        clusters: [{ cluster: 'dev-eu', verdict: { state: 'in-line', version: '0.1.0' } }],
      });
      expect(serving.body.clusters[0].objects).toEqual([expect.objectContaining({ kind: 'InferenceService', name: 'claims-triage', namespace: 'claims', ready: 'True' })]);
      // A whole serving cycle: every cluster read, then the owners' notifications and the explorer's index caught up.
    }, 60_000);
  });
});