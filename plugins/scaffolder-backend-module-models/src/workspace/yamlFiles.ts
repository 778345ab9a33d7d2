import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import fs from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';

/** A path inside the task's workspace; one that leaves it (`..`, absolute) is the template's mistake. */
export function workspaceFile(workspacePath: string, relative: string): string {
  try {
    return resolveSafeChildPath(workspacePath, relative);
  } catch {
    throw new InputError(`${relative} is outside the task's workspace`);
  }
}

/** YAML as people write it by hand: block style, long strings left on one line, keys in the order given. */
export function toYaml(value: unknown): string {
  return YAML.stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** The documents of a YAML file, or none when it does not exist yet. */
export async function readDocuments(file: string): Promise<YAML.Document.Parsed[]> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const documents = YAML.parseAllDocuments(text) as YAML.Document.Parsed[];
  const broken = documents.find(d => d.errors.length);
  if (broken) throw new InputError(`${path.basename(file)} is not YAML: ${broken.errors[0].message}`);
  return documents;
}

/**
 * Adds a document at the end of a YAML file (creating it and its folders when needed), keeping what the file
 * held byte for byte: a catalog-info.yaml that a template's skeleton started with a Component and an API gets the
 * Model after them.
 */
export async function appendDocument(file: string, value: unknown): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  let before = '';
  try {
    before = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const separator = before.trim() === '' ? '' : `${before.endsWith('\n') ? '' : '\n'}---\n`;
  await fs.writeFile(file, `${before.trim() === '' ? '' : before}${separator}${toYaml(value)}`);
}

/** Writes a file of YAML documents, replacing it. */
export async function writeDocuments(file: string, values: unknown[], header?: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const body = values.map(toYaml).join('---\n');
  await fs.writeFile(file, header ? `${header.split('\n').map(l => `# ${l}`.trimEnd()).join('\n')}\n${body}` : body);
}
