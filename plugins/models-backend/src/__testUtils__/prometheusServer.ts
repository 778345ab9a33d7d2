import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

export type RunningPrometheus = { url: string; stop(): Promise<void> };

/**
 * Starts a real Prometheus (Debian's package; PROMETHEUS_BIN and PROMTOOL_BIN override the binaries) on a free
 * loopback port, with the given OpenMetrics samples backfilled by `promtool tsdb create-blocks-from openmetrics`.
 * It scrapes nothing, so queries at the samples' timestamps always answer the same.
 */
export async function startPrometheus(options: { openMetrics: string }): Promise<RunningPrometheus> {
  const prometheus = process.env.PROMETHEUS_BIN ?? 'prometheus';
  const promtool = process.env.PROMTOOL_BIN ?? 'promtool';
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'modelport-prometheus-'));
  const data = path.join(dir, 'data');
  const input = path.join(dir, 'samples.om');
  await fs.writeFile(input, options.openMetrics.endsWith('# EOF\n') ? options.openMetrics : `${options.openMetrics}# EOF\n`);
  try {
    await promisify(execFile)(promtool, ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', input, data]);
  } catch (error) {
    await fs.rm(dir, { recursive: true, force: true });
    if ((error as { code?: string }).code === 'ENOENT') {
      throw new Error(`${promtool} is not installed; scripts/test and .ci/run install Debian's prometheus package`);
    }
    throw error;
  }
  await fs.writeFile(path.join(dir, 'prometheus.yml'), 'global:\n  evaluation_interval: 1h\n');

  const port = await freePort();
  const child = spawn(
    prometheus,
    [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${data}`,
      '--storage.tsdb.retention.time=100y',
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr!.on('data', chunk => {
    log = (log + chunk).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopProcess(child);
    await fs.rm(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(url, child, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

async function waitUntilReady(url: string, child: ChildProcess, log: () => string) {
  const exited = new Promise<never>((_, reject) => {
    child.once('error', reject);
    child.once('exit', code => reject(new Error(`Prometheus exited with ${code} before it was ready:\n${log()}`)));
  });
  const ready = (async () => {
    for (;;) {
      const ok = await fetch(`${url}/-/ready`).then(r => r.ok, () => false);
      if (ok) return;
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  })();
  await Promise.race([ready, exited]);
  child.removeAllListeners('exit');
}

async function stopProcess(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exit = new Promise(resolve => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exit;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}
