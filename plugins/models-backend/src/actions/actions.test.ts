import { mockCredentials, mockServices, startTestBackend, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { exampleModel } from '@internal/test-fixtures';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import request from 'supertest';
import { modelsPlugin } from '../plugin';
import { userInfoWithGroups } from '../__testUtils__/fixtures';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const as = (who: string) => mockCredentials.user.header(`user:default/${who}`);

describe.each(databases.eachSupportedId())('Modelport actions as MCP tools, through the mcp-actions backend, on %s', databaseId => {
  it("answers an assistant as the caller, under the caller's permissions and the registry's rules", async () => {
    const backend = await startTestBackend({
      features: [
        modelsPlugin,
        import('@backstage/plugin-mcp-actions-backend'),
        mockServices.database.factory({ knex: await databases.init(databaseId) }),
        mockServices.rootConfig.factory({ data: { backend: { actions: { pluginSources: ['models'] } } } }),
        catalogServiceMock.factory({ entities: [exampleModel<Entity>('churn-classifier')] }),
        userInfoWithGroups({ 'user:default/jane': ['group:default/customer-ml'], 'user:default/luis': ['group:default/customer-ml'] }),
        // eve may read the catalog but request nothing.
        mockServices.permissions.mock({
          authorize: async (requests, { credentials }) => {
            const user = (credentials.principal as { userEntityRef?: string }).userEntityRef;
            return requests.map(r => ({ result: user === 'user:default/eve' && r.permission.name !== 'catalog.entity.read' ? AuthorizeResult.DENY : AuthorizeResult.ALLOW }));
          },
        }).factory,
      ],
    });
    const clients: Client[] = [];
    const assistantOf = async (who: string) => {
      const client = new Client({ name: 'test-assistant', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(`http://localhost:${backend.server.port()}/api/mcp-actions/v1`), { requestInit: { headers: { Authorization: as(who) } } }));
      clients.push(client);
      return client;
    };
    const call = async (client: Client, name: string, args: object) => client.callTool({ name: `models.${name}`, arguments: args as Record<string, unknown> });

    const jane = await assistantOf('jane');
    const { tools } = await jane.listTools();
    expect(Object.fromEntries(tools.map(t => [t.name, [t.annotations?.readOnlyHint, t.annotations?.destructiveHint]]))).toEqual({
      'models.get-model-deployments': [true, false],
      'models.list-promotions-awaiting-me': [true, false],
      'models.get-model-health': [true, false],
      'models.request-model-promotion': [false, false],
    });

    const base = '/api/models/models/default/churn-classifier';
    await request(backend.server).post(`${base}/versions`).set('Authorization', as('jane')).send({ version: '1.0.0', artifactUri: 's3://m/1.0.0', framework: 'xgboost' }).expect(201);
    await request(backend.server).post(`${base}/promotions`).set('Authorization', as('jane')).send({ version: '1.0.0', environment: 'dev' }).expect(201);

    // Jane asks through her assistant; the request is hers, and her own approval is still refused.
    const requested = await call(jane, 'request-model-promotion', { model: 'churn-classifier', version: '1.0.0', environment: 'staging', comment: 'via assistant' });
    expect(requested.isError).toBeFalsy();
    const { requestId } = requested.structuredContent as { requestId: string; status: string };
    expect(requested.structuredContent).toMatchObject({ status: 'pending' });
    const state = (await request(backend.server).get(`${base}/registry`).set('Authorization', as('jane')).expect(200)).body;
    expect(state.pendingRequests).toEqual([expect.objectContaining({ id: requestId, requestedBy: 'user:default/jane', comment: 'via assistant' })]);
    expect((await call(jane, 'list-promotions-awaiting-me', {})).structuredContent).toEqual({ requests: [] });

    // Luis's assistant sees it waiting for him.
    const luis = await assistantOf('luis');
    expect((await call(luis, 'list-promotions-awaiting-me', {})).structuredContent).toEqual({
      requests: [
        {
          requestId,
          modelRef: 'model:default/churn-classifier',
          version: '1.0.0',
          environment: 'staging',
          requestedBy: 'user:default/jane',
          requestedAt: expect.any(String),
          comment: 'via assistant',
          approvalsGiven: 0,
          approvalsRequired: 1,
        },
      ],
    });
    expect((await call(luis, 'get-model-deployments', { model: 'model:default/churn-classifier' })).structuredContent).toEqual({
      modelRef: 'model:default/churn-classifier',
      environments: [
        { environment: 'dev', version: '1.0.0', since: expect.any(String), by: 'user:default/jane', serving: 'Serving is not watched: no cluster is configured.' },
        { environment: 'staging', serving: 'Serving is not watched: no cluster is configured.' },
        { environment: 'prod', serving: 'Serving is not watched: no cluster is configured.' },
      ],
    });
    expect((await call(luis, 'get-model-health', { model: 'churn-classifier' })).structuredContent).toEqual({ modelRef: 'model:default/churn-classifier', state: 'not-configured', stale: false });

    // Refusals come back to the assistant as the API's errors, with the reason.
    const eve = await assistantOf('eve');
    expect(await call(eve, 'request-model-promotion', { model: 'churn-classifier', version: '1.0.0', environment: 'staging' })).toMatchObject({
      isError: true,
      content: [{ type: 'text', text: 'NotAllowedError: Not allowed: models.promotion.request on model:default/churn-classifier' }],
    });
    expect(await call(jane, 'request-model-promotion', { model: 'churn-classifier', version: '1.0.0', environment: 'staging' })).toMatchObject({
      isError: true,
      content: [{ type: 'text', text: 'ConflictError: A promotion of model:default/churn-classifier to staging is already pending' }],
    });
    expect(await call(jane, 'get-model-health', { model: 'component:default/churn-service' })).toMatchObject({
      isError: true,
      content: [{ type: 'text', text: "InputError: 'component:default/churn-service' is a component, not a Model" }],
    });
    expect(await call(jane, 'get-model-deployments', { model: 'nope' })).toMatchObject({ isError: true, content: [{ type: 'text', text: 'NotFoundError: No Model model:default/nope in the catalog' }] });
    for (const client of clients) await client.close();
    await backend.stop();
  });
});
