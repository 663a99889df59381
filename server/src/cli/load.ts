// `rust-plugin-guard load`: find (and optionally build) the library, plan probes from the engine, run the
// isolated loader, print the report. Exit 0 ok, 1 failed, 2 input error. The loader child starts first and
// `cargo metadata` runs while the crate is analysed: none of the three needs the others until the run.
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { cargoBuild, CargoError, findCrateLibrary, manifestOf, packageLibrary, targetDirFromEnv, type CrateLibrary, type Profile } from '../../../client/src/loader/cargoLibrary';
import { crateOfLibrary, givenCrateOfLibrary, targetDirOf } from '../../../client/src/loader/libraryCrate';
import { findingsOnExports, type ExportFinding } from '../../../client/src/loader/exportFindings';
import { formatReportJson, formatReportText } from '../../../client/src/loader/formatText';
import { requestFromPlan } from '../../../client/src/loader/planRequest';
import { defaultChildScript, LoadInputError, runLoad } from '../../../client/src/loader/runLoad';
import { PreparedLoad } from '../../../client/src/loader/preparedLoad';
import { mark } from '../../../client/src/loader/phaseTimes';
import { runPreflight } from '../../../client/src/loader/preflightStep';
import { libraryFileBytes } from '../../../client/src/loader/formats';
import { unconfiguredTargetDir } from '../../../client/src/loader/targetDir';
import { planProbes } from '../boundary/probePlan';
import type { CrateModel } from '../crate/crateModel';
import { parseManifest, type Manifest } from '../crate/manifest';
import { Engine } from '../engine/engine';
import { assetsIn } from '../parsing/treeSitter';
import type { ProbePlan } from '../protocol/loader';
import { HeaderError, planFromHeaders } from './headerPlan';
import { LOAD_USAGE, type LoadCommand } from './loadArgs';
import { isWasmTarget, runWasmLoad } from '../../../client/src/loader/wasm/wasmLoad';

export async function runLoadCommand(command: LoadCommand, wasmDir: string): Promise<number> {
  if (command.help) {
    process.stdout.write(`usage: ${LOAD_USAGE.trimStart()}\n`);
    return 0;
  }
  mark('cli start');
  const manifest = manifestOf(command.target);
  if (isWasmTarget(command.target, manifest)) return runWasmLoadCommand(command, manifest);
  deferWasmTierUp();
  const engines = new EngineSlot(command, wasmDir);
  // Its wasm compiles from here on when there is a crate to plan: a crate folder, or a library given its crate or in a target directory.
  if (manifest || command.crate || targetDirOf(command.target)) engines.start();
  // Node and koffi start in the child while this process finds the library and plans (it loads nothing yet).
  const prepared = PreparedLoad.start(defaultChildScript());
  mark('child spawned');
  try {
    let crate: Omit<CrateLibrary, 'workspaceRoot'> | undefined;
    let planned: Planned | undefined;
    let bytes: Promise<Uint8Array> | undefined;
    const notes: string[] = [];
    if (!manifest) {
      if (command.build) throw new LoadInputError('--build needs a crate folder or Cargo.toml, not a library');
      // A library: its crate given, or found from the cargo target directory it is in.
      if (command.crate) {
        const given = manifestOf(command.crate);
        if (!given) throw new LoadInputError(`${command.crate}: not a crate folder or Cargo.toml (for --crate)`);
        const found = await givenCrateOfLibrary(command.target, given);
        crate = found.crate;
        notes.push(...found.notes);
      } else {
        crate = await crateOfLibrary(command.target);
      }
    } else if (command.build) {
      const built = await findCrateLibrary(manifest, command.release ? 'release' : 'debug');
      const code = await cargoBuild(built, (text) => process.stderr.write(text));
      if (code !== 0) {
        process.stderr.write(`rust-plugin-guard: cargo build failed for ${built.manifest} (exit ${code}); fix the errors above and run load again\n`);
        return 1;
      }
      // Planned after the build: a build script may write sources.
      crate = built;
    } else {
      ({ crate, planned, bytes } = await locateAndPlan(manifest, command.release ? 'release' : 'debug', engines));
    }
    if (crate && !planned) planned = await planFor(await engines.get(), crate.rootFile, crate.manifest);
    const { plan, model } = planned ?? {};
    // No crate, but a header: its prototypes are the signatures.
    const fromHeader = !plan && command.interfaces.length > 0 ? await planFromHeaders(command.interfaces, assetsIn(wasmDir)) : undefined;
    const request = fromHeader ? { plan: fromHeader.plan, expected: fromHeader.expected, notes: fromHeader.notes } : requestFromPlan(plan);
    const required = fromHeader?.requiredSymbols ?? plan?.requiredSymbols;
    const report = await runLoad({
      library: crate?.library ?? command.target,
      ...request,
      notes: [...notes, ...(request.notes ?? [])],
      crate: crate && { name: crate.name, manifest: crate.manifest, profile: crate.profile },
      sourceMtimeMs: planned?.sourceMtimeMs,
      preflight: (library) => runPreflight(library, model, required, bytes),
      libraryBytes: bytes,
      timeoutMs: command.timeoutMs,
      findings: planned?.findings,
      prepared,
    });
    mark('report');
    process.stdout.write(`${command.format === 'json' ? formatReportJson(report) : formatReportText(report)}\n`);
    mark('printed');
    return report.status === 'ok' ? 0 : 1;
  } catch (error) {
    if (error instanceof LoadInputError || error instanceof CargoError || error instanceof HeaderError) {
      const hint = error instanceof LoadInputError && manifestOf(command.target) ? ' (build the crate first, or pass --build)' : '';
      process.stderr.write(`rust-plugin-guard: ${error.message}${hint}\n`);
      return 2;
    }
    throw error;
  } finally {
    prepared.dispose();
    await engines.dispose();
  }
}

