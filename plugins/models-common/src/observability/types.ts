// The observability API's types, each the schema of the same name in the models API's OpenAPI document.
import type { ModelsApiSchemas as S } from '../schema';

export type ObservabilityError = S['ObservabilityError'];
export type SloSnapshot = S['SloSnapshot'];
export type FeatureDrift = S['FeatureDrift'];
export type DriftReference = S['DriftReference'];
export type ModelObservability = S['ModelObservability'];
export type ObservabilityAttempt = S['ObservabilityAttempt'];
export type ObservabilityStatus = S['ObservabilityStatus'];
export type LatencySeries = S['LatencySeries'];
export type FleetEntry = S['FleetEntry'];
