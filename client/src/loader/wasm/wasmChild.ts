// The wasm loader child (bundled as dist/wasmChild.mjs, forked by runWasmChild.ts with a heap cap and a cap on
// wasm memory pages): checks a core module against its world, makes it a component (jco componentEmbed +
// componentNew), transpiles it (jco transpile) and instantiates it in this process with stubbed imports, then
// calls each export with invented arguments and repeats them to measure the guest's linear memory per call.
// Every step is announced first, so a timeout or an out-of-memory kill names the step it happened in.
import { componentEmbed, componentNew, componentWit } from '@bytecodealliance/jco-transpile/wasm-tools';
import { transpileBytes } from '@bytecodealliance/jco-transpile';
import * as shim from '@bytecodealliance/preview2-shim';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LeakResult, ProbeResult } from '../report';
import { compareWithWorld } from './coreSignatures';
import { readCoreModule, WasmFormatError } from './coreModule';
import { instantiateGuest, type Guest } from './guestInstance';
import { RepeatFailure, repeatCall } from './linearMemory';
import type { WasmChildMessage, WasmRunRequest } from './wasmProtocol';
import { planFromText, planFromWit, WitPlanError, type WasmPlan, type WasmProbe } from './witPlan';
import { valueText } from './witValues';
import { wasm } from './webAssembly';
import { trapText } from './trapText';

function send(message: WasmChildMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

const PAGE = 64 * 1024;
const WIT_MOUNT = '/wit';

// The guest's WASI (a wasm32-wasip1 guest through the adapter): no environment variables, no arguments.
shim.cli._setEnv({});
shim.cli._setArgs([]);

const step = (label: string, functions: string[] = []) => send({ type: 'step', label, functions });

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Something of the guest or its WIT that jco refuses: the load ends with this as its refusal. */
class Refused extends Error {}

/** wasm-tools' error chain in one line: what failed and its innermost cause. */
function jcoMessage(error: unknown): string {
  const lines = message(error).split('\n').map((l) => l.replace(/^\$/, '').replace(/^\s*\d+: /, '').trim()).filter((l) => l !== '' && l !== 'Caused by:');
  return lines.length > 1 && lines[lines.length - 1] !== lines[0] ? `${lines[0]}: ${lines[lines.length - 1]}` : (lines[0] ?? 'failed');
}

/** Runs one jco call; its failure refuses the load with `what` and jco's message. */
async function jco<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new Refused(`${what}: ${jcoMessage(error)}`);
  }
}

async function run(request: WasmRunRequest): Promise<void> {
  try {
    await load(request);
  } catch (error) {
    if (error instanceof Refused || error instanceof WitPlanError) return send({ type: 'refused', message: error.message });
    if (error instanceof WasmFormatError) return send({ type: 'refused', message: `the module is malformed: ${error.message}` });
    throw error;
  }
}

