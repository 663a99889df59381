// Checks every message of the child against the plan before the parent believes it. Plugin code runs in the
// child and can write anything to the IPC channel, so a message must have the documented shape, the token of
// the step it belongs to, and come in the order the child's own code (child.ts) sends them for this plan:
// known steps and probe names only, values of the declared type. The first message that does not fit is a
// ProtocolError, which the parent treats as a crash of the open step.
import { randomBytes } from 'node:crypto';
import { argumentText, type ChildPlan, type PairProbe, type StructLayout, type ValueProbe } from '../../../server/src/protocol/loader';
import { C_STRING_CAP, LEAK_ROUNDS, type ChildMessage, type ChildProbeResult, type StepInfo } from './childProtocol';
import { judgeCString } from './cString';
import { NON_NULL, type LeakResult, type ProbeResult, type ProbeValue, type StructValue } from './report';

export class ProtocolError extends Error {}

/** What a checked conversation tells the parent, in order. */
export interface ProtocolEvents {
  /** A step starts: the parent acks it with `token`. */
  step(step: StepInfo, token: string): void;
  loaded(ms: number): void;
  loadError(message: string): void;
  missing(symbols: string[]): void;
  probe(result: ProbeResult): void;
  leak(result: LeakResult): void;
  done(): void;
}

const TEXT_CAP = 16 * 1024;
type Msg = ChildMessage;
type Talk = Generator<undefined, void, unknown>;

