// Runs a Dockerfile's steps on the host, into a clean folder, so that a test proves the steps the image runs on
// machines without Docker. COPY copies from the build context (the repository root), RUN runs with bash in the
// WORKDIR with the ENV so far, and the CMD is written as JSON for the caller to start. FROM, USER and EXPOSE
// describe the image, and an instruction after a comment that starts with "image only" is skipped: it installs
// what the host already has (compilers, pnpm). Written here because no library runs a Dockerfile without a daemon.
// Usage: node scripts/lib/dockerfile-steps.mjs DOCKERFILE CONTEXT_DIR ROOT_DIR CMD_OUT_FILE
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';

const [dockerfile, context, root, cmdOut] = process.argv.slice(2);
if (!cmdOut) {
  console.error('usage: dockerfile-steps.mjs DOCKERFILE CONTEXT_DIR ROOT_DIR CMD_OUT_FILE');
  process.exit(2);
}

/** Instructions with their continuation lines joined, and whether an "image only" comment precedes them. */
function instructions(text) {
  const out = [];
  let imageOnly = false;
  let current;
  for (const line of text.split('\n')) {
    if (current !== undefined) {
      current += ` ${line.trim()}`;
    } else if (/^\s*#/.test(line)) {
      if (/^\s*#\s*image only\b/i.test(line)) imageOnly = true;
      continue;
    } else if (!line.trim()) {
      continue;
    } else {
      current = line.trim();
    }
    if (current.endsWith('\\')) {
      current = current.slice(0, -1).trimEnd();
      continue;
    }
    const [, op, args] = /^(\w+)\s+([\s\S]*)$/.exec(current);
    out.push({ op: op.toUpperCase(), args, imageOnly });
    current = undefined;
    imageOnly = false;
  }
  return out;
}

const env = { ...process.env };
let workdir = root;
mkdirSync(root, { recursive: true });
const inImage = p => (isAbsolute(p) ? join(root, p) : resolve(workdir, p));

for (const { op, args, imageOnly } of instructions(readFileSync(dockerfile, 'utf8'))) {
  if (imageOnly || ['FROM', 'USER', 'EXPOSE', 'LABEL', 'ARG'].includes(op)) {
    console.log(`[dockerfile] skipped ${op} ${imageOnly ? '(image only)' : ''}`);
    continue;
  }
  if (op === 'WORKDIR') {
    workdir = inImage(args.trim());
    mkdirSync(workdir, { recursive: true });
  } else if (op === 'ENV') {
    for (const [, k, v] of args.matchAll(/(\w+)=("[^"]*"|\S+)/g)) env[k] = v.replace(/^"|"$/g, '');
  } else if (op === 'COPY') {
    const parts = args.split(/\s+/).filter(p => !p.startsWith('--'));
    const dest = parts.pop();
    const toDir = dest.endsWith('/') || parts.length > 1;
    for (const src of parts) {
      const from = resolve(context, src);
      const to = toDir ? join(inImage(dest), statSync(from).isDirectory() ? '' : basename(src)) : inImage(dest);
      console.log(`[dockerfile] COPY ${src} -> ${to}`);
      cpSync(from, to, { recursive: true });
    }
  } else if (op === 'RUN') {
    const script = args.replace(/--mount=\S+\s*/g, '');
    console.log(`[dockerfile] RUN ${script}`);
    execFileSync('bash', ['-euo', 'pipefail', '-c', script], { cwd: workdir, env, stdio: 'inherit' });
  } else if (op === 'CMD') {
    writeFileSync(cmdOut, JSON.stringify({ cwd: workdir, env: { NODE_ENV: env.NODE_ENV }, cmd: JSON.parse(args) }));
  } else {
    throw new Error(`dockerfile-steps.mjs does not know ${op}; add it here or keep the Dockerfile to what it runs`);
  }
}
