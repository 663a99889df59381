// "Load plugin" timings (cargo build not counted): koffi.load itself and the isolated run (fork → report) on the
// healthy fixture, and the CLI from command to report on the example plugin and the healthy fixture, with the
// CLI's phase times (bench/loaderCli.ts). Standalone: node --import tsx bench/loader.ts
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as koffi from 'koffi';
import { libraryFileName } from '../client/src/loader/cargoLibrary';
import { requestFromPlan } from '../client/src/loader/planRequest';
import { runLoad } from '../client/src/loader/runLoad';
import { planProbes } from '../server/src/boundary/probePlan';
import { Engine } from '../server/src/engine/engine';
import { assetsIn } from '../server/src/parsing/treeSitter';
import { buildExample, cliRow, measureCli, printPhases, type CliSeries } from './loaderCli';
import { ms, p50, p95, printTable } from './stats';

const FIXTURE = path.resolve(__dirname, '../test/fixtures/plugins/loader/healthy');
const IN_PROCESS_RUNS = 50;
const CHILD_RUNS = 10;
const CLI_RUNS = 12;

export interface LoaderTimings {
  inProcessLoadMs: number[];
  childLoadMs: number[];
  isolatedMs: number[];
  isolatedNoProbesMs: number[];
  leakCheckIterations: number;
  /** The example plugin with CARGO_TARGET_DIR and without it (both without cargo), the healthy fixture. */
  cli: { example: CliSeries; exampleMetadata: CliSeries; healthy: CliSeries };
  /** Load average while the CLI runs were measured. */
  cliLoad: string;
}

const loadAverage = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');

export async function measureLoader(tmp: string): Promise<LoaderTimings> {
  const targetDir = path.join(tmp, 'target');
  const build = spawnSync('cargo', ['build', '--lib', '--quiet', '--offline', '--manifest-path', path.join(FIXTURE, 'Cargo.toml'), '--target-dir', targetDir], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`cargo build of the healthy fixture failed:\n${build.stderr}`);
  const library = path.join(targetDir, 'debug', libraryFileName('healthy'));

  // The bench process is not the editor: loading here is fine, and shows koffi.load without fork or IPC.
  const inProcessLoadMs: number[] = [];
  for (let i = 0; i < IN_PROCESS_RUNS; i++) {
    const start = performance.now();
    const lib = koffi.load(library);
    inProcessLoadMs.push(performance.now() - start);
    lib.unload();
  }

  const engine = await Engine.create({ assets: assetsIn(path.resolve(__dirname, '../dist')) });
  const crate = await engine.crateOf(path.join(FIXTURE, 'src', 'lib.rs'));
  if (!crate) throw new Error('no crate model for the healthy fixture');
  // Planning parses function bodies with the engine's parser: free it only after.
  const request = requestFromPlan(planProbes(crate));
  engine.dispose();
  const childLoadMs: number[] = [];
  const isolatedMs: number[] = [];
  const isolatedNoProbesMs: number[] = [];
  let leakCheckIterations = 0;
  for (let i = 0; i < CHILD_RUNS; i++) {
    const report = await runLoad({ library, ...request });
    if (report.status !== 'ok') throw new Error(`healthy plugin reported ${report.status}`);
    childLoadMs.push(report.loadMs ?? Number.NaN);
    isolatedMs.push(report.totalMs);
    leakCheckIterations = report.leaks[0]?.iterations ?? 0;
    isolatedNoProbesMs.push((await runLoad({ library })).totalMs);
  }

  const examples = buildExample(tmp);
  const plain = { ...process.env };
  delete plain.CARGO_TARGET_DIR;
  const before = loadAverage();
  const cli = {
    example: measureCli('example plugin, CARGO_TARGET_DIR set (cargo not run)', path.join(examples, 'plugin'), { ...plain, CARGO_TARGET_DIR: path.join(examples, 'target') }, CLI_RUNS),
    exampleMetadata: measureCli('example plugin, default target directory (from the workspace layout)', path.join(examples, 'plugin'), plain, CLI_RUNS),
    healthy: measureCli('healthy fixture: 8 probes + leak check, CARGO_TARGET_DIR set', FIXTURE, { ...plain, CARGO_TARGET_DIR: targetDir }, CLI_RUNS),
  };
  return { inProcessLoadMs, childLoadMs, isolatedMs, isolatedNoProbesMs, leakCheckIterations, cli, cliLoad: `${before} before, ${loadAverage()} after` };
}

export function printLoader(t: LoaderTimings): void {
  const row = (label: string, samples: number[], target: string) => [label, String(samples.length), ms(p50(samples)), ms(p95(samples)), ms(Math.min(...samples)), target];
  printTable(
    `4. Load plugin (debug builds; cargo build not counted; load average ${loadAverage()} on ${os.cpus().length} CPUs; cli rows: ${t.cliLoad})`,
    ['measurement', 'n', 'p50', 'p95', 'min', 'target'],
    [
      row('koffi.load in this process (load + unload loop)', t.inProcessLoadMs, '< 10 ms'),
      row('koffi.load inside the loader child', t.childLoadMs, '< 10 ms'),
      row('runLoad: fork, load, symbols, unload (no probes)', t.isolatedNoProbesMs, ''),
      row(`runLoad: + 7 probes + leak check (${t.leakCheckIterations} iterations/round)`, t.isolatedMs, ''),
      cliRow(t.cli.example, '< 300 ms'),
      cliRow(t.cli.exampleMetadata, '< 300 ms'),
      cliRow(t.cli.healthy, ''),
    ],
  );
  printPhases(t.cli.example, t.cliLoad);
  printPhases(t.cli.exampleMetadata, t.cliLoad);
}

if (require.main === module) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'rpg-bench-loader-'));
  measureLoader(tmp)
    .then(printLoader)
    .catch((error: unknown) => {
      console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    })
    .finally(() => rmSync(tmp, { recursive: true, force: true }));
}
