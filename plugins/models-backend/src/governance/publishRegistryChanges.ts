import type { LoggerService } from '@backstage/backend-plugin-api';
import type { EventsService } from '@backstage/plugin-events-node';
import { MODELPORT_REGISTRY_TOPIC } from '@modelport/plugin-models-common';
import type { RegistryChangePublisher } from '../service/publishedTransaction';
import { registryEventOf } from './registryEvent';

/**
 * Publishes each committed registry change on the events service, topic `modelport.registry`, in chain order.
 * The change is committed and audited whatever happens here, so a failed publish is logged rather than undoing
 * the answer the person gets; the audit chain is the record a missed event can be recovered from.
 */
export function publishRegistryChanges(options: { events: EventsService; logger: LoggerService }): RegistryChangePublisher {
  return async events => {
    for (const event of events) {
      const payload = registryEventOf(event);
      try {
        await options.events.publish({ topic: MODELPORT_REGISTRY_TOPIC, eventPayload: payload, metadata: { action: payload.action } });
      } catch (error) {
        options.logger.warn(`Could not publish ${payload.action} of ${payload.modelRef} (audit #${payload.auditSeq}) on ${MODELPORT_REGISTRY_TOPIC}`, error as Error);
      }
    }
  };
}
