import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  type ModelEntityV1alpha1,
  modelOwnerRefOf,
  modelRefOf,
  type ModelReview,
  type ModelRiskLevel,
  type NewModelReview,
  type ReviewStatus,
} from '@modelport/plugin-models-common';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { publishedTransaction, type RegistryChangePublisher } from '../service/publishedTransaction';
import type { Actor } from '../service/RegistryService';
import type { ModelRegistryStore } from '../store/ModelRegistryStore';
import type { ReviewPolicy } from './reviewConfig';

export type ReviewServiceOptions = {
  store: ModelRegistryStore;
  policy: ReviewPolicy;
  now?: () => Date;
  publish?: RegistryChangePublisher;
};

/**
 * Periodic model reviews: how often a model is reviewed follows its model card's risk level, at the top levels by
 * someone outside the groups that own it; each review is recorded with the audit event that proves it, and sets
 * when the next is due.
 */
export class ReviewService {
  readonly #options: ReviewServiceOptions;
  readonly #now: () => Date;

  constructor(options: ReviewServiceOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
  }

  /** The same service on another clock, telling no one: the example seed replays history. */
  withClock(now: () => Date): ReviewService {
    return new ReviewService({ ...this.#options, now, publish: undefined });
  }

  /** What the model's risk level asks of its reviews. */
  requirements(model: ModelEntityV1alpha1): { riskLevel?: ModelRiskLevel; cycleMonths?: number; independenceRequired: boolean } {
    const declared = model.spec.modelCard?.riskLevel;
    const level = declared ?? this.#options.policy.unclassifiedAs;
    return {
      ...(declared ? { riskLevel: declared } : {}),
      ...(this.#options.policy.cycleMonths[level] ? { cycleMonths: this.#options.policy.cycleMonths[level] } : {}),
      independenceRequired: this.#options.policy.independent.includes(level),
    };
  }

  /**
   * Where the model stands, given its latest review. The due date is the earlier of what the review set and its
   * time plus today's cycle, so that raising a model's risk level brings its next review forward at once.
   */
  status(model: ModelEntityV1alpha1, last: ModelReview | undefined, at: Date = this.#now()): ReviewStatus {
    const { riskLevel, cycleMonths, independenceRequired } = this.requirements(model);
    const base = { ...(riskLevel ? { riskLevel } : {}), ...(cycleMonths ? { cycleMonths } : {}), independenceRequired, ...(last ? { last } : {}) };
    if (last?.outcome === 'rejected') return { state: 'rejected', ...base };
    if (!cycleMonths) return { state: 'not-required', ...base };
    if (!last) return { state: 'never-reviewed', ...base };
    const byCycle = DateTime.fromISO(last.reviewedAt, { zone: 'utc' }).plus({ months: cycleMonths });
    const set = last.nextDueAt ? DateTime.fromISO(last.nextDueAt, { zone: 'utc' }) : byCycle;
    const due = set < byCycle ? set : byCycle;
    const now = DateTime.fromJSDate(at, { zone: 'utc' });
    const dueAt = due.toISO()!;
    if (due <= now) return { state: 'overdue', ...base, dueAt };
    if (due <= now.plus({ days: this.#options.policy.upcomingDays })) return { state: 'upcoming', ...base, dueAt };
    return { state: 'current', ...base, dueAt };
  }

  async list(model: ModelEntityV1alpha1): Promise<{ status: ReviewStatus; items: ModelReview[] }> {
    const items = await this.#options.store.listReviews(modelRefOf(model));
    return { status: this.status(model, items[0]), items };
  }

  /** Where the model stood at an instant, by its latest review recorded by then. */
  async statusAt(model: ModelEntityV1alpha1, at: Date): Promise<ReviewStatus> {
    const items = await this.#options.store.listReviews(modelRefOf(model));
    const iso = at.toISOString();
    return this.status(model, items.find(r => r.reviewedAt <= iso), at);
  }

  /** These models' review statuses, in their order, from one read of every model's latest review. */
  async statusesOf(models: ModelEntityV1alpha1[]): Promise<ReviewStatus[]> {
    const latest = await this.#options.store.latestReviews();
    return models.map(m => this.status(m, latest.get(modelRefOf(m))));
  }

  /** Why the actor may not review the model under its policy's independence rule, or undefined when they may. */
  independenceBlocker(model: ModelEntityV1alpha1, actor: Actor): string | undefined {
    const requirements = this.requirements(model);
    if (!requirements.independenceRequired || this.#independent(model, actor)) return undefined;
    const level = requirements.riskLevel ?? `unclassified (reviewed as ${this.#options.policy.unclassifiedAs})`;
    return `Independent validation: ${modelRefOf(model)} is ${level} risk, so its review must come from outside ${modelOwnerRefOf(model)}, which ${actor.ref} belongs to`;
  }

  #independent(model: ModelEntityV1alpha1, actor: Actor): boolean {
    const owner = modelOwnerRefOf(model);
    return !actor.ownershipRefs.includes(owner) && actor.ref !== owner;
  }

  /** Records a review under the model's review policy, with its audit event, in one transaction. */
  async record(model: ModelEntityV1alpha1, input: NewModelReview, actor: Actor): Promise<ModelReview> {
    const modelRef = modelRefOf(model);
    const requirements = this.requirements(model);
    const independent = this.#independent(model, actor);
    const blocker = this.independenceBlocker(model, actor);
    if (blocker) throw new NotAllowedError(blocker);
    const findings = input.findings ?? [];
    if (input.outcome === 'approved-with-findings' && findings.length === 0) {
      throw new InputError('An approval with findings needs at least one finding');
    }
    if (input.outcome === 'rejected' && !input.summary?.trim()) throw new InputError('A rejection needs a summary of why');
    const reviewedAt = DateTime.fromJSDate(this.#now(), { zone: 'utc' });
    const byCycle = requirements.cycleMonths ? reviewedAt.plus({ months: requirements.cycleMonths }) : undefined;
    let nextDue = byCycle;
    if (input.nextDueAt) {
      const asked = DateTime.fromISO(input.nextDueAt, { zone: 'utc' });
      if (asked <= reviewedAt) throw new InputError(`nextDueAt ${input.nextDueAt} is not in the future`);
      if (byCycle && asked > byCycle) {
        throw new InputError(`nextDueAt ${input.nextDueAt} is later than the ${requirements.cycleMonths}-month cycle allows (${byCycle.toISO()})`);
      }
      nextDue = asked;
    }
    const review: ModelReview = {
      id: randomUUID(),
      modelRef,
      outcome: input.outcome,
      version: input.version,
      ...(input.summary?.trim() ? { summary: input.summary.trim() } : {}),
      findings,
      reviewedBy: actor.ref,
      reviewedAt: reviewedAt.toISO()!,
      ...(nextDue ? { nextDueAt: nextDue.toISO()! } : {}),
      independent,
    };
    return publishedTransaction(this.#options.store, this.#options.publish, async tx => {
      if (!(await tx.getVersion(modelRef, input.version))) throw new NotFoundError(`Version ${input.version} of ${modelRef} is not registered`);
      await tx.insertReview(review);
      await tx.audit.append({ actor: actor.ref, action: 'review.recorded', subject: modelRef, after: review, policy: requirements }, review.reviewedAt);
      return review;
    });
  }
}
