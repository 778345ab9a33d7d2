import type {
  AssignmentCause,
  EnvironmentAssignment,
  ModelReview,
  ModelVersion,
  PromotionDecision,
  PromotionRequest,
  PromotionStatus,
} from '@modelport/plugin-models-common';
import type { Knex } from 'knex';
import { KnexAuditLog } from '../audit/KnexAuditLog';
import type { ModelRegistryStore, ModelRegistryTransaction } from './ModelRegistryStore';

/** A row of `model_versions`; the JSON columns hold the text JSON.stringify wrote, null for an absent field. */
type VersionRow = {
  model_ref: string;
  version: string;
  artifact_uri: string;
  framework: string;
  metrics: string;
  parameters: string;
  source_run_url: string | null;
  signature: string | null;
  profile: string | null;
  description: string | null;
  tags: string;
  registered_by: string;
  registered_at: string;
};

type AssignmentRow = {
  id: number;
  model_ref: string;
  environment: string;
  version: string;
  since: string;
  until: string | null;
  assigned_by: string;
  cause: AssignmentCause;
  request_id: string | null;
  reason: string | null;
};

type RequestRow = {
  id: string;
  model_ref: string;
  version: string;
  to_environment: string;
  status: PromotionStatus;
  requested_by: string;
  requested_at: string;
  comment: string | null;
  gate_override_reason: string | null;
  closed_at: string | null;
};

type DecisionRow = {
  id: number;
  request_id: string;
  actor: string;
  ordinal: number;
  decision: PromotionDecision['decision'];
  comment: string | null;
  at: string;
};

type ReviewRow = {
  id: string;
  model_ref: string;
  version: string;
  outcome: ModelReview['outcome'];
  summary: string | null;
  findings: string;
  reviewed_by: string;
  reviewed_at: string;
  next_due_at: string | null;
  independent: boolean | number;
};

function toReview(row: ReviewRow): ModelReview {
  return {
    id: row.id,
    modelRef: row.model_ref,
    outcome: row.outcome,
    version: row.version,
    ...(row.summary !== null ? { summary: row.summary } : {}),
    findings: JSON.parse(row.findings),
    reviewedBy: row.reviewed_by,
    reviewedAt: row.reviewed_at,
    ...(row.next_due_at !== null ? { nextDueAt: row.next_due_at } : {}),
    // SQLite answers booleans as 0 and 1.
    independent: Boolean(row.independent),
  };
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
const optional = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || (typeof code === 'string' && /^SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)$/.test(code));
}

