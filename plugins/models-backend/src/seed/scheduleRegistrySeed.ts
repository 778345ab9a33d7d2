import type { AuthService, LifecycleService, LoggerService, RootConfigService, SchedulerService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { isModelEntity } from '@modelport/plugin-models-common';
import type { ReviewService } from '../governance/ReviewService';
import type { RegistryService } from '../service/RegistryService';
import { seedRegistry } from './seedRegistry';

/**
 * Replays `models.registry.seedFile` into an empty registry, in the background, as the seed waits for the
 * catalog. A global task runs on one replica at a time, so replicas that share the database replay the seed
 * once: whichever runs second finds history and skips.
 */
export async function scheduleRegistrySeed(options: {
  config: RootConfigService;
  registry: RegistryService;
  reviews: ReviewService;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  lifecycle: LifecycleService;
  scheduler: SchedulerService;
}) {
  const { config, registry, reviews, catalog, auth, logger, lifecycle, scheduler } = options;
  const file = config.getOptionalString('models.registry.seedFile');
  if (!file) return;
  const loadModel = async (ref: string) => {
    const entity = await catalog.getEntityByRef(ref, { credentials: await auth.getOwnServiceCredentials() });
    return entity && isModelEntity(entity) ? entity : undefined;
  };
  const task = 'models-registry-seed';
  await scheduler.scheduleTask({
    id: task,
    scope: 'global',
    frequency: { trigger: 'manual' },
    timeout: { minutes: 10 },
    fn: async () => {
      try {
        await seedRegistry({ file, service: registry, reviews, loadModel, logger });
      } catch (error) {
        logger.error(`Could not seed the model registry from ${file}`, error as Error);
      }
    },
  });
  lifecycle.addStartupHook(async () => {
    // Another replica may be running it already, which is as good.
    await scheduler.triggerTask(task).catch(error => logger.debug(`Registry seed not triggered here: ${error}`));
  });
}
