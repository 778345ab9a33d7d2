import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { MODELPORT_REGISTRY_TOPIC, type RegistryEvent } from '@modelport/plugin-models-common';
import { readWebhooks } from './config';
import { DeliveryStore } from './DeliveryStore';
import { createDeliveriesRouter } from './router';
import { WebhookDeliverer } from './WebhookDeliverer';

/**
 * Forwards every registry change on the `modelport.registry` events topic to the webhooks of
 * `models.webhooks.receivers`, signed and retried; `GET /api/models/webhooks/deliveries` says how each went.
 *
 * @public
 */
export const modelsModuleWebhooks = createBackendModule({
  pluginId: 'models',
  moduleId: 'webhooks',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        events: eventsServiceRef,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        logger: coreServices.logger,
      },
      async init({ config, database, events, scheduler, httpRouter, httpAuth, permissions, logger }) {
        const { webhooks, retry } = readWebhooks(config);
        const store = await DeliveryStore.create(await database.getClient(), { skipMigrations: database.migrations?.skip });
        const deliverer = new WebhookDeliverer({ webhooks, retry, store, logger });
        httpRouter.use(createDeliveriesRouter({ store, httpAuth, permissions }));
        if (!webhooks.length) {
          logger.info('No models.webhooks.receivers configured: registry changes are not forwarded');
          return;
        }
        await events.subscribe({
          id: 'modelport-webhooks',
          topics: [MODELPORT_REGISTRY_TOPIC],
          onEvent: async ({ eventPayload }) => {
            const added = await deliverer.enqueue(eventPayload as RegistryEvent);
            // The first attempt goes out now, off the path of the change that published it; retries come from the task.
            for (const delivery of added) {
              deliverer.attempt(delivery.id).catch(error => logger.warn(`Webhook delivery ${delivery.id} failed to run`, error));
            }
          },
        });
        await scheduler.scheduleTask({
          id: 'models-webhook-retries',
          scope: 'global',
          frequency: { seconds: 30 },
          timeout: { minutes: 5 },
          fn: () => deliverer.deliverDue(),
        });
      },
    });
  },
});
