import type { JsonObject } from '@backstage/types';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import YAML from 'yaml';

/** The repository's templates folder: the files the portal's catalog registers. */
export const TEMPLATES = path.resolve(__dirname, '../../../../templates');

function filesOf(dir: string, base = dir): Array<{ path: string; base64Content: string }> {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesOf(full, base);
    return [{ path: path.relative(base, full), base64Content: fs.readFileSync(full).toString('base64') }];
  });
}

export type DryRunResult = {
  status: number;
  /** The workspace the steps left, by path. */
  files: Record<string, string>;
  log: string;
  /** The message of the step that failed: the dry run answers 400 with it. */
  error?: string;
  output: Record<string, unknown>;
  body: unknown;
};

/**
 * Runs a template of templates/ through the scaffolder's real dry run (`POST /api/scaffolder/v2/dry-run`), with its
 * skeleton as the template editor sends it, as `user`.
 */
export async function dryRun(server: Parameters<typeof request>[0], template: string, values: JsonObject, authorization: string): Promise<DryRunResult> {
  const dir = path.join(TEMPLATES, template);
  const res = await request(server)
    .post('/api/scaffolder/v2/dry-run')
    .set('Authorization', authorization)
    .send({ template: YAML.parse(fs.readFileSync(path.join(dir, 'template.yaml'), 'utf8')), values, directoryContents: filesOf(dir) });
  const body = res.body as { error?: { message?: string }; log?: Array<{ body: { message?: string } }>; directoryContents?: Array<{ path: string; base64Content: string }>; output?: Record<string, unknown> };
  return {
    status: res.status,
    files: Object.fromEntries((body.directoryContents ?? []).map(f => [f.path, Buffer.from(f.base64Content, 'base64').toString('utf8')])),
    log: (body.log ?? []).map(l => l.body.message ?? '').join('\n'),
    error: body.error?.message,
    output: body.output ?? {},
    body: res.body,
  };
}

/** Writes a dry run's files to a folder, to run what they hold. */
export function writeFiles(dir: string, files: Record<string, string>) {
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
}
