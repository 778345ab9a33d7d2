import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import type { ModelVersion, PromotionCheck, RegistryState } from '@modelport/plugin-models-common';
import { signalApiRef, type SignalApi } from '@backstage/plugin-signals-react';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
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

type Viewer = NonNullable<RegistryState['viewer']>;

function registryState(decision: Viewer['decisions'][string], viewer: Partial<Viewer> = {}): RegistryState {
  return {
    modelRef: 'model:default/churn-classifier',
    environments: [
      {
        name: 'dev',
        current: { environment: 'dev', version: '1.1.0', since: '2026-11-02T10:00:00.000Z', by: 'user:default/jane.doe', cause: 'promotion', requestId: 'd1' },
        promotion: { requestedBy: 'user:default/jane.doe', requestedAt: '2026-11-02T10:00:00.000Z', approvedBy: [] },
      },
      {
        name: 'staging',
        current: { environment: 'staging', version: '1.0.0', since: '2026-11-01T12:00:00.000Z', by: 'user:default/luis.ortega', cause: 'promotion', requestId: 's1' },
        promotion: { requestedBy: 'user:default/jane.doe', requestedAt: '2026-11-01T11:00:00.000Z', approvedBy: ['user:default/luis.ortega'] },
      },
      { name: 'prod' },
    ],
    pendingRequests: [
      { id: 'r1', modelRef: 'model:default/churn-classifier', version: '1.1.0', toEnvironment: 'staging', status: 'pending', requestedBy: 'user:default/jane.doe', requestedAt: '2026-11-02T11:00:00.000Z', comment: 'retrained on Q3', decisions: [] },
    ],
    viewer: { ref: 'user:default/luis.ortega', approves: ['staging', 'prod'], canRegister: true, canRequestPromotion: true, canRollback: true, decisions: { r1: decision }, cancellable: [], ...viewer },
  };
}

const passingCheck: PromotionCheck = { version: '1.0.0', environment: 'prod', gates: [{ type: 'model-card-complete', passed: true, message: 'The model card is complete' }] };

