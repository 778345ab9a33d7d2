import { z } from 'zod';
import type { UnreadableObject } from './types';

/** The parts of Kubernetes' own types that every serving object shares. */
export const metadataSchema = z.object({
  name: z.string().min(1),
  namespace: z.string().min(1),
  labels: z.record(z.string(), z.string()).optional(),
});

export const conditionSchema = z.object({
  type: z.string(),
  status: z.enum(['True', 'False', 'Unknown']),
  reason: z.string().optional(),
  message: z.string().optional(),
  lastTransitionTime: z.string().optional(),
});

export type ParsedCondition = z.infer<typeof conditionSchema>;

/** Where zod found the object wrong, in one line naming the field, e.g. "status.conditions.0.status: Invalid option". */
export function problemOf(error: z.ZodError): string {
  return error.issues.map(i => `${i.path.join('.') || '(object)'}: ${i.message}`).join('; ');
}

/**
 * The condition that says why an object is not ready: the first of `specific` that is not True (they name the part
 * that fails), else the summary condition itself when it is not True.
 */
export function failingCondition(conditions: ParsedCondition[], summary: string, specific: string[]) {
  const notTrue = (type: string) => conditions.find(c => c.type === type && c.status !== 'True');
  const found = specific.map(notTrue).find(Boolean) ?? notTrue(summary);
  return found ? { condition: found.type, reason: found.reason, message: found.message } : undefined;
}

/** An object zod refused, kept with whatever name it has and the fields that were wrong. */
export function unreadable(kind: string, raw: unknown, error: z.ZodError): UnreadableObject {
  const named = raw as { metadata?: { name?: unknown; namespace?: unknown } } | undefined;
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { kind, namespace: text(named?.metadata?.namespace), name: text(named?.metadata?.name), problem: problemOf(error) };
}
