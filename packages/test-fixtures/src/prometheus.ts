import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

export type RunningPrometheus = { url: string; stop(): Promise<void> };

/** A target Prometheus scrapes every second, with labels added to its samples (as Kubernetes service discovery adds `namespace`). */
export type ScrapeTarget = { job: string; address: string; labels?: Record<string, string> };

/**
 * Starts a real Prometheus (Debian's package; PROMETHEUS_BIN and PROMTOOL_BIN override the binaries) on a free
 * loopback port, either with the given OpenMetrics samples backfilled by `promtool tsdb create-blocks-from
 * openmetrics` and scraping nothing, so that queries at the samples' timestamps always answer the same; or scraping
 * targets every second and evaluating rule files (Prometheus' YAML) every second.
 */
export async function startPrometheus(options: { openMetrics?: string; scrape?: ScrapeTarget[]; rules?: string[] }): Promise<RunningPrometheus> {
  const prometheus = process.env.PROMETHEUS_BIN ?? 'prometheus';
  const promtool = process.env.PROMTOOL_BIN ?? 'promtool';
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'modelport-prometheus-'));
  const data = path.join(dir, 'data');
  if (options.openMetrics !== undefined) {
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
  }
  const ruleFiles = await Promise.all(
    (options.rules ?? []).map(async (rules, i) => {
      const file = path.join(dir, `rules-${i}.yml`);
      await fs.writeFile(file, rules);
      return file;
    }),
  );
  // JSON is YAML: the configuration without a YAML library.
  const config = options.scrape
    ? {
        global: { scrape_interval: '1s', evaluation_interval: '1s' },
        rule_files: ruleFiles,
        scrape_configs: options.scrape.map(t => ({ job_name: t.job, static_configs: [{ targets: [t.address], labels: t.labels ?? {} }] })),
      }
    : { global: { evaluation_interval: '1h' }, rule_files: ruleFiles };
  await fs.writeFile(path.join(dir, 'prometheus.yml'), JSON.stringify(config, null, 2));

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

/** Stops a child process and waits for it to exit. */
export async function stopProcess(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exit = new Promise(resolve => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exit;
}

/** A loopback port nobody listens on now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}
