import http from 'node:http';
import type net from 'node:net';

/**
 * A local HTTP server for answers a healthy Prometheus does not give on demand (errors, silence); the handler
 * speaks Prometheus' wire format. close() also drops connections the handler never answered.
 */
export async function fakeHttpServer(handler: http.RequestListener) {
  const server = http.createServer(handler);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const sockets = new Set<net.Socket>();
  server.on('connection', s => sockets.add(s).size);
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    close: async () => {
      sockets.forEach(s => s.destroy());
      await new Promise(resolve => server.close(resolve));
    },
  };
}
