import type { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type { FleetEntry, LatencySeries, ModelObservability, ObservabilityStatus } from '../observability/types';
import type {
  AuditEvent,
  AuditVerification,
  EnvironmentAssignment,
  ModelVersion,
  PromotionRequest,
  RegistryState,
} from './types';

export type NewModelVersion = Omit<ModelVersion, 'modelRef' | 'registeredBy' | 'registeredAt' | 'tags' | 'metrics' | 'parameters'> & {
  metrics?: Record<string, number>;
  parameters?: Record<string, string>;
  tags?: string[];
};

/** A gate's verdict; `overridden` when it failed but the request's override reason let the promotion through. */
export type GateResult = { type: string; passed: boolean; message: string; overridable?: boolean; overridden?: boolean };

export type RegistryEnvironmentPolicy = {
  name: string;
  approvals: number;
  approvers: string[];
  requesterMayApprove: boolean;
  distinctApprovers: boolean;
  qualityGates: object[];
};

/**
 * A typed client of the models backend's REST API (see the OpenAPI document in the models-backend package).
 * Isomorphic: give it Backstage's discovery and an authenticated fetch, from the frontend's `discoveryApi` and
 * `fetchApi` or from a backend's services. Errors of the API are thrown as `ResponseError` with the server's
 * message.
 */
export class ModelRegistryClient {
  readonly #discovery: { getBaseUrl(pluginId: string): Promise<string> };
  readonly #fetch: typeof fetch;

  constructor(options: { discoveryApi: { getBaseUrl(pluginId: string): Promise<string> }; fetchApi: { fetch: typeof fetch } }) {
    this.#discovery = options.discoveryApi;
    this.#fetch = (input, init) => options.fetchApi.fetch(input, init);
  }

  async listEnvironments(): Promise<RegistryEnvironmentPolicy[]> {
    return (await this.#request<{ items: RegistryEnvironmentPolicy[] }>('GET', '/environments')).items;
  }

  async listVersions(model: CompoundEntityRef): Promise<ModelVersion[]> {
    return (await this.#request<{ items: ModelVersion[] }>('GET', `${modelPath(model)}/versions`)).items;
  }

  registerVersion(model: CompoundEntityRef, version: NewModelVersion): Promise<ModelVersion> {
    return this.#request('POST', `${modelPath(model)}/versions`, version);
  }

  updateVersion(model: CompoundEntityRef, version: string, change: { description?: string; tags?: string[] }): Promise<ModelVersion> {
    return this.#request('PATCH', `${modelPath(model)}/versions/${encodeURIComponent(version)}`, change);
  }

  getRegistryState(model: CompoundEntityRef): Promise<RegistryState> {
    return this.#request('GET', `${modelPath(model)}/registry`);
  }

  async getHistory(model: CompoundEntityRef, options?: { at?: Date }): Promise<EnvironmentAssignment[]> {
    const query = options?.at ? `?at=${encodeURIComponent(options.at.toISOString())}` : '';
    return (await this.#request<{ items: EnvironmentAssignment[] }>('GET', `${modelPath(model)}/history${query}`)).items;
  }

  requestPromotion(
    model: CompoundEntityRef,
    body: { version: string; environment: string; comment?: string; gateOverride?: { reason: string } },
  ): Promise<{ request: PromotionRequest; gates: GateResult[] }> {
    return this.#request('POST', `${modelPath(model)}/promotions`, body);
  }

  decide(requestId: string, decision: 'approve' | 'reject', comment?: string): Promise<{ request: PromotionRequest; gates?: GateResult[] }> {
    return this.#request('POST', `/promotions/${encodeURIComponent(requestId)}/${decision}`, comment ? { comment } : {});
  }

  cancelPromotion(requestId: string): Promise<PromotionRequest> {
    return this.#request('POST', `/promotions/${encodeURIComponent(requestId)}/cancel`, {});
  }

  rollback(model: CompoundEntityRef, environment: string, body: { version: string; reason: string }) {
    return this.#request<{ environment: string; version: string; auditSeq: number }>(
      'POST',
      `${modelPath(model)}/environments/${encodeURIComponent(environment)}/rollback`,
      body,
    );
  }

  async listAuditEvents(options: { subject?: string; afterSeq?: number; limit?: number } = {}): Promise<AuditEvent[]> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(options)) if (value !== undefined) params.set(key, String(value));
    const query = params.size ? `?${params}` : '';
    return (await this.#request<{ items: AuditEvent[] }>('GET', `/audit${query}`)).items;
  }

  verifyAuditChain(): Promise<AuditVerification> {
    return this.#request('GET', '/audit/verify');
  }

  /** The model's SLO and drift status from the last scheduled evaluation, with its time and staleness. */
  getObservability(model: CompoundEntityRef): Promise<ObservabilityStatus> {
    return this.#request('GET', `${modelPath(model)}/observability`);
  }

  async getObservabilityHistory(model: CompoundEntityRef, options: { since?: Date } = {}): Promise<ModelObservability[]> {
    const query = options.since ? `?since=${encodeURIComponent(options.since.toISOString())}` : '';
    return (await this.#request<{ items: ModelObservability[] }>('GET', `${modelPath(model)}/observability/history${query}`)).items;
  }

  getLatency(model: CompoundEntityRef, options: { hours?: number } = {}): Promise<LatencySeries> {
    return this.#request('GET', `${modelPath(model)}/observability/latency?hours=${options.hours ?? 24}`);
  }

  async listFleet(): Promise<FleetEntry[]> {
    return (await this.#request<{ items: FleetEntry[] }>('GET', '/fleet')).items;
  }

  async #request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const baseUrl = await this.#discovery.getBaseUrl('models');
    const response = await this.#fetch(`${baseUrl}${path}`, {
      method,
      ...(body !== undefined ? { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) } : {}),
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.json();
  }
}

function modelPath(model: CompoundEntityRef): string {
  return `/models/${encodeURIComponent(model.namespace)}/${encodeURIComponent(model.name)}`;
}
