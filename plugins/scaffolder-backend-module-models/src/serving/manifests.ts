import { InputError } from '@backstage/errors';
import { ANNOTATION_KUBERNETES_ID } from '@modelport/plugin-models-common';
import { compact } from '../workspace/compact';

/** The label Modelport's serving status reads the registered version from (models-backend's VERSION_LABEL). */
export const VERSION_LABEL = 'modelport.io/version';
export const ENVIRONMENT_LABEL = 'modelport.io/environment';

export type Resources = { requests?: Record<string, string>; limits?: Record<string, string> };

export type ServingEnvironment = {
  name: string;
  namespace: string;
  minReplicas?: number;
  maxReplicas?: number;
  canaryTrafficPercent?: number;
  resources?: Resources;
};

export type ServingInput = {
  /** The InferenceService's name: the Model's `backstage.io/kubernetes-id`. */
  name: string;
  version: string;
  storageUri: string;
  modelFormat: string;
  modelFormatVersion?: string;
  runtime?: string;
  /** An image that speaks the Open Inference Protocol: a ServingRuntime of that name is written with it. */
  runtimeImage?: string;
  protocolVersion?: 'v1' | 'v2';
  deploymentMode?: 'RawDeployment' | 'Serverless';
  /** The port the model server answers and exports `/metrics` on. */
  port?: number;
  resources?: Resources;
  environments: ServingEnvironment[];
  seldon?: boolean;
  seldonRequirements?: string[];
};

// Kubernetes' own rules (k8s.io/apimachinery validation): an InferenceService name is a DNS-1035 label (KServe
// makes it a host name), a namespace a DNS-1123 label, a label value at most 63 of [A-Za-z0-9._-].
const DNS_1035 = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_1123 = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;

/** Every problem of the inputs, each naming its field; none when Kubernetes and KServe would accept the objects. */
export function servingInputProblems(input: ServingInput): string[] {
  const problems: string[] = [];
  if (!DNS_1035.test(input.name)) problems.push(`name '${input.name}' is not a DNS-1035 label (lower-case letters, digits and '-', starting with a letter, at most 63)`);
  if (!LABEL_VALUE.test(input.version)) problems.push(`version '${input.version}' cannot be a label value (at most 63 of A-Z, a-z, 0-9, '.', '_', '-', starting and ending with a letter or digit)`);
  if (!/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(input.storageUri)) problems.push(`storageUri '${input.storageUri}' is not a URI such as s3://bucket/path or gs://bucket/path`);
  if (input.runtime !== undefined && !DNS_1123.test(input.runtime)) problems.push(`runtime '${input.runtime}' is not a DNS-1123 label`);
  if (input.runtimeImage !== undefined && input.runtime === undefined) problems.push('runtimeImage needs runtime: the name of the ServingRuntime to write');
  if (input.port !== undefined && !(Number.isInteger(input.port) && input.port > 0 && input.port < 65536)) problems.push(`port ${input.port} is not a TCP port`);
  if (!input.environments.length) problems.push('environments: at least one is needed');
  const seen = new Set<string>();
  input.environments.forEach((env, i) => {
    const at = `environments[${i}]`;
    if (!DNS_1123.test(env.name)) problems.push(`${at}.name '${env.name}' is not a DNS-1123 label`);
    if (seen.has(env.name)) problems.push(`${at}.name '${env.name}' is given twice`);
    seen.add(env.name);
    if (!DNS_1123.test(env.namespace)) problems.push(`${at}.namespace '${env.namespace}' is not a DNS-1123 label`);
    for (const key of ['minReplicas', 'maxReplicas'] as const) {
      const n = env[key];
      if (n !== undefined && !(Number.isInteger(n) && n >= 0)) problems.push(`${at}.${key} ${n} is not a whole number >= 0`);
    }
    if (env.minReplicas !== undefined && env.maxReplicas !== undefined && env.maxReplicas < env.minReplicas) {
      problems.push(`${at}.maxReplicas ${env.maxReplicas} is below minReplicas ${env.minReplicas}`);
    }
    const canary = env.canaryTrafficPercent;
    if (canary !== undefined && !(Number.isInteger(canary) && canary >= 0 && canary <= 100)) problems.push(`${at}.canaryTrafficPercent ${canary} is not a whole number from 0 to 100`);
    // KServe rolls a canary out through Knative revisions: in RawDeployment (Standard) mode the field is ignored.
    if (canary !== undefined && (input.deploymentMode ?? 'RawDeployment') !== 'Serverless') {
      problems.push(`${at}.canaryTrafficPercent needs deploymentMode Serverless: KServe rolls canaries out only in Serverless mode`);
    }
  });
  return problems;
}

export function checkServingInput(input: ServingInput): void {
  const problems = servingInputProblems(input);
  if (problems.length) throw new InputError(`Cannot write the serving manifests: ${problems.join('; ')}`);
}

