// The child process that loads a plugin (bundled to dist/loaderChild.js). It runs the steps the parent sent,
// announcing each one and waiting for the parent's acknowledgement before any native call, so that if the
// plugin kills this process the parent knows which step did it.
import * as koffi from 'koffi';
import { Socket } from 'node:net';
import { CHANNEL_FD, encodeFrame, FrameReader } from './channel';
import { PROBE_STRING, type ChildPlan, type PairProbe, type ProbeArgument, type StructLayout, type ValueProbe } from '../../../server/src/protocol/loader';
import { C_STRING_CAP, isParentMessage, type ChildMessageBody, type ChildProbeResult, type ChildStructValue, type StepInfo } from './childProtocol';
import { appendFileSync } from 'node:fs';
import { FLUSH_SYMBOL, HOST_CALLS_ENV } from './hostStubSource';
import { checkLeak } from './leakCheck';
import { dieWithParent } from './parentDeath';
import { NON_NULL, type ProbeValue } from './report';

let nextStep = 0;
const waiting = new Map<number, () => void>();
/** The token of the last acknowledged step: every message after it repeats it (see childProtocol.ts). */
let token = '';

function send(message: ChildMessageBody): Promise<void> {
  const stamped = message.type === 'ready' || message.type === 'step-start' ? message : { ...message, token };
  return new Promise((resolve, reject) => channel.write(encodeFrame(stamped), (error) => (error ? reject(error) : resolve())));
}

