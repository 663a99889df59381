// Where a load's time goes, for `npm run bench`: with RUST_PLUGIN_GUARD_LOAD_TIMES=1 the process writes one
// `time: PHASE MS` line per phase on stderr when it exits (ms since the process started, so Node's own start
// shows in the first one). Off (the default) it records nothing.
export const LOAD_TIMES_ENV = 'RUST_PLUGIN_GUARD_LOAD_TIMES';

const enabled = process.env[LOAD_TIMES_ENV] === '1';
const marks: [string, number][] = [];

/** Notes that `phase` ended now. */
export function mark(phase: string): void {
  if (marks.length === 0 && enabled) process.on('exit', () => process.stderr.write(phaseLines([...marks, ['exit', performance.now()]])));
  if (enabled) marks.push([phase, performance.now()]);
}

export function phaseLines(of: readonly [string, number][] = marks): string {
  return of.map(([phase, at]) => `time: ${phase} ${at.toFixed(1)}\n`).join('');
}

/** The `time:` lines of a process's stderr, phase → ms (a phase marked twice keeps its first time). */
export function parsePhaseLines(stderr: string): Map<string, number> {
  const times = new Map<string, number>();
  for (const match of stderr.matchAll(/^time: (.+) (\d+(?:\.\d+)?)$/gm)) if (!times.has(match[1])) times.set(match[1], Number(match[2]));
  return times;
}
