import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import catalogModuleModels from '@modelport/plugin-catalog-backend-module-models';
import path from 'node:path';
import request from 'supertest';

/** The example catalog is what a newcomer sees first: it must load whole, with every reference resolving. */
describe('the example catalog', () => {
  const processingErrors: string[] = [];
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleModels,
        createBackendModule({
          pluginId: 'catalog',
          moduleId: 'test-error-collector',
          register(reg) {
            reg.registerInit({
              deps: { catalog: catalogProcessingExtensionPoint },
              async init({ catalog }) {
                catalog.setOnProcessingErrorHandler(({ unprocessedEntity, errors }) => {
                  processingErrors.push(
                    `${stringifyEntityRef(unprocessedEntity)}: ${errors.map(e => e.message).join('; ')}`,
                  );
                });
              },
            });
          },
        }),
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              processingInterval: { seconds: 1 },
              locations: [
                {
                  type: 'file',
                  target: path.resolve(__dirname, '../../../examples/all.yaml'),
                  rules: [{ allow: ['Component', 'System', 'Domain', 'API', 'Resource', 'Location', 'Model', 'User', 'Group'] }],
                },
              ],
            },
          },
        }),
      ],
    });
  });

  afterAll(() => backend.stop());

  async function allEntities(): Promise<Entity[]> {
    const res = await request(backend.server)
      .get('/api/catalog/entities')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    return res.body;
  }

  it('loads ten models across types, each fully related, with no processing errors', async () => {
    let entities: Entity[] = [];
    // Waits until processing settles: every model has its relations and the entity count stops growing.
    for (let previous = -1; ; previous = entities.length) {
      entities = await allEntities();
      const models = entities.filter(e => e.kind === 'Model');
      if (models.length >= 10 && models.every(m => m.relations?.length) && entities.length === previous) break;
      await new Promise(resolve => setTimeout(resolve, 250));
    }
    expect(processingErrors).toEqual([]);

    const models = entities.filter(e => e.kind === 'Model');
    expect(models).toHaveLength(10);
    expect(new Set(models.map(m => m.spec?.type)).size).toBeGreaterThanOrEqual(8);
    expect(entities.filter(e => e.kind === 'Group' && e.spec?.type === 'team').length).toBeGreaterThanOrEqual(3);
    expect(entities.filter(e => e.kind === 'System').length).toBeGreaterThanOrEqual(3);

    const known = new Set(entities.map(e => stringifyEntityRef(e)));
    const dangling = entities.flatMap(e =>
      (e.relations ?? [])
        .filter(r => !known.has(r.targetRef))
        .map(r => `${stringifyEntityRef(e)} ${r.type} ${r.targetRef}`),
    );
    expect(dangling).toEqual([]);

    for (const model of models) {
      const types = new Set(model.relations!.map(r => r.type));
      expect({ model: model.metadata.name, types: [...types].sort() }).toEqual({
        model: model.metadata.name,
        types: ['ownedBy', 'partOf', 'servedBy', 'trainedOn'],
      });
    }
  });
});