/** A WebAssembly guest: the same report, from the wasm child (client/src/loader/wasm/). */
async function runWasmLoadCommand(command: LoadCommand, manifest: string | undefined): Promise<number> {
  try {
    const report = await runWasmLoad({ target: command.target, wit: command.wit, world: command.world, build: command.build, release: command.release, timeoutMs: command.timeoutMs, log: (text) => process.stderr.write(text) }, manifest);
    process.stdout.write(`${command.format === 'json' ? formatReportJson(report) : formatReportText(report)}\n`);
    return report.status === 'ok' ? 0 : 1;
  } catch (error) {
    if (error instanceof LoadInputError || error instanceof CargoError) {
      process.stderr.write(`rust-plugin-guard: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

/**
 * This process parses one crate and exits. V8 moves hot tree-sitter functions (its large lexer first) from
 * Liftoff to TurboFan on background threads after a budget of work; for a plugin crate that compile is
 * ~150 ms of CPU (a third of the load's, child included) for code the process exits before it pays off.
 * A 100× budget leaves small crates on Liftoff and still tiers up a large one (on a 51k-line crate the CPU
 * time did not measurably change). Set before the engine compiles any wasm.
 */
function deferWasmTierUp(): void {
  try {
    setFlagsFromString('--wasm-tiering-budget=180000000');
  } catch {
    // Not a flag this V8 knows: its default budget then.
  }
}

/** The engine, made at most once, and possibly before it is known to be needed (its wasm compiles meanwhile). */
class EngineSlot {
  private engine: Promise<Engine> | undefined;

  constructor(
    private readonly command: LoadCommand,
    private readonly wasmDir: string,
  ) {}

  start(): void {
    this.engine ??= Engine.create({ assets: assetsIn(this.wasmDir) }).then((engine) => {
      if (this.command.interfaces.length > 0) engine.interfaces.configure({ '*': this.command.interfaces.map((file) => path.resolve(file)) });
      return engine;
    });
    // Awaited by `get`; a failure that nobody asked for is not an unhandled rejection.
    this.engine.catch(() => undefined);
  }

  get(): Promise<Engine> {
    this.start();
    return this.engine!;
  }

  async dispose(): Promise<void> {
    const engine = await this.engine?.catch(() => undefined);
    engine?.dispose();
  }
}

/**
 * The crate's library and its plan. Where cargo builds it comes from CARGO_TARGET_DIR or, when nothing configures
 * it, the workspace layout (targetDir.ts); otherwise `cargo metadata` says, running while the plan is made from
 * the manifest's own [lib] (the root cargo names too).
 */
async function locateAndPlan(manifest: string, profile: Profile, engines: EngineSlot): Promise<Located> {
  let parsed: Manifest | undefined;
  try {
    parsed = parseManifest(manifest, readFileSync(manifest, 'utf8'), existsSync);
  } catch {
    // cargo metadata says what is wrong with it.
  }
  const targetDir = targetDirFromEnv(manifest) ?? (parsed && unconfiguredTargetDir(parsed));
  const fromManifest = targetDir && parsed ? packageLibrary(parsed, targetDir, profile) : undefined;
  const located = fromManifest ? Promise.resolve(fromManifest) : findCrateLibrary(manifest, profile);
  if (!fromManifest) located.then(() => mark('cargo metadata'), () => undefined);
  // The library is read while the crate is planned (I/O off the main thread): the preflight checks these bytes
  // and the child loads a copy written from them.
  const bytes = located.then((crate) => libraryFileBytes(crate.library));
  bytes.catch(() => undefined);
  const engine = await engines.get();
  mark('engine');
  const planned = parsed?.libPath ? await planFor(engine, parsed.libPath, manifest).catch(() => undefined) : undefined;
  const crate = await located;
  mark('library located');
  return { crate, planned: planned?.rootFile === crate.rootFile ? planned : undefined, bytes };
}

interface Located {
  crate: Omit<CrateLibrary, 'workspaceRoot'>;
  planned?: Planned;
  /** The library file's bytes, being read (libraryFileBytes). */
  bytes?: Promise<Uint8Array>;
}

interface Planned {
  /** The crate root the plan was made from. */
  rootFile: string;
  plan?: ProbePlan;
  sourceMtimeMs?: number;
  model?: CrateModel;
  /** Findings on exports that explain a suspicious result (a `dangling-pointer`), computed only when one is. */
  findings?: () => ExportFinding[];
}

async function planFor(engine: Engine, rootFile: string, manifest: string): Promise<Planned> {
  const model = await engine.crateOf(rootFile);
  mark('crate model');
  if (!model) return { rootFile };
  let newest = 0;
  for (const file of [...model.files.keys(), manifest]) {
    try {
      newest = Math.max(newest, statSync(file).mtimeMs);
    } catch {
      // A file that vanished meanwhile does not make the build stale.
    }
  }
  const plan = planProbes(model);
  mark('probe plan');
  const findings = () => findingsOnExports(engine.analyzeCrate(model), plan.exports, path.dirname(manifest));
  return { rootFile, plan, sourceMtimeMs: newest || undefined, model, findings };
}
