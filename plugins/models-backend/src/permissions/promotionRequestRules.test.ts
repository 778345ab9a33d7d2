import { mockCredentials, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { RESOURCE_TYPE_MODEL_PROMOTION_REQUEST } from '@modelport/plugin-models-common';
import request from 'supertest';
import { modelsPlugin } from '../plugin';
import { promotionRequestConditions } from './promotionRequestRules';
import { churnModel, userInfoWithGroups } from '../__testUtils__/fixtures';
import { specChecked } from '../__testUtils__/specCheck';


/**
 * The permission backend resolves a conditional decision on a promotion request by calling the models plugin's
 * apply-conditions endpoint, which Backstage's permissions registry serves from our resource type, rule and
 * getResources. This calls that endpoint as the permission backend does.
 */
describe('the IS_REQUESTER rule', () => {
  it('is applied by the models plugin to its promotion requests', async () => {
    const backend = await startTestBackend({
      features: [
        modelsPlugin,
        catalogServiceMock.factory({ entities: [churnModel] }),
        userInfoWithGroups({}, ['group:default/customer-ml']),
      ],
    });
    const checked = await specChecked(backend.server);
    const api = () => request(checked.server);
    const jane = mockCredentials.user.header('user:default/jane');
    const base = '/api/models/models/default/churn-classifier';
    await api().post(`${base}/versions`).set('Authorization', jane).send({ version: '1', artifactUri: 's3://m/1', framework: 'onnx' }).expect(201);
    await api().post(`${base}/promotions`).set('Authorization', jane).send({ version: '1', environment: 'dev' }).expect(201);
    const staging = await api().post(`${base}/promotions`).set('Authorization', jane).send({ version: '1', environment: 'staging' }).expect(201);
    const id = staging.body.request.id;

    const applyConditions = (userEntityRef: string) =>
      api()
        .post('/api/models/.well-known/backstage/permissions/apply-conditions')
        .set('Authorization', mockCredentials.service.header())
        .send({
          items: [
            {
              id: '1',
              resourceType: RESOURCE_TYPE_MODEL_PROMOTION_REQUEST,
              resourceRef: id,
              conditions: promotionRequestConditions.isRequester({ userEntityRef }),
            },
          ],
        });
    expect((await applyConditions('user:default/jane')).body).toEqual({ items: [{ id: '1', result: AuthorizeResult.ALLOW }] });
    expect((await applyConditions('user:default/luis')).body).toEqual({ items: [{ id: '1', result: AuthorizeResult.DENY }] });
    await checked.close();
    await backend.stop();
    expect(checked.violations).toEqual([]);
  });
});
