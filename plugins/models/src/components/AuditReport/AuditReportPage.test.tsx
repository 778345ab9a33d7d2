import { renderInTestApp, TestApiProvider } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import type { AuditReport } from '@modelport/plugin-models-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { type ModelRegistryApi, modelRegistryApiRef } from '../../api/modelRegistryApiRef';
import { churnClassifier } from '../../__testUtils__/churnClassifier';
import { AuditReportPage } from './AuditReportPage';

const report = (verification: AuditReport['verification']): AuditReport => ({
  generatedAt: '2026-12-01T09:00:00.000Z',
  modelRef: 'model:default/churn-classifier',
  from: '2026-11-01T00:00:00.000Z',
  to: '2026-12-01T00:00:00.000Z',
  verification,
  entries: [
    { kind: 'assignment', modelRef: 'model:default/churn-classifier', environment: 'prod', version: '1.0.0', at: '2026-10-03T00:00:00.000Z', cause: 'promotion', actor: 'user:default/hannah', auditSeqs: [13] },
    {
      kind: 'promotion',
      modelRef: 'model:default/churn-classifier',
      at: '2026-11-23T00:00:00.000Z',
      environment: 'staging',
      version: '1.1.0',
      requestedBy: 'user:default/jane',
      requestedAt: '2026-11-22T00:00:00.000Z',
      approvals: [],
      approvalsRequired: 1,
      approvers: ['group:default/customer-ml'],
      gates: [{ type: 'model-card-complete', passed: false, overridden: true }],
      overrideReason: 'card updated after the freeze',
      rejectedBy: 'user:default/luis',
      reason: 'recall too low',
      outcome: 'rejected',
      closedAt: '2026-11-23T00:00:00.000Z',
      auditSeqs: [18, 19],
    },
    { kind: 'rollback', modelRef: 'model:default/churn-classifier', at: '2026-11-27T00:00:00.000Z', environment: 'dev', version: '1.1.0', previousVersion: '1.2.0', actor: 'user:default/luis', reason: 'latency regression', auditSeqs: [23] },
    { kind: 'review', modelRef: 'model:default/churn-classifier', at: '2026-11-11T00:00:00.000Z', version: '1.0.0', actor: 'user:default/hannah', outcome: 'approved-with-findings', findings: [{ title: 'Calibration', severity: 'medium' }], independent: true, nextDueAt: '2028-11-11T00:00:00.000Z', auditSeqs: [14] },
  ],
});

async function render(answer: AuditReport, path = '/models/audit-report?model=model%3Adefault%2Fchurn-classifier&from=2026-11-01&to=2026-11-30') {
  const api = { getAuditReport: jest.fn(async () => answer), downloadAuditReport: jest.fn() } as unknown as jest.Mocked<ModelRegistryApi>;
  await renderInTestApp(
    <TestApiProvider apis={[[catalogApiRef, catalogApiMock({ entities: [churnClassifier] })]]}>
      <AuditReportPage />
    </TestApiProvider>,
    { apis: [[modelRegistryApiRef, api]], initialRouteEntries: [path] },
  );
  return api;
}

describe("the auditor's report page", () => {
  it('asks for the range in the URL, proves the chain, and lays out versions, promotions, exceptions and reviews', async () => {
    const api = await render(report({ valid: true, events: 24, headHash: 'ab'.repeat(32) }));
    expect(await screen.findByRole('status')).toHaveTextContent(`The audit chain verifies: all 24 events, from the first to the head (hash ${'ab'.repeat(32)}), are unaltered`);
    expect(api.getAuditReport).toHaveBeenCalledWith({ from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z', model: 'model:default/churn-classifier' });
    const versions = within(screen.getByRole('table', { name: 'Versions per environment' })).getAllByRole('row');
    expect(versions[1]).toHaveTextContent(/^prod1\.0\.0Oct 3, 2026.+UTCstill currentpromotionhannah$/);
    const promotion = within(screen.getByRole('table', { name: 'Promotions' })).getAllByRole('row')[1];
    expect(promotion).toHaveTextContent('1.1.0 → staging');
    expect(promotion).toHaveTextContent('1 from group:customer-ml');
    expect(promotion).toHaveTextContent('model-card-complete: overridden');
    expect(promotion).toHaveTextContent('rejected by luis: “recall too low”');
    const exceptions = within(screen.getByRole('table', { name: 'Rollbacks and overrides' })).getAllByRole('row').slice(1);
    expect(exceptions.map(r => r.textContent)).toEqual([
      expect.stringMatching(/UTC1\.1\.0 → staging requested over a failing gatejanecard updated after the freeze$/),
      expect.stringMatching(/UTCdev rolled back to 1\.1\.0 from 1\.2\.0luislatency regression$/),
    ]);
    expect(within(screen.getByRole('table', { name: 'Reviews' })).getAllByRole('row')[1]).toHaveTextContent('hannah (independent)approved with findingsCalibration (medium)');
    expect(screen.getByRole('region', { name: 'Versions registered' })).toHaveTextContent('No version was registered in this range.');
  });

  it('says plainly when the chain does not verify', async () => {
    await render(report({ valid: false, events: 12, firstBrokenSeq: 13, reason: 'event 13 was altered: its content does not match its hash' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The audit chain does not verify: event 13: event 13 was altered: its content does not match its hash. Entries built from events after it cannot be trusted.',
    );
  });

  it('refuses an empty range in the form, and asks for nothing before a range is chosen', async () => {
    const api = await render(report({ valid: true, events: 1, headHash: 'x' }), '/models/audit-report');
    expect(screen.getByText('Choose a model, or all, and a range of days, then show the report.')).toBeInTheDocument();
    const from = screen.getByLabelText('From');
    await userEvent.clear(from);
    await userEvent.type(from, '2030-01-01');
    expect(screen.getByRole('status')).toHaveTextContent('The range must start on or before its end.');
    expect(screen.getByRole('button', { name: 'Show report' })).toBeDisabled();
    expect(api.getAuditReport).not.toHaveBeenCalled();
  });
});
