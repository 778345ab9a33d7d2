import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import type { ModelVersion, RegistryState } from '@modelport/plugin-models-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { type ModelRegistryApi, modelRegistryApiRef } from '../../api/modelRegistryApiRef';
import { churnClassifier } from '../../__testUtils__/churnClassifier';
import { RegistryContent } from './RegistryContent';

const version = (v: string, auc: number): ModelVersion => ({
  modelRef: 'model:default/churn-classifier',
  version: v,
  artifactUri: `s3://m/${v}`,
  framework: 'xgboost',
  metrics: { auc },
  parameters: {},
  tags: [],
  registeredBy: 'user:default/jane.doe',
  registeredAt: '2026-11-01T10:00:00.000Z',
});

function registryState(decision: { allowed: boolean; reason?: string }, cancellable: string[] = []): RegistryState {
  return {
    modelRef: 'model:default/churn-classifier',
    environments: [
      { name: 'dev', current: { environment: 'dev', version: '1.1.0', since: '2026-11-02T10:00:00.000Z', by: 'user:default/jane.doe', cause: 'promotion' } },
      { name: 'staging', current: { environment: 'staging', version: '1.0.0', since: '2026-11-01T12:00:00.000Z', by: 'user:default/luis.ortega', cause: 'promotion' } },
      { name: 'prod' },
    ],
    pendingRequests: [
      { id: 'r1', modelRef: 'model:default/churn-classifier', version: '1.1.0', toEnvironment: 'staging', status: 'pending', requestedBy: 'user:default/jane.doe', requestedAt: '2026-11-02T11:00:00.000Z', comment: 'retrained on Q3', decisions: [] },
    ],
    viewer: { canRegister: true, canRequestPromotion: true, canRollback: true, decisions: { r1: decision }, cancellable },
  };
}

function fakeApi(state: RegistryState): jest.Mocked<ModelRegistryApi> {
  return {
    getRegistryState: jest.fn(async () => state),
    listVersions: jest.fn(async () => [version('1.1.0', 0.92), version('1.0.0', 0.9)]),
    listEnvironments: jest.fn(async () => [
      { name: 'dev', approvals: 0, approvers: ['owner'], requesterMayApprove: false, distinctApprovers: true, qualityGates: [] },
      { name: 'staging', approvals: 1, approvers: ['owner'], requesterMayApprove: false, distinctApprovers: true, qualityGates: [] },
      { name: 'prod', approvals: 2, approvers: ['owner'], requesterMayApprove: false, distinctApprovers: true, qualityGates: [] },
    ]),
    getHistory: jest.fn(async () => [
      { environment: 'dev', version: '1.0.0', since: '2026-11-01T10:00:00.000Z', until: '2026-11-02T10:00:00.000Z', by: 'user:default/jane.doe', cause: 'promotion' as const },
      { environment: 'dev', version: '1.1.0', since: '2026-11-02T10:00:00.000Z', by: 'user:default/jane.doe', cause: 'promotion' as const },
    ]),
    listAuditEvents: jest.fn(async () => [
      { seq: 1, actor: 'user:default/jane.doe', action: 'version.registered', subject: 'model:default/churn-classifier', after: { version: '1.0.0' }, at: '2026-11-01T10:00:00.000Z', prevHash: '0', hash: 'abcdef0123456789' },
    ]),
    decide: jest.fn(),
    cancelPromotion: jest.fn(),
    requestPromotion: jest.fn(),
    rollback: jest.fn(),
  } as unknown as jest.Mocked<ModelRegistryApi>;
}

