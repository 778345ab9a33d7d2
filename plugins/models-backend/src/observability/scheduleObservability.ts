import type { LifecycleService, LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { scheduleGlobalTask } from '../scheduling/scheduleGlobalTask';
import type { ObservabilityService } from './ObservabilityService';

/** Evaluates the fleet every interval on one replica at a time; at shutdown the cycle stops and its lock is released. */
export async function scheduleObservability(options: {
  observability: ObservabilityService;
  scheduler: SchedulerService;
  lifecycle: LifecycleService;
  knex: Knex;
  logger: LoggerService;
}) {
  const { observability } = options;
  if (!observability.configured) return;
  await scheduleGlobalTask({
    ...options,
    id: 'models-observability',
    schedule: {
      frequency: { seconds: observability.intervalSeconds },
      timeout: { seconds: Math.max(60, observability.intervalSeconds - 10) },
      initialDelay: { seconds: 15 },
    },
    fn: async signal => {
      await observability.runCycle(undefined, signal);
    },
  });
}
