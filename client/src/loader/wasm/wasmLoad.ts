// "Load plugin" for a WebAssembly guest: a `.wasm` core module or component, or a guest crate folder (built for
// its wasm target with --build). Reads the file, runs the wasm child (runWasmChild.ts) and turns what it
// said into the report native loads give (report.ts), so the CLI and the editor show both the same way.
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { CargoError } from '../cargoLibrary';
import { REPORT_VERSION, statusOf, type CrashInfo, type LoadReport, type ProbeResult } from '../report';
import { LoadInputError } from '../runLoad';
import { wasmKind } from './coreModule';
import { buildGuest, guestCrate, isGuestCrate, witFolderOf, type GuestCrate } from './guestCrate';
import { runWasmChild, type WasmChildRun } from './runWasmChild';
import { DEFAULT_MEMORY_PAGES, type WasmChildMessage } from './wasmProtocol';

export const DEFAULT_WASM_TIMEOUT_MS = 10_000;
const STDERR_IN_REPORT = 4 * 1024;

export interface WasmLoadRequest {
  /** A `.wasm` file, or a guest crate's folder or Cargo.toml. */
  target: string;
  /** Its WIT file or folder; default: the crate's `wit/`, or for a `.wasm` the `wit/` of the crate whose target folder it is in. */
  wit?: string;
  world?: string;
  /** A crate: build it first. */
  build?: boolean;
  release?: boolean;
  /** The guest's time, from instantiation on (jco's own work before it is bounded separately). */
  timeoutMs?: number;
  memoryPages?: number;
  /** Cargo's output while building. */
  log?: (text: string) => void;
  onStep?: (label: string) => void;
  childScript?: string;
  /** Asked with the `.wasm` about to run (after a build): false stops the load (runWasmLoad resolves undefined). */
  confirm?: (file: string) => Promise<boolean>;
}

/** Whether `load` should take the wasm path for this target: a `.wasm` file or a guest crate (guestCrate.ts). */
export function isWasmTarget(target: string, manifest: string | undefined): boolean {
  if (manifest) return isGuestCrate(manifest);
  return target.endsWith('.wasm');
}

export async function runWasmLoad(request: WasmLoadRequest & { confirm: (file: string) => Promise<boolean> }, manifest: string | undefined): Promise<LoadReport | undefined>;
export async function runWasmLoad(request: WasmLoadRequest, manifest: string | undefined): Promise<LoadReport>;
export async function runWasmLoad(request: WasmLoadRequest, manifest: string | undefined): Promise<LoadReport | undefined> {
  const started = performance.now();
  let crate: GuestCrate | undefined;
  if (manifest) {
    crate = await guestCrate(manifest, request.release ? 'release' : 'debug');
    if (request.build) {
      const code = await buildGuest(crate, request.log ?? (() => undefined));
      if (code !== 0) throw new CargoError(`cargo build --target ${crate.toolchain.target} failed for ${crate.manifest} (exit ${code}); fix the errors above and load again`);
    }
  }
  const file = path.resolve(crate?.wasm ?? request.target);
  let bytes: Uint8Array;
  try {
    if (!statSync(file).isFile()) throw new LoadInputError(`${file}: not a file; pass a .wasm module or component, or a guest crate folder`);
    bytes = readFileSync(file);
  } catch (error) {
    if (error instanceof LoadInputError) throw error;
    throw new LoadInputError(crate ? `${file}: not built yet; build the crate for ${crate.toolchain.target} first, or pass --build` : `${file}: no such file`);
  }
  const kind = wasmKind(bytes);
  if (!kind) throw new LoadInputError(`${file}: not WebAssembly (no \\0asm preamble of a core module or a component)`);
  if (request.confirm && !(await request.confirm(file))) return undefined;
  const wit = request.wit ? path.resolve(request.wit) : (crate?.wit ?? witBeside(file));
  const base = crate ? path.dirname(crate.manifest) : wit ? path.dirname(wit.endsWith('.wit') ? path.dirname(wit) : wit) : path.dirname(file);
  const timeoutMs = request.timeoutMs ?? DEFAULT_WASM_TIMEOUT_MS;
  const run = await runWasmChild({ type: 'run', bytes, kind, witPath: wit, world: request.world, base, memoryPages: request.memoryPages ?? DEFAULT_MEMORY_PAGES }, timeoutMs, request.childScript, request.onStep).catch((error: unknown) => {
    throw new LoadInputError(error instanceof Error ? error.message : String(error));
  });
  const report = reportOf(run, file, timeoutMs);
  if (crate) report.crate = { name: crate.name, manifest: crate.manifest, profile: crate.profile };
  // wit-bindgen embeds the world in a custom section, so a module it built loads without one; a hand-written one does not.
  if (kind === 'core' && !wit) report.notes.push(report.refusal !== undefined ? 'no WIT given (--wit) or found in a wit/ folder above the module, and it has no embedded world (the component-type section wit-bindgen writes)' : 'no WIT given (--wit): checked against the world embedded in the module (wit-bindgen\'s component-type section)');
  report.totalMs = performance.now() - started;
  return { ...report, status: statusOf(report) };
}

