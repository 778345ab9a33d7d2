import SwaggerParser from '@apidevtools/swagger-parser';
import { mockServices } from '@backstage/backend-test-utils';
import type express from 'express';
import path from 'node:path';
import { createRouter } from '../router/createRouter';

/** Lists `METHOD /path` for every route of an express router, with :params written as OpenAPI {params}. */
function routesOf(router: express.Router): string[] {
  return router.stack
    .filter(layer => layer.route)
    .flatMap(layer =>
      Object.keys((layer.route as any).methods).map(
        method => `${method.toUpperCase()} ${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`,
      ),
    )
    .sort();
}

describe('the OpenAPI document', () => {
  it('is valid OpenAPI and describes exactly the routes the router serves', async () => {
    const document: any = await SwaggerParser.validate(path.resolve(__dirname, 'openapi.yaml'));
    const documented = Object.entries(document.paths as Record<string, object>)
      .flatMap(([route, item]) =>
        Object.keys(item)
          .filter(key => ['get', 'post', 'put', 'patch', 'delete'].includes(key))
          .map(method => `${method.toUpperCase()} ${route}`),
      )
      .sort();
    const router = await createRouter({
      service: {} as any,
      store: {} as any,
      knex: {} as any,
      catalog: {} as any,
      auth: mockServices.auth(),
      httpAuth: mockServices.httpAuth(),
      userInfo: mockServices.userInfo(),
      permissions: mockServices.permissions(),
      auditor: {} as any,
      observability: {} as any,
    });
    expect(documented).toEqual(routesOf(router));
  });
});
