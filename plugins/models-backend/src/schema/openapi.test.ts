import SwaggerParser from '@apidevtools/swagger-parser';
import { mockServices } from '@backstage/backend-test-utils';
import { DRIFT_TEST_NAMES } from '@modelport/plugin-models-common';
import type express from 'express';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { specViolations } from '../__testUtils__/specCheck';
import { createRouter } from '../router/createRouter';
import { spec } from './generated/router';

const root = path.resolve(__dirname, '../../../..');

/** Lists `METHOD /path` for every route of an express router, with :params written as OpenAPI {params}. */
function routesOf(router: express.Router): string[] {
  return router.stack
    .filter(layer => layer.route)
    .flatMap(layer =>
      Object.keys((layer.route as unknown as { methods: Record<string, boolean> }).methods).map(
        method => `${method.toUpperCase()} ${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`,
      ),
    )
    .sort();
}

describe('the OpenAPI document', () => {
  it('is valid OpenAPI and describes exactly the routes the router serves', async () => {
    await SwaggerParser.validate(path.resolve(__dirname, 'openapi.yaml'));
    const documented = Object.entries(spec.paths)
      .flatMap(([route, item]) => Object.keys(item).map(method => `${method.toUpperCase()} ${route}`))
      .sort();
    const router = await createRouter({
      registry: {} as never,
      reviews: {} as never,
      observability: {} as never,
      serving: {} as never,
      models: {} as never,
      auth: mockServices.auth(),
      httpAuth: mockServices.httpAuth(),
      userInfo: mockServices.userInfo(),
      permissions: mockServices.permissions(),
      auditor: {} as never,
      registrySync: {} as never, explorer: {} as never,
    });
    // backend-openapi-utils serves the document itself at /openapi.json.
    expect(routesOf(router).filter(route => route !== 'GET /openapi.json')).toEqual(documented);
  });

  it('is what the generated router and API types were made from', () => {
    // Fails, naming the stale files, when someone edits the document without running scripts/generate-api.
    expect(() => execFileSync(process.execPath, [path.join(root, 'scripts/lib/generate-api.mjs'), '--check'], { cwd: root, stdio: 'pipe' })).not.toThrow();
  });

  it('names the drift tests the Model kind accepts', () => {
    expect([...spec.components.schemas.DriftTestName.enum].sort()).toEqual([...DRIFT_TEST_NAMES].sort());
  });

  it('finds what the route tests rely on it to find', () => {
    const exchange = { method: 'GET', url: '/api/models/models/default/m/versions/1.0.0', status: 200, responseType: 'application/json; charset=utf-8', requestBody: '' };
    const error = JSON.stringify({ error: { name: 'NotFoundError', message: 'no' }, response: { statusCode: 404 } });
    const valid = { modelRef: 'model:default/m', version: '1.0.0', artifactUri: 's3://m', framework: 'x', metrics: {}, parameters: {}, tags: [], registeredBy: 'user:default/jane', registeredAt: '2026-11-01T00:00:00.000Z' };
    expect(specViolations({ ...exchange, responseBody: JSON.stringify(valid) })).toEqual([]);
    expect(specViolations({ ...exchange, responseBody: JSON.stringify({ ...valid, stage: 'prod' }) })).toEqual([expect.stringContaining('must NOT have additional properties')]);
    expect(specViolations({ ...exchange, responseBody: JSON.stringify({ ...valid, metrics: undefined }) })).toEqual([expect.stringContaining("must have required property 'metrics'")]);
    expect(specViolations({ ...exchange, status: 404, responseBody: error })).toEqual([]);
    expect(specViolations({ ...exchange, status: 404, responseBody: JSON.stringify({ message: 'no' }) })).toEqual([expect.stringContaining("must have required property 'error'")]);
    expect(specViolations({ method: 'GET', url: '/api/models/health', status: 503, requestBody: '', responseBody: '' })).toEqual([expect.stringContaining('the document has no such answer')]);
    expect(specViolations({ ...exchange, url: '/api/models/nowhere', status: 200, responseBody: '{}' })).toEqual([expect.stringContaining('no such operation')]);
    const post = { method: 'POST', url: '/api/models/models/default/m/versions', requestType: 'application/json', status: 201, responseType: 'application/json', responseBody: JSON.stringify(valid) };
    expect(specViolations({ ...post, requestBody: JSON.stringify({ version: '1.0.0', artifactUri: 's3://m', framework: 'x', stage: 1 }) })).toEqual([expect.stringContaining('accepted a body the document refuses')]);
  });
});
