/**
 * A value without what a form leaves behind for the fields nobody filled in (undefined, null, empty strings,
 * empty lists and objects), so that a generated file holds only what was said. Zero and false are kept.
 */
export function compact<T>(value: T): T {
  if (Array.isArray(value)) return value.map(compact).filter(v => !isEmpty(v)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .map(([k, v]) => [k, compact(v)] as const)
        .filter(([, v]) => !isEmpty(v)),
    ) as T;
  }
  return value;
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}
