export {
  ModelVersionPicker,
  ModelVersionPickerFieldSchema,
  type ModelVersionPickerUiOptions,
} from './ModelVersionPicker';
export { modelVersionPickerField, ModelVersionPickerFormField, validateModelVersion } from './extension';
