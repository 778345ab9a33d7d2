// The registry's API types, each the schema of the same name in the models API's OpenAPI document: the document
// is their one description, and the server is validated and typed by it.
import type { ModelsApiSchemas as S } from '../schema';

/** @public */
export type ModelVersion = S['ModelVersion'];
/** @public */
export type NewModelVersion = S['NewModelVersion'];
/** @public */
export type VersionChange = S['VersionChange'];
/** @public */
export type SignatureField = S['SignatureField'];
/** @public */
export type VersionProfile = S['VersionProfile'];
/** @public */
export type FeatureProfile = S['FeatureProfile'];
/** @public */
export type AssignmentCause = S['AssignmentCause'];
/** @public */
export type EnvironmentAssignment = S['EnvironmentAssignment'];
/** @public */
export type PromotionStatus = S['PromotionStatus'];
/** @public */
export type PromotionDecision = S['PromotionDecision'];
/** @public */
export type PromotionRequest = S['PromotionRequest'];
/** @public */
export type NewPromotionRequest = S['NewPromotionRequest'];
/** @public */
export type PromotionResult = S['PromotionResult'];
/** @public */
export type GateResult = S['GateResult'];
/** @public */
export type PromotionCheck = S['PromotionCheck'];
/** @public */
export type RollbackResult = S['RollbackResult'];
/** @public */
export type RegistryEnvironmentPolicy = S['RegistryEnvironmentPolicy'];
/** @public */
export type EnvironmentState = S['EnvironmentState'];
/** @public */
export type DecisionAllowance = S['DecisionAllowance'];
/** @public */
export type RegistryViewer = S['RegistryViewer'];
/** @public */
export type RegistryState = S['RegistryState'];
/** @public */
export type PendingPromotion = S['PendingPromotion'];
/** @public */
export type EnvironmentChange = S['EnvironmentChange'];
/** @public */
export type AuditEvent = S['AuditEvent'];
/** @public */
export type AuditVerification = S['AuditVerification'];
/** @public */
export type AuditReport = S['AuditReport'];
/** @public */
export type AuditReportEntry = S['AuditReportEntry'];
/** @public */
export type ReviewOutcome = S['ReviewOutcome'];
/** @public */
export type ReviewFinding = S['ReviewFinding'];
/** @public */
export type NewModelReview = S['NewModelReview'];
/** @public */
export type ModelReview = S['ModelReview'];
/** @public */
export type ReviewStatus = S['ReviewStatus'];
/** @public */
export type RegistryAction = S['RegistryAction'];
/** @public */
export type RegistryEvent = S['RegistryEvent'];
/** @public */
export type RegistryModelLink = S['RegistryModelLink'];
/** @public */
export type RegistryFinding = S['RegistryFinding'];
/** @public */
export type AliasWrite = S['AliasWrite'];
/** @public */
export type ModelRegistryLink = S['ModelRegistryLink'];
/** @public */
export type RegistrySyncCounts = S['RegistrySyncCounts'];
/** @public */
export type RegistryConnectorStatus = S['RegistryConnectorStatus'];

/**
 * The events service topic on which the models backend publishes every committed registry change, one
 * {@link RegistryEvent} per audit event, in chain order.
 *
 * @public
 */
export const MODELPORT_REGISTRY_TOPIC = 'modelport.registry';

/**
 * The signals channel on which the models backend says that a model's registry changed (the message names the
 * action and the audit event, nothing else), so that an open Registry tab reads it again.
 *
 * @public
 */
export function registrySignalChannel(modelRef: string): string {
  return `modelport:registry:${modelRef}`;
}

/**
 * A quality gate's verdict in one word, as the auditor's report says it: `overridden` (failed, let through with a
 * reason), `passed` or `failed`.
 *
 * @public
 */
export function gateVerdictOf(gate: { passed: boolean; overridden?: boolean }): 'overridden' | 'passed' | 'failed' {
  if (gate.overridden) return 'overridden';
  return gate.passed ? 'passed' : 'failed';
}
