/*
 * Demo metrics for the example models.
 *   backfill <models.yaml> <epoch-seconds>          the history up to now, as OpenMetrics on stdout
 *   serve <models.yaml> <epoch-seconds> <port>      the live /metrics endpoint on 127.0.0.1
 */
import fs from 'node:fs';
import http from 'node:http';
import { backfill, exposition, samplesAt, scenarioFrom } from './scenario';

const [command, modelsFile, epochText, portText] = process.argv.slice(2);
const scenario = scenarioFrom(fs.readFileSync(modelsFile, 'utf8'), Number(epochText));
const now = () => Date.now() / 1000;

if (command === 'backfill') {
  for (const chunk of backfill(scenario, now())) process.stdout.write(chunk);
} else if (command === 'serve') {
  http
    .createServer((req, res) => {
      if (req.url !== '/metrics') {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(exposition(samplesAt(scenario, now())));
    })
    .listen(Number(portText), '127.0.0.1');
} else {
  process.stderr.write('usage: cli.ts backfill|serve <models.yaml> <epoch-seconds> [port]\n');
  process.exit(2);
}
