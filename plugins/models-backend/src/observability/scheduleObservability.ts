import type { SchedulerService } from '@backstage/backend-plugin-api';
import type { ObservabilityService } from './ObservabilityService';

/** Evaluates the fleet every interval on one replica at a time, whichever holds the task's lock. */
export async function scheduleObservability({ observability, scheduler }: { observability: ObservabilityService; scheduler: SchedulerService }) {
  if (!observability.configured) return;
  await scheduler.scheduleTask({
    id: 'models-observability',
    scope: 'global',
    frequency: { seconds: observability.intervalSeconds },
    timeout: { seconds: Math.max(60, observability.intervalSeconds - 10) },
    initialDelay: { seconds: 15 },
    // On shutdown the scheduler aborts the signal: the cycle stops after the instance in progress, so the task's
    // lock is released before the database closes instead of being held until its timeout.
    fn: async signal => {
      await observability.runCycle(undefined, signal);
    },
  });
}