const labelsOf = (input: ServingInput, env: ServingEnvironment) => ({
  // How Backstage's Kubernetes plugin and Modelport's serving status find the model's objects, and which
  // registered version they run (the artifact decides; the label says it where there is no artifact).
  [ANNOTATION_KUBERNETES_ID]: input.name,
  [VERSION_LABEL]: input.version,
  [ENVIRONMENT_LABEL]: env.name,
  'app.kubernetes.io/name': input.name,
});

/** A KServe `serving.kserve.io/v1beta1` InferenceService with the `model` predictor, as of KServe 0.11 and later. */
export function inferenceService(input: ServingInput, env: ServingEnvironment) {
  const port = input.port ?? 8080;
  const labels = labelsOf(input, env);
  return compact({
    apiVersion: 'serving.kserve.io/v1beta1',
    kind: 'InferenceService',
    metadata: {
      name: input.name,
      namespace: env.namespace,
      labels,
      annotations: {
        // RawDeployment (renamed Standard in KServe 0.16, which still accepts this name) runs a plain Deployment
        // without Knative; the server's own request metrics (docs/metrics.md) measure it in either mode.
        'serving.kserve.io/deploymentMode': input.deploymentMode ?? 'RawDeployment',
        'serving.kserve.io/enable-prometheus-scraping': 'true',
        'prometheus.kserve.io/port': String(port),
        'prometheus.kserve.io/path': '/metrics',
      },
    },
    spec: {
      predictor: {
        minReplicas: env.minReplicas,
        maxReplicas: env.maxReplicas,
        canaryTrafficPercent: env.canaryTrafficPercent,
        // The pods carry the labels too, so that the Kubernetes tab lists them under the model.
        labels,
        model: {
          modelFormat: { name: input.modelFormat, version: input.modelFormatVersion },
          runtime: input.runtime,
          protocolVersion: input.protocolVersion ?? 'v2',
          storageUri: input.storageUri,
          resources: env.resources ?? input.resources,
        },
      },
    },
  });
}

/**
 * A ServingRuntime (`serving.kserve.io/v1alpha1`) for the model server's image: KServe's storage initializer
 * puts the artifact in /mnt/models and the container is started with the model's name, as KServe's own runtimes
 * are (`{{.Name}}` is KServe's placeholder for the InferenceService's name).
 */
export function servingRuntime(input: ServingInput, env: ServingEnvironment) {
  const port = input.port ?? 8080;
  return compact({
    apiVersion: 'serving.kserve.io/v1alpha1',
    kind: 'ServingRuntime',
    metadata: { name: input.runtime, namespace: env.namespace, labels: { 'app.kubernetes.io/name': input.name } },
    spec: {
      annotations: { 'prometheus.kserve.io/port': String(port), 'prometheus.kserve.io/path': '/metrics' },
      supportedModelFormats: [{ name: input.modelFormat, version: input.modelFormatVersion, autoSelect: false }],
      protocolVersions: [input.protocolVersion ?? 'v2'],
      multiModel: false,
      containers: [
        {
          name: 'kserve-container',
          image: input.runtimeImage,
          args: ['--model_name={{.Name}}', '--model_dir=/mnt/models', `--http_port=${port}`],
          ports: [{ containerPort: port, protocol: 'TCP' }],
          readinessProbe: { httpGet: { path: '/v2/health/ready', port } },
          livenessProbe: { httpGet: { path: '/v2/health/live', port } },
        },
      ],
    },
  });
}

/** A Seldon Core 2 Model (`mlops.seldon.io/v1alpha1`) for the same artifact, for clusters that serve with Seldon. */
export function seldonModel(input: ServingInput, env: ServingEnvironment) {
  return compact({
    apiVersion: 'mlops.seldon.io/v1alpha1',
    kind: 'Model',
    metadata: { name: input.name, namespace: env.namespace, labels: labelsOf(input, env) },
    spec: {
      storageUri: input.storageUri,
      requirements: input.seldonRequirements ?? [input.modelFormat],
      minReplicas: env.minReplicas,
      maxReplicas: env.maxReplicas,
    },
  });
}

/** The files of one environment, by path under the output folder, with the kustomization that applies them. */
export function environmentFiles(input: ServingInput, env: ServingEnvironment): Array<{ file: string; objects: unknown[] }> {
  const files = [
    ...(input.runtimeImage ? [{ file: 'servingruntime.yaml', objects: [servingRuntime(input, env)] }] : []),
    { file: 'inferenceservice.yaml', objects: [inferenceService(input, env)] },
    ...(input.seldon ? [{ file: 'seldon-model.yaml', objects: [seldonModel(input, env)] }] : []),
  ];
  const kustomization = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    namespace: env.namespace,
    resources: files.map(f => f.file),
  };
  return [...files, { file: 'kustomization.yaml', objects: [kustomization] }];
}
