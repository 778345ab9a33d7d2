import fs from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import path from 'node:path';

/**
 * Serves a folder over HTTP, as a Git host serves a repository's raw files, so that the real catalog reads a
 * template's output as the URL location it becomes (relative `$text` placeholders included). Set `root` before
 * asking; allow the host in `backend.reading.allow`.
 */
export async function startFileServer() {
  const state = { root: '' };
  const server = http.createServer((req, res) => {
    const file = path.join(state.root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (!state.root || !file.startsWith(state.root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end('Not Found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(fs.readFileSync(file));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return { host, url: `http://${host}`, state, close: () => new Promise(resolve => server.close(resolve)) };
}
