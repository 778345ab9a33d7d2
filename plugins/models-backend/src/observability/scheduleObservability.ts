import type { LifecycleService, LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ObservabilityService } from './ObservabilityService';

const TASK_ID = 'models-observability';
/**
 * Backstage's scheduler keeps each global task's lock in this table of the plugin's database (column
 * current_run_ticket). The scheduler has no API that says whether a run's lock was given back, so the shutdown
 * hook below reads the row itself; if the table ever changes, that read fails and shutdown goes on with a warning.
 */
const TASKS_TABLE = 'backstage_backend_tasks__tasks';
const RELEASE_WAIT_MS = 10_000;

/**
 * Evaluates the fleet every interval on one replica at a time, whichever holds the task's lock, and gives the lock
 * back when the backend shuts down in the middle of a cycle.
 *
 * Why the shutdown hook: on shutdown Backstage runs the root shutdown hooks together, so the scheduler's abort and
 * the closing of the database race; a cycle still waiting on Prometheus then ends after the database is gone, its
 * lock is never released and no replica evaluates the fleet until the task's timeout. The plugin's own shutdown
 * hooks run before the root ones: this one stops the cycle (its Prometheus queries in flight are abandoned), waits
 * for it to end and for the scheduler to release the lock, while the database is still open.
 */
export async function scheduleObservability(options: {
  observability: ObservabilityService;
  scheduler: SchedulerService;
  lifecycle: LifecycleService;
  knex: Knex;
  logger: LoggerService;
}) {
  const { observability, scheduler, lifecycle, knex, logger } = options;
  if (!observability.configured) return;
  const stopping = new AbortController();
  let current: { ticket: Promise<string | undefined>; ended: Promise<void> } | undefined;

  lifecycle.addShutdownHook(async () => {
    stopping.abort();
    if (!current) return;
    await current.ended;
    const ticket = await current.ticket;
    if (ticket) await lockReleased(knex, ticket, logger);
  });

  await scheduler.scheduleTask({
    id: TASK_ID,
    scope: 'global',
    frequency: { seconds: observability.intervalSeconds },
    timeout: { seconds: Math.max(60, observability.intervalSeconds - 10) },
    initialDelay: { seconds: 15 },
    fn: async signal => {
      if (stopping.signal.aborted) return;
      let ended!: () => void;
      // The scheduler claimed the task before calling this function: the row holds this run's ticket now.
      current = { ticket: ticketOf(knex).catch(() => undefined), ended: new Promise<void>(resolve => (ended = resolve)) };
      try {
        await observability.runCycle(undefined, AbortSignal.any([signal, stopping.signal]));
      } finally {
        ended();
      }
    },
  });
}

async function ticketOf(knex: Knex): Promise<string | undefined> {
  const row = await knex(TASKS_TABLE).where({ id: TASK_ID }).first('current_run_ticket');
  return row?.current_run_ticket ?? undefined;
}

/** Until the row no longer holds this run's ticket: released, or already claimed by another replica's next run. */
async function lockReleased(knex: Knex, ticket: string, logger: LoggerService) {
  const deadline = Date.now() + RELEASE_WAIT_MS;
  try {
    while ((await ticketOf(knex)) === ticket) {
      if (Date.now() > deadline) {
        logger.warn(`The lock of ${TASK_ID} was not released within ${RELEASE_WAIT_MS} ms of shutdown; it expires with the task's timeout`);
        return;
      }
      await sleep(20);
    }
  } catch (error) {
    logger.warn(`Could not see whether the lock of ${TASK_ID} was released at shutdown: ${error}`);
  }
}
