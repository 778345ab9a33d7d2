import { z } from 'zod';
import { conditionSchema, failingCondition, metadataSchema, unreadable } from './kubeSchemas';
import type { ServedObject, UnreadableObject } from './types';

/** The framework-specific predictor keys of KServe v1beta1, before `model` with a modelFormat became the usual form. */
const FRAMEWORKS = ['sklearn', 'xgboost', 'tensorflow', 'pytorch', 'triton', 'onnx', 'huggingface', 'pmml', 'lightgbm', 'paddle'] as const;

/**
 * The conditions behind Ready, causes before consequences: a revision whose pods fail (configuration) leaves the
 * predictor without a ready revision (PredictorReady), which fails Ready; the route and ingress come after.
 */
const CAUSES = ['PredictorConfigurationReady', 'LatestDeploymentReady', 'PredictorReady', 'PredictorRouteReady', 'RoutesReady', 'IngressReady'];

const frameworkSchema = z.object({ storageUri: z.string().optional(), runtimeVersion: z.string().optional() }).optional();

const modelSpecSchema = z.object({
  modelFormat: z.object({ name: z.string(), version: z.string().optional() }).optional(),
  runtime: z.string().optional(),
  storageUri: z.string().optional(),
});

const trafficSchema = z.object({
  revisionName: z.string().optional(),
  latestRevision: z.boolean().optional(),
  percent: z.number().int().min(0).max(100).optional(),
  tag: z.string().optional(),
});

/** The fields of KServe's Go types (pkg/apis/serving/v1beta1) that Modelport reads, by their JSON names. */
const inferenceServiceSchema = z.object({
  metadata: metadataSchema.extend({ generation: z.number().int().optional() }),
  spec: z
    .object({
      predictor: z
        .object({
          model: modelSpecSchema.optional(),
          canaryTrafficPercent: z.number().int().min(0).max(100).optional(),
          minReplicas: z.number().int().min(0).optional(),
          maxReplicas: z.number().int().min(0).optional(),
          ...(Object.fromEntries(FRAMEWORKS.map(f => [f, frameworkSchema])) as Record<(typeof FRAMEWORKS)[number], typeof frameworkSchema>),
        })
        .optional(),
    })
    .optional(),
  status: z
    .object({
      conditions: z.array(conditionSchema).optional(),
      observedGeneration: z.number().int().optional(),
      url: z.string().optional(),
      components: z
        .record(
          z.string(),
          z.object({
            latestReadyRevision: z.string().optional(),
            latestCreatedRevision: z.string().optional(),
            previousRolledoutRevision: z.string().optional(),
            latestRolledoutRevision: z.string().optional(),
            traffic: z.array(trafficSchema).optional(),
            url: z.string().optional(),
          }),
        )
        .optional(),
      modelStatus: z
        .object({
          transitionStatus: z.string().optional(),
          states: z.object({ activeModelState: z.string().optional(), targetModelState: z.string().optional() }).optional(),
          lastFailureInfo: z
            .object({
              reason: z.string().optional(),
              message: z.string().optional(),
              location: z.string().optional(),
              time: z.string().optional(),
              exitCode: z.number().int().optional(),
            })
            .optional(),
          copies: z.object({ failedCopies: z.number().int().optional(), totalCopies: z.number().int().optional() }).optional(),
        })
        .optional(),
    })
    .optional(),
});

/**
 * Reads a `serving.kserve.io/v1beta1` InferenceService: readiness (Ready, and the component or route condition
 * that fails it), URL, the predictor's revisions and traffic split, canary percent, replica bounds, the model's
 * artifact and format, and the model state (transition, active and target state, last failure, copies).
 */
export function readInferenceService(raw: unknown): ServedObject | UnreadableObject {
  const parsed = inferenceServiceSchema.safeParse(raw);
  if (!parsed.success) return unreadable('InferenceService', raw, parsed.error);
  const { metadata, spec, status } = parsed.data;
  const predictor = spec?.predictor;
  const legacy = FRAMEWORKS.map(f => [f, predictor?.[f]] as const).find(([, v]) => v);
  const conditions = status?.conditions ?? [];
  const component = status?.components?.predictor;
  const modelStatus = status?.modelStatus;
  const failure = modelStatus?.lastFailureInfo;
  // The spec's artifact is what the latest revision serves only once the controller has seen this spec (its
  // generation) and that revision is ready; until then the latest ready revision may still be the one before.
  const observed = metadata.generation !== undefined && status?.observedGeneration === metadata.generation;
  const settled = observed && component?.latestReadyRevision !== undefined && component.latestReadyRevision === component.latestCreatedRevision;
  return {
    kind: 'InferenceService',
    namespace: metadata.namespace,
    name: metadata.name,
    labels: metadata.labels ?? {},
    ready: conditions.find(c => c.type === 'Ready')?.status ?? 'Unknown',
    failing: failingCondition(conditions, 'Ready', CAUSES),
    url: status?.url ?? component?.url,
    artifact: predictor?.model?.storageUri ?? legacy?.[1]?.storageUri,
    modelFormat: predictor?.model?.modelFormat?.name ?? legacy?.[0],
    runtime: predictor?.model?.runtime,
    revisions: component && {
      latestReady: component.latestReadyRevision,
      latestCreated: component.latestCreatedRevision,
      previousRolledOut: component.previousRolledoutRevision,
      latestRolledOut: component.latestRolledoutRevision,
      ...(settled ? { artifactRevision: component.latestReadyRevision } : {}),
    },
    traffic: (component?.traffic ?? []).map(t => ({ revision: t.revisionName, percent: t.percent ?? 0, latest: t.latestRevision ?? false })),
    canaryPercent: predictor?.canaryTrafficPercent,
    replicas: predictor && (predictor.minReplicas !== undefined || predictor.maxReplicas !== undefined) ? { min: predictor.minReplicas, max: predictor.maxReplicas } : undefined,
    model: modelStatus && {
      transition: modelStatus.transitionStatus,
      activeState: modelStatus.states?.activeModelState,
      targetState: modelStatus.states?.targetModelState,
      lastFailure: failure && { reason: failure.reason, message: failure.message, location: failure.location, time: failure.time, exitCode: failure.exitCode },
      copies: modelStatus.copies && { failed: modelStatus.copies.failedCopies, total: modelStatus.copies.totalCopies },
    },
  };
}
