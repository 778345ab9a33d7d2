import type { Entity } from '@backstage/catalog-model';

/** A key and value of an entity in the catalog's search form: both lower-cased, the value null when absent or too long. */
export type EntityFact = { key: string; value: string | null };

const SPECIAL_KEYS = new Set(['attachments', 'relations', 'status', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'metadata.etag']);
const MAX_LENGTH = 200;

/**
 * The entity's facts exactly as the catalog indexes them for its filters and permission conditions (its
 * `buildEntitySearch`, which the catalog does not export): every scalar under its dotted path, each string of an
 * array also as `path.item = true`, name and namespace, and `relations.<type>` with each target. The explorer keeps
 * them so that a permission condition that the catalog would turn into a search filter (`toQuery`) can be applied
 * to the explorer's rows in SQL, with the same meaning.
 */
export function entityFacts(entity: Entity): EntityFact[] {
  const raw: Array<{ key: string; value: unknown }> = [];
  const visit = (path: string, current: unknown) => {
    if (SPECIAL_KEYS.has(path)) return;
    if (current === undefined || current === null || ['string', 'number', 'boolean'].includes(typeof current)) {
      raw.push({ key: path, value: current });
      return;
    }
    if (typeof current !== 'object') return;
    if (Array.isArray(current)) {
      for (const item of current) {
        visit(path, item);
        if (typeof item === 'string') raw.push({ key: `${path}.${item}`, value: true });
      }
      return;
    }
    for (const [key, value] of Object.entries(current as Record<string, unknown>)) visit(path ? `${path}.${key}` : key, value);
  };
  visit('', entity);
  raw.push({ key: 'metadata.name', value: entity.metadata.name });
  raw.push({ key: 'metadata.namespace', value: entity.metadata.namespace ?? 'default' });
  if (entity.metadata.uid) raw.push({ key: 'metadata.uid', value: entity.metadata.uid });
  for (const relation of entity.relations ?? []) raw.push({ key: `relations.${relation.type}`, value: relation.targetRef });

  const seen = new Set<string>();
  const facts: EntityFact[] = [];
  for (const { key: rawKey, value: rawValue } of raw) {
    const key = rawKey.toLowerCase();
    if (key.length > MAX_LENGTH) continue;
    const text = rawValue === undefined || rawValue === null ? null : String(rawValue).toLowerCase();
    const value = text !== null && text.length <= MAX_LENGTH ? text : null;
    const id = `${key}\0${value ?? '\u0001null'}`;
    if (seen.has(id)) continue;
    seen.add(id);
    facts.push({ key, value });
  }
  return facts;
}
