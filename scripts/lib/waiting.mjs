// What the production test and the replicas benchmark both need to run processes: a free port, and a bounded
// wait for a condition (never for a fixed time).
import net from 'node:net';

/** A TCP port nothing listens on right now, on 127.0.0.1. */
export const freePort = () =>
  new Promise(res => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });

/** Resolves with fn's first truthy answer (errors count as no), polled every 250 ms, or fails after `seconds`. */
export async function until(what, fn, seconds = 120) {
  for (let i = 0; i < seconds * 4; i++) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    await new Promise(r => setTimeout(r, 250));
  }
  throw new Error(`timed out after ${seconds} s waiting for ${what}`);
}
