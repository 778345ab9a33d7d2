// The observability API's types, each the schema of the same name in the models API's OpenAPI document.
import type { ModelsApiSchemas as S } from '../schema';

/** @public */
export type ObservabilityError = S['ObservabilityError'];
/** @public */
export type SloSnapshot = S['SloSnapshot'];
/** @public */
export type FeatureDrift = S['FeatureDrift'];
/** @public */
export type DriftReference = S['DriftReference'];
/** @public */
export type ModelObservability = S['ModelObservability'];
/** @public */
export type ObservabilityAttempt = S['ObservabilityAttempt'];
/** @public */
export type ObservabilityStatus = S['ObservabilityStatus'];
/** @public */
export type LatencySeries = S['LatencySeries'];
/** @public */
export type FleetEntry = S['FleetEntry'];
