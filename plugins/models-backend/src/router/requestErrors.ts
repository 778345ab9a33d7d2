import { InputError } from '@backstage/errors';
import type { ErrorRequestHandler, Router } from 'express';

type ValidatorError = Error & { status: number; errors: Array<{ path: string; message: string }> };

const isValidatorError = (error: unknown): error is ValidatorError =>
  error instanceof Error && Array.isArray((error as Partial<ValidatorError>).errors) && typeof (error as Partial<ValidatorError>).status === 'number';

/** `Invalid request: body.metrics.auc: must be number; body.stage: must NOT have additional properties`. */
export function describeRequestErrors(error: ValidatorError): string {
  const fields = error.errors.map(e => `${e.path.replace(/^\//, '').replaceAll('/', '.')}: ${e.message}`);
  return `Invalid request: ${[...new Set(fields)].join('; ')}`;
}

/**
 * backend-openapi-utils turns a request the document refuses into an InputError carrying only the validator's
 * summary, which does not name an unknown field ("request/body must NOT have additional properties"), and writes
 * every refused request to console.error, outside the plugin's logger. Its router has one error handler, that
 * one; this replaces it so the 400 names each field, and Backstage's error handler logs as it logs every 4xx.
 * The route tests hold the message to naming the field.
 */
export function nameRefusedFields(router: Router): void {
  const layers = (router.stack as Array<{ handle: { length: number } }>).filter(layer => layer.handle.length === 4);
  if (layers.length !== 1) throw new Error(`Expected backend-openapi-utils' router to have one error handler, found ${layers.length}`);
  const handle: ErrorRequestHandler = (error, _req, _res, next) => next(isValidatorError(error) ? new InputError(describeRequestErrors(error)) : error);
  (layers[0] as { handle: unknown }).handle = handle;
}
