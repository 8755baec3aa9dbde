/**
 * The ceiling: a bare node:http server answering every GET with a body read once at start (the
 * service's own answer for the route being compared) and the headers the service sent with it, so it
 * sends the same bytes and does nothing a server could skip.
 * Paths: `/{name}` serves `{name}.json` with the headers in `{name}.headers` (JSON), from the directory
 * given as the first argument (`/{name}.gz`: `{name}.gz.json`, already gzipped, with Content-Encoding).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type OutgoingHttpHeaders } from 'node:http';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) throw new Error('usage: bare-server.ts DIR (of NAME.json bodies and NAME.headers)');
const answers = new Map<string, { body: Buffer; headers: OutgoingHttpHeaders }>();
for (const file of readdirSync(dir)) {
  if (!file.endsWith('.json')) continue;
  const name = file.slice(0, -'.json'.length);
  const body = readFileSync(join(dir, file));
  const kept = join(dir, `${name}.headers`);
  const headers: OutgoingHttpHeaders = existsSync(kept)
    ? (JSON.parse(readFileSync(kept, 'utf8')) as OutgoingHttpHeaders)
    : { 'content-type': 'application/json' };
  headers['content-length'] = body.length;
  if (name.endsWith('.gz')) headers['content-encoding'] = 'gzip';
  answers.set(`/${name}`, { body, headers });
}

const server = createServer((req, res) => {
  const answer = answers.get(req.url ?? '/');
  if (!answer) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, answer.headers);
  res.end(answer.body);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});
process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
