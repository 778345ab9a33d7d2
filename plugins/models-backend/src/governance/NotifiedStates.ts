import type { Knex } from 'knex';

/** A subject's state of one kind, e.g. `model:default/x`, `slo`, `critical`. */
export type ObservedState = { subject: string; kind: string; state: string };

/** The states owners were last told of; reads and remembers them so each change is told once. */
export interface NotifiedStates {
  /** Remembers the observed states and answers those that differ from what was remembered, with the one before. */
  changed(observed: ObservedState[], at: string): Promise<Array<ObservedState & { previous?: string }>>;
}

type Row = { subject: string; kind: string; state: string; changed_at: string };

export class KnexNotifiedStates implements NotifiedStates {
  constructor(private readonly knex: Knex) {}

  async changed(observed: ObservedState[], at: string) {
    if (!observed.length) return [];
    const kinds = [...new Set(observed.map(o => o.kind))];
    const known = new Map((await this.knex<Row>('notified_states').whereIn('kind', kinds)).map(r => [`${r.kind}\u0000${r.subject}`, r.state]));
    const changed = observed
      .map(o => ({ ...o, previous: known.get(`${o.kind}\u0000${o.subject}`) }))
      .filter(o => o.previous !== o.state)
      .map(({ previous, ...o }) => (previous === undefined ? o : { ...o, previous }));
    // In chunks, so that a large fleet's first cycle stays below the databases' limits on bound parameters.
    for (let i = 0; i < changed.length; i += 500) {
      await this.knex<Row>('notified_states')
        .insert(changed.slice(i, i + 500).map(c => ({ subject: c.subject, kind: c.kind, state: c.state, changed_at: at })))
        .onConflict(['subject', 'kind'])
        .merge(['state', 'changed_at']);
    }
    return changed;
  }
}
