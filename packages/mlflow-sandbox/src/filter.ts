/**
 * The part of MLflow's search filter grammar that registries, runs and experiments are searched with: conditions on
 * `name`, `run_id`, `source_path` and `tags.<key>` joined by AND, compared with =, !=, LIKE, ILIKE, and IN for
 * `run_id` only, as MLflow's SearchModelVersionUtils allows (it refuses `name IN (...)`). Runs' metrics and params
 * are not searched by: such a clause is refused as one the sandbox cannot read.
 */
export type Filterable = { name: string; run_id?: string; source?: string; tags?: Array<{ key: string; value: string }> };

export class FilterError extends Error {}

const CLAUSE = /^\s*(name|run_id|source_path|tags?\.(?:`[^`]+`|"[^"]+"|[\w.-]+))\s*(!=|=|NOT\s+LIKE|LIKE|ILIKE|IN)\s*(.+?)\s*$/i;

const unquote = (value: string): string => {
  const m = value.match(/^'(.*)'$/s) ?? value.match(/^"(.*)"$/s);
  if (!m) throw new FilterError(`Expected a quoted string value for attributes. Got value ${value}`);
  return m[1];
};

const likeToRegExp = (pattern: string, flags: string) =>
  new RegExp(`^${pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.')}$`, flags);

/** Splits on AND outside quotes and parentheses. */
function clauses(filter: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < filter.length; i++) {
    const c = filter[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && /^\sAND\s/i.test(filter.slice(i, i + 5))) {
      parts.push(filter.slice(start, i));
      start = i + 4;
    }
  }
  parts.push(filter.slice(start));
  return parts.map(p => p.trim()).filter(Boolean);
}

/** How runs and experiments searches may name an attribute (MLflow's SearchUtils): `attributes.run_id`, `run.run_id`, ... */
const ATTRIBUTE_PREFIX = /^\s*(?:attributes?|attr|run)\.(?=\w)/i;

/**
 * A filter compiled into a predicate, with the run ids a `run_id =` or `run_id IN (...)` condition allows, when it
 * has one: a server looks those up by id rather than testing every run.
 */
export type CompiledFilter = ((o: Filterable) => boolean) & { runIds?: Set<string> };

/**
 * Compiles a filter into a predicate; throws FilterError, with MLflow's wording where it has one, for what MLflow
 * refuses with INVALID_PARAMETER_VALUE. `attributePrefix` lets attributes be named with their entity type, as runs
 * and experiments searches allow and registry searches do not.
 */
export function compileFilter(filter: string | null | undefined, keys: readonly string[], options: { attributePrefix?: boolean } = {}): CompiledFilter {
  if (!filter?.trim()) return () => true;
  let runIds: Set<string> | undefined;
  const allow = (ids: Set<string>) => {
    runIds = runIds ? new Set([...runIds].filter(id => ids.has(id))) : ids;
  };
  const tests = clauses(filter).map(raw => {
    const clause = options.attributePrefix ? raw.replace(ATTRIBUTE_PREFIX, '') : raw;
    const m = clause.match(CLAUSE);
    if (!m) throw new FilterError(`Invalid clause(s) in filter string: ${clause}`);
    const [, rawKey, rawComparator, rawValue] = m;
    const comparator = rawComparator.toUpperCase().replace(/\s+/g, ' ');
    const isTag = /^tags?\./i.test(rawKey);
    const key = isTag ? rawKey.replace(/^tags?\./i, '').replace(/^[`"](.*)[`"]$/, '$1') : rawKey.toLowerCase();
    if (!isTag && !keys.includes(key)) throw new FilterError(`Invalid attribute key '${key}' specified. Valid keys are '${keys.join("', '")}'`);
    const read = (o: Filterable): string | undefined => {
      if (isTag) return o.tags?.find(t => t.key === key)?.value;
      if (key === 'source_path') return o.source;
      return key === 'run_id' ? o.run_id : o.name;
    };
    if (comparator === 'IN') {
      if (key !== 'run_id' || !keys.includes('run_id')) {
        throw new FilterError("Only the 'run_id' attribute supports comparison with a list of quoted string values.");
      }
      const list = rawValue.match(/^\((.*)\)$/s);
      if (!list) throw new FilterError(`Expected a list of quoted string values. Got value ${rawValue}`);
      const values = new Set(list[1].split(',').map(v => unquote(v.trim())));
      allow(values);
      return (o: Filterable) => values.has(read(o) ?? '');
    }
    const value = unquote(rawValue);
    switch (comparator) {
      case '=':
        if (key === 'run_id' && !isTag) allow(new Set([value]));
        return (o: Filterable) => read(o) === value;
      case '!=':
        return (o: Filterable) => read(o) !== undefined && read(o) !== value;
      case 'LIKE':
        return (o: Filterable) => likeToRegExp(value, '').test(read(o) ?? '\u0000');
      case 'ILIKE':
        return (o: Filterable) => likeToRegExp(value, 'i').test(read(o) ?? '\u0000');
      default:
        throw new FilterError(`Invalid comparator '${comparator}'`);
    }
  });
  return Object.assign((o: Filterable) => tests.every(t => t(o)), runIds ? { runIds } : {});
}
