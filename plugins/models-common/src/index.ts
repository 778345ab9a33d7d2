/**
 * Isomorphic code shared by the Modelport plugins.
 *
 * @packageDocumentation
 */
export * from './entity';
export * from './registry';
export * from './drift';
export * from './slo';
export * from './observability';
export * from './promql';
export * from './serving';
export type * from './explorer';
export type * from './schema';
export { apiTextLimits } from './schema';
