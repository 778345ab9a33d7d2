import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { churnClassifier } from '../../__testUtils__/churnClassifier';
import { OnCallCard } from './OnCallCard';
import { onCallLinksOf } from './onCallLinks';

async function render(entity: typeof churnClassifier, config: object = {}) {
  await renderInTestApp(
    <EntityProvider entity={entity}>
      <OnCallCard />
    </EntityProvider>,
    { config: config as never },
  );
}

describe('the On call and runbooks card', () => {
  it("links the model's runbook, dashboard and PagerDuty service", async () => {
    await render(churnClassifier, { models: { oncall: { pagerDutyBaseUrl: 'https://acme.pagerduty.com/' } } });
    const items = within(screen.getByRole('list', { name: 'On call and runbooks' })).getAllByRole('listitem');
    expect(items.map(i => [i.textContent, within(i).queryByRole('link')?.getAttribute('href')])).toEqual([
      ['Churn classifier runbook, Opens in a new windowRunbook', 'https://wiki.acme.example/customer-ml/runbooks/churn-classifier'],
      ['Serving dashboard, Opens in a new windowDashboard', 'https://grafana.acme.example/d/modelport-churn'],
      ['PagerDuty service P7CHURN, Opens in a new windowOn call', 'https://acme.pagerduty.com/service-directory/P7CHURN'],
    ]);
  });

  it('says what to declare when nothing is', async () => {
    await render({ ...churnClassifier, metadata: { ...churnClassifier.metadata, links: [], annotations: {} } });
    expect(screen.getByText(/No runbook or on-call rotation is declared for this model\./)).toBeInTheDocument();
  });
});

describe('onCallLinksOf', () => {
  it("reads Opsgenie's annotations, and says what is missing to link them", () => {
    const entity = { ...churnClassifier, metadata: { name: 'x', annotations: { 'opsgenie.com/component-selector': 'detailsPair(service:x)', 'opsgenie.com/team': 'risk ml', 'pagerduty.com/integration-key': 'k' } } };
    expect(onCallLinksOf(entity, { opsgenieBaseUrl: 'https://acme.app.opsgenie.com' })).toEqual([
      { kind: 'on-call', title: 'Pages through a PagerDuty integration', note: 'The integration key names no service to link; add pagerduty.com/service-id' },
      { kind: 'incidents', title: 'Opsgenie alerts for detailsPair(service:x)', url: 'https://acme.app.opsgenie.com/alert/list?query=detailsPair(service%3Ax)' },
      { kind: 'on-call', title: 'Opsgenie team risk ml', url: 'https://acme.app.opsgenie.com/teams/list?query=risk%20ml' },
    ]);
    expect(onCallLinksOf(entity, {})[1]).toEqual({ kind: 'incidents', title: 'Opsgenie alerts for detailsPair(service:x)', note: 'Set models.oncall.opsgenieBaseUrl to link them' });
  });
});
