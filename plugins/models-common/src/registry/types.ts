// The registry's API types, each the schema of the same name in the models API's OpenAPI document: the document
// is their one description, and the server is validated and typed by it.
import type { ModelsApiSchemas as S } from '../schema';

export type ModelVersion = S['ModelVersion'];
export type NewModelVersion = S['NewModelVersion'];
export type VersionChange = S['VersionChange'];
export type SignatureField = S['SignatureField'];
export type VersionProfile = S['VersionProfile'];
export type FeatureProfile = S['FeatureProfile'];
export type AssignmentCause = S['AssignmentCause'];
export type EnvironmentAssignment = S['EnvironmentAssignment'];
export type PromotionStatus = S['PromotionStatus'];
export type PromotionDecision = S['PromotionDecision'];
export type PromotionRequest = S['PromotionRequest'];
export type NewPromotionRequest = S['NewPromotionRequest'];
export type PromotionResult = S['PromotionResult'];
export type GateResult = S['GateResult'];
export type RollbackResult = S['RollbackResult'];
export type RegistryEnvironmentPolicy = S['RegistryEnvironmentPolicy'];
export type EnvironmentState = S['EnvironmentState'];
export type RegistryViewer = S['RegistryViewer'];
export type RegistryState = S['RegistryState'];
export type AuditEvent = S['AuditEvent'];
export type AuditVerification = S['AuditVerification'];
