/**
 * Forwards Modelport's registry changes to webhooks, signed with HMAC-SHA256 and retried with backoff.
 *
 * @packageDocumentation
 */
export { modelsModuleWebhooks as default } from './module';
export { SIGNATURE_HEADER, signatureOf } from './signature';
