import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import yaml from 'js-yaml';
import { checkedModel } from '../slo/checkedModel';
import { metricsSourceOf } from '../slo/sliQueries';
import { generateSloRules } from '../slo/sloRules';
import { reply } from './reply';
import type { RouteContext } from './RouteContext';

const WEEK_MS = 7 * 86_400_000;

/** SLO rules, the observability status and history of a model, its latency, and the fleet. */
export function observabilityRoutes({ router, access, observability, serving, reviews, defaultMetricsSource }: RouteContext) {
  router.get('/models/:namespace/:name/slo-rules', async (req, res) => {
    const model = await (await access.requireModel(req, catalogEntityReadPermission)).model();
    const rules = generateSloRules(model, metricsSourceOf(model, defaultMetricsSource));
    res.status(200).setHeader('content-type', 'application/yaml; charset=utf-8');
    res.end(yaml.dump(rules, { lineWidth: -1 }));
  });

  router.post('/slo-rules', async (req, res) => {
    await access.requireCaller(req);
    const model = await checkedModel(req.body);
    const rules = generateSloRules(model, metricsSourceOf(model, defaultMetricsSource));
    res.status(200).setHeader('content-type', 'application/yaml; charset=utf-8');
    res.end(yaml.dump(rules, { lineWidth: -1 }));
  });

  router.get('/models/:namespace/:name/observability', async (req, res) => {
    const { ref } = await access.requireModel(req, catalogEntityReadPermission);
    reply(res, 200, await observability.status(ref));
  });

  router.get('/models/:namespace/:name/observability/history', async (req, res) => {
    const { ref } = await access.requireModel(req, catalogEntityReadPermission);
    const since = req.query.since ? new Date(req.query.since) : new Date(Date.now() - WEEK_MS);
    reply(res, 200, { items: await observability.history(ref, since) });
  });

  router.get('/models/:namespace/:name/observability/latency', async (req, res) => {
    const model = await (await access.requireModel(req, catalogEntityReadPermission)).model();
    reply(res, 200, await observability.latency(model, req.query.hours ?? 24));
  });

  router.get('/fleet', async (req, res) => {
    const { credentials } = await access.requireCaller(req);
    const models = await observability.visibleModels(credentials);
    // One read of each source for the whole fleet, row i of each being models[i].
    const [rows, servings, statuses] = await Promise.all([observability.fleetOf(models), serving.fleet(models), reviews.statusesOf(models)]);
    reply(res, 200, { items: rows.map((row, i) => ({ ...row, serving: servings[i], review: statuses[i] })) });
  });
}