async function load(request: WasmRunRequest): Promise<void> {
  let plan: WasmPlan | undefined;
  await step('read WIT');
  if (request.witPath) plan = planFromWit(request.witPath, request.world, request.base);
  let component = request.bytes;
  let coreExports = new Set<string>();
  if (request.kind === 'core') {
    const shape = readCoreModule(request.bytes);
    coreExports = new Set(shape.exportNames);
    let embedded = request.bytes;
    if (plan) {
      const wit = witOptions(plan);
      await step('validate against the world');
      const dummy = await jco(`componentEmbed rejects world \`${plan.world}\` of ${request.witPath}`, () => componentEmbed({ ...wit, dummy: true, world: plan!.world }));
      const check = compareWithWorld(shape, readCoreModule(dummy), plan.world, [...plan.probes.map((p) => p.name), ...new Set(plan.imports.map((i) => i.interfaceName))]);
      await send({ type: 'validation', exports: shape.exportNames, ...check });
      await step('componentEmbed');
      embedded = await jco('componentEmbed rejects the module', () => componentEmbed({ binary: request.bytes, ...wit, world: plan!.world }));
    } else {
      await send({ type: 'validation', exports: shape.exportNames, missing: [], wrong: [], unknownImports: [] });
    }
    await step('componentNew');
    // A wasm32-wasip1 guest imports WASI preview 1: jco's reactor adapter turns those into preview 2 imports.
    const adapter = shape.imports.some((i) => i.module === 'wasi_snapshot_preview1') ? readFileSync(path.join(path.dirname(process.argv[1]), 'wasi_snapshot_preview1.reactor.wasm')) : undefined;
    const why = plan ? '' : ' (a core module without an embedded component-type section needs its WIT: --wit)';
    component = await jco(`componentNew rejects the module${why}`, () => componentNew(embedded, adapter ? [['wasi_snapshot_preview1', adapter]] : undefined));
  }
  plan ??= planFromText(await jco("componentWit cannot read the component's WIT", () => componentWit(component)), request.world, "the component's WIT");
  await send({ type: 'plan', probes: plan.probes.map((p) => ({ name: p.name, declaration: p.declaration, arguments: p.argTexts })) });
  await step('transpile');
  const started = performance.now();
  const { files } = await jco('jco transpile fails on the component', () => transpileBytes(component, { name: 'guest', instantiation: 'async', emitTypescriptDeclarations: false, noComponentErrorWrapping: false }));
  // What jco needed from the file system is read: the guest gets none (and no environment, no arguments).
  shim.filesystem._setPreopens({});
  await step('instantiate');
  let guest: Guest;
  try {
    guest = await instantiateGuest(files, plan.imports);
  } catch (error) {
    return send({ type: 'refused', message: `instantiating the component failed: ${message(error)}` });
  }
  const wasiNote = guest.wasi.length > 0 ? [`WASI from preview2-shim, with no preopened directories, environment variables or arguments, and no network: ${guest.wasi.join(', ')}`] : [];
  await send({ type: 'loaded', ms: performance.now() - started, exports: guest.exportNames, notes: [...plan.notes, ...wasiNote] });
  const healthy: WasmProbe[] = [];
  for (const probe of plan.probes) {
    if (probe.skipped) {
      await send({ type: 'probe', probe: { name: probe.name, declaration: probe.declaration, status: 'not-run', error: probe.skipped } });
      continue;
    }
    await step(`call ${probe.name}`, [probe.name]);
    const result = callProbe(guest, probe, request.memoryPages * PAGE);
    await send({ type: 'probe', probe: result.probe });
    await send({ type: 'host', calls: guest.hostCalls() });
    if (result.trapped) {
      // A trapped instance may not be entered again (the component model poisons it): a fresh one for the rest.
      await step('instantiate again');
      guest = await instantiateGuest(files, plan.imports, guest);
    } else if (result.probe.status === 'ok') healthy.push(probe);
  }
  for (const probe of healthy) {
    await step(`repeat ${probe.name}`, [probe.name]);
    const leak = leakOf(guest, probe, coreExports, request.memoryPages * PAGE);
    await send({ type: 'leak', leak });
    if (leak.error) {
      await step('instantiate again');
      guest = await instantiateGuest(files, plan.imports, guest);
    }
  }
  await send({ type: 'host', calls: guest.hostCalls() });
  await send({ type: 'done' });
}

/** The WIT as jco's wasm-tools takes it: one file's text, or a package folder preopened read-only as `/wit`. */
function witOptions(plan: WasmPlan): { witSource: string } | { witPath: string } {
  if ('source' in plan.wit) return { witSource: plan.wit.source };
  // preview2-shim starts with no file system: wasm-tools sees only this folder, and reads its preopens once.
  shim.filesystem._setPreopens({ [WIT_MOUNT]: plan.wit.folder });
  return { witPath: WIT_MOUNT };
}