/** Runs an insert in a savepoint so that a duplicate leaves the surrounding transaction usable on PostgreSQL. */
async function insertUnlessDuplicate(knex: Knex, fn: (trx: Knex.Transaction) => Promise<unknown>): Promise<boolean> {
  try {
    await knex.transaction(fn);
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/**
 * A version's columns, in the order of its JSON fields. `json` columns hold JSON text that the store wrote with
 * JSON.stringify; a null column is a field the version does not have.
 */
const versionColumns = [
  ['modelRef', 'model_ref', 'value'],
  ['version', 'version', 'value'],
  ['artifactUri', 'artifact_uri', 'value'],
  ['framework', 'framework', 'value'],
  ['metrics', 'metrics', 'json'],
  ['parameters', 'parameters', 'json'],
  ['sourceRunUrl', 'source_run_url', 'value'],
  ['signature', 'signature', 'json'],
  ['profile', 'profile', 'json'],
  ['description', 'description', 'value'],
  ['tags', 'tags', 'json'],
  ['registeredBy', 'registered_by', 'value'],
  ['registeredAt', 'registered_at', 'value'],
] as const;

function toVersion(row: VersionRow): ModelVersion {
  const version: Record<string, unknown> = {};
  for (const [field, column, kind] of versionColumns) {
    if (row[column] !== null) version[field] = kind === 'json' ? JSON.parse(row[column]) : row[column];
  }
  return version as ModelVersion;
}

/**
 * The JSON text of toVersion(row), written without parsing the JSON columns: they are spliced in as stored, as
 * the catalog answers its stored entities. A version list is the registry's most frequent read, and parsing and
 * re-serializing every version's metrics, parameters, signature, profile and tags is work its answer does not
 * need. A property test holds this to the same text as serializing toVersion's answer.
 */
function versionJson(row: VersionRow): string {
  let fields = '';
  for (const [field, column, kind] of versionColumns) {
    if (row[column] !== null) fields += `,"${field}":${kind === 'json' ? row[column] : JSON.stringify(row[column])}`;
  }
  return `{${fields.slice(1)}}`;
}

function toAssignment(row: AssignmentRow): EnvironmentAssignment {
  return {
    environment: row.environment,
    version: row.version,
    since: row.since,
    until: optional(row.until),
    by: row.assigned_by,
    cause: row.cause,
    requestId: optional(row.request_id),
    reason: optional(row.reason),
  };
}

async function readRequests(knex: Knex, where: Record<string, string>): Promise<PromotionRequest[]> {
  const rows = await knex<RequestRow>('promotion_requests').where(where).orderBy('requested_at', 'desc').orderBy('id');
  if (!rows.length) return [];
  const decisions = await knex<DecisionRow>('promotion_decisions')
    .whereIn('request_id', rows.map(r => r.id))
    .orderBy('id');
  return rows.map(row => ({
    id: row.id,
    modelRef: row.model_ref,
    version: row.version,
    toEnvironment: row.to_environment,
    status: row.status,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
    comment: optional(row.comment),
    gateOverrideReason: optional(row.gate_override_reason),
    closedAt: optional(row.closed_at),
    decisions: decisions
      .filter(d => d.request_id === row.id)
      .map(d => ({ actor: d.actor, decision: d.decision, comment: optional(d.comment), at: d.at })),
  }));
}

class KnexRegistryQueries {
  constructor(protected readonly knex: Knex) {}

  async getVersion(modelRef: string, version: string) {
    const row = await this.knex<VersionRow>('model_versions').where({ model_ref: modelRef, version }).first();
    return row ? toVersion(row) : undefined;
  }
}

class KnexRegistryTransaction extends KnexRegistryQueries implements ModelRegistryTransaction {
  readonly audit: KnexAuditLog;

  constructor(private readonly trx: Knex.Transaction) {
    super(trx);
    this.audit = new KnexAuditLog(trx);
  }

  insertVersion(v: ModelVersion) {
    return insertUnlessDuplicate(this.trx, sp =>
      sp<VersionRow>('model_versions').insert({
        model_ref: v.modelRef,
        version: v.version,
        artifact_uri: v.artifactUri,
        framework: v.framework,
        metrics: JSON.stringify(v.metrics),
        parameters: JSON.stringify(v.parameters),
        source_run_url: v.sourceRunUrl ?? null,
        signature: json(v.signature),
        profile: json(v.profile),
        description: v.description ?? null,
        tags: JSON.stringify(v.tags),
        registered_by: v.registeredBy,
        registered_at: v.registeredAt,
      }),
    );
  }

  async updateVersion(modelRef: string, version: string, change: { description?: string; tags?: string[] }) {
    await this.trx<VersionRow>('model_versions')
      .where({ model_ref: modelRef, version })
      .update({
        ...(change.description !== undefined ? { description: change.description } : {}),
        ...(change.tags !== undefined ? { tags: JSON.stringify(change.tags) } : {}),
      });
  }

  async currentAssignment(modelRef: string, environment: string) {
    const row = await this.trx<AssignmentRow>('environment_assignments')
      .where({ model_ref: modelRef, environment })
      .whereNull('until')
      .first();
    return row ? toAssignment(row) : undefined;
  }

  async wasAssigned(modelRef: string, environment: string, version: string) {
    const row = await this.trx<AssignmentRow>('environment_assignments').where({ model_ref: modelRef, environment, version }).first();
    return Boolean(row);
  }

  async assign(
    modelRef: string,
    a: { environment: string; version: string; by: string; cause: AssignmentCause; requestId?: string; reason?: string; at: string },
  ) {
    await this.trx<AssignmentRow>('environment_assignments')
      .where({ model_ref: modelRef, environment: a.environment })
      .whereNull('until')
      .update({ until: a.at });
    await this.trx<AssignmentRow>('environment_assignments').insert({
      model_ref: modelRef,
      environment: a.environment,
      version: a.version,
      since: a.at,
      assigned_by: a.by,
      cause: a.cause,
      request_id: a.requestId ?? null,
      reason: a.reason ?? null,
    });
  }

  insertRequest(r: Omit<PromotionRequest, 'decisions'>) {
    return insertUnlessDuplicate(this.trx, sp =>
      sp<RequestRow>('promotion_requests').insert({
        id: r.id,
        model_ref: r.modelRef,
        version: r.version,
        to_environment: r.toEnvironment,
        status: r.status,
        requested_by: r.requestedBy,
        requested_at: r.requestedAt,
        comment: r.comment ?? null,
        gate_override_reason: r.gateOverrideReason ?? null,
      }),
    );
  }

  async getRequestForUpdate(id: string) {
    // Taking the row lock first orders every writer of a request the same way: request, then audit head.
    const lock = this.trx<RequestRow>('promotion_requests').where({ id }).select('id');
    if (this.trx.client.config.client === 'pg') lock.forUpdate();
    if (!(await lock.first())) return undefined;
    const [request] = await readRequests(this.trx, { id });
    return request;
  }

  insertDecision(requestId: string, d: PromotionDecision, ordinal = 0) {
    return insertUnlessDuplicate(this.trx, sp =>
      sp<DecisionRow>('promotion_decisions').insert({
        request_id: requestId,
        actor: d.actor,
        ordinal,
        decision: d.decision,
        comment: d.comment ?? null,
        at: d.at,
      }),
    );
  }

  async closeRequest(id: string, status: Exclude<PromotionStatus, 'pending'>, at: string) {
    await this.trx<RequestRow>('promotion_requests').where({ id, status: 'pending' }).update({ status, closed_at: at });
  }

  async insertReview(r: ModelReview) {
    await this.trx<ReviewRow>('model_reviews').insert({
      id: r.id,
      model_ref: r.modelRef,
      version: r.version,
      outcome: r.outcome,
      summary: r.summary ?? null,
      findings: JSON.stringify(r.findings),
      reviewed_by: r.reviewedBy,
      reviewed_at: r.reviewedAt,
      next_due_at: r.nextDueAt ?? null,
      independent: r.independent,
    });
  }
}

/** The registry store on the plugin's own database (SQLite or PostgreSQL), migrated by connectModelsDatabase. */
export class KnexModelRegistryStore extends KnexRegistryQueries implements ModelRegistryStore {
  readonly audit = new KnexAuditLog(this.knex);

  transaction<T>(fn: (tx: ModelRegistryTransaction) => Promise<T>): Promise<T> {
    return this.knex.transaction(trx => fn(new KnexRegistryTransaction(trx)));
  }

  private versionRows(modelRef: string) {
    return this.knex<VersionRow>('model_versions').where({ model_ref: modelRef }).orderBy('registered_at', 'desc').orderBy('version', 'desc');
  }

  async listVersions(modelRef: string) {
    return (await this.versionRows(modelRef)).map(toVersion);
  }

  async listVersionsJson(modelRef: string) {
    return `[${(await this.versionRows(modelRef)).map(versionJson).join(',')}]`;
  }

  async listAssignments(modelRef: string) {
    const rows = await this.knex<AssignmentRow>('environment_assignments').where({ model_ref: modelRef }).orderBy('id');
    return rows.map(toAssignment);
  }

  async listCurrentAssignments(modelRef: string) {
    const rows = await this.knex<AssignmentRow>('environment_assignments').where({ model_ref: modelRef }).whereNull('until');
    return rows.map(toAssignment);
  }

  async listAllCurrentAssignments() {
    const rows = await this.knex<AssignmentRow>('environment_assignments').whereNull('until');
    return rows.map(row => ({ ...toAssignment(row), modelRef: row.model_ref }));
  }

  listRequests(modelRef: string, status?: PromotionStatus) {
    return readRequests(this.knex, status ? { model_ref: modelRef, status } : { model_ref: modelRef });
  }

  async getRequest(id: string) {
    const [request] = await readRequests(this.knex, { id });
    return request;
  }

  async listReviews(modelRef: string) {
    const rows = await this.knex<ReviewRow>('model_reviews').where({ model_ref: modelRef }).orderBy('reviewed_at', 'desc').orderBy('id', 'desc');
    return rows.map(toReview);
  }

  async latestReviews() {
    // The newest review of each model: row_number over each model's reviews, which SQLite and PostgreSQL both compute.
    const rows: ReviewRow[] = await this.knex
      .select('*')
      .from(
        this.knex('model_reviews')
          .select('*', this.knex.raw('row_number() over (partition by model_ref order by reviewed_at desc, id desc) as newest'))
          .as('ranked'),
      )
      .where('newest', 1);
    return new Map(rows.map(row => [row.model_ref, toReview(row)]));
  }

  listPendingRequests() {
    return readRequests(this.knex, { status: 'pending' });
  }

  async listRecentAssignments({ limit, offset }: { limit: number; offset: number }) {
    // Ids follow the order in which assignments were made, and the primary key makes newest-first a cheap read.
    const rows: Array<AssignmentRow & { previous_version: string | null }> = await this.knex('environment_assignments as a')
      .select('a.*', {
        // The environment's assignment before this one is the one it replaced.
        previous_version: this.knex('environment_assignments as p')
          .select('p.version')
          .whereRaw('p.model_ref = a.model_ref and p.environment = a.environment and p.id < a.id')
          .orderBy('p.id', 'desc')
          .limit(1),
      })
      .orderBy('a.id', 'desc')
      .limit(limit)
      .offset(offset);
    return rows.map(row => ({ ...toAssignment(row), modelRef: row.model_ref, previousVersion: optional(row.previous_version) }));
  }
}
