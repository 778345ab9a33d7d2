import type { LifecycleService, LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { afterCycle, scheduleGlobalTask } from '../scheduling/scheduleGlobalTask';
import type { ObservabilityService } from './ObservabilityService';

/** Evaluates the fleet every interval on one replica at a time; at shutdown the cycle stops and its lock is released. */
export async function scheduleObservability(options: {
  observability: ObservabilityService;
  scheduler: SchedulerService;
  lifecycle: LifecycleService;
  knex: Knex;
  logger: LoggerService;
  /** Runs after each completed cycle, on the replica that ran it: owners hear of changes of state here. */
  afterCycle?: () => Promise<void>;
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
      if (!signal.aborted) await afterCycle(options);
    },
  });
}
