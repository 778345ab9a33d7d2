import { z } from 'zod';
import { conditionSchema, failingCondition, metadataSchema, unreadable } from './kubeSchemas';
import type { ServedObject, UnreadableObject } from './types';

/** The fields of an `apps/v1` Deployment that say whether a model served another way runs. */
const deploymentSchema = z.object({
  metadata: metadataSchema,
  spec: z.object({ replicas: z.number().int().min(0).optional() }).optional(),
  status: z
    .object({
      conditions: z.array(conditionSchema).optional(),
      readyReplicas: z.number().int().min(0).optional(),
      availableReplicas: z.number().int().min(0).optional(),
    })
    .optional(),
});

/** ReplicaFailure is the one Deployment condition that reports trouble when True (e.g. pods refused by a quota). */
function replicaFailure(conditions: z.infer<typeof conditionSchema>[]) {
  const found = conditions.find(c => c.type === 'ReplicaFailure' && c.status === 'True');
  return found && { condition: found.type, reason: found.reason, message: found.message };
}

/**
 * Reads a plain Deployment: Available (Progressing when it fails, e.g. ProgressDeadlineExceeded), desired, ready and
 * available replicas. Its artifact is not in the object: the version comes from its `modelport.io/version` label.
 */
export function readDeployment(raw: unknown): ServedObject | UnreadableObject {
  const parsed = deploymentSchema.safeParse(raw);
  if (!parsed.success) return unreadable('Deployment', raw, parsed.error);
  const { metadata, spec, status } = parsed.data;
  const conditions = status?.conditions ?? [];
  return {
    kind: 'Deployment',
    namespace: metadata.namespace,
    name: metadata.name,
    labels: metadata.labels ?? {},
    ready: conditions.find(c => c.type === 'Available')?.status ?? 'Unknown',
    failing: replicaFailure(conditions) ?? failingCondition(conditions, 'Available', ['Progressing']),
    traffic: [],
    replicas: { desired: spec?.replicas ?? 1, ready: status?.readyReplicas ?? 0, available: status?.availableReplicas ?? 0 },
  };
}
