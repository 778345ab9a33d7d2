import { z } from 'zod';

/**
 * What the connectors read from MLflow's and Databricks' answers, checked before use. Only the fields Modelport
 * maps are named; the others pass unread. int64 fields may come as numbers or as strings of digits (proto3 JSON).
 */

const int64 = z.union([z.number(), z.string().regex(/^-?\d+$/)]).transform(Number);
/** MLflow writes absent strings as empty ones in places; both read as absent. */
const text = z
  .string()
  .optional()
  .transform(s => s || undefined);
const keyValues = z
  .array(z.object({ key: z.string(), value: z.string().optional().default('') }))
  .optional()
  .default([]);
export const versionStatus = z.enum(['PENDING_REGISTRATION', 'FAILED_REGISTRATION', 'READY']);
const nextPageToken = text;

export const mlflowModelsPage = z.object({
  registered_models: z
    .array(
      z.object({
        name: z.string().min(1),
        description: text,
        last_updated_timestamp: int64.optional(),
        tags: keyValues,
        aliases: z
          .array(z.object({ alias: z.string(), version: z.union([z.string(), z.number()]).transform(String) }))
          .optional()
          .default([]),
        latest_versions: z
          .array(z.object({ version: z.union([z.string(), z.number()]).transform(String) }))
          .optional()
          .default([]),
      }),
    )
    .optional()
    .default([]),
  next_page_token: nextPageToken,
});

export const mlflowVersionsPage = z.object({
  model_versions: z
    .array(
      z.object({
        name: z.string().min(1),
        version: z.union([z.string().min(1), z.number()]).transform(String),
        creation_timestamp: int64.optional(),
        description: text,
        source: z.string().optional().default(''),
        run_id: text,
        run_link: text,
        status: versionStatus,
        tags: keyValues,
      }),
    )
    .optional()
    .default([]),
  next_page_token: nextPageToken,
});

/** A Run, as `runs/get` answers one and `runs/search` a page of them. */
const run = z.object({
  info: z.object({ run_id: z.string().optional(), run_uuid: z.string().optional(), experiment_id: z.string() }),
  data: z
    .object({
      metrics: z
        .array(z.object({ key: z.string(), value: z.union([z.number(), z.string()]).transform(Number), timestamp: int64.optional(), step: int64.optional() }))
        .optional()
        .default([]),
      params: keyValues,
    })
    .optional()
    .default({ metrics: [], params: [] }),
});
export type MlflowRun = z.output<typeof run>;

export const mlflowRun = z.object({ run });

export const mlflowRunsPage = z.object({
  runs: z.array(run).optional().default([]),
  next_page_token: nextPageToken,
});

/** Only the ids are read: a run search names the experiments to search in. */
export const mlflowExperimentsPage = z.object({
  experiments: z
    .array(z.object({ experiment_id: z.string().min(1) }))
    .optional()
    .default([]),
  next_page_token: nextPageToken,
});

export const ucModelsPage = z.object({
  registered_models: z
    .array(
      z.object({
        name: z.string().min(1),
        catalog_name: z.string().min(1),
        schema_name: z.string().min(1),
        full_name: z.string().min(1),
        comment: text,
        updated_at: int64.optional(),
        aliases: z
          .array(z.object({ alias_name: z.string(), version_num: int64 }))
          .optional()
          .default([]),
      }),
    )
    .optional()
    .default([]),
  next_page_token: nextPageToken,
});

export const ucVersionsPage = z.object({
  model_versions: z
    .array(
      z.object({
        version: int64,
        source: z.string().optional().default(''),
        storage_location: text,
        run_id: text,
        status: versionStatus,
        comment: text,
        created_at: int64.optional(),
      }),
    )
    .optional()
    .default([]),
  next_page_token: nextPageToken,
});

const servedEntity = z.object({
  name: z.string(),
  // Legacy endpoints list served_models with model_name and model_version instead.
  entity_name: z.string().optional(),
  entity_version: z.union([z.string(), z.number()]).transform(String).optional(),
  model_name: z.string().optional(),
  model_version: z.union([z.string(), z.number()]).transform(String).optional(),
});

const endpointState = z
  .object({ ready: z.string().optional(), config_update: z.string().optional() })
  .optional()
  .default({});

export const servingEndpointsList = z.object({
  endpoints: z
    .array(z.object({ name: z.string().min(1) }))
    .optional()
    .default([]),
});

