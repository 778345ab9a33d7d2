import { stopProcess } from '@internal/test-fixtures';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';

/** Debian's Python with python3-sklearn and python3-prometheus-client (scripts/test installs them); MODELPORT_PYTHON overrides. */
export const PYTHON = process.env.MODELPORT_PYTHON ?? '/usr/bin/python3';

/** Runs a Python module of a generated repository, e.g. `modelservice.train`, in that repository; rejects with its output. */
export async function runPython(cwd: string, args: string[], env: Record<string, string> = {}) {
  try {
    return await promisify(execFile)(PYTHON, args, { cwd, env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const e = error as { code?: number | string; stdout?: string; stderr?: string };
    if (e.code === 'ENOENT') throw new Error(`${PYTHON} is missing: scripts/test installs Debian's python3-sklearn and python3-prometheus-client`);
    throw Object.assign(new Error(`${args.join(' ')} exited with ${e.code}:\n${e.stdout}\n${e.stderr}`), { stdout: e.stdout, stderr: e.stderr, exitCode: e.code });
  }
}

/** The generated model server, started as KServe's ServingRuntime starts it, on a free port it reports. */
export async function startModelServer(cwd: string, modelName: string, modelDir: string): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const child = spawn(PYTHON, ['-m', 'modelservice.server', `--model_name=${modelName}`, `--model_dir=${modelDir}`, '--http_port=0'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk;
      const found = /listening on (\d+)/.exec(output);
      if (found) resolve(Number(found[1]));
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('error', reject);
    child.once('exit', code => reject(new Error(`the model server exited with ${code}:\n${output}`)));
  });
  child.removeAllListeners('exit');
  return { url: `http://127.0.0.1:${port}`, child, stop: () => stopProcess(child) };
}