async function render(api: ModelRegistryApi) {
  const result = await renderInTestApp(
    <EntityProvider entity={churnClassifier}>
      <RegistryContent />
    </EntityProvider>,
    { apis: [[modelRegistryApiRef, api]], mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  await screen.findByRole('list', { name: 'Environments' });
  return result;
}

describe('RegistryContent', () => {
  it('shows the current version of each environment, versions with metrics and the audit trail', async () => {
    await render(fakeApi(registryState({ allowed: true })));
    const strip = screen.getByRole('list', { name: 'Environments' });
    expect(within(within(strip).getByRole('listitem', { name: 'dev' })).getByText('1.1.0')).toBeInTheDocument();
    expect(within(within(strip).getByRole('listitem', { name: 'staging' })).getByText('1.0.0')).toBeInTheDocument();
    expect(within(within(strip).getByRole('listitem', { name: 'prod' })).getByText('No version yet')).toBeInTheDocument();
    expect(screen.getByText('auc 0.92')).toBeInTheDocument();
    expect(screen.getByText('jane.doe registered version 1.0.0')).toBeInTheDocument();
  });

  it('offers approve and reject to an allowed approver and sends the decision', async () => {
    const api = fakeApi(registryState({ allowed: true }));
    await render(api);
    const request = screen.getByRole('listitem', { name: 'Promotion of 1.1.0 to staging' });
    expect(within(request).getByText(/Approvals 0 of 1/)).toBeInTheDocument();
    fireEvent.click(within(request).getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(api.decide).toHaveBeenCalledWith('r1', 'approve'));
  });

  it('does not offer a decision the server would refuse, and says why', async () => {
    await render(fakeApi(registryState({ allowed: false, reason: 'Separation of duties: user:default/jane.doe requested this promotion' })));
    const request = screen.getByRole('listitem', { name: 'Promotion of 1.1.0 to staging' });
    expect(within(request).queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
    expect(within(request).getByText(/^Separation of duties/)).toBeInTheDocument();
  });

  it('offers the requester, and only the requester, to cancel a pending request', async () => {
    const sod = { allowed: false, reason: 'Separation of duties: user:default/jane.doe requested this promotion' };
    const asRequester = fakeApi(registryState(sod, ['r1']));
    const { unmount } = await render(asRequester);
    fireEvent.click(within(screen.getByRole('listitem', { name: 'Promotion of 1.1.0 to staging' })).getByRole('button', { name: 'Cancel request' }));
    await waitFor(() => expect(asRequester.cancelPromotion).toHaveBeenCalledWith('r1'));
    unmount();

    await render(fakeApi(registryState({ allowed: true })));
    const request = screen.getByRole('listitem', { name: 'Promotion of 1.1.0 to staging' });
    expect(within(request).getByRole('button', { name: 'Approve' })).toBeInTheDocument();
    expect(within(request).queryByRole('button', { name: 'Cancel request' })).not.toBeInTheDocument();
  });

  it('shows the server message when an action is refused', async () => {
    const api = fakeApi(registryState({ allowed: true }));
    api.requestPromotion.mockRejectedValue(Object.assign(new Error('Request failed with 409'), {
      body: { error: { message: 'Quality gates for prod failed: the model card lacks limitations' } },
    }));
    await render(api);
    fireEvent.click(screen.getByRole('button', { name: 'Promote to prod' }));
    expect(await screen.findByText('Quality gates for prod failed: the model card lacks limitations')).toBeInTheDocument();
    expect(api.requestPromotion).toHaveBeenCalledWith({ kind: 'Model', namespace: 'default', name: 'churn-classifier' }, { version: '1.0.0', environment: 'prod' });
  });

  it('offers to override a failing live gate with a reason, and sends it with the request', async () => {
    const api = fakeApi(registryState({ allowed: true }));
    api.requestPromotion.mockRejectedValueOnce(
      Object.assign(new Error('Request failed with 409'), {
        body: { error: { message: 'Quality gates for prod failed: As of 2026-11-26T10:00:00.000Z: drift in tenure_months (the requester may override with a reason)' } },
      }),
    );
    await render(api);
    fireEvent.click(screen.getByRole('button', { name: 'Promote to prod' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Override with a reason…' }));
    const dialog = await screen.findByRole('dialog');
    const confirm = within(dialog).getByRole('button', { name: 'Request with override' });
    expect(confirm).toBeDisabled();
    fireEvent.change(within(dialog).getByLabelText('Reason'), { target: { value: 'drift is the new product launch, expected' } });
    fireEvent.click(confirm);
    await waitFor(() =>
      expect(api.requestPromotion).toHaveBeenLastCalledWith(expect.objectContaining({ name: 'churn-classifier' }), {
        version: '1.0.0',
        environment: 'prod',
        gateOverride: { reason: 'drift is the new product launch, expected' },
      }),
    );
  });

  it('does not offer an override for gates that do not allow one', async () => {
    const api = fakeApi(registryState({ allowed: true }));
    api.requestPromotion.mockRejectedValue(Object.assign(new Error('409'), { body: { error: { message: 'Quality gates for prod failed: the model card lacks limitations' } } }));
    await render(api);
    fireEvent.click(screen.getByRole('button', { name: 'Promote to prod' }));
    expect(await screen.findByText('Quality gates for prod failed: the model card lacks limitations')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Override with a reason…' })).not.toBeInTheDocument();
  });

  it('rolls back only with a reason, to an earlier version of the environment', async () => {
    const api = fakeApi(registryState({ allowed: true }));
    api.rollback.mockResolvedValue({ environment: 'dev', version: '1.0.0', auditSeq: 9 });
    await render(api);
    fireEvent.click(within(screen.getByRole('listitem', { name: 'dev' })).getByRole('button', { name: 'Roll back…' }));
    const dialog = await screen.findByRole('dialog');
    const confirm = within(dialog).getByRole('button', { name: 'Roll back' });
    expect(confirm).toBeDisabled();
    fireEvent.change(within(dialog).getByLabelText('Reason'), { target: { value: 'too short' } });
    expect(confirm).toBeDisabled();
    fireEvent.change(within(dialog).getByLabelText('Reason'), { target: { value: 'latency regression in 1.1.0' } });
    fireEvent.click(confirm);
    await waitFor(() =>
      expect(api.rollback).toHaveBeenCalledWith(expect.objectContaining({ name: 'churn-classifier' }), 'dev', { version: '1.0.0', reason: 'latency regression in 1.1.0' }),
    );
  });
});
