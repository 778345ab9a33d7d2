import type { ServedObject } from '../objects/types';
import { endpointVerdict } from './endpointVerdict';
import { importedVersion } from './__testUtils__/importedModel';

const versions = ['1', '2', '3', '10'].map(version =>
  importedVersion('model:acme-databricks/acme.risk.card_fraud_scorer', version, `s3://acme-uc/risk/card_fraud_scorer/versions/${version}`),
);

const endpoint = (served: Array<[version: string, percent: number]>, ready = true): ServedObject => ({
  kind: 'ServingEndpoint',
  namespace: 'acme-databricks',
  name: 'card-fraud-scorer-prod',
  labels: {},
  ready: ready ? 'True' : 'False',
  traffic: [],
  servedEntities: served.map(([version, percent]) => ({ name: `card_fraud_scorer-${version}`, model: 'acme.risk.card_fraud_scorer', version, percent })),
});

describe('endpointVerdict', () => {
  it('is in line when all of the traffic is on the approved version, however many entities serve it', () => {
    expect(endpointVerdict([endpoint([['2', 100]])], '2', versions)).toEqual({ state: 'in-line', version: '2' });
    expect(endpointVerdict([endpoint([['2', 60], ['2', 40]])], '2', versions)).toEqual({ state: 'in-line', version: '2' });
    // A warm entity of another version that takes no traffic runs nothing.
    expect(endpointVerdict([endpoint([['2', 100], ['3', 0]])], '2', versions)).toEqual({ state: 'in-line', version: '2' });
  });

  it('is rolling out when a split includes the approved version: the other version with most traffic is the one rolled out', () => {
    expect(endpointVerdict([endpoint([['2', 90], ['3', 10]])], '2', versions)).toEqual({ state: 'rolling-out', version: '3', percent: 10, rest: [{ version: '2', percent: 90 }] });
    expect(endpointVerdict([endpoint([['2', 50], ['1', 10], ['10', 40]])], '2', versions)).toEqual({
      state: 'rolling-out',
      version: '10',
      percent: 40,
      rest: [
        { version: '2', percent: 50 },
        { version: '1', percent: 10 },
      ],
    });
  });

  it('is a mismatch when no traffic is on the approved version, or nothing is approved and something runs', () => {
    expect(endpointVerdict([endpoint([['3', 100]])], '2', versions)).toEqual({ state: 'mismatch', running: ['3'] });
    expect(endpointVerdict([endpoint([['10', 50], ['3', 50]])], '2', versions)).toEqual({ state: 'mismatch', running: ['3', '10'] });
    expect(endpointVerdict([endpoint([['3', 100]])], undefined, versions)).toEqual({ state: 'mismatch', running: ['3'] });
  });

  it('names a served version that was never imported, before anything else, even on an endpoint that is not ready', () => {
    expect(endpointVerdict([endpoint([['2', 90], ['4', 10]])], '2', versions)).toEqual({ state: 'unregistered-artifact', artifacts: ['version 4'] });
    expect(endpointVerdict([endpoint([['4', 100]], false)], '2', versions)).toEqual({ state: 'unregistered-artifact', artifacts: ['version 4'] });
  });

  it('counts an endpoint that is not ready, or gives the model no traffic, as running nothing', () => {
    expect(endpointVerdict([endpoint([['2', 100]], false)], '2', versions)).toEqual({ state: 'not-deployed' });
    expect(endpointVerdict([endpoint([['3', 100]], false)], undefined, versions)).toEqual({ state: 'in-line' });
    expect(endpointVerdict([endpoint([['2', 0]])], '2', versions)).toEqual({ state: 'not-deployed' });
  });
});
