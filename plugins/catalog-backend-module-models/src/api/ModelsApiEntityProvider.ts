import { readFile } from 'node:fs/promises';
import type { Entity } from '@backstage/catalog-model';
import type { EntityProvider, EntityProviderConnection } from '@backstage/plugin-catalog-node';

const LOCATION = 'modelport-models-api:provider';

/**
 * The models backend's OpenAPI document, as its package ships it: the one document the backend validates every
 * request against. Read from the file rather than embedded in a catalog-info file, because the catalog's `$text`
 * placeholder cannot read a file location's neighbours (backstage/backstage#14372), and a copy would drift.
 */
export async function readModelsOpenApi(): Promise<string> {
  return readFile(require.resolve('@modelport/plugin-models-backend/src/schema/openapi.yaml'), 'utf8');
}

/** The API entity of Modelport's models API, so that the APIs page shows it with its definition. */
export function modelsApiEntity(options: { owner: string; system?: string; definition: string }): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name: 'modelport-models-api',
      title: 'Modelport models API',
      description: 'Model versions, promotions and approvals, rollbacks, the audit trail, SLO and drift status, and what runs where (under /api/models)',
      tags: ['mlops', 'registry'],
      annotations: { 'backstage.io/managed-by-location': LOCATION, 'backstage.io/managed-by-origin-location': LOCATION },
    },
    spec: { type: 'openapi', lifecycle: 'production', owner: options.owner, ...(options.system ? { system: options.system } : {}), definition: options.definition },
  };
}

/** Offers the models API's entity once the catalog connects; it changes only with the installed package. */
export class ModelsApiEntityProvider implements EntityProvider {
  constructor(private readonly options: { owner: string; system?: string; definition?: () => Promise<string> }) {}

  getProviderName(): string {
    return 'modelport-models-api';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    const definition = await (this.options.definition ?? readModelsOpenApi)();
    await connection.applyMutation({
      type: 'full',
      entities: [{ entity: modelsApiEntity({ owner: this.options.owner, system: this.options.system, definition }), locationKey: LOCATION }],
    });
  }
}
