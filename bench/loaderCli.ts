// `load <crate>` from command to report, the way a user runs it (node dist/cli.js, a fresh process per run),
// on the bundled example plugin (examples/plugin, which imports `host_log` from its host: stubbed) and on the
// healthy fixture (7 probes and a leak check). The CLI's own phase times (RUST_PLUGIN_GUARD_LOAD_TIMES=1) show
// where the time goes. cargo build is not counted: the libraries are built before.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { LOAD_TIMES_ENV, parsePhaseLines } from '../client/src/loader/phaseTimes';
import { ms, p50, p95, printTable } from './stats';

const CLI = path.resolve(__dirname, '../dist/cli.js');
const EXAMPLES = path.resolve(__dirname, '../examples');

export interface CliSeries {
  label: string;
  wallMs: number[];
  /** Phase → ms since the CLI process started, one sample per run. */
  phases: Map<string, number[]>;
}

/** Copies the example workspace to `tmp` and builds its plugin there (its default target directory). */
export function buildExample(tmp: string): string {
  const ws = path.join(tmp, 'examples');
  mkdirSync(ws, { recursive: true });
  for (const entry of ['Cargo.toml', 'host', 'plugin']) cpSync(path.join(EXAMPLES, entry), path.join(ws, entry), { recursive: true });
  const env = { ...process.env };
  delete env.CARGO_TARGET_DIR;
  const build = spawnSync('cargo', ['build', '--lib', '--quiet', '--offline', '--manifest-path', path.join(ws, 'plugin', 'Cargo.toml')], { encoding: 'utf8', env });
  if (build.status !== 0) throw new Error(`cargo build of the example plugin failed:\n${build.stderr}`);
  return ws;
}

/** Runs `load <crate>` `runs` times (one unrecorded run first: the host stubs' cache and the disk cache are warm). */
export function measureCli(label: string, crate: string, env: NodeJS.ProcessEnv, runs: number): CliSeries {
  const series: CliSeries = { label, wallMs: [], phases: new Map() };
  for (let i = -1; i < runs; i++) {
    const start = performance.now();
    const run = spawnSync(process.execPath, [CLI, 'load', crate], { encoding: 'utf8', env: { ...env, [LOAD_TIMES_ENV]: '1' } });
    const wall = performance.now() - start;
    if (run.status !== 0) throw new Error(`cli load ${crate} exited ${run.status}: ${run.stderr}`);
    if (i < 0) continue;
    series.wallMs.push(wall);
    for (const [phase, at] of parsePhaseLines(run.stderr)) series.phases.set(phase, [...(series.phases.get(phase) ?? []), at]);
  }
  return series;
}

export function cliRow(series: CliSeries, target: string): string[] {
  return [series.label, String(series.wallMs.length), ms(p50(series.wallMs)), ms(p95(series.wallMs)), ms(Math.min(...series.wallMs)), target];
}

/** Phases that run beside the CLI's own path: their step is counted from the child's spawn, where they start. */
const SIDE_PHASES = new Set(['child ready', 'cargo metadata']);

/**
 * The phases in the order they end (by median), each with its median end time and the median step from the
 * phase before it on the CLI's own path (per run, then the median: medians of end times do not subtract).
 */
export function printPhases(series: CliSeries, loadAverage: string): void {
  const phases = [...series.phases].map(([phase, samples]) => ({ phase, at: p50(samples), samples })).sort((a, b) => a.at - b.at);
  const spawned = series.phases.get('child spawned') ?? [];
  let before: number[] | undefined;
  const rows = phases.map((p) => {
    const side = SIDE_PHASES.has(p.phase);
    const from = side ? spawned : before;
    const steps = from ? p.samples.map((at, run) => at - (from[run] ?? Number.NaN)).filter(Number.isFinite) : p.samples;
    if (!side) before = p.samples;
    return [side ? `  ${p.phase} (beside; step from child spawned)` : p.phase, String(p.samples.length), ms(p.at), ms(p50(steps)), ms(p95(steps))];
  });
  const exit = p50(series.phases.get('exit') ?? []);
  rows.push(['(process teardown after `exit`, until the command returns)', String(series.wallMs.length), ms(p50(series.wallMs)), ms(p50(series.wallMs) - exit), '']);
  printTable(`4b. Where \`load\` spends its time: ${series.label} (phase end, ms since the CLI process started; load average ${loadAverage})`, ['phase ended', 'n', 'p50 at', 'p50 step', 'p95 step'], rows);
}