function fail(why: string): never {
  throw new ProtocolError(why);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length <= TEXT_CAP;
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

function onlyKeys(value: Record<string, unknown>, allowed: readonly string[], what: string): void {
  const extra = Object.keys(value).find((k) => !allowed.includes(k));
  if (extra !== undefined) fail(`${what} has an unknown field \`${extra.slice(0, 40)}\``);
}

/** The shape of one message (not yet its place in the conversation). */
function shapeOf(raw: unknown, token: string | undefined): Msg {
  if (!isObject(raw)) fail('a message that is not an object');
  const type = raw.type;
  const needsToken = type !== 'ready' && type !== 'step-start';
  if (needsToken && (token === undefined || raw.token !== token)) fail(`a \`${String(type).slice(0, 40)}\` message without the token of the current step`);
  switch (type) {
    case 'ready':
      onlyKeys(raw, ['type'], 'ready');
      return { type };
    case 'step-start': {
      onlyKeys(raw, ['type', 'step'], 'step-start');
      const step = raw.step;
      if (!isObject(step) || !Number.isSafeInteger(step.id) || !isText(step.label) || !Array.isArray(step.functions) || !step.functions.every(isText)) fail('a malformed step-start');
      onlyKeys(step, ['id', 'label', 'functions'], 'step-start');
      return { type, step: { id: step.id as number, label: step.label, functions: step.functions as string[] } };
    }
    case 'loaded':
      onlyKeys(raw, ['type', 'ms', 'token'], 'loaded');
      if (!isTime(raw.ms)) fail('a load time that is not a number of milliseconds');
      return { type, ms: raw.ms, token: raw.token as string };
    case 'load-error':
      onlyKeys(raw, ['type', 'message', 'token'], 'load-error');
      if (!isText(raw.message)) fail('a load error that is not text');
      return { type, message: raw.message, token: raw.token as string };
    case 'missing':
      onlyKeys(raw, ['type', 'symbols', 'token'], 'missing');
      if (!Array.isArray(raw.symbols) || !raw.symbols.every(isText)) fail('a malformed list of missing symbols');
      return { type, symbols: raw.symbols as string[], token: raw.token as string };
    case 'probe':
      onlyKeys(raw, ['type', 'result', 'token'], 'probe');
      if (!isObject(raw.result)) fail('a probe message without a result');
      return { type, result: raw.result as ChildProbeResult, token: raw.token as string };
    case 'leak':
      onlyKeys(raw, ['type', 'result', 'token'], 'leak');
      if (!isObject(raw.result)) fail('a leak message without a result');
      return { type, result: raw.result as unknown as LeakResult, token: raw.token as string };
    case 'done':
      onlyKeys(raw, ['type', 'token'], 'done');
      return { type, token: raw.token as string };
    default:
      return fail(`a message of unknown type \`${String(type).slice(0, 40)}\``);
  }
}

type ValueKind = Exclude<ValueProbe['returns'], 'void' | 'struct'> | 'handle' | 'none';

const isInteger = (value: unknown): boolean => (typeof value === 'number' && Number.isInteger(value)) || typeof value === 'bigint';

/** A returned struct as the child sends it (field values in layout order), checked field by field and named. */
function structValue(value: unknown, layout: StructLayout, name: string): StructValue {
  if (!Array.isArray(value) || value.length !== layout.fields.length) fail(`a value for \`${name}\` that is not the fields of \`${layout.name}\``);
  const fields = layout.fields.map((field, i): [string, ProbeValue | StructValue] => {
    const v: unknown = value[i];
    const type = field.type;
    const ok =
      type.kind === 'pointer' ? v === null || v === NON_NULL
      : type.kind === 'struct' ? true
      : type.value === 'integer' ? isInteger(v)
      : type.value === 'float' ? typeof v === 'number'
      : typeof v === 'boolean';
    if (!ok) fail(`a value of the wrong type for \`${name}\`, field \`${field.name}\``);
    return [field.name, type.kind === 'struct' ? structValue(v, type.layout, name) : (v as ProbeValue)];
  });
  // Own data properties only (a field may be named `__proto__`).
  return Object.fromEntries(fields) as StructValue;
}

function checkValue(kind: ValueKind, value: unknown, name: string): void {
  const ok = (() => {
    switch (kind) {
      case 'integer':
        return isInteger(value);
      case 'float':
        return typeof value === 'number';
      case 'bool':
        return typeof value === 'boolean';
      case 'string':
      case 'owned-string':
        return value === null || (value instanceof Uint8Array && value.length <= C_STRING_CAP);
      case 'handle':
        return typeof value === 'string' && /^0x[0-9a-f]{1,16}$/.test(value);
      case 'none':
        return value === undefined;
    }
  })();
  if (!ok) fail(`a value of the wrong type for \`${name}\` (${kind === 'handle' ? 'a pointer' : kind === 'none' ? 'no value' : kind} expected)`);
}

/** Validates a probe result for `name` and converts it to the report's form (C strings judged). */
function probeResult(raw: ChildProbeResult, expected: { symbol: string; declaration: string }, kind: ValueKind | StructLayout, freedWith: string | undefined): ProbeResult {
  const r = raw as unknown as Record<string, unknown>;
  onlyKeys(r, ['name', 'declaration', 'status', 'value', 'freedWith', 'error', 'ms'], 'a probe result');
  if (r.name !== expected.symbol) fail(`a result for \`${String(r.name).slice(0, 80)}\` where \`${expected.symbol}\` was due`);
  if (r.declaration !== expected.declaration) fail(`a result for \`${expected.symbol}\` with another declaration`);
  if (r.status !== 'ok' && r.status !== 'failed') fail(`a result for \`${expected.symbol}\` with status \`${String(r.status).slice(0, 40)}\``);
  if (r.error !== undefined && !isText(r.error)) fail(`an error for \`${expected.symbol}\` that is not text`);
  if (r.ms !== undefined && !isTime(r.ms)) fail(`a time for \`${expected.symbol}\` that is not a number of milliseconds`);
  if (r.freedWith !== freedWith) fail(`a result for \`${expected.symbol}\` that says it was freed by ${r.freedWith === undefined ? 'nothing' : `\`${String(r.freedWith).slice(0, 80)}\``}`);
  if (r.status === 'ok' && r.error !== undefined) fail(`an ok result for \`${expected.symbol}\` with an error`);
  let struct: StructValue | undefined;
  if (r.value === undefined) {
    if (r.status === 'ok' && kind !== 'none') fail(`an ok result for \`${expected.symbol}\` without a value`);
  } else if (typeof kind === 'object') {
    // A struct comes whole from a call that returned, or not at all.
    if (r.status !== 'ok') fail(`a failed result for \`${expected.symbol}\` with a value`);
    struct = structValue(r.value, kind, expected.symbol);
  } else if (!(r.value === null && r.status === 'failed')) {
    checkValue(kind, r.value, expected.symbol);
  }
  const result: ProbeResult = { name: expected.symbol, declaration: expected.declaration, status: r.status };
  if (struct) {
    result.value = struct;
  } else if (r.value instanceof Uint8Array) {
    const verdict = judgeCString(r.value);
    result.value = verdict.text;
    if (verdict.problem && result.status === 'ok') {
      result.status = 'suspicious';
      result.error = `the returned C string ${verdict.problem}: it may point into freed or unrelated memory`;
    }
  } else if (r.value !== undefined) {
    result.value = r.value as ProbeValue;
  }
  if (r.freedWith !== undefined) result.freedWith = r.freedWith as string;
  if (r.error !== undefined && result.error === undefined) result.error = r.error as string;
  if (r.ms !== undefined) result.ms = r.ms as number;
  return result;
}

