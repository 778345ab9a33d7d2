import { mockCredentials, mockServices, startTestBackend, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { exampleModel } from '@internal/test-fixtures';
import modelsPlugin from '@modelport/plugin-models-backend';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { modelsModuleWebhooks } from './module';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const SECRET = 'a-shared-secret-of-at-least-32-characters';
const as = (who: string) => mockCredentials.user.header(`user:default/${who}`);

describe.each(databases.eachSupportedId())('the webhooks module in the models backend on %s', databaseId => {
  it('forwards each registry change, signed, and says how each delivery went to those who may read the audit log', async () => {
    const bodies: Array<{ event: string; signature: string; body: string }> = [];
    const sink = http.createServer((req, res) => {
      let body = '';
      req.on('data', c => (body += c));
      req.on('end', () => {
        bodies.push({ event: String(req.headers['modelport-event']), signature: String(req.headers['modelport-signature']), body });
        res.end();
      });
    });
    await new Promise<void>(resolve => sink.listen(0, '127.0.0.1', resolve));
    const backend = await startTestBackend({
      features: [
        modelsPlugin,
        modelsModuleWebhooks,
        mockServices.database.factory({ knex: await databases.init(databaseId) }),
        mockServices.rootConfig.factory({
          data: { models: { webhooks: { receivers: [{ name: 'grc', url: `http://127.0.0.1:${(sink.address() as AddressInfo).port}/hook`, secret: SECRET }] } } },
        }),
        catalogServiceMock.factory({ entities: [exampleModel<Entity>('churn-classifier')] }),
        mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
        mockServices.permissions.mock({
          authorize: async (requests, { credentials }) => {
            const user = (credentials.principal as { userEntityRef?: string }).userEntityRef;
            return requests.map(r => ({ result: user === 'user:default/eve' && r.permission.name === 'models.audit.read' ? AuthorizeResult.DENY : AuthorizeResult.ALLOW }));
          },
        }).factory,
      ],
    });
    const api = () => request(backend.server);
    const base = '/api/models/models/default/churn-classifier';
    await api().post(`${base}/versions`).set('Authorization', as('jane')).send({ version: '1.0.0', artifactUri: 's3://m/1.0.0', framework: 'xgboost' }).expect(201);
    await api().post(`${base}/promotions`).set('Authorization', as('jane')).send({ version: '1.0.0', environment: 'dev' }).expect(201);

    // The first attempt goes out off the request's path; its state is read until it has been made.
    const deliveries = async () => (await api().get('/api/models/webhooks/deliveries').set('Authorization', as('jane')).expect(200)).body.items;
    for (let look = 0; look < 300; look++) {
      if ((await deliveries()).every((d: { status: string }) => d.status === 'delivered')) break;
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    const items = await deliveries();
    expect(items.map((d: { status: string }) => d.status)).toEqual(['delivered', 'delivered', 'delivered']);
    expect(items.map((d: { auditSeq: number; action: string; attempts: number; lastStatus: number }) => [d.auditSeq, d.action, d.attempts, d.lastStatus])).toEqual([
      [3, 'promotion.completed', 1, 200],
      [2, 'promotion.requested', 1, 200],
      [1, 'version.registered', 1, 200],
    ]);
    expect(Object.keys(items[0]).sort()).toEqual(['action', 'attempts', 'auditSeq', 'createdAt', 'deliveredAt', 'id', 'lastStatus', 'modelRef', 'status', 'webhook']);

    expect(bodies.map(b => b.event).sort()).toEqual(['promotion.completed', 'promotion.requested', 'version.registered']);
    for (const { signature, body } of bodies) {
      const [t, v1] = signature.split(',').map(p => p.split('=')[1]);
      expect(v1).toBe(createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex'));
      expect(JSON.parse(body)).toMatchObject({ modelRef: 'model:default/churn-classifier', actor: 'user:default/jane' });
    }

    await api().get('/api/models/webhooks/deliveries').set('Authorization', as('eve')).expect(403);
    await api().get('/api/models/webhooks/deliveries').query({ status: 'lost' }).set('Authorization', as('jane')).expect(400);
    await api().get('/api/models/webhooks/deliveries').expect(401);
    await backend.stop();
    await new Promise(r => sink.close(r));
  });
});
