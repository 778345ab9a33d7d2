import type { z } from 'zod';

/**
 * A registry request that failed: the message names the instance, the method and path, and what went wrong.
 *
 * @public
 */
export class RegistryRequestError extends Error {
  constructor(
    message: string,
    /** The HTTP status, when the registry answered. */
    readonly status?: number,
    /** The platform's error_code (e.g. RESOURCE_DOES_NOT_EXIST), when its body had one. */
    readonly errorCode?: string,
  ) {
    super(message);
    this.name = 'RegistryRequestError';
  }
}

const MEANINGS: Record<number, string> = { 401: 'the token was refused', 403: 'the token may not do this', 404: 'not found' };

type Call = { method?: 'GET' | 'POST' | 'PUT'; query?: Record<string, string | number | undefined>; body?: unknown };

/**
 * The platform's error body: `{ error_code, message }` on MLflow and Databricks alike, `{ code, message }` on
 * Kubeflow Model Registry, whose code is the HTTP status again and says nothing more.
 */
const describe = (status: number, text: string): { code?: string; detail: string } => {
  try {
    const body = JSON.parse(text) as { error_code?: unknown; code?: unknown; message?: unknown };
    const raw = body.error_code ?? body.code;
    const code = typeof raw === 'string' && raw && raw !== String(status) ? raw : undefined;
    const message = typeof body.message === 'string' ? body.message : undefined;
    if (code || message) return { code, detail: [code, message].filter(Boolean).join(': ') };
  } catch {
    // Not JSON: a proxy's or a load balancer's page; its first characters say enough.
  }
  return { detail: text.trim().slice(0, 200) || `HTTP ${status}` };
};

/**
 * One registry instance's HTTP: every request with its headers and timeout, every answer checked against the
 * schema of what the path returns, every failure an error that says which instance, which path and why.
 */
export class RegistryClient {
  constructor(private readonly options: { instance: string; flavour: string; url: string; headers: Record<string, string>; timeoutMs: number }) {}

  async call<S extends z.ZodType>(schema: S, path: string, call: Call = {}): Promise<z.output<S>> {
    const { instance, flavour, url, headers, timeoutMs } = this.options;
    const method = call.method ?? 'GET';
    const where = `${flavour} registry '${instance}': ${method} ${path}`;
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(call.query ?? {})) if (value !== undefined) query.set(key, String(value));
    const target = `${url}${path}${query.size ? `?${query}` : ''}`;

    let res: Response;
    let text: string;
    try {
      res = await fetch(target, {
        method,
        headers: { accept: 'application/json', ...(call.body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await res.text();
    } catch (error) {
      const e = error as Error & { cause?: { code?: string; message?: string } };
      if (e.name === 'TimeoutError') throw new RegistryRequestError(`${where} did not answer within ${timeoutMs} ms (timeoutMs)`);
      throw new RegistryRequestError(`${where} could not be reached: ${e.cause?.code ?? e.cause?.message ?? e.message}`);
    }

    if (!res.ok) {
      const { code, detail } = describe(res.status, text);
      const meaning = MEANINGS[res.status] ?? (res.status >= 500 ? 'the registry failed' : 'the request was refused');
      throw new RegistryRequestError(`${where} answered ${res.status}, ${meaning} (${detail})`, res.status, code);
    }
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      throw new RegistryRequestError(`${where} answered ${res.status} with a body that is not JSON: ${text.slice(0, 100)}`, res.status);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 3).map(i => `${i.path.join('.') || '(body)'}: ${i.message}`);
      throw new RegistryRequestError(`${where} answered a malformed body: ${issues.join('; ')}`, res.status);
    }
    return parsed.data;
  }

  /**
   * Every page of a paged listing, following next_page_token until there is none. Empty pages are read through (a
   * Unity Catalog page may be empty and still have a next one) but not handed on.
   */
  async *pages<T>(fetchPage: (pageToken?: string) => Promise<{ items: T[]; next?: string }>, path: string, method: Call['method'] = 'GET'): AsyncIterable<T[]> {
    let token: string | undefined;
    const seen = new Set<string>();
    do {
      const { items, next } = await fetchPage(token);
      if (items.length) yield items;
      // A registry that hands out a token twice would be paged forever.
      if (next && seen.has(next)) throw new RegistryRequestError(`${this.options.flavour} registry '${this.options.instance}': ${method} ${path} repeated page token ${next}`);
      if (next) seen.add(next);
      token = next || undefined;
    } while (token);
  }
}
