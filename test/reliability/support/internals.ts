/**
 * What a response must never show: stack frames, source or dependency paths, the database's name
 * or address. `Mongo` is matched case-sensitively, as driver errors spell it.
 */
const INTERNALS = [
  /\bat [\w$.<>]+ \(/, // a stack frame: "at fn (file:line)"
  /\bat (file|node):/,
  /(\/|\\)(src|node_modules|work|home|root|tmp)(\/|\\)/,
  /\.(ts|js|mjs|cjs):\d+/,
  /file:\/\//,
  /Mongo/,
  /127\.0\.0\.1:\d+/,
  /E(CONNREFUSED|CONNRESET|PIPE)/,
  /"stack"/,
  /root:x:0:0/,
  /"devDependencies"/,
];

/** The first internal detail found in `text`, or null. */
export function internalDetail(text: string): string | null {
  for (const pattern of INTERNALS) {
    const m = pattern.exec(text);
    if (m) return m[0];
  }
  return null;
}
