export { startSandboxCluster, stored } from './sandboxCluster';
export type { ClusterState, KubeObject, ResourceType, SandboxCluster, SandboxRequest } from './sandboxCluster';
export { canaryInferenceService, exampleClusters, failedInferenceService, readyInferenceService, readySeldonModel } from './examples';
