/**
 * Which methods each registered path answers, so that a known path asked with another method gets
 * 405 with `Allow` instead of 404. Paths are Fastify patterns (`/rates/:date`, `/trpc/:path`).
 */
export class AllowedMethods {
  private readonly routes: { pattern: RegExp; methods: Set<string> }[] = [];

  add(url: string, methods: string | readonly string[]): void {
    const source = url
      .split('/')
      .map((s) => (s.startsWith(':') ? '[^/]+' : s === '*' ? '.*' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    const pattern = new RegExp(`^${source}/?$`);
    let route = this.routes.find((r) => r.pattern.source === pattern.source);
    if (!route) this.routes.push((route = { pattern, methods: new Set() }));
    for (const m of typeof methods === 'string' ? [methods] : methods) route.methods.add(m);
  }

  /** The methods `path` answers (with HEAD beside GET, OPTIONS for CORS preflights); empty when unknown. */
  of(path: string): string[] {
    const methods = new Set<string>();
    for (const r of this.routes) if (r.pattern.test(path)) for (const m of r.methods) methods.add(m);
    if (methods.size === 0 || [...methods].every((m) => m === 'OPTIONS')) return [];
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods].sort();
  }
}
