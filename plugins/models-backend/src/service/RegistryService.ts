import { ConflictError, InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  type AuditEvent,
  type AuditVerification,
  type EnvironmentChange,
  type GateResult,
  type ModelEntityV1alpha1,
  modelOwnerRefOf,
  modelRefOf,
  type ModelVersion,
  type NewModelVersion,
  type NewPromotionRequest,
  type PromotionCheck,
  type PromotionRequest,
  type PromotionResult,
  type RegistryEnvironmentPolicy,
  type RegistryState,
  type RollbackResult,
  type VersionChange,
} from '@modelport/plugin-models-common';
import type { QualityGate } from '@modelport/plugin-models-node';
import { randomUUID } from 'node:crypto';
import type { AuditQuery } from '../audit/AuditLog';
import type { ReportQuery } from '../audit/report/ReportBuilder';
import type { ReportWriter } from '../audit/report/reportWriters';
import { streamAuditReport } from '../audit/report/streamAuditReport';
import { type ModelsMetrics, noModelsMetrics } from '../metrics/ModelsMetrics';
import type { RegistryEnvironment } from '../config/registryConfig';
import type { ModelRegistryStore, ModelRegistryTransaction } from '../store/ModelRegistryStore';
import { publishedTransaction, type RegistryChangePublisher } from './publishedTransaction';
import { checkNewVersion } from './validation';

/** Who is acting: their entity ref and the refs they own through (themselves and their groups). */
export type Actor = { ref: string; ownershipRefs: string[] };

export type DecisionBlocker = {
  reason: 'separation-of-duties' | 'not-an-approver' | 'already-decided';
  message: string;
};

