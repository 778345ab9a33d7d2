// The serving API's types, each the schema of the same name in the models API's OpenAPI document.
import type { ModelsApiSchemas as S } from '../schema';

/** @public */
export type ServingStatus = S['ServingStatus'];
/** @public */
export type EnvironmentServing = S['EnvironmentServing'];
/** @public */
export type ServingVerdict = S['ServingVerdict'];
/** @public */
export type ClusterServingStatus = S['ClusterServingStatus'];
/** @public */
export type ServedObject = S['ServedObject'];
/** @public */
export type UnreadableServingObject = S['UnreadableServingObject'];
/** @public */
export type ServingReadFailure = S['ServingReadFailure'];
/** @public */
export type FleetServing = S['FleetServing'];
/** @public */
export type DiscoveredServingObject = S['DiscoveredServingObject'];
