import type { LifecycleService, LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { scheduleGlobalTask } from '../scheduling/scheduleGlobalTask';
import type { ExplorerService } from './ExplorerService';

/**
 * Catches the explorer's index up with the catalog on one replica at a time: the catalog has no change feed the
 * models backend can follow, so Models added, edited or removed there show after at most one interval. Registry
 * changes and each observability or serving cycle catch up at once (see plugin.ts).
 */
export async function scheduleExplorer(options: {
  explorer: ExplorerService;
  intervalSeconds: number;
  scheduler: SchedulerService;
  lifecycle: LifecycleService;
  knex: Knex;
  logger: LoggerService;
}) {
  const { explorer, intervalSeconds, logger } = options;
  await scheduleGlobalTask({
    ...options,
    id: 'models-explorer-index',
    schedule: { frequency: { seconds: intervalSeconds }, timeout: { seconds: Math.max(120, intervalSeconds * 2) }, initialDelay: { seconds: 3 } },
    fn: async signal => {
      const { changed, removed, total } = await explorer.refresh(signal);
      if (changed || removed) logger.info(`Models explorer index: ${changed} of ${total} models written, ${removed} removed`);
    },
  });
}
