import type { CustomFieldValidator, FieldExtensionOptions } from '@backstage/plugin-scaffolder-react';
import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { modelRegistryApiRef } from '../../api/modelRegistryApiRef';
import {
  chosenModel,
  ModelVersionPicker,
  ModelVersionPickerFieldSchema,
  type ModelVersionPickerUiOptions,
  VERSION_NAME,
} from './ModelVersionPicker';

/**
 * Before the step moves on: the value must be a version's label and, where the registry answers, one of the
 * model's versions. An unanswered look-up lets it through, since the server checks the version again when the
 * template runs; required-ness is the JSON schema's.
 */
export const validateModelVersion: CustomFieldValidator<string, ModelVersionPickerUiOptions> = async (value, validation, context) => {
  if (!value) return;
  if (!VERSION_NAME.test(value)) {
    validation.addError(`“${value}” is not a version label: letters, digits, dots, dashes, underscores or plus signs, at most 100`);
    return;
  }
  const choice = chosenModel(context.uiSchema?.['ui:options'], context.formData);
  const api = context.apiHolder.get(modelRegistryApiRef);
  if (!choice || !('model' in choice) || !api) return;
  const versions = await api.listVersions(choice.model).catch(() => undefined);
  if (versions && !versions.some(v => v.version === value)) {
    validation.addError(`${value} is not a registered version of ${choice.ref}`);
  }
};

/** The field as both frontend systems take it: `ui:field: ModelVersionPicker`. */
export const modelVersionPickerField: FieldExtensionOptions<string, ModelVersionPickerUiOptions> = {
  name: 'ModelVersionPicker',
  component: ModelVersionPicker,
  validation: validateModelVersion,
  schema: ModelVersionPickerFieldSchema.schema,
};

/** The field for the new frontend system's scaffolder, loaded by the `scaffolder-form-field` extension in alpha. */
export const ModelVersionPickerFormField = createFormField({
  ...modelVersionPickerField,
  schema: ModelVersionPickerFieldSchema,
});
