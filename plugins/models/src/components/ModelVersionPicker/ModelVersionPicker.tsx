import { type CompoundEntityRef, parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { type FieldExtensionComponentProps, makeFieldSchema } from '@backstage/plugin-scaffolder-react';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { MODEL_ENTITY_KIND, type ModelVersion } from '@modelport/plugin-models-common';
import { DateTime } from 'luxon';
import { useEffect, useMemo, useRef } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { modelRegistryApiRef, type ModelRegistryApi } from '../../api/modelRegistryApiRef';

/** The value is a version's label; its `ui:options` name the Model, fixed or from another field of the form. */
export const ModelVersionPickerFieldSchema = makeFieldSchema({
  output: z => z.string(),
  uiOptions: z =>
    z.object({
      model: z.string().optional().describe('The entity ref of the Model, when the template fixes it, e.g. model:default/churn-classifier'),
      modelField: z.string().optional().describe('The name of the property of the form whose value is the Model’s entity ref, e.g. one an EntityPicker fills'),
      environment: z.string().optional().describe('An environment whose current version to preselect, e.g. prod'),
      environmentField: z.string().optional().describe('The name of the property of the form whose value is that environment, when the person chooses it'),
    }),
});

/**
 * The `ui:options` of the `ModelVersionPicker` field: `model` or `modelField` names the Model.
 *
 * @public
 */
export interface ModelVersionPickerUiOptions {
  /** The Model's entity ref, when the template fixes it. */
  model?: string;
  /** The property of the same form whose value is the Model's entity ref, such as an EntityPicker's. */
  modelField?: string;
  /** An environment whose current version is preselected. */
  environment?: string;
  /** The property of the same form whose value is that environment, when the person chooses it. */
  environmentField?: string;
}

type Props = FieldExtensionComponentProps<string, ModelVersionPickerUiOptions>;

/** The registry's rule for a version's label (the API's `VersionName`); the server checks the version exists. */
export const VERSION_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,99}$/;

/** The Model the options name: nothing before one is chosen, else its ref, or why the ref is not a Model's. */
export type ModelChoice = { ref: string; model: CompoundEntityRef } | { ref: string; problem: string };

export function chosenModel(options: ModelVersionPickerUiOptions | undefined, formData: unknown): ModelChoice | undefined {
  const fromField = options?.modelField ? (formData as Record<string, unknown> | undefined)?.[options.modelField] : undefined;
  const ref = options?.model ?? fromField;
  if (typeof ref !== 'string' || !ref.trim()) return undefined;
  try {
    const model = parseEntityRef(ref.trim(), { defaultKind: MODEL_ENTITY_KIND, defaultNamespace: 'default' });
    if (model.kind.toLocaleLowerCase('en-US') !== MODEL_ENTITY_KIND.toLocaleLowerCase('en-US')) {
      return { ref, problem: `${stringifyEntityRef(model)} is not a Model` };
    }
    return { ref: stringifyEntityRef(model), model };
  } catch (error) {
    return { ref, problem: (error as Error).message };
  }
}

type Choice = ModelVersion & { currentIn: string[] };

/** The model's versions newest first, each with the environments where it is current. */
async function loadChoices(api: ModelRegistryApi, model: CompoundEntityRef): Promise<Choice[]> {
  const [versions, state] = await Promise.all([api.listVersions(model), api.getRegistryState(model)]);
  // The server lists newest first already; sorting again keeps the promise of the field whatever the order.
  const newestFirst = [...versions].sort((a, b) => Date.parse(b.registeredAt) - Date.parse(a.registeredAt));
  return newestFirst.map(v => ({ ...v, currentIn: state.environments.filter(e => e.current?.version === v.version).map(e => e.name) }));
}

/** The server's own words for a refusal (`ResponseError` keeps its JSON body), else the client's error. */
function messageOf(error: Error): string {
  return (error as { body?: { error?: { message?: string } } }).body?.error?.message ?? error.message;
}

