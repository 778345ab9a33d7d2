import type { Config } from '@backstage/config';
import { z } from 'zod';

/**
 * One configured registry instance, checked and with its defaults.
 *
 * @public
 */
export type RegistryInstanceConfig = {
  name: string;
  flavour: 'mlflow' | 'unity-catalog' | 'kubeflow';
  /** Without a trailing slash. */
  url: string;
  /** Every request's headers: the configured ones, and the token's Authorization. */
  headers: Record<string, string>;
  timeoutMs: number;
  namespace: string;
  owner: { tag?: string; default: string };
  aliases: Record<string, string>;
  writeBack: boolean;
  filter?: string;
  catalogName?: string;
  schemaName?: string;
  servingEnvironments: Record<string, string>;
};

// The catalog's rule for namespaces: the instance's namespace (its name by default) must be one.
const NAMESPACE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ENTITY_REF = /^[a-z]+:[^:/\s]+\/[^:/\s]+$/i;

const instanceSchema = z
  .object({
    name: z.string().min(1),
    flavour: z.enum(['mlflow', 'unity-catalog', 'kubeflow']),
    url: z.url({ protocol: /^https?$/ }),
    token: z.string().min(1).optional(),
    headers: z.record(z.string(), z.string()).optional(),
    timeoutMs: z.number().int().positive().default(30_000),
    namespace: z.string().max(63).regex(NAMESPACE, 'must be lowercase letters, digits and dashes').optional(),
    owner: z.object({ tag: z.string().min(1).optional(), default: z.string().regex(ENTITY_REF, 'must be an entity ref such as group:default/ml-platform') }),
    aliases: z.record(z.string(), z.string().min(1)).default({}),
    writeBack: z.boolean().default(false),
    filter: z.string().min(1).optional(),
    catalogName: z.string().min(1).optional(),
    schemaName: z.string().min(1).optional(),
    servingEnvironments: z.record(z.string(), z.string().min(1)).default({}),
  })
  .strict()
  .superRefine((c, ctx) => {
    const problem = (message: string) => ctx.addIssue({ code: 'custom', message });
    if (c.flavour === 'unity-catalog' && (!c.catalogName || !c.schemaName)) problem('unity-catalog needs catalogName and schemaName');
    if (c.flavour === 'unity-catalog' && c.filter) problem('filter is for the mlflow flavour; unity-catalog reads catalogName.schemaName');
    if (c.flavour === 'kubeflow' && c.filter) problem('filter is for the mlflow flavour; kubeflow imports every live registered model');
    if (c.flavour !== 'unity-catalog' && (c.catalogName || c.schemaName)) problem('catalogName and schemaName are for the unity-catalog flavour');
    if (c.flavour !== 'unity-catalog' && Object.keys(c.servingEnvironments).length) problem('servingEnvironments are read from Databricks Model Serving: unity-catalog only');
    // Kubeflow Model Registry has no aliases: nothing to compare with Modelport's environments, nothing to move.
    if (c.flavour === 'kubeflow' && Object.keys(c.aliases).length) problem('aliases are not supported for kubeflow: Kubeflow Model Registry has no aliases');
    if (c.flavour === 'kubeflow' && c.writeBack) problem('writeBack is not supported for kubeflow: Kubeflow Model Registry has no aliases to move');
    if (!c.namespace && (c.name.length > 63 || !NAMESPACE.test(c.name))) problem(`the name '${c.name}' is no catalog namespace: set namespace`);
  });

/**
 * Reads `models.registries`; refuses at start, naming the instance, what could never be imported.
 *
 * @public
 */
export function readRegistries(config: Config): RegistryInstanceConfig[] {
  const entries = config.getOptionalConfigArray('models.registries') ?? [];
  const names = new Set<string>();
  return entries.map((entry, i) => {
    const raw = entry.get<Record<string, unknown>>();
    const where = `models.registries[${i}]${typeof raw.name === 'string' ? ` (${raw.name})` : ''}`;
    const parsed = instanceSchema.safeParse(raw);
    if (!parsed.success) {
      throw new Error(`${where}: ${parsed.error.issues.map(issue => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ')}`);
    }
    const c = parsed.data;
    if (names.has(c.name)) throw new Error(`${where}: the name '${c.name}' is used twice`);
    names.add(c.name);
    return {
      name: c.name,
      flavour: c.flavour,
      url: c.url.replace(/\/+$/, ''),
      // A configured Authorization header wins over the token: both would be sent joined, which no server reads.
      headers: {
        ...(c.token && !Object.keys(c.headers ?? {}).some(h => h.toLowerCase() === 'authorization') ? { authorization: `Bearer ${c.token}` } : {}),
        ...c.headers,
      },
      timeoutMs: c.timeoutMs,
      namespace: c.namespace ?? c.name,
      owner: c.owner,
      aliases: c.aliases,
      writeBack: c.writeBack,
      filter: c.filter,
      catalogName: c.catalogName,
      schemaName: c.schemaName,
      servingEnvironments: c.servingEnvironments,
    };
  });
}
