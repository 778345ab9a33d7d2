import { TestDatabases } from '@backstage/backend-test-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { eventually, startCatalogWithModels } from './__testUtils__/catalogWithModels';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

/** The example catalog is what a newcomer sees first: it must load whole, with every reference resolving. */
describe.each(databases.eachSupportedId())('the example catalog on %s', databaseId => {
  let catalog: Awaited<ReturnType<typeof startCatalogWithModels>>;

  beforeAll(async () => {
    catalog = await startCatalogWithModels({
      knex: await databases.init(databaseId),
      locations: [{ type: 'file', target: path.resolve(__dirname, '../../../examples/all.yaml') }],
      // As the portal's app-config.yaml sets it: the models API on the APIs page.
      providers: { modelportApi: { owner: 'group:default/ml-platform', system: 'ml-serving-platform' } },
    });
  });

  afterAll(() => catalog.backend.stop());

  it('loads ten models across types, each fully related, with no processing errors', async () => {
    // Processing has settled when every model has its relations and the entity count stops growing.
    let previousCount = -1;
    const entities = await eventually(() => catalog.queryEntities(), current => {
      const models = current.filter(e => e.kind === 'Model');
      const settled = current.length === previousCount;
      previousCount = current.length;
      return settled && models.length >= 10 && models.every(m => m.relations?.length);
    });
    expect(Object.fromEntries(catalog.processingErrors)).toEqual({});

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

  it("offers the models API with the backend's OpenAPI document as its definition, owned and in its system", async () => {
    const [api] = await eventually(
      () => catalog.queryEntities('kind=api,metadata.name=modelport-models-api'),
      found => found.length === 1 && (found[0].relations?.length ?? 0) >= 2,
    );
    const document = await readFile(path.resolve(__dirname, '../../models-backend/src/schema/openapi.yaml'), 'utf8');
    expect(api.spec).toEqual({ type: 'openapi', lifecycle: 'production', owner: 'group:default/ml-platform', system: 'ml-serving-platform', definition: document });
    expect(api.relations!.map(r => `${r.type} ${r.targetRef}`).sort()).toEqual(['ownedBy group:default/ml-platform', 'partOf system:default/ml-serving-platform']);
  });
});
