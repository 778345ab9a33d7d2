import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import type { ModelReview, ModelVersion } from '@modelport/plugin-models-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { type ModelRegistryApi, modelRegistryApiRef } from '../../api/modelRegistryApiRef';
import { churnClassifier } from '../../__testUtils__/churnClassifier';
import { reviewStatus } from '../../__testUtils__/reviewStatus';
import { ReviewCard } from './ReviewCard';

const review: ModelReview = {
  id: 'r1',
  modelRef: 'model:default/churn-classifier',
  outcome: 'approved-with-findings',
  version: '1.0.0',
  summary: 'Validation MRM-2026-114',
  findings: [{ title: 'Calibration drifts for new customers', severity: 'medium', detail: 'Recalibrate quarterly' }],
  reviewedBy: 'user:default/hannah.schmidt',
  reviewedAt: '2024-06-01T10:00:00.000Z',
  nextDueAt: '2026-06-01T10:00:00.000Z',
  independent: true,
};

function fakeApi(list: Awaited<ReturnType<ModelRegistryApi['listReviews']>>) {
  return {
    listReviews: jest.fn(async () => list),
    listVersions: jest.fn(async () => [{ version: '1.1.0' }, { version: '1.0.0' }] as ModelVersion[]),
    recordReview: jest.fn(async (_model: unknown, body: { version: string }) => ({ ...review, ...body, id: 'r2' })),
  } as unknown as jest.Mocked<ModelRegistryApi>;
}

async function render(api: ModelRegistryApi) {
  await renderInTestApp(
    <EntityProvider entity={churnClassifier}>
      <ReviewCard />
    </EntityProvider>,
    { apis: [[modelRegistryApiRef, api]], mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return screen.findByRole('group', { name: 'Review status' });
}

describe('ReviewCard', () => {
  it('says the review is overdue, what the risk level asks, the last review and its findings', async () => {
    const api = fakeApi({
      status: reviewStatus({ state: 'overdue', riskLevel: 'medium', cycleMonths: 24, dueAt: '2026-06-01T10:00:00.000Z', last: review }),
      items: [review],
      viewer: { canRecord: true },
    });
    const status = await render(api);
    expect(status).toHaveTextContent(/^overdueReview overdue since Jun 1, 2026, 10:00:00 AM UTC \(.+ ago\)\. Its medium risk level asks for a review every 24 months\.$/);
    expect(screen.getByText(/^hannah\.schmidt \(independent\) approved with findings 1\.0\.0, .+ ago$/)).toBeInTheDocument();
    expect(within(screen.getByRole('list', { name: 'Findings of the last review' })).getByRole('listitem')).toHaveTextContent(
      'Calibration drifts for new customers (medium)Recalibrate quarterly',
    );
  });

  it('records a review in a dialog that says what each outcome needs, and says what happened', async () => {
    const api = fakeApi({ status: reviewStatus({ state: 'never-reviewed', riskLevel: 'high', cycleMonths: 12, independenceRequired: true }), items: [], viewer: { canRecord: true } });
    const status = await render(api);
    expect(status).toHaveTextContent('Never reviewed. Its high risk level asks for a review every 12 months, by someone outside the owning group.');
    fireEvent.click(screen.getByRole('button', { name: 'Record a review…' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: /^Outcome/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'Approved with findings' }));
    expect(within(dialog).getByText('An approval with findings needs at least one finding.')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Record review' })).toBeDisabled();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add a finding' }));
    expect(within(dialog).getByText('Every finding needs a title.')).toBeInTheDocument();
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Finding/ }), 'Thresholds unreviewed');
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Summary' }), 'Validation MRM-2026-140');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Record review' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.recordReview).toHaveBeenCalledWith(
      { kind: 'Model', namespace: 'default', name: 'churn-classifier' },
      { outcome: 'approved-with-findings', version: '1.1.0', summary: 'Validation MRM-2026-140', findings: [{ title: 'Thresholds unreviewed', severity: 'medium' }] },
    );
    expect(await screen.findByText('Recorded your review of 1.1.0: approved with findings.')).toBeInTheDocument();
    expect(api.listReviews).toHaveBeenCalledTimes(2);
  });

  it('shows the server’s refusal in full, and does not offer recording to whom the server would refuse', async () => {
    const reason = 'Independent validation: model:default/churn-classifier is high risk, so its review must come from outside group:default/customer-ml, which user:default/jane.doe belongs to';
    const api = fakeApi({ status: reviewStatus({ state: 'rejected', riskLevel: 'high', cycleMonths: 12, independenceRequired: true, last: { ...review, outcome: 'rejected', summary: 'Unstable on Q3' } }), items: [], viewer: { canRecord: false, reason } });
    const status = await render(api);
    expect(status).toHaveTextContent('The last review rejected this model: “Unstable on Q3”. Promotions that require a current review stay blocked until a new review.');
    expect(screen.getByRole('button', { name: 'Record a review…' })).toBeDisabled();
    expect(screen.getByText(reason)).toBeInTheDocument();
  });
});
