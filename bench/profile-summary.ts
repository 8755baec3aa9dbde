/**
 * Where a CPU profile's time went: self time grouped by package (dependency, Node internals, our
 * src/) and the top functions. Usage: tsx bench/profile-summary.ts FILE [--top N]
 * (`npm run bench -- --profile` writes bench/results/service-profile.json).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { table } from './table.js';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly hitCount?: number;
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '25' } },
});
const file = positionals[0];
if (!file) throw new Error('usage: tsx bench/profile-summary.ts FILE [--top N]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; startTime: number; endTime: number };

/** A short owner for a script URL: the npm package, node:internal area, our file, or a V8 pseudo-frame. */
function owner(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return url.replace(/^node:internal\/([^/]+).*/, 'node:$1');
  const ours = /\/(src|bench)\/(.+)$/.exec(url);
  return ours ? `${ours[1]}/${ours[2]}` : url;
}

// Shares are of busy time: the service idles while the bench loads the bare server or seeds.
const isIdle = (n: ProfileNode) => n.callFrame.functionName === '(idle)';
const all = profile.nodes.reduce((n, x) => n + (x.hitCount ?? 0), 0);
const total = profile.nodes.reduce((n, x) => n + (isIdle(x) ? 0 : (x.hitCount ?? 0)), 0);
const byOwner = new Map<string, number>();
const byFunction = new Map<string, number>();
for (const n of profile.nodes) {
  const hits = n.hitCount ?? 0;
  if (hits === 0 || isIdle(n)) continue;
  const o = owner(n.callFrame.url, n.callFrame.functionName);
  byOwner.set(o, (byOwner.get(o) ?? 0) + hits);
  const f = `${n.callFrame.functionName || '(anonymous)'} ${o}:${n.callFrame.lineNumber + 1}`;
  byFunction.set(f, (byFunction.get(f) ?? 0) + hits);
}
const pct = (hits: number) => `${((100 * hits) / total).toFixed(1)}%`;
const top = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top));

const seconds = (profile.endTime - profile.startTime) / 1e6;
console.log(
  `${file}: ${seconds.toFixed(1)} s, busy ${((100 * total) / all).toFixed(0)}% of samples; shares of busy time\n`,
);
console.log(table([['self time by owner', 'share'], ...top(byOwner).map(([k, v]) => [k, pct(v)])]));
console.log();
console.log(table([['self time by function', 'share'], ...top(byFunction).map(([k, v]) => [k, pct(v)])]));
