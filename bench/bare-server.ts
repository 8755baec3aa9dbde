/**
 * The ceiling: a bare node:http server answering each request target it was given with what the
 * service answered to it (status, headers, body), read once at start, so it sends the same bytes and
 * does nothing a server could skip. Its one argument: a directory with `manifest.json`
 * (`[{ path, status, file, headers }]`) and the body files it names.
 */
import { readFileSync } from 'node:fs';
import { createServer, type OutgoingHttpHeaders } from 'node:http';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) throw new Error('usage: bare-server.ts DIR (with manifest.json)');
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
  path: string;
  status: number;
  file: string;
  headers: OutgoingHttpHeaders;
}[];
const answers = new Map<string, { status: number; body: Buffer; headers: OutgoingHttpHeaders }>();
for (const a of manifest) {
  const body = readFileSync(join(dir, a.file));
  answers.set(a.path, { status: a.status, body, headers: { ...a.headers, 'content-length': body.length } });
}

const server = createServer((req, res) => {
  const answer = answers.get(req.url ?? '/');
  if (!answer) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(answer.status, answer.headers);
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
