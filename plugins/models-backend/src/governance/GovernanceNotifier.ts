import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationSendOptions, NotificationService } from '@backstage/plugin-notifications-node';
import {
  isModelEntity,
  type ModelEntityV1alpha1,
  type ModelObservability,
  modelRefOf,
  type PromotionRequest,
  type RegistryEvent,
  servingVerdictText,
} from '@modelport/plugin-models-common';
import type { RegistryService } from '../service/RegistryService';
import type { ServingService } from '../serving/ServingService';
import type { NotifiedStates, ObservedState } from './NotifiedStates';
import { observabilityNotification, observedStates, registryNotifications, servedAgainstApproval, servingNotification } from './notificationTexts';

export type GovernanceNotifierOptions = {
  notifications: NotificationService;
  registry: RegistryService;
  serving: ServingService;
  catalog: CatalogService;
  auth: AuthService;
  states: NotifiedStates;
  /** The latest SLO and drift snapshot of each model. */
  latestSnapshots: () => Promise<ModelObservability[]>;
  logger: LoggerService;
  now?: () => Date;
};

/**
 * Tells people what concerns them: registry changes as they are published, and after each evaluation and serving
 * cycle the changes of state that owners must act on. A failed notification is logged and never undoes the change
 * it tells of.
 */
export class GovernanceNotifier {
  readonly #o: GovernanceNotifierOptions;

  constructor(options: GovernanceNotifierOptions) {
    this.#o = options;
  }

  async registryChanged(event: RegistryEvent): Promise<void> {
    const model = await this.#model(event.modelRef);
    if (!model) return;
    let request: PromotionRequest | undefined;
    if (event.requestId) request = await this.#o.registry.request(event.requestId).catch(() => undefined);
    const policy = this.#o.registry.environments().find(e => e.name === event.environment);
    await this.#send(
      registryNotifications(event, {
        model,
        environments: this.#o.registry.environments().map(e => e.name),
        request,
        approvers: policy ? this.#o.registry.approversOf(model, policy.name) : [],
        approvalsRequired: policy?.approvals ?? 0,
      }),
    );
  }

  /** After an evaluation cycle: owners hear of an SLO turning critical or a model drifting, and of it ending, once. */
  async observabilityEvaluated(): Promise<void> {
    const [models, snapshots] = await Promise.all([this.#models(), this.#o.latestSnapshots()]);
    const byRef = new Map(snapshots.map(s => [s.modelRef, s]));
    const observed: Array<ObservedState & { snapshot: ModelObservability; model: ModelEntityV1alpha1 }> = models.flatMap(model => {
      const snapshot = byRef.get(modelRefOf(model));
      if (!snapshot) return [];
      const states = observedStates(snapshot);
      return (['slo', 'drift'] as const).map(kind => ({ subject: modelRefOf(model), kind, state: states[kind], snapshot, model }));
    });
    const changed = await this.#o.states.changed(observed, this.#now());
    const environments = this.#o.registry.environments().map(e => e.name);
    await this.#send(
      changed
        // A model first seen in order has nothing to tell.
        .filter(c => c.previous !== undefined || c.state !== 'in-order')
        .map(c => {
          const { snapshot, model } = observed.find(o => o.subject === c.subject && o.kind === c.kind)!;
          return observabilityNotification(c.kind as 'slo' | 'drift', snapshot, { model, environments });
        }),
    );
  }

  /**
   * After a serving collection: owners hear when what runs in an environment goes against what the registry
   * approved there, and when it is back in line, once each time. An environment whose cluster could not be read
   * says nothing new: its state is unknown, not changed.
   */
  async servingCollected(): Promise<void> {
    const models = await this.#models();
    const fleet = await this.#o.serving.fleet(models);
    const environments = this.#o.registry.environments().map(e => e.name);
    const observed = models.flatMap((model, i) =>
      fleet[i].environments
        .filter(env => env.verdict.state !== 'cluster-unreachable')
        .map(env => ({
          subject: `${modelRefOf(model)}|${env.environment}`,
          kind: 'serving',
          state: servedAgainstApproval(env) ? `against:${servingVerdictText(env.verdict, env.approved)}` : 'in-line',
          model,
          env,
        })),
    );
    const changed = await this.#o.states.changed(observed, this.#now());
    await this.#send(
      changed
        .filter(c => c.state !== 'in-line' || c.previous?.startsWith('against:'))
        .map(c => {
          const { model, env } = observed.find(o => o.subject === c.subject)!;
          return servingNotification(env, { model, environments }, servingVerdictText(env.verdict, env.approved));
        }),
    );
  }

  async #send(sent: NotificationSendOptions[]) {
    for (const notification of sent) {
      try {
        await this.#o.notifications.send(notification);
      } catch (error) {
        this.#o.logger.warn(`Could not send the notification '${notification.payload.title}'`, error as Error);
      }
    }
  }

  #now() {
    return (this.#o.now ?? (() => new Date()))().toISOString();
  }

  async #model(ref: string): Promise<ModelEntityV1alpha1 | undefined> {
    const entity = await this.#o.catalog.getEntityByRef(ref, { credentials: await this.#o.auth.getOwnServiceCredentials() });
    return entity && isModelEntity(entity) ? entity : undefined;
  }

  async #models(): Promise<ModelEntityV1alpha1[]> {
    const { items } = await this.#o.catalog.getEntities({ filter: { kind: 'Model' } }, { credentials: await this.#o.auth.getOwnServiceCredentials() });
    return items.filter(isModelEntity) as ModelEntityV1alpha1[];
  }
}