function fakeApi(state: RegistryState, check: PromotionCheck = passingCheck): jest.Mocked<ModelRegistryApi> {
  return {
    getRegistryState: jest.fn(async () => state),
    listVersions: jest.fn(async () => [version('1.1.0', 0.92), version('1.0.0', 0.9)]),
    listEnvironments: jest.fn(async () => [
      { name: 'dev', approvals: 0, approvers: ['owner'], requesterMayApprove: false, distinctApprovers: true, qualityGates: [] },
      { name: 'staging', approvals: 1, approvers: ['owner'], requesterMayApprove: false, distinctApprovers: true, qualityGates: [] },
      { name: 'prod', approvals: 2, approvers: ['owner', 'group:default/model-risk'], requesterMayApprove: false, distinctApprovers: true, qualityGates: [{ type: 'model-card-complete' }] },
    ]),
    getHistory: jest.fn(async () => [
      { environment: 'dev', version: '1.0.0', since: '2026-11-01T10:00:00.000Z', until: '2026-11-02T10:00:00.000Z', by: 'user:default/jane.doe', cause: 'promotion' as const },
      { environment: 'dev', version: '1.1.0', since: '2026-11-02T10:00:00.000Z', by: 'user:default/jane.doe', cause: 'promotion' as const },
      { environment: 'staging', version: '1.0.0', since: '2026-11-01T12:00:00.000Z', by: 'user:default/luis.ortega', cause: 'promotion' as const },
    ]),
    listAuditEvents: jest.fn(async () => [
      { seq: 41, subjectSeq: 1, actor: 'user:default/jane.doe', action: 'version.registered', subject: 'model:default/churn-classifier', after: { version: '1.0.0' }, at: '2026-11-01T10:00:00.000Z', prevHash: '0', hash: 'abcdef0123456789' },
      { seq: 57, subjectSeq: 2, actor: 'user:default/jane.doe', action: 'promotion.requested', subject: 'model:default/churn-classifier', after: { id: 's1', version: '1.0.0', toEnvironment: 'staging', comment: 'first candidate' }, at: '2026-11-01T11:00:00.000Z', prevHash: '1', hash: 'bcdef0123456789a' },
      { seq: 60, subjectSeq: 3, actor: 'user:default/luis.ortega', action: 'promotion.approved', subject: 'model:default/churn-classifier', after: { requestId: 's1', comment: 'x'.repeat(400) }, policy: { environment: 'staging' }, at: '2026-11-01T12:00:00.000Z', prevHash: '2', hash: 'cdef0123456789ab' },
    ]),
    checkPromotion: jest.fn(async () => check),
    decide: jest.fn(async () => ({ request: { ...state.pendingRequests[0], status: 'promoted' } })),
    cancelPromotion: jest.fn(async () => ({ ...state.pendingRequests[0], status: 'cancelled' })),
    requestPromotion: jest.fn(async () => ({ request: { ...state.pendingRequests[0], version: '1.0.0', toEnvironment: 'prod' }, gates: [] })),
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

const pending = () => screen.getByRole('listitem', { name: 'Promotion of 1.1.0 to staging' });

describe('RegistryContent', () => {
  it('names who requested and approved each current version, the policy of each environment, and what the viewer may do', async () => {
    await render(fakeApi(registryState({ allowed: true })));
    const strip = screen.getByRole('list', { name: 'Environments' });
    const staging = within(strip).getByRole('listitem', { name: 'staging' });
    expect(within(staging).getByText('1.0.0')).toBeInTheDocument();
    expect(within(staging).getByText('Requested by jane.doe, approved by you')).toBeInTheDocument();
    expect(within(staging).getByText(/Needs 1 approval from group:customer-ml; not by the requester\. No quality gates\. You are one of the approvers\./)).toBeInTheDocument();
    const prod = within(strip).getByRole('listitem', { name: 'prod' });
    expect(within(prod).getByText('No version yet')).toBeInTheDocument();
    expect(within(prod).getByText(/Needs 2 approvals from group:customer-ml or group:model-risk, each by a different person.*Quality gates: model-card-complete\./)).toBeInTheDocument();
    expect(screen.getByRole('note', { name: 'What you can do' })).toHaveTextContent(
      'You can request promotions of this model. You approve promotions to staging and prod. You can roll an environment back',
    );
    expect(screen.getByText('auc 0.92')).toBeInTheDocument();
  });

  it('says in the audit trail what happened to which version in which environment, numbered within the model, with the time zone', async () => {
    await render(fakeApi(registryState({ allowed: true })));
    const trail = screen.getByRole('list', { name: 'Audit trail' });
    const entries = within(trail).getAllByRole('listitem');
    expect(entries.map(e => e.querySelector('p')?.textContent)).toEqual([
      '#3 you approved 1.0.0 → staging',
      '#2 jane.doe requested 1.0.0 → staging',
      '#1 jane.doe registered version 1.0.0',
    ]);
    expect(entries[2]).toHaveTextContent(/UTC · chain #41 · abcdef012345/);
    // A long comment is cut to two lines until asked for in full.
    fireEvent.click(within(entries[0]).getByRole('button', { name: 'Show all' }));
    expect(within(entries[0]).getByRole('button', { name: 'Show less' })).toHaveAttribute('aria-expanded', 'true');
  });

  it('approves after a confirmation with a comment, and says what happened', async () => {
    const api = fakeApi(registryState({ allowed: true }));
    await render(api);
    expect(within(pending()).getByText(/Approvals 0 of 1; decided by group:customer-ml\./)).toBeInTheDocument();
    fireEvent.click(within(pending()).getByRole('button', { name: 'Approve…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Approve 1.1.0 to staging' });
    expect(dialog).toHaveTextContent('Yours is approval 1 of 1: 1.1.0 becomes current in staging at once if its quality gates pass.');
    expect(api.decide).not.toHaveBeenCalled();
    fireEvent.change(within(dialog).getByLabelText('Comment'), { target: { value: 'holdout AUC holds' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(api.decide).toHaveBeenCalledWith('r1', 'approve', 'holdout AUC holds'));
    expect(await screen.findByRole('status')).toHaveTextContent('1.1.0 is now current in staging.');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('does not offer a decision the server would refuse, and says why; the requester reads it about themselves', async () => {
    await render(fakeApi(registryState({ allowed: false, blocker: 'not-an-approver', reason: 'Promotions to staging are decided by group:default/customer-ml; user:default/eve is not one of them' }, { ref: 'user:default/eve', approves: [] })));
    expect(within(pending()).queryByRole('button', { name: 'Approve…' })).not.toBeInTheDocument();
    expect(within(pending()).getByText(/^Promotions to staging are decided by/)).toBeInTheDocument();
  });

  it('lets the requester, and only the requester, cancel after a confirmation', async () => {
    const sod = { allowed: false, blocker: 'separation-of-duties' as const, reason: 'Separation of duties: user:default/jane.doe requested this promotion' };
    const asRequester = fakeApi(registryState(sod, { ref: 'user:default/jane.doe', cancellable: ['r1'] }));
    const { unmount } = await render(asRequester);
    expect(within(pending()).getByText(/^Requested by you/)).toBeInTheDocument();
    expect(within(pending()).getByText('You requested this promotion, so someone else from group:customer-ml decides on it.')).toBeInTheDocument();
    fireEvent.click(within(pending()).getByRole('button', { name: 'Cancel request…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cancel your request of 1.1.0 to staging' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel request' }));
    await waitFor(() => expect(asRequester.cancelPromotion).toHaveBeenCalledWith('r1'));
    expect(await screen.findByRole('status')).toHaveTextContent('Cancelled your request of 1.1.0 → staging.');
    unmount();

    await render(fakeApi(registryState({ allowed: true })));
    expect(within(pending()).getByRole('button', { name: 'Approve…' })).toBeInTheDocument();
    expect(within(pending()).queryByRole('button', { name: 'Cancel request…' })).not.toBeInTheDocument();
  });

  it('offers a promotion only when it can be asked for, otherwise disabled with the reason', async () => {
    await render(fakeApi(registryState({ allowed: true })));
    const row = screen.getByRole('row', { name: /^1\.1\.0/ });
    expect(within(row).getByRole('button', { name: 'Promote to staging…' })).toBeDisabled();
    expect(within(row).getByText('1.1.0 → staging is pending, requested by jane.doe')).toBeInTheDocument();
    expect(within(screen.getByRole('row', { name: /^1\.0\.0/ })).getByRole('button', { name: 'Promote to prod…' })).toBeEnabled();
  });

  it('asks for a promotion in a dialog that shows the gates now, takes a comment within the limit, and shows a refusal in full', async () => {
    const api = fakeApi(registryState({ allowed: true }));
    const refusal = 'Quality gates for prod failed: the model card lacks limitations; and a reason long enough to need the whole dialog';
    api.requestPromotion.mockRejectedValueOnce(Object.assign(new Error('Request failed with 409'), { body: { error: { message: refusal } } }));
    await render(api);
    fireEvent.click(screen.getByRole('button', { name: 'Promote to prod…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Promote 1.0.0 to prod' });
    expect(await within(dialog).findByText('model-card-complete: passes')).toBeInTheDocument();
    expect(api.checkPromotion).toHaveBeenCalledWith(expect.objectContaining({ name: 'churn-classifier' }), { version: '1.0.0', environment: 'prod' });
    const comment = within(dialog).getByLabelText('Comment for the approvers');
    const confirm = within(dialog).getByRole('button', { name: 'Request promotion' });
    fireEvent.change(comment, { target: { value: 'y'.repeat(1001) } });
    expect(within(dialog).getByText('1001 / 1000: at most 1000 characters')).toBeInTheDocument();
    expect(confirm).toBeDisabled();
    fireEvent.change(comment, { target: { value: 'two weeks in staging' } });
    expect(within(dialog).getByText('20 / 1000')).toBeInTheDocument();
    fireEvent.click(confirm);
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(`The registry refused: ${refusal}`);
    expect(api.requestPromotion).toHaveBeenCalledWith(expect.objectContaining({ name: 'churn-classifier' }), { version: '1.0.0', environment: 'prod', comment: 'two weeks in staging' });
    fireEvent.click(confirm);
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await screen.findByRole('status')).toHaveTextContent('Requested 1.0.0 → prod; it now waits for approval.');
  });

  it('offers to override a failing live gate with a reason, and sends it with the request', async () => {
    const api = fakeApi(registryState({ allowed: true }), {
      ...passingCheck,
      gates: [{ type: 'live-slo-drift', passed: false, overridable: true, message: 'drift in tenure_months' }],
    });
    await render(api);
    fireEvent.click(screen.getByRole('button', { name: 'Promote to prod…' }));
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText('live-slo-drift: fails (you may override it with a reason)')).toBeInTheDocument();
    const confirm = within(dialog).getByRole('button', { name: 'Request with override' });
    expect(confirm).toBeDisabled();
    fireEvent.change(within(dialog).getByLabelText(/^Why promote although the gate fails/), { target: { value: 'drift is the new product launch, expected' } });
    fireEvent.click(confirm);
    await waitFor(() =>
      expect(api.requestPromotion).toHaveBeenLastCalledWith(expect.objectContaining({ name: 'churn-classifier' }), {
        version: '1.0.0',
        environment: 'prod',
        gateOverride: { reason: 'drift is the new product launch, expected' },
      }),
    );
  });

  it('does not let a request go when a gate fails without override or the registry would refuse it', async () => {
    const blocked = fakeApi(registryState({ allowed: true }), { ...passingCheck, gates: [{ type: 'model-card-complete', passed: false, message: 'the model card lacks limitations' }] });
    const { unmount } = await render(blocked);
    fireEvent.click(screen.getByRole('button', { name: 'Promote to prod…' }));
    let dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText('the model card lacks limitations')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Request promotion' })).toBeDisabled();
    unmount();

    await render(fakeApi(registryState({ allowed: true }), { ...passingCheck, gates: [], blocker: 'Version 1.0.0 is not current in staging' }));
    fireEvent.click(screen.getByRole('button', { name: 'Promote to prod…' }));
    dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText('The registry would refuse this request: Version 1.0.0 is not current in staging.')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Request promotion' })).toBeDisabled();
  });

  it('rolls back only with a reason, to an earlier version; where there is none it says so', async () => {
    const api = fakeApi(registryState({ allowed: true }));
    api.rollback.mockResolvedValue({ environment: 'dev', version: '1.0.0', auditSeq: 9 });
    await render(api);
    const staging = screen.getByRole('listitem', { name: 'staging' });
    expect(within(staging).getByRole('button', { name: 'Roll back…' })).toBeDisabled();
    expect(within(staging).getByText('No earlier version has been in staging, so there is nothing to roll back to.')).toBeInTheDocument();
    fireEvent.click(within(screen.getByRole('listitem', { name: 'dev' })).getByRole('button', { name: 'Roll back…' }));
    const dialog = await screen.findByRole('dialog');
    const confirm = within(dialog).getByRole('button', { name: 'Roll back' });
    expect(confirm).toBeDisabled();
    fireEvent.change(within(dialog).getByLabelText(/^Reason/), { target: { value: 'too short' } });
    expect(confirm).toBeDisabled();
    fireEvent.change(within(dialog).getByLabelText(/^Reason/), { target: { value: 'latency regression in 1.1.0' } });
    fireEvent.click(confirm);
    await waitFor(() =>
      expect(api.rollback).toHaveBeenCalledWith(expect.objectContaining({ name: 'churn-classifier' }), 'dev', { version: '1.0.0', reason: 'latency regression in 1.1.0' }),
    );
    expect(await screen.findByRole('status')).toHaveTextContent('Rolled dev back: 1.0.0 is current again (audit event #9).');
  });

  it('tells a reader without permissions what they cannot do and why', async () => {
    await render(fakeApi(registryState({ allowed: false, blocker: 'permission', reason: 'Not allowed: models.promotion.approve' }, { ref: 'user:default/eve', approves: [], canRequestPromotion: false, canRollback: false, canRegister: false })));
    expect(screen.getByRole('note', { name: 'What you can do' })).toHaveTextContent(
      'You cannot request promotions of this model: your permissions do not grant models.promotion.request on it. You approve no promotion of this model: staging is decided by group:customer-ml; prod is decided by group:customer-ml or group:model-risk, and approving needs models.promotion.approve. You cannot roll back',
    );
    expect(screen.queryByRole('button', { name: 'Roll back…' })).not.toBeInTheDocument();
    expect(within(screen.getByRole('row', { name: /^1\.0\.0/ })).getByText('Needs the models.promotion.request permission')).toBeInTheDocument();
  });
});

describe('RegistryContent by keyboard', () => {
  it('opens a promotion from its button with Enter, gives the focus back to it on Escape, and to the message of what happened after the request', async () => {
    await render(fakeApi(registryState({ allowed: true })));
    const button = screen.getAllByRole('button', { name: 'Promote to prod…' })[0];
    button.focus();
    await userEvent.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog');
    await waitFor(() => expect(within(dialog).getByLabelText('Comment for the approvers')).toHaveFocus());
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    // The table draws its rows anew on every change, so the button is looked up again.
    await waitFor(() => expect(screen.getAllByRole('button', { name: 'Promote to prod…' })[0]).toHaveFocus());

    // After the request, the focus is on what happened rather than lost on the page.
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(within(screen.getByRole('dialog')).getByLabelText('Comment for the approvers')).toHaveFocus());
    await userEvent.keyboard('Ready for prod');
    await userEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Request promotion' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await waitFor(() => expect(screen.getByRole('status')).toHaveFocus());
    expect(screen.getByRole('status')).toHaveTextContent('Requested 1.0.0 → prod');
  });
});

describe('RegistryContent live', () => {
  it("reads the registry again when someone else's change of the model is signalled", async () => {
    const listeners = new Map<string, (message: object) => void>();
    const signalApi: SignalApi = {
      subscribe: (channel, onMessage) => {
        listeners.set(channel, onMessage as (message: object) => void);
        return { unsubscribe: () => listeners.delete(channel) };
      },
    };
    const api = fakeApi(registryState({ allowed: true }));
    await renderInTestApp(
      <EntityProvider entity={churnClassifier}>
        <RegistryContent />
      </EntityProvider>,
      { apis: [[modelRegistryApiRef, api], [signalApiRef, signalApi]], mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    await screen.findByRole('listitem', { name: 'Promotion of 1.1.0 to staging' });
    const decided = registryState({ allowed: true });
    decided.pendingRequests = [];
    api.getRegistryState.mockResolvedValue(decided);
    act(() => listeners.get('modelport:registry:model:default/churn-classifier')!({ action: 'promotion.completed', auditSeq: 61 }));
    await waitFor(() => expect(screen.queryByRole('listitem', { name: 'Promotion of 1.1.0 to staging' })).not.toBeInTheDocument());
    expect(api.getRegistryState).toHaveBeenCalledTimes(2);
  });
});