/** What the field says under it, by the state it is in; an error of the load or of the options is said as one. */
function helperOf(s: {
  choice: ModelChoice | undefined;
  error: Error | undefined;
  loading: boolean;
  choices: Choice[] | undefined;
  environment: string | undefined;
  description: string | undefined;
}): { text: string; error: boolean } {
  const { choice, choices, environment } = s;
  if (!choice) return { text: 'Choose a model first', error: false };
  if ('problem' in choice) return { text: choice.problem, error: true };
  if (s.error) return { text: messageOf(s.error), error: true };
  if (s.loading || !choices) return { text: `Loading the versions of ${choice.ref}…`, error: false };
  if (choices.length === 0) return { text: `${choice.ref} has no registered versions yet`, error: false };
  if (environment && !choices.some(c => c.currentIn.includes(environment))) {
    return { text: `No version of ${choice.ref} is current in ${environment} yet`, error: false };
  }
  return { text: s.description ?? `A registered version of ${choice.ref}`, error: false };
}

const headline = (c: Choice) => (c.currentIn.length ? `${c.version} — current in ${c.currentIn.join(', ')}` : c.version);
const details = (c: Choice) => `Registered ${DateTime.fromISO(c.registeredAt).toLocaleString(DateTime.DATE_MED)} · ${c.framework}`;

/**
 * The `ModelVersionPicker` field of software templates: one registered version of a Model, from the registry. Its
 * value is the version's label.
 */
export function ModelVersionPicker(props: Props) {
  const { onChange, formData, formContext, required, rawErrors, idSchema, schema, uiSchema } = props;
  const options = uiSchema?.['ui:options'];
  const fromForm = options?.environmentField ? (formContext?.formData as Record<string, unknown> | undefined)?.[options.environmentField] : undefined;
  const environment = options?.environment ?? (typeof fromForm === 'string' && fromForm ? fromForm : undefined);
  const api = useApi(modelRegistryApiRef);
  // The Stepper hands every field the whole form's state as `formContext.formData`, kept current as it changes.
  const choice = chosenModel(options, formContext?.formData);
  const model = choice && 'model' in choice ? choice.model : undefined;
  const modelKey = model && choice?.ref;

  const { value: choices, loading, error } = useAsync(
    async () => (model ? loadChoices(api, model) : undefined),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, modelKey],
  );
  const ready = !loading && !error && model !== undefined && choices !== undefined;

  // Once per model: a version of the model chosen before is dropped, and the environment's current version taken
  // when nothing is chosen; a person who clears the field afterwards keeps it clear.
  const settled = useRef<string>();
  useEffect(() => {
    if (!ready || !modelKey) return;
    if (formData && !choices.some(c => c.version === formData)) {
      onChange(undefined);
      return;
    }
    if (settled.current === modelKey) return;
    settled.current = modelKey;
    const current = environment ? choices.find(c => c.currentIn.includes(environment)) : undefined;
    if (!formData && current) onChange(current.version);
  }, [ready, modelKey, choices, formData, environment, onChange]);

  const selected = useMemo(() => choices?.find(c => c.version === formData) ?? null, [choices, formData]);

  const helper = helperOf({ choice, error, loading, choices, environment, description: schema.description });
  // The chosen version's facts once they are this model's; while another model's load runs, its progress.
  const helperText = ready && selected && !helper.error ? `${headline(selected)} · ${details(selected)}` : helper.text;
  // The form's validation errors are listed under the field by the scaffolder's field template; here they only
  // colour it, as the scaffolder's own pickers do.
  const isError = helper.error || (rawErrors?.length ?? 0) > 0;

  return (
    <Autocomplete<Choice>
      id={idSchema?.$id}
      options={choices ?? []}
      value={selected}
      loading={loading}
      disabled={props.disabled || props.readonly || uiSchema?.['ui:disabled'] === true || !ready || choices.length === 0}
      getOptionLabel={c => c.version}
      getOptionSelected={(a, b) => a.version === b.version}
      onChange={(_, c) => onChange(c?.version)}
      renderOption={c => (
        <div>
          <Typography variant="body1">{headline(c)}</Typography>
          <Typography variant="caption" color="textSecondary">
            {details(c)}
          </Typography>
        </div>
      )}
      renderInput={params => (
        <TextField
          {...params}
          label={schema.title ?? 'Model version'}
          required={required}
          error={isError}
          helperText={helperText}
          margin="normal"
        />
      )}
    />
  );
}
