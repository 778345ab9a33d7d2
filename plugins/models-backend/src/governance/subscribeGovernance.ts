import type { LoggerService } from '@backstage/backend-plugin-api';
import type { EventsService } from '@backstage/plugin-events-node';
import type { SignalsService } from '@backstage/plugin-signals-node';
import { MODELPORT_REGISTRY_TOPIC, type RegistryEvent, registrySignalChannel } from '@modelport/plugin-models-common';
import type { GovernanceNotifier } from './GovernanceNotifier';

/**
 * What hears of registry changes on the `modelport.registry` topic, each under a subscription id of its own so
 * that, with Backstage's event bus between replicas, each event is handled once: the notifier, and the live update
 * that makes an open Registry tab read the model again.
 */
export async function subscribeGovernance(options: { events: EventsService; signals: SignalsService; notifier: GovernanceNotifier; logger: LoggerService }) {
  const { events, signals, notifier } = options;
  await events.subscribe({
    id: 'modelport-notifications',
    topics: [MODELPORT_REGISTRY_TOPIC],
    onEvent: async ({ eventPayload }) => notifier.registryChanged(eventPayload as RegistryEvent),
  });
  await events.subscribe({
    id: 'modelport-live-updates',
    topics: [MODELPORT_REGISTRY_TOPIC],
    onEvent: async ({ eventPayload }) => {
      const event = eventPayload as RegistryEvent;
      // Only that something happened, and which event: whoever has the tab open reads the rest through the API,
      // under their own permissions.
      await signals.publish({ recipients: { type: 'broadcast' }, channel: registrySignalChannel(event.modelRef), message: { action: event.action, auditSeq: event.auditSeq } });
    },
  });
}
