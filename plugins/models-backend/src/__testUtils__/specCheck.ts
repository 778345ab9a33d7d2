import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { spec } from '../schema/generated/router';

/*
 * Every request a route test sends, and every answer, checked against the OpenAPI document. Backstage's own
 * wrapServer (backend-openapi-utils/testUtils) does this through a mockttp proxy that reads the document from the
 * server's /openapi.json, which our routes guard with credentials like every route but health, and it reports
 * through the proxy's event handlers rather than the test; this proxy checks against the document in the repository
 * and gives the test the list of violations to assert empty.
 */

const PREFIX = '/api/models';
type Operation = { requestBody?: { content?: Record<string, { schema?: object }> }; responses: Record<string, { content?: Record<string, { schema?: object }> }> };

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
addFormats(ajv);
// OpenAPI annotation keywords that are not JSON Schema's.
ajv.addKeyword('example');
const componentId = (name: string) => `https://modelport.io/schemas/${name}`;
const withIds = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withIds);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' ? componentId(v.replace('#/components/schemas/', '')) : withIds(v)]),
    );
  }
  return value;
};
for (const [name, schema] of Object.entries(spec.components.schemas)) ajv.addSchema(withIds(schema) as object, componentId(name));
const compiled = new Map<object, ValidateFunction>();
const validatorOf = (schema: object) => {
  if (!compiled.has(schema)) compiled.set(schema, ajv.compile(withIds(schema) as object));
  return compiled.get(schema)!;
};

const operations = Object.entries(spec.paths as Record<string, Record<string, Operation>>).map(([template, item]) => ({
  template,
  pattern: new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`),
  item,
}));

/** Why the document refuses a request body of an operation, or undefined when it accepts it. */
export function requestBodyRefusal(method: string, apiPath: string, body: unknown): string | undefined {
  const operation = operations.find(o => o.pattern.test(apiPath))?.item[method];
  const schema = operation?.requestBody?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`The document has no JSON body for ${method} ${apiPath}`);
  const validate = validatorOf(schema);
  return validate(body) ? undefined : ajv.errorsText(validate.errors);
}

/** What is wrong with one exchange, by the document; empty when nothing is. */
export function specViolations(exchange: { method: string; url: string; requestType?: string; requestBody: string; status: number; responseType?: string; responseBody: string }): string[] {
  const path = new URL(exchange.url, 'http://x').pathname;
  if (!path.startsWith(PREFIX)) return [];
  const apiPath = path.slice(PREFIX.length);
  // Backstage's own endpoints on every plugin (the permission integration's apply-conditions) are not the API's.
  if (apiPath.startsWith('/.well-known/backstage/')) return [];
  const found = operations.find(o => o.pattern.test(apiPath));
  const operation = found?.item[exchange.method.toLowerCase()];
  const where = `${exchange.method} ${apiPath} -> ${exchange.status}`;
  if (!found || !operation) return exchange.status === 404 || exchange.status === 405 ? [] : [`${where}: the document has no such operation`];
  const problems: string[] = [];
  const requestSchema = operation.requestBody?.content?.['application/json']?.schema;
  // A body the document refuses must never be accepted.
  if (exchange.status < 400 && requestSchema && exchange.requestBody && exchange.requestType?.includes('json')) {
    const validate = validatorOf(requestSchema);
    if (!validate(JSON.parse(exchange.requestBody))) problems.push(`${where}: accepted a body the document refuses: ${ajv.errorsText(validate.errors)}`);
  }
  // Backstage answers a missing or refused credential before the plugin; those 401s are the framework's.
  if (exchange.status === 401) return problems;
  const answer = operation.responses[String(exchange.status)] ?? operation.responses.default;
  const ref = (answer as { $ref?: string } | undefined)?.$ref;
  const response = ref ? (spec.components.responses as Record<string, Operation['responses'][string]>)[ref.replace('#/components/responses/', '')] : answer;
  if (!response) return [...problems, `${where}: the document has no such answer`];
  const described = Object.entries(response.content ?? {});
  if (!described.length) return exchange.responseBody ? [...problems, `${where}: answered a body the document does not describe`] : problems;
  // An operation may answer in several media types (the audit report: JSON or CSV); the answer must be one of them.
  const [type, body] = described.find(([t]) => exchange.responseType?.startsWith(t)) ?? [];
  if (!type) return [...problems, `${where}: answered ${exchange.responseType}, the document says ${described.map(([t]) => t).join(' or ')}`];
  if (type === 'application/json' && body?.schema) {
    const validate = validatorOf(body.schema);
    if (!validate(JSON.parse(exchange.responseBody))) problems.push(`${where}: the answer is not what the document says: ${ajv.errorsText(validate.errors)} in ${exchange.responseBody.slice(0, 500)}`);
  }
  return problems;
}

/** Where `value` is off the document's component schema `name` (empty when it fits), e.g. a published RegistryEvent. */
export function schemaViolations(name: string, value: unknown): string[] {
  const validate = ajv.getSchema(componentId(name));
  if (!validate) return [`the document has no schema ${name}`];
  return validate(value) ? [] : (validate.errors ?? []).map(e => `${name}${e.instancePath} ${e.message}`);
}

/** A proxy in front of a test backend that checks every exchange; send the test's requests to `server`. */
export async function specChecked(target: http.Server) {
  const { port } = target.address() as AddressInfo;
  const violations: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      const requestBody = Buffer.concat(chunks);
      const upstream = http.request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers }, answer => {
        const parts: Buffer[] = [];
        answer.on('data', chunk => parts.push(chunk));
        answer.on('end', () => {
          const responseBody = Buffer.concat(parts);
          violations.push(
            ...specViolations({
              method: req.method!,
              url: req.url!,
              requestType: req.headers['content-type'],
              requestBody: requestBody.toString('utf8'),
              status: answer.statusCode!,
              responseType: answer.headers['content-type'],
              responseBody: responseBody.toString('utf8'),
            }),
          );
          res.writeHead(answer.statusCode!, answer.headers);
          res.end(responseBody);
        });
      });
      upstream.on('error', error => res.destroy(error));
      upstream.end(requestBody);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    violations,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    // Clients such as fetch keep connections open; closing them lets the test's process exit at once.
    close: () =>
      new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * For an afterEach: stops the proxy and the backend, then fails the test that ran with the exchanges that were off
 * the document (a hook cannot hold an expect; its throw fails the test it follows).
 */
export async function stopChecked(checked: Awaited<ReturnType<typeof specChecked>>, backend: { stop(): Promise<void> }) {
  await checked.close();
  await backend.stop();
  if (checked.violations.length) throw new Error(`Off the OpenAPI document:\n${checked.violations.join('\n')}`);
}
