import { createMockDirectory } from '@backstage/backend-test-utils';
import { modelEntityV1alpha1Validator } from '@modelport/plugin-models-common';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import YAML from 'yaml';
import { dryRun, writeFiles } from './__testUtils__/dryRun';
import { startFileServer } from './__testUtils__/fileServer';
import { setupServer } from 'msw/node';
import { githubContents } from './__testUtils__/githubApi';
import { MLFLOW_TOKEN, MLFLOW_URL, mlflowRunsGet, RUN_ID } from './__testUtils__/mlflowApi';
import { jane, SHIPPED_TEMPLATES, startPortal, until } from './__testUtils__/portal';
import { kserveValues } from './__testUtils__/templateValues';

const run = promisify(execFile);
/** What a person fills into "New generative-AI model behind the gateway". */
const genaiValues = {
  name: 'claims-summarizer',
  title: 'Claims Summarizer',
  owner: 'group:default/customer-ml',
  riskLevel: 'high',
  dataClassification: 'confidential',
  intendedUse: 'Summarises claim notes for adjusters; the adjuster reads the notes before deciding.',
  limitations: 'May state facts that are not in the notes.',
  provider: 'azure',
  providerModel: 'gpt-4o-2024-08-06',
  apiBase: 'https://acme-eu.openai.azure.com',
  rpm: 600,
  timeoutSeconds: 60,
  fallback: 'claims-summarizer-backup',
  availabilityObjective: 0.995,
  latencyThreshold: '10.0',
  latencyObjective: 0.95,
  tokenLatencyThreshold: '0.05',
  tokenLatencyObjective: 0.9,
  sloWindow: '28d',
  cases: [
    { prompt: 'Summarise: the policyholder reports hail damage to the roof on 3 May.', mustContain: 'hail' },
    { prompt: 'Summarise: "water: kitchen" — the adjuster\'s note, verbatim.', mustContain: 'kitchen' },
  ],
  gatewayUrl: 'https://llm-gateway.acme.example/v1',
  repoUrl: 'github.com?owner=acme&repo=claims-summarizer',
};

const docs = (text: string) => YAML.parseAllDocuments(text).map(d => (d as YAML.Document).toJS());


