import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import type { AliasWrite, ModelVersion, PromotionCheck, RegistryConnectorStatus, RegistryModelLink, RegistryState } from '@modelport/plugin-models-common';
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
    getRegistryLink: jest.fn(async () => ({ findings: [], aliasWrites: [] })),
    listRegistries: jest.fn(async () => []),
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

describe('RegistryContent outside registry', () => {
  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
  const link = (fields: Partial<RegistryModelLink> = {}): RegistryModelLink => ({
    connector: 'mlflow-prod',
    flavour: 'mlflow',
    externalName: 'churn-model',
    modelRef: 'model:default/churn-classifier',
    tags: {},
    aliases: { champion: '7', challenger: '8' },
    owner: 'group:default/customer-ml',
    url: 'https://mlflow.example.com/#/models/churn-model',
    firstSeenAt: '2026-11-01T09:00:00.000Z',
    lastSeenAt: minutesAgo(5),
    ...fields,
  });
  const connector = (fields: Partial<RegistryConnectorStatus> = {}): RegistryConnectorStatus => ({
    name: 'mlflow-prod',
    flavour: 'mlflow',
    writeBack: true,
    lastAttemptAt: minutesAgo(5),
    lastSuccessAt: minutesAgo(5),
    totalVersionsImported: 12,
    writeBacks: { pending: 0, failed: 1 },
    ...fields,
  });
  const aliasWrite = (fields: Partial<AliasWrite>): AliasWrite => ({
    modelRef: 'model:default/churn-classifier',
    connector: 'mlflow-prod',
    alias: 'champion',
    environment: 'prod',
    version: '1.0.0',
    status: 'done',
    attempts: 1,
    requestedAt: minutesAgo(30),
    ...fields,
  });
  const region = () => screen.findByRole('region', { name: 'Outside registry' });

  it('says nothing at all of an outside registry for a model that was not imported from one', async () => {
    const api = fakeApi(registryState({ allowed: true }));
    await render(api);
    await waitFor(() => expect(api.getRegistryLink).toHaveBeenCalled());
    // Its answer is in before anything is looked for, so that a card drawn from it would be there.
    await act(() => api.getRegistryLink.mock.results[0].value);
    expect(screen.getByRole('table')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Outside registry' })).not.toBeInTheDocument();
    expect(screen.queryByText(/outside registry/i)).not.toBeInTheDocument();
    expect(api.listRegistries).not.toHaveBeenCalled();
  });

  it('names the registry with a link to the model there, and reads an alias moved there as not applied, and a failed write-back as failed', async () => {
    const api = fakeApi(registryState({ allowed: true }));
    api.getRegistryLink.mockResolvedValue({
      link: link(),
      findings: [
        {
          modelRef: 'model:default/churn-classifier',
          connector: 'mlflow-prod',
          kind: 'alias-drift',
          alias: 'champion',
          environment: 'prod',
          externalVersion: '7',
          message: "alias champion points at 7 in mlflow-prod; Modelport's prod has no version (no Modelport promotion moved it)",
          foundAt: minutesAgo(20),
        },
      ],
      aliasWrites: [
        aliasWrite({ alias: 'staging', environment: 'staging', status: 'failed', attempts: 3, lastError: 'mlflow-prod answered 403 Forbidden' }),
        aliasWrite({ alias: 'dev', environment: 'dev', version: '1.1.0', status: 'done', doneAt: minutesAgo(10) }),
      ],
    });
    api.listRegistries.mockResolvedValue([connector({ name: 'uc-main', flavour: 'unity-catalog' }), connector()]);
    await render(api);
    const card = await region();
    expect(within(card).getByRole('heading', { name: 'Outside registry' })).toBeInTheDocument();
    expect(card).toHaveTextContent('MLflow model churn-model in mlflow-prod');
    const open = within(card).getByRole('link', { name: /^Open in MLflow\b/ });
    expect(open).toHaveAttribute('href', 'https://mlflow.example.com/#/models/churn-model');
    expect(open).toHaveAttribute('target', '_blank');
    expect(within(card).getByText(/^Last synced 5 minutes ago\.$/)).toBeInTheDocument();
    expect(within(card).getByText('champion → 7')).toBeInTheDocument();

    const findings = within(within(card).getByRole('list', { name: 'Registry findings' })).getAllByRole('listitem');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toHaveTextContent(
      'Alias champion was moved in mlflow-prod to 7 without a Modelport promotion — not applied: promotions are decided in Modelport.',
    );
    expect(findings[0]).toHaveTextContent("alias champion points at 7 in mlflow-prod; Modelport's prod has no version");

    expect(card).toHaveTextContent('Promotions and rollbacks here move the matching aliases in mlflow-prod.');
    const writes = within(within(card).getByRole('list', { name: 'Alias write-back' })).getAllByRole('listitem');
    expect(writes.map(w => w.textContent)).toEqual([
      'staging → 1.0.0 (staging): Failed after 3 attempts; retried on each sync. Last error: mlflow-prod answered 403 Forbidden',
      'dev → 1.1.0 (dev): Done 10 minutes ago, after 1 attempt.',
    ]);
    // The failed write stands out as an error; the one done does not.
    expect(writes[0]).toHaveClass('MuiAlert-standardError');
    expect(writes[1]).not.toHaveClass('MuiAlert-standardError');
  });

  it('calls the view stale when the last sync of its registry failed, with the error', async () => {
    const api = fakeApi(registryState({ allowed: true }));
    api.getRegistryLink.mockResolvedValue({ link: link({ lastSeenAt: minutesAgo(30) }), findings: [], aliasWrites: [] });
    api.listRegistries.mockResolvedValue([connector({ lastAttemptAt: minutesAgo(2), error: 'mlflow registry mlflow-prod: GET /api/2.0/mlflow/registered-models/search timed out' })]);
    await render(api);
    const card = await region();
    expect(
      await within(card).findByText(
        'Stale: last synced 30 minutes ago. The last sync of mlflow-prod failed 2 minutes ago: mlflow registry mlflow-prod: GET /api/2.0/mlflow/registered-models/search timed out',
      ),
    ).toBeInTheDocument();
    expect(within(card).getByText('No findings as of the last sync.')).toBeInTheDocument();
    expect(within(card).getByText('No alias writes for this model.')).toBeInTheDocument();
  });

  it('says when the model was deleted in its registry, and shows the link without the connector status when that cannot be read', async () => {
    const api = fakeApi(registryState({ allowed: true }));
    api.getRegistryLink.mockResolvedValue({
      link: link({ flavour: 'unity-catalog', connector: 'uc-main', externalName: 'main.ml.churn', url: undefined, deletedAt: '2026-11-30T08:00:00.000Z', lastSeenAt: '2026-11-29T08:00:00.000Z' }),
      findings: [],
      aliasWrites: [],
    });
    api.listRegistries.mockRejectedValue(new Error('Request failed with 403 Forbidden'));
    await render(api);
    const card = await region();
    expect(card).toHaveTextContent('Unity Catalog model main.ml.churn in uc-main');
    expect(within(card).getByText(/^Deleted in uc-main on/)).toHaveTextContent(
      'Deleted in uc-main on Nov 30, 2026: its versions and history stay in Modelport, and nothing more is imported.',
    );
    expect(within(card).getByText(/^Last seen in uc-main .* ago\.$/)).toBeInTheDocument();
    expect(within(card).queryByRole('link')).not.toBeInTheDocument();
    expect(within(card).queryByText(/^Stale/)).not.toBeInTheDocument();
  });

  it('says in one line why the link could not be read, and the rest of the tab still works', async () => {
    const api = fakeApi(registryState({ allowed: true }));
    api.getRegistryLink.mockRejectedValue(
      Object.assign(new Error('Request failed with 500 Internal Server Error'), { body: { error: { message: 'relation "registry_links" does not exist' } } }),
    );
    await render(api);
    const card = await region();
    expect(within(card).getByRole('alert')).toHaveTextContent('Could not read this model\'s link to an outside registry: relation "registry_links" does not exist');
    expect(screen.getByRole('list', { name: 'Environments' })).toBeInTheDocument();
    expect(screen.getByRole('row', { name: /^1\.1\.0/ })).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Audit trail' })).toBeInTheDocument();
  });

  it("links each version to the run that produced it, in a new tab, and names the registry an imported version came from", async () => {
    const api = fakeApi(registryState({ allowed: true }));
    api.listVersions.mockResolvedValue([
      { ...version('1.1.0', 0.92), sourceRunUrl: 'https://mlflow.example.com/#/experiments/3/runs/abc123', registeredBy: 'service:modelport-registry-sync/mlflow-prod' },
      { ...version('1.0.0', 0.9), sourceRunUrl: 'runs:/abc123/model' },
      version('0.9.0', 0.8),
    ]);
    await render(api);
    const imported = screen.getByRole('row', { name: /^1\.1\.0/ });
    const run = within(imported).getByRole('link', { name: /^Run\b/ });
    expect(run).toHaveAttribute('href', 'https://mlflow.example.com/#/experiments/3/runs/abc123');
    expect(run).toHaveAttribute('target', '_blank');
    expect(imported).toHaveTextContent('imported from mlflow-prod');
    expect(imported).not.toHaveTextContent('modelport-registry-sync');

    const handWritten = screen.getByRole('row', { name: /^1\.0\.0/ });
    expect(handWritten).toHaveTextContent('by jane.doe');
    // A run "URL" that is no web address is shown, never made a link.
    expect(within(handWritten).queryByRole('link', { name: /^Run\b/ })).not.toBeInTheDocument();
    expect(handWritten).toHaveTextContent('runs:/abc123/model');
    expect(within(screen.getByRole('row', { name: /^0\.9\.0/ })).queryByRole('link')).not.toBeInTheDocument();
  });
});