/** `…/target/<triple>/<profile>/x.wasm` → the crate's `wit/`: the folder above `target/` that has one. */
function witBeside(file: string): string | undefined {
  let dir = path.dirname(file);
  for (let i = 0; i < 5; i++) {
    const found = witFolderOf(dir);
    if (found) return found;
    dir = path.dirname(dir);
  }
  return undefined;
}

function reportOf(run: WasmChildRun, library: string, timeoutMs: number): Omit<LoadReport, 'status'> {
  const report: Omit<LoadReport, 'status'> = { version: REPORT_VERSION, library, missingSymbols: [], staleSymbols: [], probes: [], leaks: [], notes: [], stderr: run.stderr.slice(-STDERR_IN_REPORT), childPid: run.pid, totalMs: 0 };
  let planned: { name: string; declaration: string; arguments: string[] }[] = [];
  let done = false;
  for (const m of run.messages) apply(m);
  function apply(m: WasmChildMessage): void {
    switch (m.type) {
      case 'validation':
        report.exports = m.exports;
        report.missingSymbols.push(...m.missing);
        if (m.wrong.length > 0) report.wrongSignatures = m.wrong;
        report.notes.push(...m.unknownImports.map((u) => u.message));
        break;
      case 'refused':
        report.refusal = `not loaded: ${m.message}`;
        done = true;
        break;
      case 'loaded':
        report.loadMs = m.ms;
        report.exports ??= m.exports;
        report.notes.push(...m.notes);
        break;
      case 'plan':
        planned = m.probes;
        break;
      case 'probe':
        report.probes.push(m.probe);
        break;
      case 'leak':
        report.leaks.push(m.leak);
        break;
      case 'host':
        report.hostStubs = { library: 'jco import stubs (in the loader process)', functions: m.calls.map((c) => ({ symbol: c.name, declaredAt: c.declaredAt, calls: c.calls, arguments: c.arguments })) };
        break;
      case 'note':
        report.notes.push(m.note);
        break;
      case 'done':
        done = true;
        break;
      case 'step':
        break;
    }
  }
  if (!done) {
    report.crash = crashOf(run, timeoutMs);
    const culprit = run.openStep?.label.startsWith('call ') ? run.openStep.functions[0] : undefined;
    const seen = new Set(report.probes.map((p) => p.name));
    for (const p of planned) if (!seen.has(p.name)) report.probes.push({ ...p, status: p.name === culprit ? 'crashed' : 'not-run' } satisfies ProbeResult);
  }
  return report;
}

function crashOf(run: WasmChildRun, timeoutMs: number): CrashInfo {
  const step = run.openStep?.label ?? 'start';
  const functions = run.openStep?.functions ?? [];
  if (run.timedOut) return { kind: 'timeout', step, functions, message: `timed out after ${timeoutMs / 1000} s in ${step}; the process was killed` };
  const oom = /heap out of memory|Out of memory|RangeError: WebAssembly\.Memory/.test(run.stderr) ? ' (out of memory: the loader caps the JavaScript heap and the guest\'s linear memory)' : '';
  if (run.signal) return { kind: 'signal', signal: run.signal, step, functions, message: `${run.signal} during ${step}${oom}` };
  return { kind: 'exit', exitCode: run.code ?? undefined, step, functions, message: `the loader exited with code ${run.code} during ${step}${oom}` };
}
