/*
 * One benchmark run: a real Backstage backend with the catalog (and, for Models, the Modelport module) ingests
 * a file location of generated entities; prints the time from start until the catalog serves all of them.
 */
import { createBackend } from '@backstage/backend-defaults';
import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';

const kind = process.env.BENCH_KIND!;
const count = Number(process.env.BENCH_COUNT);

const probe = createBackendPlugin({
  pluginId: 'bench-probe',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        lifecycle: coreServices.rootLifecycle,
      },
      async init({ catalog, auth, lifecycle }) {
        lifecycle.addStartupHook(async () => {
          const started = process.hrtime.bigint();
          const credentials = await auth.getOwnServiceCredentials();
          for (;;) {
            const { totalItems } = await catalog.queryEntities(
              { filter: { kind }, limit: 1 },
              { credentials },
            );
            if (totalItems >= count) break;
            await new Promise(resolve => setTimeout(resolve, 100));
          }
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          process.stdout.write(`${JSON.stringify({ kind, count, seconds })}\n`);
          process.exit(0);
        });
      },
    });
  },
});

const backend = createBackend();
backend.add(import('@backstage/plugin-catalog-backend'));
if (kind === 'Model') {
  backend.add(import('@modelport/plugin-catalog-backend-module-models'));
}
backend.add(probe);
backend.start();
