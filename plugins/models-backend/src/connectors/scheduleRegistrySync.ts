import type { LifecycleService, LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { durationToMilliseconds, type HumanDuration } from '@backstage/types';
import { readDurationFromConfig } from '@backstage/config';
import type { EventsService } from '@backstage/plugin-events-node';
import { MODELPORT_REGISTRY_TOPIC, type RegistryEvent } from '@modelport/plugin-models-common';
import type { Knex } from 'knex';
import { scheduleGlobalTask } from '../scheduling/scheduleGlobalTask';
import type { RegistrySyncService } from './RegistrySyncService';

const FREQUENCY_KEY = 'models.registrySync.frequency';

/** How often the outside registries are read: `models.registrySync.frequency`, 10 minutes by default. */
function readRegistrySyncFrequency(config: Config): HumanDuration {
  return config.has(FREQUENCY_KEY) ? readDurationFromConfig(config, { key: FREQUENCY_KEY }) : { minutes: 10 };
}

/**
 * Imports from every connected registry at start and then every `frequency`, on one replica at a time; nothing
 * when no module added a connector.
 */
export async function scheduleRegistrySync(options: {
  registrySync: RegistrySyncService;
  config: Config;
  scheduler: SchedulerService;
  lifecycle: LifecycleService;
  knex: Knex;
  logger: LoggerService;
}) {
  const { registrySync } = options;
  if (!registrySync.configured) return;
  const frequency = readRegistrySyncFrequency(options.config);
  await scheduleGlobalTask({
    ...options,
    id: 'models-registry-sync',
    schedule: {
      frequency,
      timeout: { milliseconds: Math.max(durationToMilliseconds(frequency) * 2, 5 * 60_000) },
      initialDelay: { seconds: 5 },
    },
    fn: signal => registrySync.syncAll(signal),
  });
}

/**
 * Hears of promotions and rollbacks on `modelport.registry`, under a subscription id of its own so that each is
 * handled once across replicas, and moves the aliases that stand for the environment (connectors with write-back).
 */
export async function subscribeAliasWriteBack(options: { events: EventsService; registrySync: RegistrySyncService; logger: LoggerService }) {
  const { events, registrySync, logger } = options;
  if (!registrySync.writesBack) return;
  await events.subscribe({
    id: 'modelport-registry-write-back',
    topics: [MODELPORT_REGISTRY_TOPIC],
    onEvent: async ({ eventPayload }) => {
      const event = eventPayload as RegistryEvent;
      // The change is committed whatever happens here; a write that could not even be queued is logged, and the
      // alias then shows as a finding on the next sync.
      await registrySync.registryChanged(event).catch(error => logger.warn(`Could not queue the alias writes of ${event.modelRef} after ${event.action}`, error as Error));
    },
  });
}
