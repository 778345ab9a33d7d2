import type { BackstageCredentials, PermissionsService } from '@backstage/backend-plugin-api';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { AuthorizeResult, type PermissionCondition, type PermissionCriteria } from '@backstage/plugin-permission-common';
import type { FactCondition, Visibility } from './ExplorerStore';

type Params = Record<string, unknown>;

/**
 * The catalog's built-in permission rules as the search filters their `toQuery` gives (plugin-catalog-backend's
 * permissions/rules), so that a conditional decision on reading entities filters the explorer's rows in SQL with
 * the meaning the catalog gives it. A rule not listed here (one an adopter added) cannot be translated, and the
 * decision is then taken per model instead (see visibilityFor).
 */
const rules: Record<string, (params: Params) => FactCondition> = {
  HAS_ANNOTATION: p => ({ key: `metadata.annotations.${p.annotation}`, ...(p.value !== undefined ? { values: [String(p.value)] } : {}) }),
  HAS_LABEL: p => ({ key: `metadata.labels.${p.label}`, ...(p.value !== undefined ? { values: [String(p.value)] } : {}) }),
  HAS_METADATA: p => ({ key: `metadata.${p.key}`, ...(p.value !== undefined ? { values: [String(p.value)] } : {}) }),
  HAS_SPEC: p => ({ key: `spec.${p.key}`, ...(p.value !== undefined ? { values: [String(p.value)] } : {}) }),
  IS_ENTITY_KIND: p => ({ key: 'kind', values: (p.kinds as string[]).map(k => k.toLowerCase()) }),
  IS_ENTITY_OWNER: p => ({ key: 'relations.ownedBy', values: p.claims as string[] }),
};

/** The criteria as a fact condition, or undefined when any rule in it is not one of the catalog's own. */
export function factConditionOf(criteria: PermissionCriteria<PermissionCondition>): FactCondition | undefined {
  if ('allOf' in criteria) {
    const parts = criteria.allOf.map(factConditionOf);
    return parts.every(Boolean) ? { allOf: parts as FactCondition[] } : undefined;
  }
  if ('anyOf' in criteria) {
    const parts = criteria.anyOf.map(factConditionOf);
    return parts.every(Boolean) ? { anyOf: parts as FactCondition[] } : undefined;
  }
  if ('not' in criteria) {
    const inner = factConditionOf(criteria.not);
    return inner && { not: inner };
  }
  const rule = criteria.resourceType === 'catalog-entity' ? rules[criteria.rule] : undefined;
  return rule?.(criteria.params ?? {});
}

/**
 * Which explorer rows the caller may read, by the catalog's read permission: one conditional decision for the whole
 * table when the policy's conditions are the catalog's rules, else one decision per indexed model in a single
 * batch (slower, and only for policies with rules of their own).
 */
export async function visibilityFor(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  allRefs: () => Promise<string[]>,
): Promise<Visibility> {
  const [decision] = await permissions.authorizeConditional([{ permission: catalogEntityReadPermission }], { credentials });
  if (decision.result === AuthorizeResult.ALLOW) return { all: true };
  if (decision.result !== AuthorizeResult.CONDITIONAL) return { none: true };
  const condition = factConditionOf(decision.conditions);
  if (condition) return { condition };
  const refs = await allRefs();
  if (!refs.length) return { refs: [] };
  const decisions = await permissions.authorize(refs.map(resourceRef => ({ permission: catalogEntityReadPermission, resourceRef })), { credentials });
  return { refs: refs.filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW) };
}
