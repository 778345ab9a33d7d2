import type { NewModelVersion } from '@modelport/plugin-models-common';
import type { ExternalModelVersion, ExternalRunData } from '@modelport/plugin-models-node';

const VERSION_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,99}$/;
const NAME = /^\S(.*\S)?$/;
const isName = (text: string) => text.length <= 200 && NAME.test(text);

function isUrl(text: string | undefined): text is string {
  if (!text || text.length > 2000) return false;
  try {
    return Boolean(new URL(text));
  } catch {
    return false;
  }
}

/**
 * The registry's version for an outside one, within what the API accepts of any version (names, sizes): what does
 * not fit is left out rather than refusing the version, except a version name or artifact the registry cannot
 * hold, for which the answer is why.
 */
export function versionInput(external: ExternalModelVersion, run: ExternalRunData | undefined): NewModelVersion | { unfit: string } {
  if (!VERSION_NAME.test(external.version)) return { unfit: `version name '${external.version}' is not one the registry accepts` };
  const artifactUri = external.source.trim();
  if (!artifactUri || artifactUri.length > 2000) return { unfit: `version ${external.version} has no usable artifact location` };
  const framework = [external.tags.framework, external.tags.flavor].map(t => t?.trim()).find(t => t && isName(t)) ?? 'mlflow';
  const metrics = Object.fromEntries(Object.entries(run?.metrics ?? {}).filter(([k, v]) => isName(k) && Number.isFinite(v)));
  const parameters = Object.fromEntries(Object.entries(run?.params ?? {}).filter(([k]) => isName(k)).map(([k, v]) => [k, v.slice(0, 2000)]));
  // The version's own run link when the registry gives one, else the run's page as reading the run found it.
  const runUrl = [external.runUrl, run?.runUrl].find(isUrl);
  const tags = Object.entries(external.tags)
    .map(([k, v]) => `${k}=${v}`.trim())
    .filter(isName)
    .slice(0, 50);
  return {
    version: external.version,
    artifactUri,
    framework,
    metrics,
    parameters,
    ...(runUrl ? { sourceRunUrl: runUrl } : {}),
    ...(external.description ? { description: external.description.slice(0, 10_000) } : {}),
    tags,
  };
}
