/**
 * Fixtures for this repository's tests: the example Models of `examples/models.yaml`, the same file the demo
 * portal's catalog reads, so that every test and the demo describe one churn classifier, not copies of it; a
 * real Prometheus, backfilled or scraping; and the listening and stopping the sandbox servers share.
 *
 * @packageDocumentation
 */
import yaml from 'js-yaml';
import fs from 'node:fs';
import path from 'node:path';
import type { Entity } from '@backstage/catalog-model';

// This private package is never bundled or published: it reads the repository's examples/ next to it.
// eslint-disable-next-line no-restricted-syntax
const examplesFile = path.resolve(__dirname, '../../../examples/models.yaml');

/**
 * Every Model of the examples, as written (no relations: the catalog adds those). Typed by the caller (usually
 * `ModelEntityV1alpha1`): this package does not depend on models-common, whose own tests use it.
 */
export function exampleModels<T extends Entity = Entity>(): T[] {
  return yaml.loadAll(fs.readFileSync(examplesFile, 'utf8')).filter(
    (doc): doc is T => (doc as { kind?: string } | null)?.kind === 'Model',
  );
}

/** One example Model by name, e.g. `churn-classifier`, in the `default` namespace as the catalog serves it. */
export function exampleModel<T extends Entity = Entity>(name: string): T {
  const found = exampleModels<T>().find(m => m.metadata.name === name);
  if (!found) throw new Error(`examples/models.yaml has no Model ${name}`);
  return { ...found, metadata: { namespace: 'default', ...found.metadata } };
}

export { freePort, type RunningPrometheus, type ScrapeTarget, startPrometheus, stopProcess } from './prometheus';
export { type ListeningServer, listenHttp, runUntilSignal } from './localServer';
