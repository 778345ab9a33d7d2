import { modelRefOf, type ModelVersion } from '@modelport/plugin-models-common';
import type { StoredLink } from '../../../connectors/RegistrySyncStore';

/** A Unity Catalog model imported through the connector `connector`, as the registry sync stores its link. */
export const importedLink = (connector: string, externalName: string): StoredLink => ({
  connector,
  externalName,
  modelRef: modelRefOf({ namespace: connector, name: externalName }),
  flavour: 'unity-catalog',
  tags: {},
  aliases: {},
  owner: 'group:default/risk-ml',
  firstSeenAt: '2026-12-01T09:00:00.000Z',
  lastSeenAt: '2026-12-01T09:00:00.000Z',
});

/** A version the registry sync imported from Databricks, its artifact in the Unity Catalog's storage. */
export const importedVersion = (modelRef: string, version: string, artifactUri = `s3://acme-uc/${modelRef}/versions/${version}`): ModelVersion => ({
  modelRef,
  version,
  artifactUri,
  framework: 'mlflow',
  metrics: {},
  parameters: {},
  tags: [],
  registeredBy: 'registry:acme-databricks',
  registeredAt: '2026-12-01T09:00:00.000Z',
});