function leakResult(raw: LeakResult, pair: PairProbe): LeakResult {
  const r = raw as unknown as Record<string, unknown>;
  onlyKeys(r, ['constructor', 'destructor', 'measure', 'verdict', 'iterations', 'roundBytesPerIteration', 'bytesPerIteration', 'error'], 'a leak result');
  const numbers = r.roundBytesPerIteration;
  const valid =
    Object.getOwnPropertyDescriptor(r, 'constructor')?.value === pair.constructor.symbol &&
    r.destructor === pair.destructor?.symbol &&
    (r.measure === 'mallinfo2' || r.measure === 'rss') &&
    (r.verdict === 'ok' || r.verdict === 'leak' || r.verdict === 'not-run') &&
    Number.isSafeInteger(r.iterations) && (r.iterations as number) >= 0 &&
    Array.isArray(numbers) && numbers.length <= LEAK_ROUNDS && numbers.every((n) => typeof n === 'number' && Number.isFinite(n)) &&
    typeof r.bytesPerIteration === 'number' && Number.isFinite(r.bytesPerIteration) &&
    (r.error === undefined || isText(r.error));
  if (!valid) fail(`a malformed leak result for \`${pair.constructor.symbol}\``);
  return { ...raw, roundBytesPerIteration: [...(numbers as number[])] };
}