export type RegistryServiceOptions = {
  store: ModelRegistryStore;
  environments: RegistryEnvironment[];
  gates: QualityGate[];
  metrics?: ModelsMetrics;
  now?: () => Date;
  /** Told of every committed change, after the transaction: events, notifications and live updates hang here. */
  publish?: RegistryChangePublisher;
};

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
  readonly #metrics: ModelsMetrics;

  readonly #options: RegistryServiceOptions;

  constructor(options: RegistryServiceOptions) {
    this.#options = options;
    this.#store = options.store;
    this.#metrics = options.metrics ?? noModelsMetrics;
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
      qualityGates: policy.qualityGates.map(g => g.get() as { type: string }),
    }));
  }

  async registerVersion(model: ModelEntityV1alpha1, input: NewModelVersion, actor: Actor): Promise<ModelVersion> {
    checkNewVersion(input);
    const modelRef = modelRefOf(model);
    const version: ModelVersion = {
      ...input,
      metrics: input.metrics ?? {},
      parameters: input.parameters ?? {},
      tags: input.tags ?? [],
      modelRef,
      registeredBy: actor.ref,
      registeredAt: this.#now().toISOString(),
    };
    return this.#transaction(async tx => {
      if (!(await tx.insertVersion(version))) {
        throw new ConflictError(`Version ${input.version} of ${modelRef} is already registered; versions are immutable`);
      }
      await tx.audit.append({ actor: actor.ref, action: 'version.registered', subject: modelRef, after: version }, version.registeredAt);
      return version;
    });
  }

  async updateVersion(model: ModelEntityV1alpha1, version: string, change: VersionChange, actor: Actor): Promise<ModelVersion> {
    const modelRef = modelRefOf(model);
    return this.#transaction(async tx => {
      const before = await tx.getVersion(modelRef, version);
      if (!before) throw new NotFoundError(`Version ${version} of ${modelRef} is not registered`);
      await tx.updateVersion(modelRef, version, change);
      const after = (await tx.getVersion(modelRef, version))!;
      await tx.audit.append(
        { actor: actor.ref, action: 'version.updated', subject: modelRef, before: pick(before, change), after: { version, ...pick(after, change) } },
        this.#now().toISOString(),
      );
      return after;
    });
  }

  /** The versions of a model as JSON text, newest first, for writing to a response as the store holds them. */
  versionsJson(modelRef: string): Promise<string> {
    return this.#store.listVersionsJson(modelRef);
  }

  /**
   * The same registry on another clock, telling no one: the example seed replays history at the times it happened,
   * and history replayed is not news to notify anyone of.
   */
  withClock(now: () => Date): RegistryService {
    return new RegistryService({ ...this.#options, now, publish: undefined });
  }

  /** A transaction whose audit events are published once it commits. */
  #transaction<T>(fn: (tx: ModelRegistryTransaction) => Promise<T>): Promise<T> {
    return publishedTransaction(this.#store, this.#options.publish, fn);
  }

  async version(modelRef: string, version: string): Promise<ModelVersion> {
    const found = await this.#store.getVersion(modelRef, version);
    if (!found) throw new NotFoundError(`Version ${version} of ${modelRef} is not registered`);
    return found;
  }

  async request(requestId: string): Promise<PromotionRequest> {
    const found = await this.#store.getRequest(requestId);
    if (!found) throw new NotFoundError(`Promotion request ${requestId} does not exist`);
    return found;
  }

  auditTrail(query: AuditQuery): Promise<AuditEvent[]> {
    return this.#store.audit.list(query);
  }

  verifyAuditTrail(): Promise<AuditVerification> {
    return this.#store.audit.verify();
  }

  /** The auditor's report over a range, written out as the log is read; answers the chain's verification. */
  auditReport(query: ReportQuery, writer: ReportWriter): Promise<AuditVerification> {
    return streamAuditReport(this.#store.audit, query, writer);
  }

  /** Whether anything was ever recorded: the seed replays its history only into an empty registry. */
  async hasHistory(): Promise<boolean> {
    return (await this.#store.audit.list({ limit: 1 })).length > 0;
  }

  async state(modelRef: string): Promise<RegistryState> {
    const [assignments, pendingRequests] = await Promise.all([
      this.#store.listCurrentAssignments(modelRef),
      this.#store.listRequests(modelRef, 'pending'),
    ]);
    // Who asked for and who approved each current version: the environment card names them.
    const environments = await Promise.all(
      this.#environments.map(async env => {
        const current = assignments.find(a => a.environment === env.name);
        const request = current?.cause === 'promotion' && current.requestId ? await this.#store.getRequest(current.requestId) : undefined;
        const promotion = request && {
          requestedBy: request.requestedBy,
          requestedAt: request.requestedAt,
          ...(request.comment ? { comment: request.comment } : {}),
          approvedBy: request.decisions.filter(d => d.decision === 'approve').map(d => d.actor),
        };
        return { name: env.name, ...(current ? { current } : {}), ...(promotion ? { promotion } : {}) };
      }),
    );
    return { modelRef, environments, pendingRequests };
  }

  /**
   * The pending requests of these models, oldest first, each with its model, the approvals its environment's policy
   * needs and who decides on it.
   */
  async pendingOf(models: ModelEntityV1alpha1[]) {
    const byRef = new Map(models.map(m => [modelRefOf(m), m]));
    const pending = (await this.#store.listPendingRequests()).filter(r => byRef.has(r.modelRef));
    return pending
      .sort((a, b) => a.requestedAt.localeCompare(b.requestedAt) || a.id.localeCompare(b.id))
      .map(request => {
        const model = byRef.get(request.modelRef)!;
        const env = this.#environments[this.#environmentIndex(request.toEnvironment)];
        return { request, model, approvalsRequired: env.policy.approvals, approvers: this.approversOf(model, env.name) };
      });
  }

  /** The latest versions made current in an environment among these models, newest first, with what each replaced. */
  async recentChanges(models: ModelEntityV1alpha1[], limit: number): Promise<EnvironmentChange[]> {
    const byRef = new Map(models.map(m => [modelRefOf(m), m]));
    const found: EnvironmentChange[] = [];
    // The caller may see few of the models: each read is four times the one before, so that finding them costs a
    // handful of queries however the visible models' changes are spread, and the first read is small.
    for (let offset = 0, size = limit * 4; found.length < limit; offset += size, size *= 4) {
      const page = await this.#store.listRecentAssignments({ limit: size, offset });
      for (const { modelRef, until: _until, ...change } of page) {
        const model = byRef.get(modelRef);
        if (model && found.length < limit) found.push({ modelRef, ...(model.metadata.title ? { modelTitle: model.metadata.title } : {}), ...change });
      }
      if (page.length < size) break;
    }
    return found;
  }

  /** The assignments of a model, or with `at` the ones in force at that instant. */
  async history(modelRef: string, at?: Date) {
    const assignments = await this.#store.listAssignments(modelRef);
    if (!at) return assignments;
    const t = at.toISOString();
    return assignments.filter(a => a.since <= t && (!a.until || a.until > t));
  }

  async requestPromotion(model: ModelEntityV1alpha1, input: NewPromotionRequest, actor: Actor): Promise<PromotionResult & { gates: GateResult[] }> {
    const modelRef = modelRefOf(model);
    const envIndex = this.#environmentIndex(input.environment);
    const env = this.#environments[envIndex];
    const at = this.#now().toISOString();
    // Gates run outside any transaction: they read live state (the observability and serving snapshots, or what an
    // extension module asks), and a transaction held open meanwhile would wait on itself on SQLite's one connection.
    // The transaction below checks the same preconditions again, so a change in between is still refused.
    const checked = await this.#store.transaction(tx => this.#promotable(tx, modelRef, envIndex, input.version));
    const gates = await this.#runGates(env, model, checked, input.gateOverride?.reason);
    const result = await this.#transaction(async tx => {
      const version = await this.#promotable(tx, modelRef, envIndex, input.version);
      const failed = gates.filter(g => !g.passed && !g.overridden);
      if (failed.length) {
        for (const g of failed) this.#metrics.gateRefused(env.name, g.type);
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
      await tx.audit.append(
        { actor: actor.ref, action: 'promotion.requested', subject: modelRef, after: request, policy: { environment: env.name, gates } },
        at,
      );
      if (env.policy.approvals === 0) {
        await this.#promote(tx, request, env, actor, at, gates);
        return { request: { ...request, status: 'promoted' as const, closedAt: at }, gates };
      }
      return { request, gates };
    });
    if (result.request.status === 'promoted') this.#metrics.promoted(env.name, 'promotion');
    return result;
  }

  /**
   * Records an approval or rejection, under the environment's policy and separation of duties, and promotes when
   * the approvals are complete and the gates pass. `model` is the request's Model as the caller may see it.
   */
  async decide(requestId: string, decision: 'approve' | 'reject', comment: string | undefined, actor: Actor, model: ModelEntityV1alpha1): Promise<PromotionResult> {
    const at = this.#now().toISOString();
    // Gates read live state and run outside the transaction (see requestPromotion). When this approval would
    // complete the request, they run first, on an unlocked read of it; the decision is still made on the locked one.
    const preview = decision === 'approve' ? await this.#store.getRequest(requestId) : undefined;
    const previewEnv = preview && this.#environments.find(e => e.name === preview.toEnvironment);
    const completes =
      preview?.status === 'pending' && preview.modelRef === modelRefOf(model) && previewEnv && preview.decisions.filter(d => d.decision === 'approve').length + 1 >= previewEnv.policy.approvals;
    const early = completes ? await this.#gatesOf(preview, previewEnv, model) : undefined;
    const outcome = await this.#transaction(async tx => {
      const request = await tx.getRequestForUpdate(requestId);
      if (!request) throw new NotFoundError(`Promotion request ${requestId} does not exist`);
      if (request.modelRef !== modelRefOf(model)) throw new InputError(`Promotion request ${requestId} is not a request of ${modelRefOf(model)}`);
      const env = this.#environments[this.#environmentIndex(request.toEnvironment)];
      const blocker = this.decisionBlocker(model, request, actor);
      // A repeated decision is reported as a conflict by the database constraint below.
      if (blocker && blocker.reason !== 'already-decided') throw new NotAllowedError(blocker.message);
      if (request.status !== 'pending') throw new ConflictError(`Promotion request ${requestId} is ${request.status}, not pending`);
      // With distinct approvers every decision has ordinal 0, so the database refuses a person's second one,
      // also when two of them race; otherwise it numbers the person's decisions on the request.
      const ordinal = env.policy.distinctApprovers ? 0 : request.decisions.filter(d => d.actor === actor.ref).length;
      const recorded = { actor: actor.ref, decision, ...(comment !== undefined ? { comment } : {}), at };
      if (!(await tx.insertDecision(requestId, recorded, ordinal))) {
        throw new ConflictError(`${actor.ref} has already decided on promotion request ${requestId}`);
      }
      // The answer is the locked request with what this transaction changed; nothing else can change it meanwhile.
      const decided: PromotionRequest = { ...request, decisions: [...request.decisions, recorded] };
      const closed = (status: 'rejected' | 'promoted'): PromotionRequest => ({ ...decided, status, closedAt: at });
      const policy = {
        environment: env.name,
        approvalsRequired: env.policy.approvals,
        // Who could decide, `owner` resolved to the owner at the time: the record an auditor reads.
        approvers: this.approversOf(model, env.name),
        distinctApprovers: env.policy.distinctApprovers,
      };
      if (decision === 'reject') {
        await tx.closeRequest(requestId, 'rejected', at);
        await tx.audit.append({ actor: actor.ref, action: 'promotion.rejected', subject: request.modelRef, before: request, after: { status: 'rejected', comment }, policy }, at);
        return { request: closed('rejected') };
      }
      await tx.audit.append({ actor: actor.ref, action: 'promotion.approved', subject: request.modelRef, after: { requestId, version: request.version, comment }, policy }, at);
      const approvals = decided.decisions.filter(d => d.decision === 'approve').length;
      if (approvals < env.policy.approvals) return { request: decided };
      // Another approval landed between the preview and the lock, so this one completes the request unforeseen:
      // the gates run after this transaction, and a second one promotes (#promoteApproved).
      if (!early) return { request: decided, unforeseen: policy };
      const gates = early;
      if (gates.every(g => g.passed || g.overridden)) {
        await this.#promote(tx, request, env, actor, at, gates);
        return { request: closed('promoted'), gates };
      }
      await tx.audit.append({ actor: actor.ref, action: 'promotion.blocked', subject: request.modelRef, after: { requestId, version: request.version }, policy: { ...policy, gates } }, at);
      return { request: decided, gates };
    });
    const { unforeseen, ...answer } = outcome as PromotionResult & { unforeseen?: object };
    const result: PromotionResult = unforeseen ? await this.#promoteApproved(answer.request, unforeseen, actor, model, at) : answer;
    const environment = result.request.toEnvironment;
    this.#metrics.decided(environment, decision);
    if (result.request.status === 'promoted') this.#metrics.promoted(environment, 'promotion');
    else for (const g of result.gates ?? []) if (!g.passed && !g.overridden) this.#metrics.gateRefused(environment, g.type);
    return result;
  }

  async #gatesOf(request: PromotionRequest, env: RegistryEnvironment, model: ModelEntityV1alpha1): Promise<GateResult[]> {
    const version = await this.#store.getVersion(request.modelRef, request.version);
    if (!version) throw new NotFoundError(`Version ${request.version} of ${request.modelRef} is not registered`);
    return this.#runGates(env, model, version, request.gateOverrideReason);
  }

  async #promoteApproved(approved: PromotionRequest, policy: object, actor: Actor, model: ModelEntityV1alpha1, at: string): Promise<PromotionResult> {
    const env = this.#environments[this.#environmentIndex(approved.toEnvironment)];
    const gates = await this.#gatesOf(approved, env, model);
    return this.#transaction(async tx => {
      const request = await tx.getRequestForUpdate(approved.id);
      if (!request || request.status !== 'pending') return { request: request ?? approved };
      if (gates.every(g => g.passed || g.overridden)) {
        await this.#promote(tx, request, env, actor, at, gates);
        return { request: { ...request, status: 'promoted' as const, closedAt: at }, gates };
      }
      await tx.audit.append({ actor: actor.ref, action: 'promotion.blocked', subject: request.modelRef, after: { requestId: request.id, version: request.version }, policy: { ...policy, gates } }, at);
      return { request, gates };
    });
  }

  async cancel(requestId: string, actor: Actor): Promise<PromotionRequest> {
    const at = this.#now().toISOString();
    return this.#transaction(async tx => {
      const request = await tx.getRequestForUpdate(requestId);
      if (!request) throw new NotFoundError(`Promotion request ${requestId} does not exist`);
      if (request.requestedBy !== actor.ref) {
        throw new NotAllowedError(`Only the requester, ${request.requestedBy}, can cancel promotion request ${requestId}`);
      }
      if (request.status !== 'pending') throw new ConflictError(`Promotion request ${requestId} is ${request.status}, not pending`);
      await tx.closeRequest(requestId, 'cancelled', at);
      await tx.audit.append({ actor: actor.ref, action: 'promotion.cancelled', subject: request.modelRef, before: request }, at);
      return { ...request, status: 'cancelled', closedAt: at };
    });
  }

  /**
   * Puts back a version that was current in the environment before. It needs no new approval, because the
   * version passed this environment's policy when it was first promoted; it is the owners' break-glass path,
   * allowed by the rollback permission, with a mandatory reason, and audited at high severity.
   */
  async rollback(model: ModelEntityV1alpha1, input: { environment: string; version: string; reason: string }, actor: Actor): Promise<RollbackResult> {
    const modelRef = modelRefOf(model);
    const env = this.#environments[this.#environmentIndex(input.environment)];
    const at = this.#now().toISOString();
    const result = await this.#transaction(async tx => {
      const current = await tx.currentAssignment(modelRef, env.name);
      if (current?.version === input.version) {
        throw new ConflictError(`Version ${input.version} is already current in ${env.name}`);
      }
      if (!(await tx.wasAssigned(modelRef, env.name, input.version))) {
        throw new ConflictError(`Version ${input.version} was never in ${env.name}; only earlier versions of an environment can be rolled back to`);
      }
      await tx.assign(modelRef, { environment: env.name, version: input.version, by: actor.ref, cause: 'rollback', reason: input.reason, at });
      const event = await tx.audit.append(
        { actor: actor.ref, action: 'environment.rolled-back', subject: modelRef, before: current, after: { environment: env.name, version: input.version, reason: input.reason } },
        at,
      );
      return { environment: env.name, version: input.version, auditSeq: event.seq };
    });
    this.#metrics.promoted(env.name, 'rollback');
    return result;
  }

  async #promote(tx: ModelRegistryTransaction, request: PromotionRequest, env: RegistryEnvironment, actor: Actor, at: string, gates: GateResult[]) {
    const before = await tx.currentAssignment(request.modelRef, env.name);
    await tx.closeRequest(request.id, 'promoted', at);
    await tx.assign(request.modelRef, { environment: env.name, version: request.version, by: actor.ref, cause: 'promotion', requestId: request.id, at });
    await tx.audit.append(
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

  /** The entity refs that decide on the model's promotions to the environment, `owner` resolved to the Model's owner. */
  approversOf(model: ModelEntityV1alpha1, environment: string): string[] {
    const env = this.#environments[this.#environmentIndex(environment)];
    return env.policy.approvers.map(a => (a === 'owner' ? modelOwnerRefOf(model) : a.toLocaleLowerCase('en-US')));
  }

  /** The environments whose promotion requests of the model the actor is among the approvers of. */
  approverEnvironments(model: ModelEntityV1alpha1, actor: Actor): string[] {
    return this.#environments
      .filter(env => env.policy.approvals > 0 && this.approversOf(model, env.name).some(a => actor.ownershipRefs.includes(a)))
      .map(env => env.name);
  }

  /**
   * What a promotion request of the version to the environment would meet now, without making it: the first
   * precondition that refuses it, or else every gate's verdict. Gates read live state and change nothing.
   */
  async checkPromotion(model: ModelEntityV1alpha1, input: { version: string; environment: string }): Promise<PromotionCheck> {
    const modelRef = modelRefOf(model);
    const envIndex = this.#environmentIndex(input.environment);
    const env = this.#environments[envIndex];
    const check = { version: input.version, environment: env.name };
    const pending = (await this.#store.listRequests(modelRef, 'pending')).find(r => r.toEnvironment === env.name);
    if (pending) {
      return { ...check, gates: [], blocker: `A promotion of ${pending.version} to ${env.name} is already pending, requested by ${pending.requestedBy}` };
    }
    let version: ModelVersion;
    try {
      version = await this.#store.transaction(tx => this.#promotable(tx, modelRef, envIndex, input.version));
    } catch (error) {
      if (error instanceof ConflictError || error instanceof NotFoundError) return { ...check, gates: [], blocker: error.message };
      throw error;
    }
    return { ...check, gates: await this.#runGates(env, model, version) };
  }

  /** Why the policy keeps the actor from deciding on the request, or undefined when it lets them. */
  decisionBlocker(model: ModelEntityV1alpha1, request: PromotionRequest, actor: Actor): DecisionBlocker | undefined {
    const env = this.#environments[this.#environmentIndex(request.toEnvironment)];
    if (request.requestedBy === actor.ref && !env.policy.requesterMayApprove) {
      return { reason: 'separation-of-duties', message: `Separation of duties: ${actor.ref} requested this promotion to ${env.name} and cannot also decide on it` };
    }
    const approvers = this.approversOf(model, env.name);
    if (!approvers.some(a => actor.ownershipRefs.includes(a))) {
      return { reason: 'not-an-approver', message: `Promotions to ${env.name} are decided by ${approvers.join(' or ')}; ${actor.ref} is not one of them` };
    }
    if (env.policy.distinctApprovers && request.decisions.some(d => d.actor === actor.ref)) {
      return { reason: 'already-decided', message: `${actor.ref} has already decided on this request` };
    }
    return undefined;
  }

  /** Runs the environment's gates; a failed overridable gate counts as overridden when a reason is given. */
  /** The version, when it may be promoted to the environment at `envIndex`: registered, not current there, current before. */
  async #promotable(tx: ModelRegistryTransaction, modelRef: string, envIndex: number, versionName: string): Promise<ModelVersion> {
    const env = this.#environments[envIndex];
    const version = await tx.getVersion(modelRef, versionName);
    if (!version) throw new NotFoundError(`Version ${versionName} of ${modelRef} is not registered`);
    const current = await tx.currentAssignment(modelRef, env.name);
    if (current?.version === version.version) {
      throw new ConflictError(`Version ${version.version} is already current in ${env.name}`);
    }
    if (envIndex > 0) {
      const previous = this.#environments[envIndex - 1].name;
      const inPrevious = await tx.currentAssignment(modelRef, previous);
      if (inPrevious?.version !== version.version) {
        const there = inPrevious ? `${previous} runs ${inPrevious.version}` : `${previous} has no version yet`;
        throw new ConflictError(`Version ${version.version} is not current in ${previous}, the environment before ${env.name} (${there})`);
      }
    }
    return version;
  }

  async #runGates(env: RegistryEnvironment, model: ModelEntityV1alpha1, version: ModelVersion, overrideReason?: string): Promise<GateResult[]> {
    return Promise.all(
      env.policy.qualityGates.map(async config => {
        const type = config.getString('type');
        const outcome = await this.#gates.get(type)!.evaluate({ model, version, environment: env.name, config, now: this.#now() });
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

function pick(version: ModelVersion, change: { description?: string; tags?: string[] }) {
  return Object.fromEntries(Object.keys(change).map(k => [k, version[k as keyof ModelVersion]]));
}
