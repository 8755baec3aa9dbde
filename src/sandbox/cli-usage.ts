/** One line of a usage text: the flag as typed, and what it does. */
export type UsageLine = readonly [flag: string, help: string];

/** Help texts line up at `column`; a flag too long for it keeps two spaces before its help. */
export function usageText(command: string, column: number, lines: readonly UsageLine[]): string {
  const line = ([flag, help]: UsageLine) => `  ${flag.length < column ? flag.padEnd(column) : `${flag}  `}${help}`;
  return [`Usage: ${command}`, ...lines.map(line)].join('\n');
}

export const listenUsage = (defaultPort: number): UsageLine[] => [
  ['--port N', `port to listen on (default ${defaultPort}; 0 picks a free one)`],
  ['--host HOST', 'address to bind (default 127.0.0.1)'],
];

/** `body`: the format a truncated answer is cut from (XML, JSON). */
export const transportFaultUsage = (failStatuses: readonly number[], body: string): UsageLine[] => [
  ['--latency-ms N', 'added latency per answer'],
  ['--jitter-ms N', 'up to N more ms, random'],
  ['--fail-rate F', `fraction (0..1) answered ${failStatuses.join('/')}`],
  ['--html-rate F', 'fraction answered 200 with an HTML page'],
  ['--truncate-rate F', `fraction answered with truncated ${body}`],
  ['--hang-rate F', 'fraction never answered'],
];

export const SEED_USAGE: UsageLine = ['--seed N', 'seed of the fault generator (default 1)'];
