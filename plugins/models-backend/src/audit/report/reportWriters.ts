import { type AuditReportEntry, type AuditVerification, gateVerdictOf } from '@modelport/plugin-models-common';
import { stringify } from 'csv-stringify/sync';

/** Where a report goes, a chunk at a time; the promise resolves once the chunk may be followed by the next. */
export type Write = (chunk: string) => Promise<void>;

export interface ReportWriter {
  readonly contentType: string;
  start(): Promise<void>;
  entry(entry: AuditReportEntry): void;
  /** Writes what the entries so far made; called between pages of the log, so that memory holds one page. */
  flush(): Promise<void>;
  end(verification: AuditVerification): Promise<void>;
}

/** `{"generatedAt":…,"from":…,"to":…,"entries":[…],"verification":{…}}`, the entries written as they come. */
export class JsonReportWriter implements ReportWriter {
  readonly contentType = 'application/json; charset=utf-8';
  #buffer = '';
  #first = true;

  constructor(
    private readonly write: Write,
    private readonly header: { generatedAt: string; from: string; to: string; modelRef?: string },
  ) {}

  start() {
    const head = JSON.stringify(this.header);
    return this.write(`${head.slice(0, -1)},"entries":[`);
  }

  entry(entry: AuditReportEntry) {
    this.#buffer += `${this.#first ? '' : ','}${JSON.stringify(entry)}`;
    this.#first = false;
  }

  async flush() {
    if (!this.#buffer) return;
    const chunk = this.#buffer;
    this.#buffer = '';
    await this.write(chunk);
  }

  async end(verification: AuditVerification) {
    await this.flush();
    await this.write(`],"verification":${JSON.stringify(verification)}}`);
  }
}

/** The CSV columns, one row per entry: what an auditor filters and sorts in a spreadsheet. */
export const CSV_COLUMNS = [
  'kind',
  'model',
  'at',
  'until',
  'environment',
  'version',
  'previous_version',
  'outcome',
  'actor',
  'requested_by',
  'requested_at',
  'approved_by',
  'rejected_by',
  'approvals_required',
  'approvers',
  'gates',
  'override_reason',
  'reason',
  'comment',
  'findings',
  'independent',
  'next_due_at',
  'request_id',
  'audit_seqs',
] as const;

/** An entry as its CSV row, in the order of CSV_COLUMNS: lists joined with "; ", absent values empty. */
export function csvRowOf(e: AuditReportEntry): string[] {
  const row: Record<(typeof CSV_COLUMNS)[number], unknown> = {
    kind: e.kind,
    model: e.modelRef,
    at: e.at,
    until: e.until,
    environment: e.environment,
    version: e.version,
    previous_version: e.previousVersion,
    outcome: e.outcome,
    actor: e.actor,
    requested_by: e.requestedBy,
    requested_at: e.requestedAt,
    approved_by: e.approvals?.map(a => `${a.actor} at ${a.at}${a.comment ? ` (“${a.comment}”)` : ''}`).join('; '),
    rejected_by: e.rejectedBy,
    approvals_required: e.approvalsRequired,
    approvers: e.approvers?.join('; '),
    gates: e.gates?.map(g => `${g.type}: ${gateVerdictOf(g)}`).join('; '),
    override_reason: e.overrideReason,
    reason: e.reason,
    comment: e.comment,
    findings: e.findings?.map(f => `${f.title} (${f.severity})${f.detail ? `: ${f.detail}` : ''}`).join('; '),
    independent: e.independent === undefined ? undefined : String(e.independent),
    next_due_at: e.nextDueAt,
    request_id: e.requestId,
    audit_seqs: e.auditSeqs.join(' '),
  };
  return CSV_COLUMNS.map(c => (row[c] === undefined || row[c] === '' ? '' : String(row[c])));
}

/** The last row: the chain's verification, in the columns an auditor looks at first. */
export function csvVerificationRow(v: AuditVerification): string[] {
  const row = CSV_COLUMNS.map(() => '');
  row[CSV_COLUMNS.indexOf('kind')] = 'verification';
  row[CSV_COLUMNS.indexOf('outcome')] = v.valid ? 'valid' : 'broken';
  row[CSV_COLUMNS.indexOf('reason')] = v.valid ? `${v.events} events, head ${v.headHash}` : `${v.reason} (first broken event ${v.firstBrokenSeq})`;
  row[CSV_COLUMNS.indexOf('audit_seqs')] = String(v.events);
  return row;
}

/**
 * A cell a spreadsheet would run as a formula starts with =, +, -, @, a tab or a carriage return; comments and
 * reasons are anyone's text, so such a cell is written with a leading apostrophe (OWASP's CSV injection advice).
 */
export const neutralized = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** RFC 4180 through csv-stringify: UTF-8 with a byte order mark and CRLF, so that spreadsheets open it as it is. */
export class CsvReportWriter implements ReportWriter {
  readonly contentType = 'text/csv; charset=utf-8';
  #rows: string[][] = [];

  constructor(private readonly write: Write) {}

  start() {
    return this.write(`\ufeff${this.#csv([[...CSV_COLUMNS]])}`);
  }

  entry(entry: AuditReportEntry) {
    this.#rows.push(csvRowOf(entry));
  }

  async flush() {
    if (!this.#rows.length) return;
    const rows = this.#rows;
    this.#rows = [];
    await this.write(this.#csv(rows));
  }

  async end(verification: AuditVerification) {
    this.#rows.push(csvVerificationRow(verification));
    await this.flush();
  }

  #csv(rows: string[][]) {
    return stringify(rows.map(r => r.map(neutralized)), { record_delimiter: 'windows' });
  }
}
