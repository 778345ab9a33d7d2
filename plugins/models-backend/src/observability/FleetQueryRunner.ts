import { type InstantSample, type PrometheusClient, PrometheusError } from '../prometheus/PrometheusClient';
import { union } from './fleetQueries';
import { addSamples, type SampleIndex } from './sampleIndex';

// Prometheus evaluates queries in parallel (up to --query.max-concurrency, 20 by default); a few at a time keep
// the cycle's wall time near its longest query without crowding out dashboards.
const CONCURRENT_QUERIES = 4;
/** Extra queries a cycle may spend finding the models whose queries fail; past it, a failing group fails whole. */
const ISOLATION_BUDGET = 64;

/**
 * Failures a query's own text or data can cause (a parse or type error, a runtime error such as many-to-many
 * matching, a query too heavy to finish), as opposed to a Prometheus that cannot answer at all.
 */
function isQueryFailure(error: unknown): error is PrometheusError {
  return error instanceof PrometheusError && (error.kind === 'bad_data' || error.kind === 'execution' || error.kind === 'timeout');
}

/** A part of the fleet's queries that can fail on its own: a custom objective, or a model's drift. */
export type QueryUnit = { id: string };

/**
 * Runs one cycle's queries on one Prometheus, at most four at a time, and keeps one model's failing query from
 * failing the others: a combined query that fails because of what it asks is split until the failing units are
 * found, and those alone get the error. Units that failed in the previous cycle (`suspects`) are asked on their
 * own, once, before anything else that includes them, so a persistently broken model costs one query a cycle, not
 * a search.
 */
export class FleetQueryRunner {
  queries = 0;
  /** The units whose queries failed in this cycle, with the failure. */
  readonly failed = new Map<string, PrometheusError>();
  readonly #slots = new Array<Promise<unknown>>();
  readonly #suspects: Set<string>;
  readonly #checks = new Map<string, Promise<void>>();
  #budget = ISOLATION_BUDGET;

  constructor(
    private readonly client: PrometheusClient,
    private readonly at: Date,
    suspects: Iterable<string> = [],
  ) {
    this.#suspects = new Set(suspects);
  }

  async run(query: string): Promise<InstantSample[]> {
    this.queries++;
    while (this.#slots.length >= CONCURRENT_QUERIES) await Promise.race(this.#slots);
    const pending = this.client.query(query, this.at);
    const slot = pending.then(
      () => undefined,
      () => undefined,
    );
    this.#slots.push(slot);
    slot.then(() => this.#slots.splice(this.#slots.indexOf(slot), 1));
    return pending;
  }

  /**
   * One answer for shared parts (Modelport's own, for every model) and the parts of each unit, in one query when
   * nothing fails. If the shared parts fail on their own, Prometheus cannot serve this cycle and the error is
   * thrown; a unit whose parts fail is recorded in `failed` and left out.
   */
  async answer<U extends QueryUnit>(options: { shared: string[]; units: U[]; partsOf: (units: U[]) => string[] }): Promise<SampleIndex> {
    const index: SampleIndex = new Map();
    // The first answer to meet a suspect asks it alone; the others wait for that and then leave it out or take it in.
    // Suspects past the budget are asked with the rest, and halved out again if they still fail.
    const checking = options.units.filter(u => this.#suspects.has(u.id) && !this.#checks.has(u.id) && !this.failed.has(u.id)).slice(0, Math.max(this.#budget, 0));
    this.#budget -= checking.length;
    for (const u of checking) {
      this.#checks.set(
        u.id,
        this.#isolate([u], options.partsOf, index).then(() => {
          if (!this.failed.has(u.id)) this.#suspects.delete(u.id);
        }),
      );
    }
    await Promise.all(options.units.map(u => this.#checks.get(u.id)));
    const clean = options.units.filter(u => !this.failed.has(u.id) && !checking.includes(u));
    const query = union([...options.shared, ...options.partsOf(clean)]);
    if (!query) return index;
    try {
      addSamples(index, await this.run(query));
    } catch (error) {
      if (!isQueryFailure(error) || !clean.length) throw error;
      const shared = union(options.shared);
      if (shared) {
        addSamples(index, await this.run(shared));
        await this.#isolate(clean, options.partsOf, index);
      } else {
        await this.#split(clean, options.partsOf, index, error);
      }
    }
    return index;
  }

  async #isolate<U extends QueryUnit>(units: U[], partsOf: (units: U[]) => string[], index: SampleIndex): Promise<void> {
    const query = union(partsOf(units.filter(u => !this.failed.has(u.id))));
    if (!query) return;
    try {
      addSamples(index, await this.run(query));
    } catch (error) {
      if (!isQueryFailure(error)) throw error;
      await this.#split(units, partsOf, index, error);
    }
  }

  /** Units whose combined query failed: halves asked apart, down to the unit, while the budget lasts. */
  async #split<U extends QueryUnit>(units: U[], partsOf: (units: U[]) => string[], index: SampleIndex, error: PrometheusError): Promise<void> {
    if (units.length === 1 || this.#budget <= 0) {
      for (const u of units) this.failed.set(u.id, error);
      return;
    }
    this.#budget -= 2;
    const half = Math.ceil(units.length / 2);
    await this.#isolate(units.slice(0, half), partsOf, index);
    await this.#isolate(units.slice(half), partsOf, index);
  }
}
