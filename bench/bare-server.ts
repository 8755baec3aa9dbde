/**
 * The ceiling: a bare node:http server answering every GET with a body read once at start (the
 * service's own answer for the route being compared), so it does nothing a server could skip.
 * Paths: `/{name}` serves `{name}.json` from the directory given as the first argument (`/{name}.gz`,
 * `{name}.gz.json`, with Content-Encoding: gzip).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) throw new Error('usage: bare-server.ts DIR (of NAME.json bodies)');
const bodies = new Map<string, Buffer>();
for (const file of readdirSync(dir)) {
  if (file.endsWith('.json')) bodies.set(`/${file.slice(0, -'.json'.length)}`, readFileSync(join(dir, file)));
}

const server = createServer((req, res) => {
  const body = bodies.get(req.url ?? '/');
  if (!body) {
    res.writeHead(404).end();
    return;
  }
  // `/NAME.gz` bodies are gzipped already, as the service sends them to a client that accepts gzip.
  const encoding = req.url?.endsWith('.gz') ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {};
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length, ...encoding });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});
process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
