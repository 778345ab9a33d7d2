import type { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { ModelEntityV1alpha1 } from '@modelport/plugin-models-common';
import { durationToMilliseconds } from '@backstage/types';
import yaml from 'js-yaml';
import fs from 'node:fs/promises';
import { z } from 'zod';
import type { ReviewService } from '../governance/ReviewService';
import type { Actor, RegistryService } from '../service/RegistryService';

const comment = z.string().optional();
/** How long before the replay a step happened, as a Backstage HumanDuration (e.g. `{ days: 41, hours: 3 }`). */
const ago = z.strictObject({ days: z.number().nonnegative().optional(), hours: z.number().nonnegative().optional(), minutes: z.number().nonnegative().optional() }).optional();
const step = z.union([
  z.strictObject({
    as: z.string(),
    ago,
    register: z.strictObject({
      version: z.string(),
      framework: z.string(),
      artifactUri: z.string(),
      metrics: z.record(z.string(), z.number()).default({}),
      parameters: z.record(z.string(), z.string()).default({}),
      sourceRunUrl: z.string().optional(),
      description: z.string().optional(),
    }),
  }),
  z.strictObject({ as: z.string(), ago, promote: z.strictObject({ version: z.string(), environment: z.string(), comment }) }),
  z.strictObject({ as: z.string(), ago, approve: z.string(), comment }),
  z.strictObject({ as: z.string(), ago, reject: z.string(), comment }),
  z.strictObject({ as: z.string(), ago, rollback: z.strictObject({ environment: z.string(), version: z.string(), reason: z.string() }) }),
  z.strictObject({
    as: z.string(),
    ago,
    review: z.strictObject({
      version: z.string(),
      outcome: z.enum(['approved', 'approved-with-findings', 'rejected']),
      summary: z.string().optional(),
      findings: z.array(z.strictObject({ title: z.string(), severity: z.enum(['low', 'medium', 'high']), detail: z.string().optional() })).optional(),
      /** Brings the next review forward, from the review's time (e.g. `{ days: 30 }`). */
      nextDueIn: ago,
    }),
  }),
]);
const seedFile = z.strictObject({
  actors: z.record(z.string(), z.strictObject({ ref: z.string(), owns: z.array(z.string()).default([]) })),
  models: z.record(z.string(), z.array(step)),
});

export type SeedOptions = {
  file: string;
  service: RegistryService;
  /** Replays the seed's review steps. */
  reviews: ReviewService;
  /** Resolves a Model from the catalog, or undefined while the catalog does not have it yet. */
  loadModel: (modelRef: string) => Promise<ModelEntityV1alpha1 | undefined>;
  logger: LoggerService;
  /** Waits between looks at the catalog while it is still processing the models. */
  waitForCatalog?: () => Promise<void>;
  maxCatalogWaits?: number;
  /** The replay's present, from which each step's `ago` counts back. */
  now?: () => Date;
};

const STEP_GAP_MS = 7 * 60_000;

/**
 * Replays example history through the registry's own rules, so that a demo portal starts with versions,
 * promotions, approvals, a rollback, periodic reviews and a valid audit chain. Does nothing when the registry has any history.
 */
export async function seedRegistry(options: SeedOptions): Promise<'seeded' | 'skipped'> {
  const parsed = seedFile.safeParse(yaml.load(await fs.readFile(options.file, 'utf8')));
  if (!parsed.success) {
    throw new InputError(`Invalid registry seed ${options.file}: ${parsed.error.issues.map(i => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  if (await options.service.hasHistory()) return 'skipped';
  const { actors, models } = parsed.data;
  const actor = (name: string): Actor => {
    const a = actors[name];
    if (!a) throw new InputError(`Registry seed: unknown actor ${name}`);
    return { ref: a.ref, ownershipRefs: [a.ref, ...a.owns] };
  };

  const entities = new Map<string, ModelEntityV1alpha1>();
  const wait = options.waitForCatalog ?? (() => new Promise<void>(resolve => setTimeout(resolve, 2000)));
  for (let attempt = 0; entities.size < Object.keys(models).length; attempt++) {
    for (const ref of Object.keys(models)) {
      if (!entities.has(ref)) {
        const entity = await options.loadModel(ref);
        if (entity) entities.set(ref, entity);
      }
    }
    if (entities.size === Object.keys(models).length) break;
    if (attempt >= (options.maxCatalogWaits ?? 90)) {
      const missing = Object.keys(models).filter(ref => !entities.has(ref));
      throw new Error(`Registry seed: the catalog never served ${missing.join(', ')}`);
    }
    await wait();
  }

  // Every step at the time it happened, all models' steps in one timeline, so that the audit chain's times only
  // move forward. A step without `ago` follows the one before it in its model by a few minutes.
  const now = (options.now ?? (() => new Date()))().getTime();
  const timeline = Object.entries(models).flatMap(([ref, steps]) => {
    let previous = -Infinity;
    return steps.map((s, i) => {
      const at = s.ago ? now - durationToMilliseconds(s.ago) : previous + STEP_GAP_MS;
      if (at < previous) throw new InputError(`Registry seed: step ${i + 1} of ${ref} is earlier than the step before it`);
      if (!Number.isFinite(at)) throw new InputError(`Registry seed: the first step of ${ref} needs \`ago\``);
      previous = at;
      return { ref, step: s, at };
    });
  });
  timeline.sort((a, b) => a.at - b.at);

  for (const { ref, step: s, at } of timeline) {
    const model = entities.get(ref)!;
    const service = options.service.withClock(() => new Date(at));
    const who = actor(s.as);
    if ('register' in s) await service.registerVersion(model, s.register, who);
    else if ('promote' in s) await service.requestPromotion(model, s.promote, who);
    else if ('rollback' in s) await service.rollback(model, s.rollback, who);
    else if ('review' in s) {
      const { nextDueIn, ...review } = s.review;
      const nextDueAt = nextDueIn ? { nextDueAt: new Date(at + durationToMilliseconds(nextDueIn)).toISOString() } : {};
      await options.reviews.withClock(() => new Date(at)).record(model, { ...review, ...nextDueAt }, who);
    }
    else {
      const environment = 'approve' in s ? s.approve : s.reject;
      const [pending] = (await service.state(ref)).pendingRequests.filter(r => r.toEnvironment === environment);
      if (!pending) throw new InputError(`Registry seed: no pending promotion of ${ref} to ${environment}`);
      await service.decide(pending.id, 'approve' in s ? 'approve' : 'reject', s.comment, who, model);
    }
  }
  options.logger.info(`Seeded the model registry from ${options.file}`);
  return 'seeded';
}
