import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ModelRegistryClient, type ModelVersion, type RegistryState } from '@modelport/plugin-models-common';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { modelRegistryApiRef } from '../../api/modelRegistryApiRef';
import { validateModelVersion } from './extension';
import { ModelVersionPicker, type ModelVersionPickerUiOptions } from './ModelVersionPicker';

const version = (v: string, registeredAt: string, framework = 'xgboost'): ModelVersion => ({
  modelRef: 'model:default/churn-classifier',
  version: v,
  artifactUri: `s3://models/churn-classifier/${v}`,
  framework,
  metrics: {},
  parameters: {},
  tags: [],
  registeredBy: 'user:default/jane.doe',
  registeredAt,
});

const assignment = (environment: string, v: string) => ({ environment, version: v, since: '2026-11-02T10:00:00.000Z', by: 'user:default/luis.ortega', cause: 'promotion' as const });

const state: RegistryState = {
  modelRef: 'model:default/churn-classifier',
  environments: [
    { name: 'dev', current: assignment('dev', '1.4.0') },
    { name: 'staging', current: assignment('staging', '1.3.0') },
    { name: 'prod', current: assignment('prod', '1.3.0') },
  ],
  pendingRequests: [],
};

type Answer = { status: number; body: unknown };
const ok = (body: unknown): Answer => ({ status: 200, body });
const refused = (status: number, message: string): Answer => ({
  status,
  body: { error: { name: status === 403 ? 'NotAllowedError' : 'NotFoundError', message }, response: { statusCode: status } },
});

/** The real client over a fake models backend: each path answers as the server would, errors included. */
function registry(answers: Record<string, Answer>) {
  const fetch = jest.fn(async (url: string) => {
    const answer = answers[new URL(url).pathname.replace(/^\/api\/models/, '')] ?? refused(404, `No route for ${url}`);
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'Content-Type': 'application/json' } });
  });
  const client = new ModelRegistryClient({ discoveryApi: { getBaseUrl: async () => 'http://backstage/api/models' }, fetchApi: { fetch: fetch as typeof globalThis.fetch } });
  return { client, fetch };
}

const churnRegistry = () =>
  registry({
    // Not in order, to show that the field puts the newest first.
    '/models/default/churn-classifier/versions': ok({
      items: [version('1.3.0', '2026-10-01T10:00:00.000Z'), version('1.4.0', '2026-11-01T10:00:00.000Z', 'lightgbm'), version('1.2.0', '2026-09-01T10:00:00.000Z')],
    }),
    '/models/default/churn-classifier/registry': ok(state),
  });

/**
 * The field as the scaffolder's Stepper renders it: `formContext.formData` is the whole form, so a change of the
 * `model` field (an EntityPicker in a template, a plain input here) reaches it.
 */
function Form(props: { uiOptions: ModelVersionPickerUiOptions; initial?: Record<string, string | undefined>; onVersion?: (v?: string) => void; rawErrors?: string[] }) {
  const [form, setForm] = useState<Record<string, string | undefined>>(props.initial ?? {});
  const onChange = (v?: string) => {
    props.onVersion?.(v);
    setForm(f => ({ ...f, version: v }));
  };
  const fieldProps = {
    name: 'version',
    schema: { type: 'string', title: 'Version' },
    uiSchema: { 'ui:field': 'ModelVersionPicker', 'ui:options': props.uiOptions },
    idSchema: { $id: 'root_version' },
    formData: form.version,
    formContext: { formData: form },
    onChange,
    onBlur: () => {},
    onFocus: () => {},
    disabled: false,
    readonly: false,
    required: true,
    rawErrors: props.rawErrors ?? [],
    registry: {},
  } as unknown as Parameters<typeof ModelVersionPicker>[0];
  return (
    <>
      <input aria-label="Model" value={form.model ?? ''} onChange={e => setForm(f => ({ ...f, model: e.target.value }))} />
      <ModelVersionPicker {...fieldProps} />
      <output aria-label="Chosen version">{form.version ?? 'none'}</output>
    </>
  );
}