async function step<T>(label: string, functions: string[], action: () => T): Promise<T> {
  const info: StepInfo = { id: nextStep++, label, functions };
  const acknowledged = new Promise<void>((resolve) => waiting.set(info.id, resolve));
  await send({ type: 'step-start', step: info });
  await acknowledged;
  return action();
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function jsValue(value: unknown): ProbeValue {
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean' || typeof value === 'string' || value === null) return value;
  return String(value);
}

/** The bytes of a NUL-terminated string (capped): the parent judges whether they are text. */
function cStringBytes(pointer: bigint): Uint8Array {
  const bytes = koffi.decode(pointer, 'uint8_t', -1) as Uint8Array;
  return bytes.length > C_STRING_CAP ? bytes.slice(0, C_STRING_CAP) : bytes;
}

/**
 * The C string passed for `*const c_char` parameters: one buffer for the whole process, so a plugin that keeps
 * the pointer (a setter storing it) never reads freed memory later.
 */
const probeString = Buffer.from(`${PROBE_STRING}\0`, 'latin1');

function argumentValue(argument: ProbeArgument): unknown {
  switch (argument.kind) {
    case 'integer':
    case 'float':
      return 0;
    case 'bool':
      return false;
    case 'null':
      return null;
    case 'c-string':
      return probeString;
  }
}

let structTypes = 0;

/**
 * The koffi type of a layout. Each struct gets a name of its own (two modules may both have a `Config`), and
 * members are named by position (`f0`, `f1`, …): a Rust field name (`r#type`) need not be one koffi accepts.
 */
function structType(layout: StructLayout): koffi.TypeObject {
  const members: Record<string, string | koffi.TypeObject> = {};
  layout.fields.forEach((field, i) => {
    members[`f${i}`] = field.type.kind === 'scalar' ? field.type.koffi : field.type.kind === 'pointer' ? 'void *' : structType(field.type.layout);
  });
  return koffi.struct(`rpg_struct_${structTypes++}`, members);
}

/** A struct koffi decoded, as the parent expects it: field values in layout order, pointers as NULL or not. */
function structFields(value: unknown, layout: StructLayout): ChildStructValue {
  const record = value as Record<string, unknown>;
  return layout.fields.map((field, i) => {
    const v = record[`f${i}`];
    if (field.type.kind === 'pointer') return v === null ? null : NON_NULL;
    if (field.type.kind === 'struct') return structFields(v, field.type.layout);
    return jsValue(v);
  });
}

/** The function as the child calls it: a C string return read as a pointer, a struct return with its koffi type. */
function declare(lib: koffi.LibraryHandle, plan: ValueProbe): ReturnType<koffi.LibraryHandle['func']> {
  if (plan.returns === 'struct' && plan.struct) return lib.func(plan.symbol, structType(plan.struct), []);
  // A C string is read as a pointer, so that its bytes, not koffi's lossy decoding, reach the parent.
  if (plan.returns === 'string' || plan.returns === 'owned-string') {
    const params = plan.declaration.slice(plan.declaration.indexOf(`${plan.symbol}(`));
    return lib.func(`void * ${params}`);
  }
  return lib.func(plan.declaration);
}

async function probe(lib: koffi.LibraryHandle, plan: ValueProbe): Promise<ChildProbeResult> {
  const result: ChildProbeResult = { name: plan.symbol, declaration: plan.declaration, status: 'failed' };
  try {
    const fn = declare(lib, plan);
    const free = plan.free ? lib.func(plan.free.declaration) : undefined;
    const args = (plan.args ?? []).map(argumentValue);
    const raw: unknown = await step(`call ${plan.symbol}`, [plan.symbol], () => {
      const start = performance.now();
      const value: unknown = fn(...args);
      result.ms = performance.now() - start;
      return value;
    });
    if (plan.returns === 'struct' && plan.struct) {
      result.value = structFields(raw, plan.struct);
    } else if (plan.returns === 'void') {
      // Nothing to read: the call returned.
    } else if (plan.returns === 'string' || plan.returns === 'owned-string') {
      const pointer = raw as bigint | null;
      result.value = pointer === null ? null : cStringBytes(pointer);
      if (plan.returns === 'owned-string' && pointer !== null && free && plan.free) {
        await step(`free ${plan.free.symbol}`, [plan.free.symbol], () => free(pointer));
        result.freedWith = plan.free.symbol;
      }
    } else {
      result.value = jsValue(raw);
    }
    result.status = 'ok';
  } catch (error) {
    result.error = errorText(error);
  }
  return result;
}

async function pair(lib: koffi.LibraryHandle, plan: PairProbe): Promise<void> {
  const ctor = plan.constructor.symbol;
  const dtor = plan.destructor?.symbol;
  const ctorResult: ChildProbeResult = { name: ctor, declaration: plan.constructor.declaration, status: 'failed' };
  let construct: () => unknown;
  let destruct: ((handle: unknown) => void) | undefined;
  let handle: unknown;
  try {
    const ctorFn = lib.func(plan.constructor.declaration);
    const dtorFn = plan.destructor ? lib.func(plan.destructor.declaration) : undefined;
    construct = () => ctorFn();
    destruct = dtorFn ? (handle) => dtorFn(handle) : undefined;
    handle = await step(`call ${ctor}`, [ctor], construct);
    ctorResult.value = handle === null ? null : `0x${(handle as bigint).toString(16)}`;
    if (handle === null) {
      ctorResult.error = 'returned NULL';
      await send({ type: 'probe', result: ctorResult });
      return;
    }
    ctorResult.status = 'ok';
    await send({ type: 'probe', result: ctorResult });
  } catch (error) {
    ctorResult.error = errorText(error);
    await send({ type: 'probe', result: ctorResult });
    return;
  }
  if (destruct && plan.destructor && dtor) {
    const dtorResult: ChildProbeResult = { name: dtor, declaration: plan.destructor.declaration, status: 'failed' };
    try {
      await step(`call ${dtor}`, [dtor], () => destruct!(handle));
      dtorResult.status = 'ok';
    } catch (error) {
      dtorResult.error = errorText(error);
    }
    await send({ type: 'probe', result: dtorResult });
    if (dtorResult.status !== 'ok') return;
  }
  const label = dtor ? `leak ${ctor}/${dtor}` : `growth ${ctor}`;
  const result = await step(label, dtor ? [ctor, dtor] : [ctor], () => {
    try {
      return checkLeak({ constructor: ctor, destructor: dtor }, construct, destruct);
    } catch (error) {
      return { constructor: ctor, destructor: dtor, measure: 'rss' as const, verdict: 'not-run' as const, iterations: 0, roundBytesPerIteration: [], bytesPerIteration: 0, error: errorText(error) };
    }
  });
  await send({ type: 'leak', result });
}

function recordProvided(symbols: readonly string[]): void {
  const file = process.env[HOST_CALLS_ENV];
  if (symbols.length === 0 || !file) return;
  const self = koffi.load(null);
  const provided = symbols.filter((symbol) => {
    try {
      self.symbol(symbol);
      return true;
    } catch {
      return false;
    }
  });
  if (provided.length > 0) appendFileSync(file, provided.map((s) => `provided\t${s}\n`).join(''));
}

async function run(library: string, plan: ChildPlan, hostStubs: string | undefined, hostSymbols: readonly string[]): Promise<void> {
  let lib: koffi.LibraryHandle;
  let stubs: koffi.LibraryHandle | undefined;
  try {
    let ms = 0;
    lib = await step('load', [], () => {
      // Imports the process defines itself (libc's, declared by hand) are not the host's: said in the calls file.
      recordProvided(hostSymbols);
      // The host's functions the plugin imports: global, so that dlopen resolves the plugin's imports to them.
      if (hostStubs) {
        try {
          stubs = koffi.load(hostStubs, { global: true });
        } catch (error) {
          throw new Error(`the host stubs ${hostStubs} (delete it to have it rebuilt): ${errorText(error)}`);
        }
      }
      const start = performance.now();
      const handle = koffi.load(library);
      ms = performance.now() - start;
      return handle;
    });
    await send({ type: 'loaded', ms });
  } catch (error) {
    await send({ type: 'load-error', message: errorText(error) });
    return;
  }
  const missing = await step('symbols', [], () =>
    plan.symbols.filter((symbol) => {
      try {
        lib.symbol(symbol);
        return false;
      } catch {
        return true;
      }
    }),
  );
  if (missing.length > 0) await send({ type: 'missing', symbols: missing });
  const absent = new Set(missing);
  for (const p of plan.probes) {
    if (absent.has(p.symbol) || (p.free && absent.has(p.free.symbol))) continue;
    await send({ type: 'probe', result: await probe(lib, p) });
  }
  for (const p of plan.pairs) {
    if (absent.has(p.constructor.symbol) || (p.destructor && absent.has(p.destructor.symbol))) continue;
    await pair(lib, p);
  }
  // Calls with invented arguments come last: a setter they call cannot change what the probes and pairs see.
  for (const p of plan.calls ?? []) {
    if (absent.has(p.symbol) || (p.free && absent.has(p.free.symbol))) continue;
    await send({ type: 'probe', result: await probe(lib, p) });
  }
  await step('unload', [], () => {
    lib.unload();
    // The stubs' call counts, for the parent (hostCalls.ts); the stubs stay loaded until the process exits.
    if (stubs) stubs.func(`void ${FLUSH_SYMBOL}(void)`)();
  });
}

function onMessage(message: unknown): void {
  if (!isParentMessage(message)) return;
  if (message.type === 'ack') {
    token = message.token;
    waiting.get(message.id)?.();
    waiting.delete(message.id);
    return;
  }
  run(message.library, message.plan, message.hostStubs, message.hostSymbols ?? [])
    .then(() => send({ type: 'done' }))
    .then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`loader child: ${errorText(error)}\n`);
        process.exit(70);
      },
    );
}

dieWithParent();
const channel = new Socket({ fd: CHANNEL_FD, readable: true, writable: true });
const frames = new FrameReader();
channel.on('data', (chunk: Buffer) => {
  try {
    for (const message of frames.push(chunk)) onMessage(message);
  } catch {
    process.exit(71); // the parent never sends a bad frame
  }
});
// The parent went away (editor closed, CLI interrupted): stop rather than linger.
channel.on('close', () => process.exit(0));
channel.on('error', () => process.exit(0));
// Tell the parent the child started (Node, koffi) before it sends the plan.
void send({ type: 'ready' });
