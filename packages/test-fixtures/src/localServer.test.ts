import { spawn } from 'node:child_process';
import http from 'node:http';
import { listenHttp } from './localServer';

/** Sends one GET over `agent`; resolves with the status, or with the error that ended the request. */
function get(url: string, agent: http.Agent): Promise<number | Error> {
  return new Promise(resolve => {
    http
      .get(url, { agent }, res => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      })
      .on('error', resolve);
  });
}

describe('listenHttp', () => {
  it('answers on the port it took, and close() ends a kept-alive connection and one waiting for an answer', async () => {
    let seen!: () => void;
    const waiting = new Promise<void>(resolve => (seen = resolve));
    const running = await listenHttp(http.createServer((req, res) => (req.url === '/never' ? seen() : res.end('ok'))));
    expect(running.url).toBe(`http://127.0.0.1:${running.port}`);
    expect(running.port).toBeGreaterThan(0);

    const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
    expect(await get(`${running.url}/`, agent)).toBe(200);
    const unanswered = get(`${running.url}/never`, agent);
    await waiting;

    await running.close();
    expect(await unanswered).toMatchObject({ code: 'ECONNRESET' });
    expect(await get(`${running.url}/`, new http.Agent())).toMatchObject({ code: 'ECONNREFUSED' });
    agent.destroy();
  });

  it('rejects with an error naming the address when the port is taken', async () => {
    const first = await listenHttp(http.createServer());
    try {
      await expect(listenHttp(http.createServer(), { port: first.port })).rejects.toThrow(`127.0.0.1:${first.port} is already in use by another server`);
    } finally {
      await first.close();
    }
  });
});

describe('runUntilSignal', () => {
  const nodeTransform = require.resolve('@backstage/cli-node/config/nodeTransform.cjs');
  // A real process, as the sandboxes' command lines run: the signal and the exit code are the point, and jest's own
  // process must not exit. Its server keeps it running until stopped.
  const script = `
    const { listenHttp, runUntilSignal } = require(${JSON.stringify(require.resolve('./localServer'))});
    runUntilSignal(async () => {
      const running = await listenHttp(require('node:http').createServer());
      console.log('started');
      return async () => {
        await running.close();
        console.log('stopped');
      };
    });`;

  it.each(['SIGTERM', 'SIGINT'] as const)('stops the server on %s and exits 0', async signal => {
    const child = spawn(process.execPath, ['--require', nodeTransform, '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    await new Promise<void>(started =>
      child.stdout.on('data', chunk => {
        out += chunk;
        if (out.includes('started')) started();
      }),
    );
    const exited = new Promise(resolve => child.on('close', (code, sig) => resolve(code ?? sig)));
    child.kill(signal);
    expect(await exited).toBe(0);
    expect(out).toBe('started\nstopped\n');
  });

  it('exits 1 with the error when the start fails', async () => {
    const failing = script.replace("console.log('started');", "throw new Error('no start for you');");
    const child = spawn(process.execPath, ['--require', nodeTransform, '-e', failing], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', chunk => (err += chunk));
    expect(await new Promise(resolve => child.on('close', code => resolve(code)))).toBe(1);
    expect(err).toContain('no start for you');
  });
});