async function render(api: ModelRegistryClient, props: Parameters<typeof Form>[0]) {
  const result = renderInTestApp(<Form {...props} />, { apis: [[modelRegistryApiRef, api]] });
  // The field's first load settles even without a model to load (to nothing): let it, inside act.
  await act(async () => {});
  return result;
}

const field = () => screen.getByRole('textbox', { name: /^Version/ });
const helper = () => document.getElementById('root_version-helper-text');
const openOptions = async () => {
  fireEvent.mouseDown(field());
  return within(await screen.findByRole('listbox')).getAllByRole('option');
};

describe('ModelVersionPicker', () => {
  it('is disabled until the model field names a model, then lists its versions newest first with where each is current', async () => {
    const { client, fetch } = churnRegistry();
    await render(client, { uiOptions: { modelField: 'model' } });
    await waitFor(() => expect(helper()).toHaveTextContent('Choose a model first'));
    expect(field()).toBeDisabled();
    expect(fetch).not.toHaveBeenCalled();

    fireEvent.change(screen.getByRole('textbox', { name: 'Model' }), { target: { value: 'model:default/churn-classifier' } });
    await waitFor(() => expect(field()).toBeEnabled());
    expect(helper()).toHaveTextContent('A registered version of model:default/churn-classifier');
    const options = await openOptions();
    expect(options.map(o => o.textContent)).toEqual([
      '1.4.0 — current in devRegistered Nov 1, 2026 · lightgbm',
      '1.3.0 — current in staging, prodRegistered Oct 1, 2026 · xgboost',
      '1.2.0Registered Sep 1, 2026 · xgboost',
    ]);
    fireEvent.click(options[2]);
    expect(screen.getByRole('status', { name: 'Chosen version' })).toHaveTextContent('1.2.0');
    expect(field()).toHaveValue('1.2.0');
    expect(helper()).toHaveTextContent('1.2.0 · Registered Sep 1, 2026 · xgboost');
  });

  it('preselects the version current in the environment of its options, and leaves a cleared field clear', async () => {
    const onVersion = jest.fn();
    await render(churnRegistry().client, { uiOptions: { model: 'churn-classifier', environment: 'prod' }, onVersion });
    await waitFor(() => expect(field()).toHaveValue('1.3.0'));
    expect(helper()).toHaveTextContent('1.3.0 — current in staging, prod · Registered Oct 1, 2026 · xgboost');
    expect(onVersion).toHaveBeenCalledTimes(1);

    fireEvent.click(screen.getByTitle('Clear'));
    await waitFor(() => expect(field()).toHaveValue(''));
    expect(onVersion).toHaveBeenLastCalledWith(undefined);
    expect(onVersion).toHaveBeenCalledTimes(2);
  });

  it('preselects the version current in the environment another field of the form names', async () => {
    await render(churnRegistry().client, { uiOptions: { modelField: 'model', environmentField: 'environment' }, initial: { model: 'model:default/churn-classifier', environment: 'dev' } });
    await waitFor(() => expect(field()).toHaveValue('1.4.0'));
    expect(helper()).toHaveTextContent('1.4.0 — current in dev');
  });

  it('drops the version of the model chosen before when the model changes', async () => {
    const { client } = registry({
      '/models/default/churn-classifier/versions': ok({ items: [version('1.3.0', '2026-10-01T10:00:00.000Z')] }),
      '/models/default/churn-classifier/registry': ok(state),
      '/models/default/fraud-scorer/versions': ok({ items: [version('0.9.0', '2026-10-01T10:00:00.000Z')] }),
      '/models/default/fraud-scorer/registry': ok({ ...state, environments: [] }),
    });
    await render(client, { uiOptions: { modelField: 'model' }, initial: { model: 'model:default/churn-classifier', version: '1.3.0' } });
    await waitFor(() => expect(field()).toBeEnabled());
    expect(field()).toHaveValue('1.3.0');
    fireEvent.change(screen.getByRole('textbox', { name: 'Model' }), { target: { value: 'model:default/fraud-scorer' } });
    await waitFor(() => expect(screen.getByRole('status', { name: 'Chosen version' })).toHaveTextContent('none'));
    expect((await openOptions()).map(o => o.textContent)).toEqual(['0.9.0Registered Oct 1, 2026 · xgboost']);
  });

  it('says when nothing is current in the environment', async () => {
    const { client } = registry({
      '/models/default/churn-classifier/versions': ok({ items: [version('1.4.0', '2026-11-01T10:00:00.000Z')] }),
      '/models/default/churn-classifier/registry': ok(state),
    });
    await render(client, { uiOptions: { model: 'model:default/churn-classifier', environment: 'canary' } });
    await waitFor(() => expect(helper()).toHaveTextContent('No version of model:default/churn-classifier is current in canary yet'));
    expect(field()).toHaveValue('');
  });

  it('says that a model without versions has none to choose', async () => {
    const { client } = registry({
      '/models/default/churn-classifier/versions': ok({ items: [] }),
      '/models/default/churn-classifier/registry': ok({ ...state, environments: [{ name: 'dev' }] }),
    });
    await render(client, { uiOptions: { model: 'model:default/churn-classifier' } });
    await waitFor(() => expect(helper()).toHaveTextContent('model:default/churn-classifier has no registered versions yet'));
    expect(field()).toBeDisabled();
  });

  it("shows the server's refusal under the field, as an error", async () => {
    const { client } = registry({
      '/models/default/churn-classifier/versions': refused(403, 'You may not read model:default/churn-classifier'),
      '/models/default/churn-classifier/registry': ok(state),
    });
    await render(client, { uiOptions: { model: 'model:default/churn-classifier' } });
    await waitFor(() => expect(helper()).toHaveTextContent(/^You may not read model:default\/churn-classifier$/));
    expect(helper()).toHaveClass('Mui-error');
    expect(field()).toBeDisabled();
  });

  it('names a ref that is not a Model, without asking the registry', async () => {
    const { client, fetch } = churnRegistry();
    await render(client, { uiOptions: { model: 'component:default/churn-service' } });
    await waitFor(() => expect(helper()).toHaveTextContent('component:default/churn-service is not a Model'));
    expect(helper()).toHaveClass('Mui-error');
    expect(fetch).not.toHaveBeenCalled();
  });

  it("marks the field when the form's validation refused its value, whose message the scaffolder lists under it", async () => {
    await render(churnRegistry().client, { uiOptions: { model: 'churn-classifier' }, rawErrors: ['2.0.0 is not a registered version of model:default/churn-classifier'] });
    await waitFor(() => expect(field()).toBeEnabled());
    expect(field()).toHaveAttribute('aria-invalid', 'true');
    expect(helper()).toHaveTextContent('A registered version of model:default/churn-classifier');
  });
});

