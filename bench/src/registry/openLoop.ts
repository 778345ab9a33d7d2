/*
 * An open-loop load generator: requests are sent at evenly spaced instants over a fixed number of keep-alive
 * connections, whether or not earlier answers have come back, and each latency is measured from the instant the
 * request was due, not from when a connection was free to send it (so a stall counts against every request it
 * delays, as wrk2 measures). Written here because autocannon's fixed-rate mode sends each connection's quota
 * for the second as fast as it can at the start of every second and corrects for coordinated omission with a
 * 1 ms interval whatever the rate, which measures its own bursts rather than the server; the parts are
 * libraries: undici's connection pool and hdr-histogram-js.
 */
import * as hdr from 'hdr-histogram-js';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';

export interface OpenLoopOptions {
  origin: string;
  connections: number;
  /** Requests per second, evenly spaced. */
  rate: number;
  seconds: number;
  headers: Record<string, string>;
  pathFor(index: number): string;
}

export interface OpenLoopRun {
  requests: number;
  /** Requests answered per second over the run, which falls short of the rate when the server cannot keep up. */
  achievedRate: number;
  failures: number;
  /** Latencies in microseconds; the caller merges runs with `latencyOf` and destroys it. */
  histogram: hdr.Histogram;
}

export function newHistogram() {
  // Microseconds, 3 significant digits.
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3 });
}

/** Percentiles over all the requests of several runs (not a median of each run's percentiles). */
export function latencyOf(runs: OpenLoopRun[]) {
  const all = newHistogram();
  for (const run of runs) {
    all.add(run.histogram);
    run.histogram.destroy();
  }
  const latency = {
    requests: all.totalCount,
    p50Ms: all.getValueAtPercentile(50) / 1000,
    p90Ms: all.getValueAtPercentile(90) / 1000,
    p99Ms: all.getValueAtPercentile(99) / 1000,
    p999Ms: all.getValueAtPercentile(99.9) / 1000,
    maxMs: all.maxValue / 1000,
  };
  all.destroy();
  return latency;
}

export async function openLoop(options: OpenLoopOptions): Promise<OpenLoopRun> {
  const pool = new Pool(options.origin, { connections: options.connections, pipelining: 1 });
  const histogram = newHistogram();
  const total = Math.round(options.rate * options.seconds);
  const interval = 1000 / options.rate;
  let failures = 0;
  const inFlight: Array<Promise<void>> = [];
  const send = async (index: number, due: number) => {
    try {
      const response = await pool.request({ method: 'GET', path: options.pathFor(index), headers: options.headers });
      await response.body.arrayBuffer();
      if (response.statusCode !== 200) failures++;
    } catch {
      failures++;
    }
    histogram.recordValue(Math.max(1, Math.round((performance.now() - due) * 1000)));
  };
  const start = performance.now() + 20;
  let next = 0;
  while (next < total) {
    const now = performance.now();
    // Every request that is due by now goes out now; its latency still counts from the instant it was due.
    while (next < total && start + next * interval <= now) {
      inFlight.push(send(next, start + next * interval));
      next++;
    }
    if (next < total) await sleep(Math.max(0, start + next * interval - performance.now()));
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - start) / 1000;
  await pool.close();
  return { requests: total, achievedRate: total / elapsed, failures, histogram };
}
