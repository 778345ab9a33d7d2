import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  type GateResult,
  type ModelEntityV1alpha1,
  type ModelVersion,
  type PromotionRequest,
  type RegistryEnvironmentPolicy,
  type RegistryState,
} from '@modelport/plugin-models-common';
import type { QualityGate } from '@modelport/plugin-models-node';
import { randomUUID } from 'node:crypto';
import type { RegistryEnvironment } from '../config/registryConfig';
import type { ModelRegistryStore, ModelRegistryTransaction } from '../store/ModelRegistryStore';

/** Who is acting: their entity ref and the refs they own through (themselves and their groups). */
export type Actor = { ref: string; ownershipRefs: string[] };

export type DecisionBlocker = {
  reason: 'separation-of-duties' | 'not-an-approver' | 'already-decided';
  message: string;
};

export type NewVersion = Omit<ModelVersion, 'modelRef' | 'registeredBy' | 'registeredAt' | 'tags'> & { tags?: string[] };

/**
 * The registry's rules: immutable versions, promotion in environment order, approvals under each environment's
 * policy with separation of duties, quality gates at the moment of promotion, audited rollback. Everything that
 * changes state runs in one transaction together with its audit event.
 */
export class RegistryService {
  readonly #store: ModelRegistryStore;
  readonly #environments: RegistryEnvironment[];
  readonly #gates: Map<string, QualityGate>;
  readonly #now: () => Date;

  constructor(options: {
    store: ModelRegistryStore;
    environments: RegistryEnvironment[];
    gates: QualityGate[];
    now?: () => Date;
  }) {
    this.#store = options.store;
    this.#environments = options.environments;
    this.#gates = new Map(options.gates.map(g => [g.type, g]));
    this.#now = options.now ?? (() => new Date());
    for (const env of this.#environments) {
      for (const gate of env.policy.qualityGates) {
        const type = gate.getString('type');
        if (!this.#gates.has(type)) {
          throw new InputError(`Environment ${env.name} lists quality gate '${type}', which no installed module provides`);
        }
      }
    }
  }