describe('validateModelVersion', () => {
  async function validate(value: string, client: ModelRegistryClient | undefined, formData: Record<string, string> = { model: 'model:default/churn-classifier' }) {
    const errors: string[] = [];
    const validation = { addError: (message: string) => errors.push(message) } as unknown as Parameters<typeof validateModelVersion>[1];
    await validateModelVersion(value, validation, {
      apiHolder: { get: () => client } as never,
      formData,
      schema: {},
      uiSchema: { 'ui:options': { modelField: 'model' } },
    });
    return errors;
  }

  it("takes one of the model's versions, and refuses another", async () => {
    expect(await validate('1.3.0', churnRegistry().client)).toEqual([]);
    expect(await validate('2.0.0', churnRegistry().client)).toEqual(['2.0.0 is not a registered version of model:default/churn-classifier']);
  });

  it('refuses what cannot be a version label without asking the registry', async () => {
    const { client, fetch } = churnRegistry();
    expect(await validate('../1.0', client)).toEqual(['“../1.0” is not a version label: letters, digits, dots, dashes, underscores or plus signs, at most 100']);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('leaves the check to the server when the registry does not answer', async () => {
    const { client } = registry({ '/models/default/churn-classifier/versions': refused(503, 'down') });
    expect(await validate('2.0.0', client)).toEqual([]);
    expect(await validate('2.0.0', undefined)).toEqual([]);
  });
});