export const servingEndpoint = z.object({
  name: z.string().min(1),
  state: endpointState,
  config: z
    .object({
      served_entities: z.array(servedEntity).optional(),
      served_models: z.array(servedEntity).optional(),
      traffic_config: z
        .object({
          routes: z
            .array(z.object({ served_model_name: z.string().optional(), served_entity_name: z.string().optional(), traffic_percentage: int64 }))
            .optional()
            .default([]),
        })
        .optional(),
    })
    .optional(),
});

/**
 * Kubeflow Model Registry (REST API v1alpha3, kubeflow/model-registry api/openapi/src/model-registry.yaml and
 * lib/common.yaml): lists are BaseResourceLists `{ items, nextPageToken, pageSize, size }` whose nextPageToken is
 * empty on the last page; ids and times since epoch are int64 written as strings; `customProperties` maps names to
 * MetadataValues `{ metadataType: 'MetadataStringValue', string_value }` (or int_value, double_value, bool_value,
 * struct_value, proto_value by type).
 */
const kubeflowList = <T extends z.ZodType>(item: T) =>
  z.object({
    // A Go server writes an empty list as null.
    items: z
      .array(item)
      .nullish()
      .transform(items => items ?? []),
    nextPageToken: nextPageToken,
  });

const kubeflowProperties = z
  .record(z.string(), z.object({ metadataType: z.string(), string_value: z.string().optional() }).loose())
  .nullish()
  .transform(properties => properties ?? {});

/** The string custom properties, as tags; the Kubeflow UI keeps labels as string properties with an empty value. */
export const stringProperties = (properties: Record<string, { metadataType: string; string_value?: string }>) =>
  Object.fromEntries(Object.entries(properties).flatMap(([key, v]) => (v.metadataType === 'MetadataStringValue' && typeof v.string_value === 'string' ? [[key, v.string_value]] : [])));

/** RegisteredModelState and ModelVersionState; LIVE when absent, the API's default. */
const kubeflowState = z.enum(['LIVE', 'ARCHIVED']).optional().default('LIVE');

export const kubeflowModel = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  description: text,
  state: kubeflowState,
  customProperties: kubeflowProperties,
  lastUpdateTimeSinceEpoch: int64.optional(),
});

export const kubeflowModelsPage = kubeflowList(kubeflowModel);

export const kubeflowVersionsPage = kubeflowList(
  z.object({
    id: z.string().min(1),
    name: z.string().min(1),
    registeredModelId: z.string().min(1),
    description: text,
    state: kubeflowState,
    customProperties: kubeflowProperties,
    createTimeSinceEpoch: int64.optional(),
    lastUpdateTimeSinceEpoch: int64.optional(),
  }),
);

/** A version's artifacts: model artifacts, and others (doc-artifact, metric, ...) that a server ignoring artifactType may add. */
export const kubeflowArtifactsPage = kubeflowList(
  z.object({
    id: z.string().min(1),
    artifactType: z.string().optional(),
    uri: text,
    // ArtifactState: UNKNOWN (the default), PENDING, LIVE, MARKED_FOR_DELETION, DELETED, ABANDONED, REFERENCE.
    state: z.string().optional().default('UNKNOWN'),
    modelFormatName: text,
  }),
);

/** Alias writes answer an empty object (MLflow) or the alias (Unity Catalog); neither is read. */
export const anyObject = z.object({}).loose();

export const iso = (ms: number | undefined) => (ms === undefined || !Number.isFinite(ms) || ms <= 0 ? undefined : new Date(ms).toISOString());

export const record = (pairs: Array<{ key: string; value: string }>) => Object.fromEntries(pairs.map(p => [p.key, p.value]));

/** The last value of each metric: the highest step, then the latest timestamp, as MLflow's own UI shows it. */
export function lastMetrics(metrics: Array<{ key: string; value: number; timestamp?: number; step?: number }>): Record<string, number> {
  const last = new Map<string, { value: number; step: number; timestamp: number }>();
  for (const m of metrics) {
    const [step, timestamp] = [m.step ?? 0, m.timestamp ?? 0];
    const seen = last.get(m.key);
    if (!seen || step > seen.step || (step === seen.step && timestamp >= seen.timestamp)) last.set(m.key, { value: m.value, step, timestamp });
  }
  return Object.fromEntries([...last].map(([key, m]) => [key, m.value]));
}
