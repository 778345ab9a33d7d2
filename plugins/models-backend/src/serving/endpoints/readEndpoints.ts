import type { ModelRegistryConnector } from '@modelport/plugin-models-node';
import type { ReadFailure } from '../readCluster';
import type { ReadEndpoint } from './EndpointStore';

/** One cycle's read of one connector's serving endpoints, with its seconds. */
export type EndpointRead = { connector: string; endpoints: ReadEndpoint[]; failure?: ReadFailure; seconds: number };

/** A connector whose platform serves models. */
export type ServingConnector = ModelRegistryConnector & Required<Pick<ModelRegistryConnector, 'servingEndpoints'>>;

export const servesModels = (connector: ModelRegistryConnector): connector is ServingConnector => typeof connector.servingEndpoints === 'function';

/** Settles as `work` does, or rejects when `signal` aborts first: a connector's call takes no signal of its own. */
function until<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
    return undefined;
  });
}

/**
 * How a connector's failure reads as a cluster's: a refused token (401) is unauthorized, a missing permission (403)
 * forbidden, an answer that is not what the platform documents (a 2xx the connector refused) malformed, anything else
 * (5xx, no connection, the connector's own request timeout) unreachable. The message is the connector's, which names
 * the instance, the path and the status; it is prefixed with the connector only when it does not.
 */
function failureOf(connector: string, error: unknown, timedOut: boolean, timeoutMs: number): ReadFailure {
  if (timedOut) return { kind: 'timeout', message: `Registry '${connector}': its serving endpoints were not read within ${timeoutMs} ms` };
  const status = (error as { status?: unknown } | undefined)?.status;
  let kind: ReadFailure['kind'] = 'unreachable';
  if (status === 401) kind = 'unauthorized';
  else if (status === 403) kind = 'forbidden';
  else if (typeof status === 'number' && status < 300) kind = 'malformed';
  const text = (error as Error | undefined)?.message || String(error);
  return { kind, message: text.includes(`'${connector}'`) ? text : `Registry '${connector}': ${text}` };
}

/**
 * One call of servingEndpoints() per connector that serves models, all at once, each within `timeoutMs`, so that
 * one slow or failing platform never hides or delays the others or the clusters.
 */
export async function readEndpoints(connectors: ServingConnector[], options: { timeoutMs: number; signal?: AbortSignal }): Promise<EndpointRead[]> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  return Promise.all(
    connectors.map(async connector => {
      const timeout = AbortSignal.timeout(options.timeoutMs);
      const deadline = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
      try {
        const endpoints = await until(Promise.resolve().then(() => connector.servingEndpoints()), deadline);
        return { connector: connector.name, endpoints, seconds: seconds() };
      } catch (error) {
        return { connector: connector.name, endpoints: [], failure: failureOf(connector.name, error, timeout.aborted, options.timeoutMs), seconds: seconds() };
      }
    }),
  );
}
