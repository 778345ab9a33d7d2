import { listenHttp } from '@internal/test-fixtures';
import http from 'node:http';

/**
 * A local HTTP server for answers a healthy Prometheus does not give on demand (errors, silence); the handler
 * speaks Prometheus' wire format. close() also drops connections the handler never answered.
 */
export async function fakeHttpServer(handler: http.RequestListener) {
  return listenHttp(http.createServer(handler));
}
