/*
 * OpenTelemetry for the backend, as Backstage documents it (docs/tutorials/setup-opentelemetry): loaded before the
 * backend with `node --require ./instrumentation.js` (the Dockerfile, scripts/test-bundle) or
 * `backstage-cli package start --require ./src/instrumentation.js`. Metrics of every plugin, Modelport's included
 * (docs/grafana/modelport.json), are served for Prometheus at :9464/metrics (OTEL_EXPORTER_PROMETHEUS_HOST and _PORT change where).
 * Traces are off unless OTEL_TRACES_EXPORTER names an exporter (the SDK would otherwise send OTLP to localhost).
 */
const { isMainThread } = require('node:worker_threads');

if (isMainThread) {
  process.env.OTEL_TRACES_EXPORTER ??= 'none';
  const { NodeSDK } = require('@opentelemetry/sdk-node');
  const { PrometheusExporter } = require('@opentelemetry/exporter-prometheus');
  // Every interface, as a container needs for Prometheus to scrape it; the exporter itself defaults to localhost.
  const exporter = new PrometheusExporter({
    host: process.env.OTEL_EXPORTER_PROMETHEUS_HOST ?? '0.0.0.0',
    port: Number(process.env.OTEL_EXPORTER_PROMETHEUS_PORT ?? 9464),
  });
  const sdk = new NodeSDK({ metricReaders: [exporter] });
  sdk.start();
  // The metrics endpoint closes with the process; shutting the SDK down flushes nothing a scrape would miss.
  process.once('beforeExit', () => sdk.shutdown());
}