describe('the shipped templates, run by the real scaffolder dry run', () => {
  let portal: Awaited<ReturnType<typeof startPortal>>;
  let files: Awaited<ReturnType<typeof startFileServer>>;
  // GitHub and MLflow as the scaffolder meets them, in the test's process; every other request goes through.
  const github = githubContents();
  const remote = setupServer(github.handler, mlflowRunsGet());
  beforeAll(async () => {
    remote.listen({ onUnhandledRequest: 'bypass' });
    files = await startFileServer();
    portal = await startPortal({
      backend: { reading: { allow: [{ host: files.host }] } },
      // A portal's GitHub integration has a token: the URL reader then reads files through the contents API.
      integrations: { github: [{ host: 'github.com', token: 'ghp-modelport-test' }] },
      models: { mlflow: { servers: [{ url: MLFLOW_URL, token: MLFLOW_TOKEN }] } },
    });
  }, 120_000);
  afterAll(async () => {
    await portal?.stop();
    await files?.close();
    remote.close();
  });

  /** The real catalog's processing of a dry run's catalog-info.yaml, read as the URL location it becomes. */
  async function processedByCatalog(written: Record<string, string>) {
    const dir = createMockDirectory();
    writeFiles(dir.path, written);
    files.state.root = dir.path;
    const res = await request(portal.server).post('/api/catalog/locations?dryRun=true').set('Authorization', jane).send({ type: 'url', target: `${files.url}/catalog-info.yaml` });
    return { status: res.status, error: res.body.error?.message as string | undefined, entities: (res.body.entities ?? []) as Array<{ kind: string; spec: object }> };
  }

  it('are all in the catalog, and every field they ask has a title, and a description, a choice or a default', async () => {
    type Field = { title?: string; description?: string; enum?: unknown[]; default?: unknown; 'ui:field'?: string; const?: unknown };
    const missing: string[] = [];
    for (const name of SHIPPED_TEMPLATES) {
      const res = await request(portal.server).get(`/api/catalog/entities/by-name/template/default/${name}`).set('Authorization', jane);
      expect({ name, status: res.status }).toEqual({ name, status: 200 });
      const pages = res.body.spec.parameters as Array<{ properties: Record<string, Field>; dependencies?: Record<string, { oneOf: Array<{ properties: Record<string, Field> }> }> }>;
      const fields = pages.flatMap(p => [
        ...Object.entries(p.properties),
        ...Object.values(p.dependencies ?? {}).flatMap(d => d.oneOf.flatMap(o => Object.entries(o.properties).filter(([, f]) => f.const === undefined))),
      ]);
      for (const [key, field] of fields) {
        const explained = field.description || field.enum || field.default !== undefined || field['ui:field'];
        if (!field.title || !explained) missing.push(`${name}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  describe('New model service (KServe)', () => {
    let result: Awaited<ReturnType<typeof dryRun>>;
    beforeAll(async () => {
      result = await dryRun(portal.server, 'model-service-kserve', kserveValues, jane);
    }, 60_000);

    it('runs every step but publishing and registering, which do not dry-run', () => {
      expect({ status: result.status, body: result.status === 200 ? undefined : result.body }).toEqual({ status: 200, body: undefined });
      expect(result.log).toContain('Skipping because publish:github does not support dry-run');
      expect(result.log).toContain('Skipping because catalog:register does not support dry-run');
      expect(result.log).not.toMatch(/failed|Error:/);
      expect(Object.keys(result.files).sort()).toEqual(
        [
          '.dockerignore',
          '.github/workflows/model.yaml',
          '.gitignore',
          'Dockerfile',
          'README.md',
          'VERSION',
          'api/openapi.yaml',
          'catalog-info.yaml',
          ...['dev', 'staging', 'prod'].flatMap(env => ['inferenceservice.yaml', 'kustomization.yaml', 'servingruntime.yaml'].map(f => `deploy/${env}/${f}`)),
          'grafana/dashboard.json',
          'modelservice/__init__.py',
          'modelservice/labels.py',
          'modelservice/profile.py',
          'modelservice/register.py',
          'modelservice/sample_data.py',
          'modelservice/schema.py',
          'modelservice/server.py',
          'modelservice/train.py',
          'monitoring/slo-rules.yaml',
          'requirements.txt',
          'service.json',
          'tests/__init__.py',
          'tests/test_service.py',
        ].sort(),
      );
    });

    it('writes catalog-info.yaml with the Component, its API and a Model the validator and the catalog accept', async () => {
      const entities = docs(result.files['catalog-info.yaml']);
      expect(entities.map(e => `${e.kind}:${e.metadata.name}`)).toEqual(['Component:claims-triage', 'API:claims-triage-inference', 'Model:claims-triage']);
      const model = entities[2];
      expect(await modelEntityV1alpha1Validator.check(model)).toBe(true);
      expect(model.metadata.annotations).toEqual({
        'backstage.io/kubernetes-id': 'claims-triage',
        'backstage.io/kubernetes-namespace': 'claims',
        'modelport.io/metrics-source': 'modelport',
        'backstage.io/source-location': 'url:https://github.com/acme/claims-triage/tree/main/',
      });
      expect(model.spec).toEqual({
        type: 'classification',
        lifecycle: 'experimental',
        owner: 'group:default/customer-ml',
        system: 'system:default/customer-insights',
        servedBy: ['component:claims-triage', 'api:claims-triage-inference'],
        modelCard: { intendedUse: kserveValues.intendedUse, riskLevel: 'high', dataClassification: 'confidential' },
        monitoring: { features: kserveValues.features, prediction: { name: 'escalate_probability', type: 'numerical' }, reference: { environment: 'dev' } },
        slos: [
          { name: 'availability', objective: 0.999, window: '30d' },
          { name: 'latency', objective: 0.99, thresholdMs: 300, window: '30d' },
        ],
      });
      expect(entities[0].spec).toMatchObject({ owner: 'group:default/customer-ml', system: 'system:default/customer-insights', providesApis: ['claims-triage-inference'] });
      expect(YAML.parse(result.files['api/openapi.yaml']).paths).toHaveProperty(['/v2/models/claims-triage/infer']);

      // The real catalog processes the file as it would the new repository's: every entity, no error.
      const dir = createMockDirectory();
      writeFiles(dir.path, result.files);
      files.state.root = dir.path;
      const processed = await request(portal.server)
        .post('/api/catalog/locations?dryRun=true')
        .set('Authorization', jane)
        .send({ type: 'url', target: `${files.url}/catalog-info.yaml` });
      expect({ status: processed.status, errors: processed.body.error }).toEqual({ status: 201, errors: undefined });
      const processedModel = processed.body.entities.find((e: { kind: string }) => e.kind === 'Model');
      const api = processed.body.entities.find((e: { kind: string }) => e.kind === 'API');
      expect(YAML.parse(api.spec.definition).paths).toHaveProperty(['/v2/models/claims-triage/infer']);
      // Processed by Modelport's processor (a Model it refuses is an error above), spec as written.
      expect(processed.body.entities.map((e: { kind: string }) => e.kind).sort()).toEqual(['API', 'Component', 'Location', 'Model']);
      expect(processedModel.spec).toEqual(model.spec);
      // The same check refuses a Model the validator refuses.
      writeFiles(dir.path, { 'catalog-info.yaml': result.files['catalog-info.yaml'].replace('riskLevel: high', 'riskLevel: extreme') });
      const refused = await request(portal.server).post('/api/catalog/locations?dryRun=true').set('Authorization', jane).send({ type: 'url', target: `${files.url}/catalog-info.yaml` });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toContain('/spec/modelCard/riskLevel must be equal to one of the allowed values: low, medium, high, critical');
    });

    it('keeps any title and description a person types as one string in every file it templates', async () => {
      const title = 'Claims: "Triage" #2 {a: b} — Ünïcode\\ & ${{ parameters.name }}';
      const description = '- starts like a list: and has a colon # and a hash';
      const odd = await dryRun(portal.server, 'model-service-kserve', { ...kserveValues, title, description }, jane);
      expect({ status: odd.status, error: odd.error }).toEqual({ status: 200, error: undefined });
      const [component, api, model] = docs(odd.files['catalog-info.yaml']);
      expect([component.metadata.title, api.metadata.title, model.metadata.title, model.metadata.description]).toEqual([`${title} service`, `${title} inference`, title, description]);
      expect(YAML.parse(odd.files['api/openapi.yaml']).info.title).toBe(`${title} inference`);
      expect(JSON.parse(odd.files['grafana/dashboard.json']).title).toBe(`${title} (model service)`);
      const gateway = await dryRun(portal.server, 'genai-gateway-model', { ...genaiValues, title }, jane);
      expect(YAML.parse(gateway.files['evals/promptfooconfig.yaml']).description).toBe(`${title} through the LiteLLM gateway`);
    });

    it('writes KServe manifests per environment with the fields used and their types, labelled for serving status', async () => {
      for (const env of ['dev', 'staging', 'prod']) {
        const [isvc] = docs(result.files[`deploy/${env}/inferenceservice.yaml`]);
        expect(isvc).toMatchObject({
          apiVersion: 'serving.kserve.io/v1beta1',
          kind: 'InferenceService',
          metadata: { name: 'claims-triage', namespace: 'claims', labels: { 'backstage.io/kubernetes-id': 'claims-triage', 'modelport.io/version': '0.1.0' } },
          spec: {
            predictor: {
              minReplicas: expect.any(Number),
              maxReplicas: expect.any(Number),
              model: { modelFormat: { name: 'sklearn' }, runtime: 'claims-triage-runtime', protocolVersion: 'v2', storageUri: 's3://acme-models/claims-triage/0.1.0/' },
            },
          },
        });
      }
      const [prod] = docs(result.files['deploy/prod/inferenceservice.yaml']);
      expect(prod.spec.predictor).toMatchObject({ minReplicas: 2, maxReplicas: 6, canaryTrafficPercent: 10 });
      // The canary asked for needs Knative: Serverless mode; without one, Standard (RawDeployment) mode.
      expect(prod.metadata.annotations['serving.kserve.io/deploymentMode']).toBe('Serverless');
      const standard = await dryRun(portal.server, 'model-service-kserve', { ...kserveValues, canaryTrafficPercent: undefined }, jane);
      expect(docs(standard.files['deploy/prod/inferenceservice.yaml'])[0].metadata.annotations['serving.kserve.io/deploymentMode']).toBe('RawDeployment');
      const [dev] = docs(result.files['deploy/dev/inferenceservice.yaml']);
      expect(dev.spec.predictor).not.toHaveProperty('canaryTrafficPercent');
      expect(docs(result.files['deploy/prod/servingruntime.yaml'])[0].spec.containers[0].image).toBe('ghcr.io/acme/claims-triage:0.1.0');
    });

    it('writes SLO rules that promtool accepts, and whose fast-burn alert fires in a promtool test', async () => {
      const dir = createMockDirectory();
      writeFiles(dir.path, result.files);
      const promtool = process.env.PROMTOOL_BIN ?? 'promtool';
      const rules = path.join(dir.path, 'monitoring/slo-rules.yaml');
      const checked = await run(promtool, ['check', 'rules', rules]);
      expect(checked.stdout).toContain('SUCCESS: 34 rules found');

      // Two hours of 5% server errors against a 99.9% objective: a burn rate of 50, past the page threshold of 14.4
      // over 1h and 5m. The alert fires for availability only; latency stays well within its objective.
      const selector = 'model="claims-triage", namespace="claims"';
      const test = {
        rule_files: [rules],
        evaluation_interval: '1m',
        tests: [
          {
            interval: '1m',
            input_series: [
              { series: `modelport_requests_total{${selector}, code="200"}`, values: '0+950x180' },
              { series: `modelport_requests_total{${selector}, code="503"}`, values: '0+50x180' },
              { series: `modelport_request_duration_seconds_bucket{${selector}, le="0.3"}`, values: '0+1000x180' },
              { series: `modelport_request_duration_seconds_bucket{${selector}, le="+Inf"}`, values: '0+1000x180' },
              { series: `modelport_request_duration_seconds_count{${selector}}`, values: '0+1000x180' },
            ],
            alert_rule_test: [
              {
                eval_time: '2h',
                alertname: 'ModelSLOErrorBudgetBurnPage',
                exp_alerts: [
                  {
                    exp_labels: { severity: 'critical', sloth_id: 'claims-triage-availability', sloth_service: 'claims-triage', sloth_slo: 'availability', sloth_severity: 'page' },
                    exp_annotations: {
                      summary: 'claims-triage: the availability SLO error budget burns too fast',
                      title: '(critical) claims-triage availability SLO error budget burn rate is too high',
                    },
                  },
                ],
              },
            ],
          },
        ],
      };
      const testFile = path.join(dir.path, 'burn.test.yaml');
      writeFiles(dir.path, { 'burn.test.yaml': YAML.stringify(test) });
      const tested = await run(promtool, ['test', 'rules', testFile]);
      expect(tested.stdout).toContain('SUCCESS');
    });

    it('writes a model server and a CI that name the same columns as the Model', async () => {
      const service = JSON.parse(result.files['service.json']);
      expect(service).toEqual({
        name: 'claims-triage',
        task: 'classification',
        framework: 'sklearn',
        features: kserveValues.features,
        prediction: { name: 'escalate_probability', type: 'numerical' },
        champion: { model: 'model:default/churn-classifier', version: '1.0.0' },
      });
      // Without a model it replaces, no champion.
      const alone = await dryRun(portal.server, 'model-service-kserve', { ...kserveValues, replaces: undefined, champion: undefined }, jane);
      expect(JSON.parse(alone.files['service.json'])).not.toHaveProperty('champion');
      expect(result.files['requirements.txt']).not.toMatch(/xgboost|lightgbm|\{%/);
      // GitHub's own expressions are left for GitHub.
      expect(result.files['.github/workflows/model.yaml']).toContain('${{ secrets.MODELPORT_TOKEN }}');
      const dashboard = JSON.parse(result.files['grafana/dashboard.json']);
      expect(dashboard.templating.list.find((v: { name: string }) => v.name === 'model').query).toBe('claims-triage');
    });
  });

  describe('Deploy an approved version', () => {
    const values = { model: 'model:default/claims-triage', environment: 'dev', repoUrl: 'github.com?owner=acme&repo=claims-triage', branch: 'main' };
    let manifest: string;
    beforeAll(async () => {
      // The repository "New model service (KServe)" writes, in the catalog and on GitHub, with 0.2.0 current in dev.
      const created = await dryRun(portal.server, 'model-service-kserve', kserveValues, jane);
      const dir = createMockDirectory();
      writeFiles(dir.path, created.files);
      files.state.root = dir.path;
      // supertest's expect() fails the setup with the status and body when the answer is another.
      await request(portal.server).post('/api/catalog/locations').set('Authorization', jane).send({ type: 'url', target: `${files.url}/catalog-info.yaml` }).expect(201);
      await until(async () => (await request(portal.server).get('/api/catalog/entities/by-name/model/default/claims-triage').set('Authorization', jane)).status === 200);
      manifest = created.files['deploy/dev/inferenceservice.yaml'];
      github.put('acme', 'claims-triage', 'main', 'deploy/dev/inferenceservice.yaml', manifest);
      for (const version of ['0.1.0', '0.2.0']) {
        await request(portal.server)
          .post('/api/models/models/default/claims-triage/versions')
          .set('Authorization', jane)
          .send({ version, artifactUri: `s3://acme-models/claims-triage/${version}/`, framework: 'sklearn', metrics: { auc: 0.9 } })
          .expect(201);
      }
      await request(portal.server)
        .post('/api/models/models/default/claims-triage/promotions')
        .set('Authorization', jane)
        .send({ version: '0.2.0', environment: 'dev' })
        .expect(201)
        .expect(res => {
          if (res.body.request.status !== 'promoted') throw new Error(`0.2.0 is ${res.body.request.status} in dev, not promoted`);
        });
    }, 120_000);

    it('opens a pull request that changes only the storage URI and the version labels to the version current in dev', async () => {
      const result = await dryRun(portal.server, 'deploy-approved-version', values, jane);
      expect({ status: result.status, body: result.status === 200 ? undefined : result.body }).toEqual({ status: 200, body: undefined });
      expect(result.log).toContain('deploy/dev/inferenceservice.yaml: 0.1.0 -> 0.2.0 (s3://acme-models/claims-triage/0.2.0/), current in dev');
      expect(result.log).toContain('Performing dry run of creating pull request');
      const pinned = result.files['deploy/dev/inferenceservice.yaml'];
      const [isvc] = docs(pinned);
      expect(isvc.metadata.labels['modelport.io/version']).toBe('0.2.0');
      expect(isvc.spec.predictor.model.storageUri).toBe('s3://acme-models/claims-triage/0.2.0/');
      // Nothing else moved: the same lines but those two.
      const before = manifest.split('\n');
      const changed = pinned.split('\n').flatMap((line, i) => (line === before[i] ? [] : [line.trim()]));
      // The version label of the InferenceService and of its pods (KServe copies the predictor's labels to them).
      expect(changed).toEqual(['modelport.io/version: 0.2.0', 'modelport.io/version: 0.2.0', 'storageUri: s3://acme-models/claims-triage/0.2.0/'].map(l => expect.stringContaining(l)));
      expect(changed).toHaveLength(3);
      expect(isvc.spec.predictor.labels['modelport.io/version']).toBe('0.2.0');
      expect(JSON.stringify(result.output)).toContain('Opened a pull request that deploys 0.2.0 to dev.');
    });

    it('opens nothing when the manifest already serves that version, and says so', async () => {
      const pinned = (await dryRun(portal.server, 'deploy-approved-version', values, jane)).files['deploy/dev/inferenceservice.yaml'];
      github.put('acme', 'claims-triage', 'release', 'deploy/dev/inferenceservice.yaml', pinned);
      const result = await dryRun(portal.server, 'deploy-approved-version', { ...values, branch: 'release' }, jane);
      expect(result.status).toBe(200);
      expect(result.log).toContain('deploy/dev/inferenceservice.yaml already serves 0.2.0, current in dev');
      expect(result.log).not.toContain('Performing dry run of creating pull request');
      expect(JSON.stringify(result.output)).toContain('The manifest already serves 0.2.0, the version current in dev: nothing to change.');
    });

    it('fails with the reason when no version is current in the environment, or the manifest is not in the repository', async () => {
      const staging = await dryRun(portal.server, 'deploy-approved-version', { ...values, environment: 'staging', manifestPath: 'deploy/dev/inferenceservice.yaml' }, jane);
      expect({ status: staging.status, error: staging.error }).toEqual({ status: 400, error: 'No version of model:default/claims-triage is current in staging: promote one first' });
      const missing = await dryRun(portal.server, 'deploy-approved-version', { ...values, environment: 'prod' }, jane);
      expect({ status: missing.status, error: missing.error }).toEqual({ status: 404, error: expect.stringMatching(/deploy\/prod\/inferenceservice\.yaml.*(Not Found|404)/) });
    });
  });

  describe('Register an existing model', () => {
    const runUrl = `${MLFLOW_URL}/#/experiments/12/runs/${RUN_ID}`;
    const values = {
      name: 'claims-fraud-scorer',
      owner: 'group:default/risk-ml',
      type: 'classification',
      riskLevel: 'high',
      dataClassification: 'restricted',
      intendedUse: 'Flags claims for the fraud team; an investigator decides.',
      version: '1.0.0',
      source: 'mlflow',
      runUrl,
      placement: 'pull-request',
      repoUrl: 'github.com?owner=acme&repo=claims-platform',
      branch: 'main',
      catalogPath: 'catalog-info.yaml',
    };
    const existing = 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: claims-platform # the service the scorer runs in\nspec: { type: service, lifecycle: production, owner: group:default/risk-ml }\n';
    beforeAll(() => github.put('acme', 'claims-platform', 'main', 'catalog-info.yaml', existing));

    it("adds the Model to the owning repository's catalog file in a pull request, and links to its first version, prefilled from the MLflow run", async () => {
      const result = await dryRun(portal.server, 'register-existing-model', values, jane);
      expect({ status: result.status, error: result.error }).toEqual({ status: 200, error: undefined });
      expect(result.log).toContain(`MLflow run ${RUN_ID}: s3://mlflow-artifacts/12/5f1c0c8e/artifacts/model (xgboost), 2 metrics`);
      expect(result.log).toContain('Performing dry run of creating pull request');
      const written = result.files['catalog-info.yaml'];
      expect(written.startsWith(existing.trimEnd())).toBe(true);
      const [component, model] = docs(written);
      expect(component.metadata.name).toBe('claims-platform');
      expect(await modelEntityV1alpha1Validator.check(model)).toBe(true);
      expect(model).toMatchObject({
        kind: 'Model',
        metadata: { name: 'claims-fraud-scorer', links: [{ url: runUrl, title: 'MLflow run of 1.0.0', type: 'mlflow-run' }] },
        spec: { type: 'classification', lifecycle: 'experimental', owner: 'group:default/risk-ml', modelCard: { riskLevel: 'high', dataClassification: 'restricted' } },
      });
      const links = (result.output as { links: Array<{ title: string; url?: string }> }).links;
      const next = links.find(l => l.title === 'Register version 1.0.0 once the pull request is merged')!;
      const url = new URL(next.url!, 'http://portal');
      expect(url.pathname).toBe('/create/templates/default/register-model-version');
      expect(JSON.parse(url.searchParams.get('formData')!)).toEqual({
        model: 'model:default/claims-fraud-scorer',
        version: '1.0.0',
        artifactUri: 's3://mlflow-artifacts/12/5f1c0c8e/artifacts/model',
        framework: 'xgboost',
        metrics: { auc: 0.912, brier_score: 0.068 },
        sourceRunUrl: runUrl,
        promoteToDev: false,
      });
    });

    it('writes a new repository with the Model from an artifact URI, and registers the version after the catalog', async () => {
      const result = await dryRun(
        portal.server,
        'register-existing-model',
        { ...values, source: 'artifact', runUrl: undefined, artifactUri: 's3://acme-models/claims-fraud-scorer/1.0.0/model.onnx', framework: 'onnx', metrics: { auc: 0.88 }, placement: 'new-repository', repoUrl: 'github.com?owner=acme&repo=claims-fraud-scorer' },
        jane,
      );
      expect({ status: result.status, error: result.error }).toEqual({ status: 200, error: undefined });
      expect(Object.keys(result.files)).toEqual(['catalog-info.yaml']);
      const [model] = docs(result.files['catalog-info.yaml']);
      expect(model.metadata.links).toBeUndefined();
      const processed = await processedByCatalog(result.files);
      expect({ status: processed.status, error: processed.error }).toEqual({ status: 201, error: undefined });
      expect(processed.entities.find(e => e.kind === 'Model')?.spec).toEqual(model.spec);
      expect(model.metadata.annotations['backstage.io/source-location']).toBe('url:https://github.com/acme/claims-fraud-scorer/tree/main/');
      for (const action of ['publish:github', 'catalog:register', 'modelport:model-version:register']) {
        expect(result.log).toContain(`Skipping because ${action} does not support dry-run`);
      }
      expect(result.log).not.toContain('Running modelport:mlflow:run');
    });

    it("fails with MLflow's reason for a run it does not have, and refuses a second Model of the same name in the file", async () => {
      const unknown = await dryRun(portal.server, 'register-existing-model', { ...values, runUrl: `${MLFLOW_URL}/#/experiments/12/runs/${'0'.repeat(32)}` }, jane);
      expect({ status: unknown.status, error: unknown.error }).toEqual({ status: 400, error: `MLflow answered 404 for run ${'0'.repeat(32)}: Run '${'0'.repeat(32)}' not found.` });
      const first = await dryRun(portal.server, 'register-existing-model', values, jane);
      github.put('acme', 'claims-platform', 'with-model', 'catalog-info.yaml', first.files['catalog-info.yaml']);
      const twice = await dryRun(portal.server, 'register-existing-model', { ...values, branch: 'with-model' }, jane);
      expect({ status: twice.status, error: twice.error }).toEqual({ status: 400, error: expect.stringContaining('model:default/claims-fraud-scorer') });
    });
  });

  describe('New generative-AI model behind the gateway', () => {
    const values = genaiValues;
    let result: Awaited<ReturnType<typeof dryRun>>;
    beforeAll(async () => {
      result = await dryRun(portal.server, 'genai-gateway-model', values, jane);
    }, 60_000);

    it('writes an llm Model with its model card and SLOs on LiteLLM metrics, which the validator accepts', async () => {
      expect({ status: result.status, error: result.error }).toEqual({ status: 200, error: undefined });
      expect(Object.keys(result.files).sort()).toEqual(['README.md', 'catalog-info.yaml', 'evals/cases.yaml', 'evals/promptfooconfig.yaml', 'gateway/litellm-route.yaml', 'monitoring/slo-rules.yaml']);
      const [model] = docs(result.files['catalog-info.yaml']);
      expect(await modelEntityV1alpha1Validator.check(model)).toBe(true);
      expect(model.spec).toMatchObject({ type: 'llm', owner: 'group:default/customer-ml', modelCard: { riskLevel: 'high', dataClassification: 'confidential', limitations: values.limitations } });
      expect(model.spec.slos.map((s: { name: string; objective: number; window: string }) => [s.name, s.objective, s.window])).toEqual([
        ['availability', 0.995, '28d'],
        ['latency', 0.95, '28d'],
        ['time-per-output-token', 0.9, '28d'],
      ]);
      const processed = await processedByCatalog(result.files);
      expect({ status: processed.status, error: processed.error }).toEqual({ status: 201, error: undefined });
      expect(processed.entities.find(e => e.kind === 'Model')?.spec).toEqual(model.spec);
      expect(model.spec.slos[2].query.good).toBe(
        'sum(rate(litellm_deployment_latency_per_output_token_bucket{model_id="claims-summarizer-primary", le="0.05"}[{{.window}}]))',
      );
    });

    it("writes the gateway's route in LiteLLM's config format, with the provider's key from the environment", () => {
      expect(YAML.parse(result.files['gateway/litellm-route.yaml'])).toEqual({
        model_list: [
          {
            model_name: 'claims-summarizer',
            litellm_params: {
              model: 'azure/gpt-4o-2024-08-06',
              api_base: 'https://acme-eu.openai.azure.com',
              api_key: 'os.environ/CLAIMS_SUMMARIZER_API_KEY',
              api_version: '2024-10-21',
              timeout: 60,
              rpm: 600,
            },
            model_info: { id: 'claims-summarizer-primary' },
          },
        ],
        router_settings: { fallbacks: [{ 'claims-summarizer': ['claims-summarizer-backup'] }] },
      });
    });

    it('writes the evaluation set for promptfoo against the route, quoting what people typed', () => {
      const config = YAML.parse(result.files['evals/promptfooconfig.yaml']);
      expect(config).toMatchObject({ prompts: ['{{prompt}}'], providers: [{ id: 'openai:chat:claims-summarizer', config: { apiBaseUrl: values.gatewayUrl } }], tests: 'file://cases.yaml' });
      expect(YAML.parse(result.files['evals/cases.yaml'])).toEqual(values.cases.map(c => ({ vars: { prompt: c.prompt }, assert: [{ type: 'icontains', value: c.mustContain }] })));
    });

    it("writes SLO rules that promtool accepts, and whose fast-burn alert fires on LiteLLM's series", async () => {
      const dir = createMockDirectory();
      writeFiles(dir.path, result.files);
      const promtool = process.env.PROMTOOL_BIN ?? 'promtool';
      const rules = path.join(dir.path, 'monitoring/slo-rules.yaml');
      expect((await run(promtool, ['check', 'rules', rules])).stdout).toMatch(/SUCCESS: \d+ rules found/);
      // For two hours 3% of the route's requests (30 of 1,000 a minute) fail with a 500, against 99.5%: a burn rate
      // of 6, past the ticket's thresholds and short of the page's 14.4. The 429s that tell callers to slow down are
      // not the gateway's failures: counted, they would burn at 86 and page.
      const series = (labels: string, samples: string) => ({ series: `litellm_proxy_total_requests_metric_total{requested_model="claims-summarizer", ${labels}}`, values: samples });
      const test = {
        rule_files: [rules],
        evaluation_interval: '1m',
        tests: [
          {
            interval: '1m',
            input_series: [series('status_code="200"', '0+570x180'), series('status_code="500"', '0+30x180'), series('status_code="429"', '0+400x180')],
            alert_rule_test: [
              {
                eval_time: '2h',
                alertname: 'ModelSLOErrorBudgetBurnTicket',
                exp_alerts: [
                  {
                    exp_labels: { severity: 'warning', sloth_id: 'claims-summarizer-availability', sloth_service: 'claims-summarizer', sloth_slo: 'availability', sloth_severity: 'ticket' },
                    exp_annotations: {
                      summary: 'claims-summarizer: the availability SLO error budget burns too fast',
                      title: '(warning) claims-summarizer availability SLO error budget burn rate is too high',
                    },
                  },
                ],
              },
              { eval_time: '2h', alertname: 'ModelSLOErrorBudgetBurnPage', exp_alerts: [] },
            ],
          },
        ],
      };
      writeFiles(dir.path, { 'burn.test.yaml': YAML.stringify(test) });
      const tested = await run(promtool, ['test', 'rules', path.join(dir.path, 'burn.test.yaml')]).catch((e: { stdout: string; stderr: string }) => ({ stdout: `${e.stdout}${e.stderr}` }));
      expect(tested.stdout).toContain('SUCCESS');
    });
  });

  describe('Register a model version', () => {
    it('checks its answers and leaves the registration, which changes the registry, out of a dry run', async () => {
      const values = { model: 'model:default/churn-classifier', version: '9.9.9', artifactUri: 's3://acme-models/churn-classifier/9.9.9/model.ubj', framework: 'xgboost', metrics: { auc: 0.9 } };
      const result = await dryRun(portal.server, 'register-model-version', values, jane);
      expect({ status: result.status, error: result.error }).toEqual({ status: 200, error: undefined });
      expect(result.log).toContain('Skipping because modelport:model-version:register does not support dry-run');
      const versions = await request(portal.server).get('/api/models/models/default/churn-classifier/versions').set('Authorization', jane).expect(200);
      expect(versions.body.items.map((v: { version: string }) => v.version)).not.toContain('9.9.9');
    });
  });
});