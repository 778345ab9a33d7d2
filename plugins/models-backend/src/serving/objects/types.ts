/** A condition as Kubernetes, Knative (KServe) and Seldon write them. */
export type Condition = { type: string; status: 'True' | 'False' | 'Unknown'; reason?: string; message?: string; lastTransitionTime?: string };

/** One side of a traffic split: a revision (KServe) or a candidate model (a Seldon Experiment). */
export type TrafficTarget = { revision?: string; percent: number; latest: boolean };

/**
 * What Modelport keeps of one serving object: enough to say whether it serves, what it serves and to whom, in the
 * vocabulary of its own controller. Everything optional is absent when the object does not say it.
 */
export type ServedObject = {
  /** A ServingEndpoint is a registry platform's (Databricks Model Serving): `namespace` is its registry connector. */
  kind: 'InferenceService' | 'SeldonModel' | 'SeldonExperiment' | 'Deployment' | 'ServingEndpoint';
  namespace: string;
  name: string;
  labels: Record<string, string>;
  /** The Ready condition (ModelReady for Seldon, Available for a Deployment); unknown while there is none. */
  ready: 'True' | 'False' | 'Unknown';
  /** The condition that keeps it from being ready, the most specific one first. */
  failing?: { condition: string; reason?: string; message?: string };
  url?: string;
  /** The model artifact the latest spec serves (storageUri). */
  artifact?: string;
  modelFormat?: string;
  runtime?: string;
  /** KServe's revisions; `artifactRevision` is the one known to serve `artifact` (see the reader). */
  revisions?: { latestReady?: string; latestCreated?: string; previousRolledOut?: string; latestRolledOut?: string; artifactRevision?: string };
  traffic: TrafficTarget[];
  canaryPercent?: number;
  replicas?: { desired?: number; min?: number; max?: number; ready?: number; available?: number };
  model?: {
    transition?: string;
    activeState?: string;
    targetState?: string;
    lastFailure?: { reason?: string; message?: string; location?: string; time?: string; exitCode?: number };
    copies?: { failed?: number; total?: number };
  };
  /** A Seldon Experiment's candidates: the Seldon Models it splits traffic between, by weight. */
  candidates?: Array<{ model: string; weight: number }>;
  /** A serving endpoint's served entities of the model: the registry's model name, the version, its traffic share. */
  servedEntities?: Array<{ name: string; model: string; version: string; percent: number }>;
  /** A serving endpoint's configuration update is under way; meanwhile it serves its current configuration. */
  updating?: boolean;
};

/** An object that could not be read as its kind: kept as a finding, never as a served model. */
export type UnreadableObject = { kind: string; namespace?: string; name?: string; problem: string };
