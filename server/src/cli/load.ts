// `rust-plugin-guard load`: find (and optionally build) the library, plan probes from the engine, run the
// isolated loader, print the report. Exit 0 ok, 1 failed, 2 input error.
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { cargoBuild, CargoError, findCrateLibrary, manifestOf, type CrateLibrary } from '../../../client/src/loader/cargoLibrary';
import { crateOfLibrary, givenCrateOfLibrary } from '../../../client/src/loader/libraryCrate';
import { findingsOnExports, type ExportFinding } from '../../../client/src/loader/exportFindings';
import { formatReportJson, formatReportText } from '../../../client/src/loader/formatText';
import { requestFromPlan } from '../../../client/src/loader/planRequest';
import { LoadInputError, runLoad } from '../../../client/src/loader/runLoad';
import { runPreflight } from '../../../client/src/loader/preflightStep';
import { planProbes } from '../boundary/probePlan';
import type { CrateModel } from '../crate/crateModel';
import { Engine } from '../engine/engine';
import { assetsIn } from '../parsing/treeSitter';
import type { ProbePlan } from '../protocol/loader';
import { HeaderError, planFromHeaders } from './headerPlan';
import { LOAD_USAGE, type LoadCommand } from './loadArgs';

export async function runLoadCommand(command: LoadCommand, wasmDir: string): Promise<number> {
  if (command.help) {
    process.stdout.write(`usage: ${LOAD_USAGE.trimStart()}\n`);
    return 0;
  }
  let engine: Engine | undefined;
  try {
    const manifest = manifestOf(command.target);
    let crate: CrateLibrary | undefined;
    let planned: Planned | undefined;
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
    } else {
      crate = await findCrateLibrary(manifest, command.release ? 'release' : 'debug');
      if (command.build) {
        const code = await cargoBuild(crate, (text) => process.stderr.write(text));
        if (code !== 0) {
          process.stderr.write(`rust-plugin-guard: cargo build failed for ${crate.manifest} (exit ${code}); fix the errors above and run load again\n`);
          return 1;
        }
      }
    }
    if (crate) {
      engine = await Engine.create({ assets: assetsIn(wasmDir) });
      if (command.interfaces.length > 0) engine.interfaces.configure({ '*': command.interfaces.map((file) => path.resolve(file)) });
      planned = await planFor(engine, crate);
    }
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
      preflight: (library) => runPreflight(library, model, required),
      timeoutMs: command.timeoutMs,
      findings: planned?.findings,
    });
    process.stdout.write(`${command.format === 'json' ? formatReportJson(report) : formatReportText(report)}\n`);
    return report.status === 'ok' ? 0 : 1;
  } catch (error) {
    if (error instanceof LoadInputError || error instanceof CargoError || error instanceof HeaderError) {
      const hint = error instanceof LoadInputError && manifestOf(command.target) ? ' (build the crate first, or pass --build)' : '';
      process.stderr.write(`rust-plugin-guard: ${error.message}${hint}\n`);
      return 2;
    }
    throw error;
  } finally {
    engine?.dispose();
  }
}

interface Planned {
  plan?: ProbePlan;
  sourceMtimeMs?: number;
  model?: CrateModel;
  /** Findings on exports that explain a suspicious result (a `dangling-pointer`), computed only when one is. */
  findings?: () => ExportFinding[];
}

async function planFor(engine: Engine, crate: CrateLibrary): Promise<Planned> {
  const model = await engine.crateOf(crate.rootFile);
  if (!model) return {};
  let newest = 0;
  for (const file of [...model.files.keys(), crate.manifest]) {
    try {
      newest = Math.max(newest, statSync(file).mtimeMs);
    } catch {
      // A file that vanished meanwhile does not make the build stale.
    }
  }
  const plan = planProbes(model);
  const findings = () => findingsOnExports(engine.analyzeCrate(model), plan.exports, path.dirname(crate.manifest));
  return { plan, sourceMtimeMs: newest || undefined, model, findings };
}