  environments(): RegistryEnvironmentPolicy[] {
    return this.#environments.map(({ name, policy }) => ({
      name,
      approvals: policy.approvals,
      approvers: policy.approvers,
      requesterMayApprove: policy.requesterMayApprove,
      distinctApprovers: policy.distinctApprovers,
      qualityGates: policy.qualityGates.map(g => g.get() as object),
    }));
  }

  async registerVersion(model: ModelEntityV1alpha1, input: NewVersion, actor: Actor): Promise<ModelVersion> {
    const modelRef = refOf(model);
    const version: ModelVersion = {
      ...input,
      tags: input.tags ?? [],
      modelRef,
      registeredBy: actor.ref,
      registeredAt: this.#now().toISOString(),
    };
    return this.#store.transaction(async tx => {
      if (!(await tx.insertVersion(version))) {
        throw new ConflictError(`Version ${input.version} of ${modelRef} is already registered; versions are immutable`);
      }
      await tx.appendAudit({ actor: actor.ref, action: 'version.registered', subject: modelRef, after: version }, version.registeredAt);
      return version;
    });
  }

  async updateVersion(model: ModelEntityV1alpha1, version: string, change: { description?: string; tags?: string[] }, actor: Actor) {
    const modelRef = refOf(model);
    return this.#store.transaction(async tx => {
      const before = await tx.getVersion(modelRef, version);
      if (!before) throw new NotFoundError(`Version ${version} of ${modelRef} is not registered`);
      await tx.updateVersion(modelRef, version, change);
      const after = (await tx.getVersion(modelRef, version))!;
      await tx.appendAudit(
        { actor: actor.ref, action: 'version.updated', subject: modelRef, before: pick(before, change), after: pick(after, change) },
        this.#now().toISOString(),
      );
      return after;
    });
  }

  async state(modelRef: string): Promise<RegistryState> {
    const [assignments, pendingRequests] = await Promise.all([
      this.#store.listCurrentAssignments(modelRef),
      this.#store.listRequests(modelRef, 'pending'),
    ]);
    return {
      modelRef,
      environments: this.#environments.map(env => ({
        name: env.name,
        current: assignments.find(a => a.environment === env.name),
      })),
      pendingRequests,
    };
  }

  /** The assignments of a model, or with `at` the ones in force at that instant. */
  async history(modelRef: string, at?: Date) {
    const assignments = await this.#store.listAssignments(modelRef);
    if (!at) return assignments;
    const t = at.toISOString();
    return assignments.filter(a => a.since <= t && (!a.until || a.until > t));
  }

  async requestPromotion(
    model: ModelEntityV1alpha1,
    input: { version: string; environment: string; comment?: string; gateOverride?: { reason: string } },
    actor: Actor,
  ): Promise<{ request: PromotionRequest; gates: GateResult[] }> {
    const modelRef = refOf(model);
    const envIndex = this.#environmentIndex(input.environment);
    const env = this.#environments[envIndex];
    const at = this.#now().toISOString();
    return this.#store.transaction(async tx => {
      const version = await tx.getVersion(modelRef, input.version);
      if (!version) throw new NotFoundError(`Version ${input.version} of ${modelRef} is not registered`);
      const current = await tx.currentAssignment(modelRef, env.name);
      if (current?.version === version.version) {
        throw new ConflictError(`Version ${version.version} is already current in ${env.name}`);
      }
      if (envIndex > 0) {
        const previous = this.#environments[envIndex - 1].name;
        const inPrevious = await tx.currentAssignment(modelRef, previous);
        if (inPrevious?.version !== version.version) {
          const there = inPrevious ? `${previous} runs ${inPrevious.version}` : `${previous} has no version yet`;
          throw new ConflictError(
            `Version ${version.version} is not current in ${previous}, the environment before ${env.name} (${there})`,
          );
        }
      }
      const gates = await this.#runGates(env, model, version, input.gateOverride?.reason);
      const failed = gates.filter(g => !g.passed && !g.overridden);
      if (failed.length) {
        const hint = failed.every(g => g.overridable) ? ' (the requester may override with a reason)' : '';
        throw new ConflictError(`Quality gates for ${env.name} failed: ${failed.map(g => g.message).join('; ')}${hint}`);
      }
      const request: PromotionRequest = {
        id: randomUUID(),
        modelRef,
        version: version.version,
        toEnvironment: env.name,
        status: 'pending',
        requestedBy: actor.ref,
        requestedAt: at,
        comment: input.comment,
        ...(gates.some(g => g.overridden) ? { gateOverrideReason: input.gateOverride!.reason } : {}),
        decisions: [],
      };
      if (!(await tx.insertRequest(request))) {
        throw new ConflictError(`A promotion of ${modelRef} to ${env.name} is already pending`);
      }
      await tx.appendAudit(
        { actor: actor.ref, action: 'promotion.requested', subject: modelRef, after: request, policy: { environment: env.name, gates } },
        at,
      );
      if (env.policy.approvals === 0) {
        await this.#promote(tx, request, env, actor, at, gates);
        return { request: { ...request, status: 'promoted', closedAt: at }, gates };
      }
      return { request, gates };
    });
  }

  async decide(
    requestId: string,
    decision: 'approve' | 'reject',
    comment: string | undefined,
    actor: Actor,
    loadModel: (modelRef: string) => Promise<ModelEntityV1alpha1>,
  ): Promise<{ request: PromotionRequest; gates?: GateResult[] }> {
    const existing = await this.#store.getRequest(requestId);
    if (!existing) throw new NotFoundError(`Promotion request ${requestId} does not exist`);
    const model = await loadModel(existing.modelRef);
    const env = this.#environments[this.#environmentIndex(existing.toEnvironment)];
    const blocker = this.decisionBlocker(model, existing, actor);
    // A repeated decision is reported as a conflict by the database constraint inside the transaction below.
    if (blocker && blocker.reason !== 'already-decided') throw new NotAllowedError(blocker.message);
    const at = this.#now().toISOString();

    return this.#store.transaction(async tx => {
      const request = await tx.getRequestForUpdate(requestId);
      if (!request || request.status !== 'pending') {
        throw new ConflictError(`Promotion request ${requestId} is ${request?.status ?? 'gone'}, not pending`);
      }
      // With distinct approvers every decision has ordinal 0, so the database refuses a person's second one,
      // also when two of them race; otherwise it numbers the person's decisions on the request.
      const ordinal = env.policy.distinctApprovers ? 0 : request.decisions.filter(d => d.actor === actor.ref).length;
      if (!(await tx.insertDecision(requestId, { actor: actor.ref, decision, comment, at }, ordinal))) {
        throw new ConflictError(`${actor.ref} has already decided on promotion request ${requestId}`);
      }
      const policy = {
        environment: env.name,
        approvalsRequired: env.policy.approvals,
        approvers: env.policy.approvers,
        distinctApprovers: env.policy.distinctApprovers,
      };
      if (decision === 'reject') {
        await tx.closeRequest(requestId, 'rejected', at);
        await tx.appendAudit({ actor: actor.ref, action: 'promotion.rejected', subject: request.modelRef, before: request, after: { status: 'rejected', comment }, policy }, at);
        return { request: (await tx.getRequestForUpdate(requestId))! };
      }
      await tx.appendAudit({ actor: actor.ref, action: 'promotion.approved', subject: request.modelRef, after: { requestId, comment }, policy }, at);
      const approvals = request.decisions.filter(d => d.decision === 'approve').length + 1;
      if (approvals < env.policy.approvals) {
        return { request: (await tx.getRequestForUpdate(requestId))! };
      }
      const version = (await tx.getVersion(request.modelRef, request.version))!;
      const gates = await this.#runGates(env, model, version, request.gateOverrideReason);
      if (gates.every(g => g.passed || g.overridden)) {
        await this.#promote(tx, request, env, actor, at, gates);
      } else {
        await tx.appendAudit({ actor: actor.ref, action: 'promotion.blocked', subject: request.modelRef, after: { requestId }, policy: { ...policy, gates } }, at);
      }
      return { request: (await tx.getRequestForUpdate(requestId))!, gates };
    });
  }

  async cancel(requestId: string, actor: Actor): Promise<PromotionRequest> {
    const at = this.#now().toISOString();
    return this.#store.transaction(async tx => {
      const request = await tx.getRequestForUpdate(requestId);
      if (!request) throw new NotFoundError(`Promotion request ${requestId} does not exist`);
      if (request.requestedBy !== actor.ref) {
        throw new NotAllowedError(`Only the requester, ${request.requestedBy}, can cancel promotion request ${requestId}`);
      }
      if (request.status !== 'pending') throw new ConflictError(`Promotion request ${requestId} is ${request.status}, not pending`);
      await tx.closeRequest(requestId, 'cancelled', at);
      await tx.appendAudit({ actor: actor.ref, action: 'promotion.cancelled', subject: request.modelRef, before: request }, at);
      return (await tx.getRequestForUpdate(requestId))!;
    });
  }

  /**
   * Puts back a version that was current in the environment before. It needs no new approval, because the
   * version passed this environment's policy when it was first promoted; it is the owners' break-glass path,
   * allowed by the rollback permission, with a mandatory reason, and audited at high severity.
   */
  async rollback(model: ModelEntityV1alpha1, input: { environment: string; version: string; reason: string }, actor: Actor) {
    const modelRef = refOf(model);
    const env = this.#environments[this.#environmentIndex(input.environment)];
    const at = this.#now().toISOString();
    return this.#store.transaction(async tx => {
      const current = await tx.currentAssignment(modelRef, env.name);
      if (current?.version === input.version) {
        throw new ConflictError(`Version ${input.version} is already current in ${env.name}`);
      }
      if (!(await tx.wasAssigned(modelRef, env.name, input.version))) {
        throw new ConflictError(`Version ${input.version} was never in ${env.name}; only earlier versions of an environment can be rolled back to`);
      }
      await tx.assign(modelRef, { environment: env.name, version: input.version, by: actor.ref, cause: 'rollback', reason: input.reason, at });
      const event = await tx.appendAudit(
        { actor: actor.ref, action: 'environment.rolled-back', subject: modelRef, before: current, after: { environment: env.name, version: input.version, reason: input.reason } },
        at,
      );
      return { environment: env.name, version: input.version, auditSeq: event.seq };
    });
  }

  async #promote(tx: ModelRegistryTransaction, request: PromotionRequest, env: RegistryEnvironment, actor: Actor, at: string, gates: GateResult[]) {
    const before = await tx.currentAssignment(request.modelRef, env.name);
    await tx.closeRequest(request.id, 'promoted', at);
    await tx.assign(request.modelRef, { environment: env.name, version: request.version, by: actor.ref, cause: 'promotion', requestId: request.id, at });
    await tx.appendAudit(
      {
        actor: actor.ref,
        action: 'promotion.completed',
        subject: request.modelRef,
        before: before ?? null,
        after: { environment: env.name, version: request.version, requestId: request.id },
        policy: { environment: env.name, approvalsRequired: env.policy.approvals, gates },
      },
      at,
    );
  }

  /** Why the policy keeps the actor from deciding on the request, or undefined when it lets them. */
  decisionBlocker(model: ModelEntityV1alpha1, request: PromotionRequest, actor: Actor): DecisionBlocker | undefined {
    const env = this.#environments[this.#environmentIndex(request.toEnvironment)];
    if (request.requestedBy === actor.ref && !env.policy.requesterMayApprove) {
      return { reason: 'separation-of-duties', message: `Separation of duties: ${actor.ref} requested this promotion to ${env.name} and cannot also decide on it` };
    }
    const approvers = env.policy.approvers.map(a => (a === 'owner' ? ownerRef(model) : a.toLocaleLowerCase('en-US')));
    if (!approvers.some(a => actor.ownershipRefs.includes(a))) {
      return { reason: 'not-an-approver', message: `Promotions to ${env.name} are decided by ${approvers.join(' or ')}; ${actor.ref} is not one of them` };
    }
    if (env.policy.distinctApprovers && request.decisions.some(d => d.actor === actor.ref)) {
      return { reason: 'already-decided', message: `${actor.ref} has already decided on this request` };
    }
    return undefined;
  }

  /** Runs the environment's gates; a failed overridable gate counts as overridden when a reason is given. */
  async #runGates(env: RegistryEnvironment, model: ModelEntityV1alpha1, version: ModelVersion, overrideReason?: string): Promise<GateResult[]> {
    return Promise.all(
      env.policy.qualityGates.map(async config => {
        const type = config.getString('type');
        const outcome = await this.#gates.get(type)!.evaluate({ model, version, environment: env.name, config });
        const overridden = !outcome.passed && Boolean(outcome.overridable) && Boolean(overrideReason);
        return { type, ...outcome, ...(overridden ? { overridden, message: `${outcome.message} — overridden: ${overrideReason}` } : {}) };
      }),
    );
  }

  #environmentIndex(name: string): number {
    const index = this.#environments.findIndex(e => e.name === name);
    if (index < 0) {
      throw new InputError(`Unknown environment '${name}'; environments are ${this.#environments.map(e => e.name).join(', ')}`);
    }
    return index;
  }
}

export function refOf(model: ModelEntityV1alpha1): string {
  return stringifyEntityRef(model);
}

function ownerRef(model: ModelEntityV1alpha1): string {
  return stringifyEntityRef(
    parseEntityRef(model.spec.owner, { defaultKind: 'Group', defaultNamespace: model.metadata.namespace ?? 'default' }),
  );
}

function pick(version: ModelVersion, change: { description?: string; tags?: string[] }) {
  return Object.fromEntries(Object.keys(change).map(k => [k, version[k as keyof ModelVersion]]));
}
