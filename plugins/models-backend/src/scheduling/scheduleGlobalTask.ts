import type { LifecycleService, LoggerService, SchedulerService, SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Backstage's scheduler keeps each global task's lock in this table of the plugin's database (column
 * current_run_ticket). The scheduler has no API that says whether a run's lock was given back, so the shutdown
 * hook below reads the row itself; if the table ever changes, that read fails and shutdown goes on with a warning.
 */
const TASKS_TABLE = 'backstage_backend_tasks__tasks';
const RELEASE_WAIT_MS = 10_000;

export type GlobalTaskOptions = {
  scheduler: SchedulerService;
  lifecycle: LifecycleService;
  knex: Knex;
  logger: LoggerService;
  id: string;
  schedule: Pick<SchedulerServiceTaskScheduleDefinition, 'frequency' | 'timeout' | 'initialDelay'>;
  /** One run; `signal` aborts when the backend shuts down (or the run times out): stop soon, store nothing half done. */
  fn: (signal: AbortSignal) => Promise<void>;
};

/**
 * Schedules a task that runs on one replica at a time, whichever holds its lock, and gives the lock back when the
 * backend shuts down in the middle of a run.
 *
 * Why the shutdown hook: on shutdown Backstage runs the root shutdown hooks together, so the scheduler's abort and
 * the closing of the database race; a run still waiting on a remote server then ends after the database is gone,
 * its lock is never released and no replica runs the task until its timeout. The plugin's own shutdown hooks run
 * before the root ones: this one aborts the run, waits for it to end and for the scheduler to release the lock,
 * while the database is still open.
 */
export async function scheduleGlobalTask({ scheduler, lifecycle, knex, logger, id, schedule, fn }: GlobalTaskOptions) {
  const stopping = new AbortController();
  let current: { ticket: Promise<string | undefined>; ended: Promise<void> } | undefined;

  lifecycle.addShutdownHook(async () => {
    stopping.abort();
    if (!current) return;
    await current.ended;
    const ticket = await current.ticket;
    if (ticket) await lockReleased(knex, id, ticket, logger);
  });

  await scheduler.scheduleTask({
    id,
    scope: 'global',
    ...schedule,
    fn: async signal => {
      if (stopping.signal.aborted) return;
      let ended!: () => void;
      // The scheduler claimed the task before calling this function: the row holds this run's ticket now.
      current = { ticket: ticketOf(knex, id).catch(() => undefined), ended: new Promise<void>(resolve => (ended = resolve)) };
      try {
        await fn(AbortSignal.any([signal, stopping.signal]));
      } finally {
        ended();
      }
    },
  });
}

async function ticketOf(knex: Knex, id: string): Promise<string | undefined> {
  const row = await knex(TASKS_TABLE).where({ id }).first('current_run_ticket');
  return row?.current_run_ticket ?? undefined;
}

/** Until the row no longer holds this run's ticket: released, or already claimed by another replica's next run. */
async function lockReleased(knex: Knex, id: string, ticket: string, logger: LoggerService) {
  const deadline = Date.now() + RELEASE_WAIT_MS;
  try {
    while ((await ticketOf(knex, id)) === ticket) {
      if (Date.now() > deadline) {
        logger.warn(`The lock of ${id} was not released within ${RELEASE_WAIT_MS} ms of shutdown; it expires with the task's timeout`);
        return;
      }
      await sleep(20);
    }
  } catch (error) {
    logger.warn(`Could not see whether the lock of ${id} was released at shutdown: ${error}`);
  }
}

/** Runs a task's follow-up, logging its failure rather than failing the cycle that already did its work. */
export async function afterCycle(options: { afterCycle?: () => Promise<void>; logger: LoggerService }) {
  if (!options.afterCycle) return;
  try {
    await options.afterCycle();
  } catch (error) {
    options.logger.warn('A follow-up of the cycle failed', error as Error);
  }
}