function callProbe(guest: Guest, probe: WasmProbe, capBytes: number): { probe: ProbeResult; trapped: boolean } {
  const base: ProbeResult = { name: probe.name, declaration: probe.declaration, status: 'ok', arguments: probe.argTexts };
  const fn = guest.function(probe);
  if (!fn) return { probe: { ...base, status: 'failed', error: 'jco generated no binding for it' }, trapped: false };
  const started = performance.now();
  try {
    const value = fn(...probe.args);
    return { probe: { ...base, valueText: probe.result ? valueText(value, probe.result) : undefined, ms: performance.now() - started }, trapped: false };
  } catch (error) {
    const ms = performance.now() - started;
    const payload = componentErrorPayload(error);
    // An `err` of a function returning `result`: jco throws it, but the guest answered.
    if (payload.is && probe.result?.k === 'result') return { probe: { ...base, valueText: valueText({ tag: 'err', val: payload.value }, probe.result), ms }, trapped: false };
    if (error instanceof wasm.RuntimeError) return { probe: { ...base, status: 'failed', error: trapOf(error, guest, capBytes), ms }, trapped: true };
    return { probe: { ...base, status: 'failed', error: `threw ${message(error)}`, ms }, trapped: false };
  }
}

function componentErrorPayload(error: unknown): { is: boolean; value?: unknown } {
  if (error instanceof Error && error.name === 'ComponentError' && 'payload' in error) return { is: true, value: (error as { payload: unknown }).payload };
  return { is: false };
}

/** The trap, and a note when the guest's memory is at its cap (an allocation failing there aborts the guest). */
function trapOf(error: Error, guest: Guest, capBytes: number): string {
  const capped = guest.memoryBytes() + 64 * PAGE > capBytes ? `; the guest's linear memory is at its cap (${capBytes / 1024 / 1024} MiB)` : '';
  return trapText(error, capped);
}

/** The export repeated; its post-return function (`cabi_post_…`, which frees what it returned) named when the module has one. */
function leakOf(guest: Guest, probe: WasmProbe, coreExports: ReadonlySet<string>, capBytes: number): LeakResult {
  const fn = guest.function(probe)!;
  const post = `cabi_post_${probe.name}`;
  const names = { constructor: probe.name, destructor: coreExports.has(post) ? post : undefined };
  try {
    return { ...repeatCall(() => fn(...probe.args), () => guest.memoryBytes()), ...names };
  } catch (error) {
    if (!(error instanceof RepeatFailure)) throw error;
    // A call that returned once and traps when repeated: at the memory cap, what it kept is the leak.
    const perCall = error.calls > 0 ? Math.round((error.grownBytes / error.calls) * 100) / 100 : 0;
    const trapped = error.thrown instanceof wasm.RuntimeError ? trapOf(error.thrown, guest, capBytes) : `threw ${error.message}`;
    const atCap = guest.memoryBytes() + 64 * PAGE > capBytes;
    return { ...names, measure: 'wasm-memory', verdict: atCap && perCall > 0 ? 'leak' : 'not-run', iterations: error.calls, roundBytesPerIteration: [], bytesPerIteration: perCall, error: `call ${error.calls} ${trapped}` };
  }
}

// The parent is gone (the editor closed, the CLI killed): nobody reads the report, and nobody would kill us.
// A guest looping inside one wasm call blocks this thread, so a worker watches the parent and kills the process.
process.on('disconnect', () => process.exit(4));
const watchdog = new Worker(
  "const { workerData } = require('node:worker_threads'); setInterval(() => { if (process.ppid !== workerData) process.kill(process.pid, 'SIGKILL'); }, 250);",
  { eval: true, workerData: process.ppid },
);
watchdog.unref();

process.once('message', (request: WasmRunRequest) => {
  run(request).then(
    () => process.exit(0),
    async (error: unknown) => {
      await send({ type: 'note', note: `the loader failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` });
      process.exit(3);
    },
  );
});
