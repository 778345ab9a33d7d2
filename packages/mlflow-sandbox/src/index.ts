export { startMlflowSandbox } from './sandboxRegistry';
export type { MlflowSandbox, RegistryFaults, RegistryState, SandboxRequest } from './sandboxRegistry';
export { generatedRegistry } from './generate';
export { exampleRegistry } from './examples';
export type {
  KubeflowArtifact,
  KubeflowMetadataValue,
  KubeflowModelVersion,
  KubeflowRegisteredModel,
  MlflowExperiment,
  MlflowModelVersion,
  MlflowRegisteredModel,
  MlflowRun,
  ServingEndpoint,
  UcModelVersion,
  UcRegisteredModel,
  VersionStatus,
} from './wire';
