/**
 * The Modelport models backend plugin: the model registry.
 *
 * @packageDocumentation
 */
export { modelsPlugin as default } from './plugin';
export {
  createPromotionRequestConditionalDecision,
  promotionRequestConditions,
  type PromotionRequestQuery,
} from './permissions/promotionRequestRules';
