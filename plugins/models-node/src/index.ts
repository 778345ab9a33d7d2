/**
 * Extension points of the Modelport models backend.
 *
 * @packageDocumentation
 */
export * from './qualityGates';
export * from './registryConnectors';
