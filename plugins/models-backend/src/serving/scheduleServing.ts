import type { LifecycleService, LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { afterCycle, scheduleGlobalTask } from '../scheduling/scheduleGlobalTask';
import type { ServingService } from './ServingService';

/**
 * Reads the clusters every interval on one replica at a time: one list per cluster, resource type and page per
 * cycle for the whole fleet. At shutdown the cycle is abandoned (nothing stored) and its lock released.
 */
export async function scheduleServing(options: {
  serving: ServingService;
  scheduler: SchedulerService;
  lifecycle: LifecycleService;
  knex: Knex;
  logger: LoggerService;
  /** Runs after each completed cycle, on the replica that ran it: owners hear of changes of state here. */
  afterCycle?: () => Promise<void>;
}) {
  const { serving } = options;
  if (!serving.configured) return;
  await scheduleGlobalTask({
    ...options,
    id: 'models-serving',
    schedule: {
      frequency: { seconds: serving.intervalSeconds },
      timeout: { seconds: Math.max(60, serving.intervalSeconds * 2) },
      initialDelay: { seconds: 10 },
    },
    fn: async signal => {
      await serving.runCycle(signal);
      if (!signal.aborted) await afterCycle(options);
    },
  });
}
