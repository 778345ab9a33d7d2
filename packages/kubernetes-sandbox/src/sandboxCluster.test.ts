import { readyInferenceService } from './examples';
import { startSandboxCluster } from './sandboxCluster';

const isvc = (name: string, model: string) =>
  readyInferenceService({ name, namespace: 'models', cluster: 'c', labels: { 'modelport.io/model': model }, format: 'onnx', storageUri: `s3://m/${name}`, revision: 1 });
const path = '/apis/serving.kserve.io/v1beta1/inferenceservices';

describe('the sandbox cluster', () => {
  it('answers lists as an API server does: token, paging over a snapshot, selectors, Status errors', async () => {
    const cluster = await startSandboxCluster({ token: 't', objects: [isvc('a', 'x'), isvc('b', 'y'), isvc('c', 'x')] });
    const get = (query: string, token = 't') => fetch(`${cluster.url}${path}${query}`, { headers: { authorization: `Bearer ${token}` } });
    try {
      expect(await (await get('', 'wrong')).json()).toMatchObject({ kind: 'Status', code: 401, reason: 'Unauthorized' });

      const first = await (await get('?limit=2')).json();
      expect(first).toMatchObject({ kind: 'InferenceServiceList', metadata: { resourceVersion: '1', remainingItemCount: 1 } });
      expect(first.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['a', 'b']);
      // A change between pages: the rest of the list still comes from the first page's snapshot.
      cluster.set({ objects: [isvc('z', 'x')] });
      const second = await (await get(`?limit=2&continue=${first.metadata.continue}`)).json();
      expect(second.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['c']);
      expect(second.metadata.continue).toBeUndefined();
      cluster.compact();
      expect((await get(`?limit=2&continue=${first.metadata.continue}`)).status).toBe(410);

      cluster.set({ objects: [isvc('a', 'x'), isvc('b', 'y')] });
      const selected = await (await get('?labelSelector=modelport.io/model%3Dy')).json();
      expect(selected.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['b']);

      cluster.set({ forbidden: ['inferenceservices'] });
      expect(await (await get('')).json()).toMatchObject({ code: 403, reason: 'Forbidden', details: { group: 'serving.kserve.io', kind: 'inferenceservices' } });
      cluster.set({ forbidden: [], installed: [] });
      expect(await (await get('')).json()).toMatchObject({ code: 404, reason: 'NotFound' });
      expect(cluster.requests.filter(r => !r.authorized)).toHaveLength(1);

      // The types every API server serves, core group included, answer whatever CRDs are installed: the portal's
      // Kubernetes tab lists them for every entity.
      const core = async (p: string) => (await fetch(`${cluster.url}${p}`, { headers: { authorization: 'Bearer t' } })).json();
      expect(await core('/api/v1/namespaces/models/pods?labelSelector=modelport.io%2Fmodel%3Dx')).toMatchObject({ apiVersion: 'v1', kind: 'PodList', items: [] });
      expect(await core('/apis/autoscaling/v2/horizontalpodautoscalers')).toMatchObject({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscalerList', items: [] });
      expect(await core('/api/v1/nodes')).toMatchObject({ code: 404 });
    } finally {
      await cluster.close();
    }
  });
});
