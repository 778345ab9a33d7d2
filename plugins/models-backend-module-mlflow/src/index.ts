/**
 * Connects MLflow, Databricks Unity Catalog (and Databricks Model Serving) and Kubeflow Model Registry model
 * registries to Modelport's models backend.
 *
 * @packageDocumentation
 */
export { modelsModuleMlflow as default, createConnectors } from './module';
export { readRegistries, type RegistryInstanceConfig } from './config';
export { MlflowConnector } from './MlflowConnector';
export { UnityCatalogConnector } from './UnityCatalogConnector';
export { KubeflowConnector } from './KubeflowConnector';
export { ConfiguredConnector } from './ConfiguredConnector';
export { RegistryRequestError } from './registryClient';
