import type { Config } from '@backstage/config';
import { InputError, NotAllowedError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { z as zod } from 'zod';

const EXAMPLE = `steps:
  - id: run
    action: modelport:mlflow:run
    input:
      runUrl: https://mlflow.acme.example/#/experiments/12/runs/5f1c0c8e2a0b4f52a0f3d7d1c9a4e6b2`;

/** An MLflow tracking server the portal may read runs from: `models.mlflow.servers`. */
type MlflowServer = { url: string; token?: string; username?: string; password?: string };

/** The fields of MLflow's `GET /api/2.0/mlflow/runs/get` answer (mlflow/protos/service.proto, Run) that are read. */
const runSchema = zod.object({
  run: zod.object({
    info: zod.object({ run_id: zod.string(), artifact_uri: zod.string(), status: zod.string().optional(), experiment_id: zod.string().optional() }),
    data: zod
      .object({
        // Proto3 JSON writes NaN and the infinities as strings; such a metric is no figure to register.
        metrics: zod.array(zod.object({ key: zod.string(), value: zod.union([zod.number(), zod.enum(['NaN', 'Infinity', '-Infinity'])]), step: zod.union([zod.string(), zod.number()]).optional(), timestamp: zod.union([zod.string(), zod.number()]).optional() })).optional(),
        params: zod.array(zod.object({ key: zod.string(), value: zod.string() })).optional(),
        tags: zod.array(zod.object({ key: zod.string(), value: zod.string() })).optional(),
      })
      .optional(),
  }),
});

const historySchema = zod.array(zod.object({ artifact_path: zod.string(), flavors: zod.record(zod.string(), zod.unknown()) }));

/** Reads `models.mlflow.servers`; none configured means that no run link can be read. */
export function readMlflowServers(config: Config): MlflowServer[] {
  return (config.getOptionalConfigArray('models.mlflow.servers') ?? []).map(c => ({
    url: c.getString('url').replace(/\/+$/, ''),
    token: c.getOptionalString('token'),
    username: c.getOptionalString('username'),
    password: c.getOptionalString('password'),
  }));
}

/**
 * The run of a link as MLflow's UI writes it (`https://host/#/experiments/1/runs/<id>`, Databricks'
 * `https://host/ml/experiments/1/runs/<id>`) or a `runs:/<id>/<path>` model URI, and the configured server it is on.
 */
export function runOfLink(link: string, servers: MlflowServer[]): { server: MlflowServer; runId: string; artifactPath?: string } {
  const uri = /^runs:\/([0-9a-zA-Z]+)(?:\/(.+))?$/.exec(link);
  if (uri) {
    if (servers.length !== 1) throw new InputError(`${link} names no server; configure exactly one in models.mlflow.servers or give the run's link`);
    return { server: servers[0], runId: uri[1], artifactPath: uri[2] };
  }
  const runId = /\/runs\/([0-9a-zA-Z]+)/.exec(link)?.[1];
  if (!runId) throw new InputError(`${link} is not a link to an MLflow run (…/experiments/<id>/runs/<run id>) nor a runs:/ URI`);
  // Only configured servers are asked, with their own credentials: a link cannot make the portal call anywhere else.
  const server = servers.find(s => link === s.url || link.startsWith(`${s.url}/`) || link.startsWith(`${s.url}#`));
  if (!server) {
    const origin = URL.canParse(link) ? new URL(link).origin : link;
    throw new NotAllowedError(`${origin} is not an MLflow server of models.mlflow.servers`);
  }
  return { server, runId };
}

function authorization(server: MlflowServer): Record<string, string> {
  if (server.token) return { authorization: `Bearer ${server.token}` };
  if (server.username !== undefined) return { authorization: `Basic ${Buffer.from(`${server.username}:${server.password ?? ''}`).toString('base64')}` };
  return {};
}

/** The flavor a logged model was saved with, other than the generic python_function: MLflow's own framework name. */
function frameworkOf(tags: Array<{ key: string; value: string }>, artifactPath: string): string | undefined {
  const history = tags.find(t => t.key === 'mlflow.log-model.history')?.value;
  if (!history) return undefined;
  let parsed: zod.infer<typeof historySchema>;
  try {
    parsed = historySchema.parse(JSON.parse(history));
  } catch {
    return undefined;
  }
  const logged = parsed.find(h => h.artifact_path === artifactPath) ?? parsed[0];
  return Object.keys(logged?.flavors ?? {}).find(f => f !== 'python_function');
}

/**
 * `modelport:mlflow:run`: what an MLflow run says about the model it trained: the artifact's URI, the framework
 * it was logged with, its final metrics and its parameters, from MLflow's REST API, for registering the run as a
 * version. Reads only the servers configured in `models.mlflow.servers`.
 *
 * @public
 */
export function createMlflowRunAction(options: { config: Config }) {
  return createTemplateAction({
    id: 'modelport:mlflow:run',
    description: "Reads an MLflow run (artifact URI, framework, metrics, parameters) from a configured tracking server's REST API, to register it as a model version",
    examples: [{ description: 'The run behind a version to register', example: EXAMPLE }],
    supportsDryRun: true,
    schema: {
      input: {
        runUrl: z => z.string().describe("The run's link in MLflow's UI, or a runs:/<run id>/<path> URI"),
        artifactPath: z => z.string().optional().describe('The logged model within the run; default: from a runs:/ URI, else model'),
      },
      output: {
        runId: z => z.string(),
        artifactUri: z => z.string(),
        framework: z => z.string().optional(),
        metrics: z => z.record(z.number()),
        parameters: z => z.record(z.string()),
      },
    },
    async handler(ctx) {
      const { server, runId, artifactPath: fromUri } = runOfLink(ctx.input.runUrl, readMlflowServers(options.config));
      const artifactPath = ctx.input.artifactPath ?? fromUri ?? 'model';
      const res = await fetch(`${server.url}/api/2.0/mlflow/runs/get?run_id=${encodeURIComponent(runId)}`, { headers: { accept: 'application/json', ...authorization(server) } });
      if (!res.ok) {
        const body = await res.text();
        const message = (() => {
          try {
            return (JSON.parse(body) as { message?: string }).message;
          } catch {
            return undefined;
          }
        })();
        const said = `MLflow answered ${res.status} for run ${runId}${message ? `: ${message}` : ''}`;
        // A run MLflow does not have is the form's mistake; anything else is the server's or the configuration's.
        throw res.status === 404 ? new InputError(said) : new Error(said);
      }
      const parsed = runSchema.safeParse(await res.json());
      if (!parsed.success) throw new Error(`MLflow's answer for run ${runId} is not a run: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
      const { info, data } = parsed.data.run;
      const artifactUri = `${info.artifact_uri.replace(/\/+$/, '')}/${artifactPath}`;
      const metrics = Object.fromEntries((data?.metrics ?? []).flatMap(m => (typeof m.value === 'number' ? [[m.key, m.value]] : [])));
      const notNumbers = (data?.metrics ?? []).filter(m => typeof m.value !== 'number').map(m => `${m.key} (${m.value})`);
      if (notNumbers.length) ctx.logger.warn(`MLflow run ${runId}: left out metrics that are not numbers: ${notNumbers.join(', ')}`);
      const parameters = Object.fromEntries((data?.params ?? []).map(p => [p.key, p.value]));
      const framework = frameworkOf(data?.tags ?? [], artifactPath);
      ctx.logger.info(`MLflow run ${runId}: ${artifactUri}${framework ? ` (${framework})` : ''}, ${Object.keys(metrics).length} metrics`);
      ctx.output('runId', info.run_id);
      ctx.output('artifactUri', artifactUri);
      if (framework) ctx.output('framework', framework);
      ctx.output('metrics', metrics);
      ctx.output('parameters', parameters);
    },
  });
}