/** The conversation child.ts holds for `plan`, as a generator fed one raw message at a time. */
function* conversation(plan: ChildPlan, events: ProtocolEvents, state: { token?: string }): Talk {
  let held: Msg | undefined;
  let nextId = 0;
  function* next(): Generator<undefined, Msg, unknown> {
    if (held) {
      const message = held;
      held = undefined;
      return message;
    }
    return shapeOf(yield, state.token);
  }
  function* expect<T extends Msg['type']>(type: T, why: string): Generator<undefined, Extract<Msg, { type: T }>, unknown> {
    const message = yield* next();
    if (message.type !== type) fail(`a \`${message.type}\` message where ${why} was due`);
    return message as Extract<Msg, { type: T }>;
  }
  /** A step-start with exactly this label and these functions; acked with a fresh token. */
  const startStep = (message: Msg, label: string, functions: string[]): boolean => {
    if (message.type !== 'step-start' || message.step.label !== label) return false;
    if (message.step.id !== nextId) fail(`step \`${label}\` numbered ${message.step.id} where ${nextId} was due`);
    if (message.step.functions.length !== functions.length || message.step.functions.some((f, i) => f !== functions[i])) fail(`step \`${label}\` naming other functions`);
    nextId++;
    state.token = randomBytes(16).toString('hex');
    events.step(message.step, state.token);
    return true;
  };
  function* step(label: string, functions: string[]): Generator<undefined, void, unknown> {
    const message = yield* next();
    if (!startStep(message, label, functions)) fail(`${describe(message)} where step \`${label}\` was due`);
  }

  yield* expect('ready', 'the ready message');
  yield* step('load', []);
  const loaded = yield* next();
  if (loaded.type === 'load-error') {
    events.loadError(loaded.message);
    yield* expect('done', 'the end');
    return events.done();
  }
  if (loaded.type !== 'loaded') fail(`${describe(loaded)} where the load result was due`);
  events.loaded(loaded.ms);
  yield* step('symbols', []);
  const absent = new Set<string>();
  const after = yield* next();
  if (after.type === 'missing') {
    const known = new Set(plan.symbols);
    if (after.symbols.length === 0 || after.symbols.some((s) => !known.has(s)) || new Set(after.symbols).size !== after.symbols.length) fail('a list of missing symbols that are not in the plan');
    for (const s of after.symbols) absent.add(s);
    events.missing(after.symbols);
  } else {
    held = after;
  }
  for (const p of plan.probes) {
    if (absent.has(p.symbol) || (p.free && absent.has(p.free.symbol))) continue;
    yield* valueProbe(p);
  }
  for (const p of plan.pairs) {
    if (absent.has(p.constructor.symbol) || (p.destructor && absent.has(p.destructor.symbol))) continue;
    yield* pairProbe(p);
  }
  for (const p of plan.calls ?? []) {
    if (absent.has(p.symbol) || (p.free && absent.has(p.free.symbol))) continue;
    yield* valueProbe(p);
  }
  yield* step('unload', []);
  yield* expect('done', 'the end');
  events.done();

  function* valueProbe(p: ValueProbe): Generator<undefined, void, unknown> {
    let message = yield* next();
    // The arguments are the plan's, never the child's word.
    const withArguments = (result: ProbeResult): ProbeResult => (p.args ? { ...result, arguments: p.args.map(argumentText) } : result);
    // Declaring the function failed before any call: only a failure can come.
    if (message.type === 'probe') return void events.probe(withArguments(failedBeforeCall(message.result, p)));
    if (!startStep(message, `call ${p.symbol}`, [p.symbol])) fail(`${describe(message)} where the call of \`${p.symbol}\` was due`);
    message = yield* next();
    let freedWith: string | undefined;
    if (p.free && p.returns === 'owned-string' && message.type === 'step-start') {
      if (!startStep(message, `free ${p.free.symbol}`, [p.free.symbol])) fail(`${describe(message)} where the free of \`${p.symbol}\`'s string was due`);
      freedWith = p.free.symbol;
      message = yield* next();
    }
    if (message.type !== 'probe') fail(`${describe(message)} where the result of \`${p.symbol}\` was due`);
    if (p.returns === 'struct' && !p.struct) fail(`a result for \`${p.symbol}\`, whose struct the plan does not describe`);
    const kind = p.returns === 'struct' ? p.struct! : p.returns === 'void' ? 'none' : p.returns;
    const result = probeResult(message.result, p, kind, freedWith);
    // The child frees every non-NULL owned string it read; a result that skips the free did not come from it.
    if (p.free && p.returns === 'owned-string' && result.status === 'ok' && message.result.value !== null && !freedWith) fail(`a result for \`${p.symbol}\` whose string was never freed`);
    events.probe(withArguments(result));
  }

  function* pairProbe(p: PairProbe): Generator<undefined, void, unknown> {
    const ctor = p.constructor;
    let message = yield* next();
    if (message.type === 'probe') return void events.probe(failedBeforeCall(message.result, ctor));
    if (!startStep(message, `call ${ctor.symbol}`, [ctor.symbol])) fail(`${describe(message)} where the call of \`${ctor.symbol}\` was due`);
    const made = probeResult((yield* expect('probe', `the result of \`${ctor.symbol}\``)).result, ctor, 'handle', undefined);
    if (made.status === 'ok' ? made.value === null : made.value !== null && made.value !== undefined) fail(`a result for \`${ctor.symbol}\` whose status does not fit its value`);
    events.probe(made);
    if (made.status !== 'ok') return;
    if (p.destructor) {
      yield* step(`call ${p.destructor.symbol}`, [p.destructor.symbol]);
      const freed = probeResult((yield* expect('probe', `the result of \`${p.destructor.symbol}\``)).result, p.destructor, 'none', undefined);
      events.probe(freed);
      if (freed.status !== 'ok') return;
    }
    const label = p.destructor ? `leak ${ctor.symbol}/${p.destructor.symbol}` : `growth ${ctor.symbol}`;
    yield* step(label, p.destructor ? [ctor.symbol, p.destructor.symbol] : [ctor.symbol]);
    message = yield* expect('leak', `the leak check of \`${ctor.symbol}\``);
    events.leak(leakResult(message.result, p));
  }
}

function failedBeforeCall(raw: ChildProbeResult, expected: { symbol: string; declaration: string }): ProbeResult {
  const result = probeResult(raw, expected, 'none', undefined);
  if (result.status !== 'failed' || result.error === undefined) fail(`a result for \`${expected.symbol}\` before it was called`);
  return result;
}

function describe(message: Msg): string {
  return message.type === 'step-start' ? `step \`${message.step.label.slice(0, 80)}\`` : `a \`${message.type}\` message`;
}

/** Feeds raw messages to the conversation; `accept` throws a ProtocolError on the first one that does not fit. */
export class ChildMessageCheck {
  private readonly talk: Talk;
  private readonly state: { token?: string } = {};
  private finished = false;

  constructor(plan: ChildPlan, events: ProtocolEvents) {
    this.talk = conversation(plan, events, this.state);
    this.talk.next(); // run to the first `yield`
  }

  accept(message: unknown): void {
    if (this.finished) fail('a message after the end');
    try {
      this.finished = this.talk.next(message).done === true;
    } catch (error) {
      this.finished = true;
      if (error instanceof ProtocolError) throw error;
      throw new ProtocolError(`a message the loader could not read (${error instanceof Error ? error.message : String(error)})`);
    }
  }
}
