import { z } from 'zod';
import { conditionSchema, failingCondition, metadataSchema, type ParsedCondition, unreadable } from './kubeSchemas';
import type { ServedObject, UnreadableObject } from './types';

/** Seldon writes both its own condition (ModelReady, ExperimentReady) and a summary Ready; the own one is read first. */
const readiness = (conditions: ParsedCondition[], own: string) => (conditions.find(c => c.type === own) ?? conditions.find(c => c.type === 'Ready'))?.status ?? 'Unknown';

/** The fields of Seldon Core 2's Model (`mlops.seldon.io/v1alpha1`, operator/apis/mlops/v1alpha1) that Modelport reads. */
const seldonModelSchema = z.object({
  metadata: metadataSchema,
  spec: z
    .object({
      storageUri: z.string().optional(),
      requirements: z.array(z.string()).optional(),
      replicas: z.number().int().min(0).optional(),
      minReplicas: z.number().int().min(0).optional(),
      maxReplicas: z.number().int().min(0).optional(),
    })
    .optional(),
  status: z
    .object({
      conditions: z.array(conditionSchema).optional(),
      replicas: z.number().int().min(0).optional(),
      availableReplicas: z.number().int().min(0).optional(),
    })
    .optional(),
});

/** Reads a Seldon Core 2 Model: ModelReady with its reason, the artifact (storageUri), desired and available replicas. */
export function readSeldonModel(raw: unknown): ServedObject | UnreadableObject {
  const parsed = seldonModelSchema.safeParse(raw);
  if (!parsed.success) return unreadable('SeldonModel', raw, parsed.error);
  const { metadata, spec, status } = parsed.data;
  const conditions = status?.conditions ?? [];
  return {
    kind: 'SeldonModel',
    namespace: metadata.namespace,
    name: metadata.name,
    labels: metadata.labels ?? {},
    ready: readiness(conditions, 'ModelReady'),
    failing: failingCondition(conditions, 'Ready', ['ModelReady']),
    artifact: spec?.storageUri,
    modelFormat: spec?.requirements?.[0],
    traffic: [],
    replicas: { desired: spec?.replicas ?? status?.replicas, min: spec?.minReplicas, max: spec?.maxReplicas, available: status?.availableReplicas },
  };
}

/** Seldon Core 2's Experiment: its candidates and their weights are Seldon's canary. */
const seldonExperimentSchema = z.object({
  metadata: metadataSchema,
  spec: z.object({
    default: z.string().optional(),
    resourceType: z.enum(['model', 'pipeline']).optional(),
    candidates: z.array(z.object({ name: z.string().min(1), weight: z.number().int().min(0) })).min(1),
  }),
  status: z.object({ conditions: z.array(conditionSchema).optional() }).optional(),
});

/** Reads a Seldon Core 2 Experiment: which Seldon Models share traffic, each one's percent, and which is the default. */
export function readSeldonExperiment(raw: unknown): ServedObject | UnreadableObject {
  const parsed = seldonExperimentSchema.safeParse(raw);
  if (!parsed.success) return unreadable('SeldonExperiment', raw, parsed.error);
  const { metadata, spec, status } = parsed.data;
  const conditions = status?.conditions ?? [];
  const total = spec.candidates.reduce((sum, c) => sum + c.weight, 0);
  return {
    kind: 'SeldonExperiment',
    namespace: metadata.namespace,
    name: metadata.name,
    labels: metadata.labels ?? {},
    ready: readiness(conditions, 'ExperimentReady'),
    failing: failingCondition(conditions, 'Ready', ['ExperimentReady']),
    // Weights are relative (Seldon splits by weight / sum of weights); the card shows percents.
    traffic: spec.candidates.map(c => ({ revision: c.name, percent: total ? Math.round((c.weight / total) * 100) : 0, latest: c.name !== spec.default })),
    candidates: spec.candidates.map(c => ({ model: c.name, weight: c.weight })),
  };
}
