// Arguments the loader may invent for an export, one per parameter, or why it may not call it. Calling a
// function with made-up arguments runs plugin code on values no host would pass, so only values that cannot be
// invalid are invented: `0` / `0.0` / `false` for scalars (and for a fieldless enum with a variant of value 0), a
// short C string for `*const c_char`, and NULL for a
// pointer that may be null by its type (`Option<&T>`, `Option<NonNull<T>>`, `Option<extern "C" fn>`) or that the
// body checks for null before any use (nullGuards.ts). Anything else (`&T`, a struct by value, a raw pointer the
// body uses unchecked, `NonZero*`) means the function is not called.
import { bodyOf } from '../bodies';
import type { CrateModel, Module } from '../crate/crateModel';
import type { FunctionItem } from '../syntax/items';
import type { TypeRef } from '../syntax/typeRef';
import { SCALAR_TYPES, type RustAbiType } from '../../../client/src/loader/koffiTypes';
import type { ProbeArgument } from '../protocol/loader';
import { nullCheckedParams } from './nullGuards';
import { enumInteger, enumValues } from './structLayout';
import { externalName, isUnsized, meaningOf, resolveAliasChain, type TypeScope } from './typeScope';

/** Words in an export's name that say a call ends, frees or tears down something: never called with invented arguments. */
const DESTRUCTIVE = /^(free|destroy|drop|release|delete|close|shutdown|exit|abort|dispose|deinit|uninit|finalize|terminate|kill|quit|unload|remove|unlink|erase|wipe|purge|reset|clear|unref|decref|dealloc|deallocate|unregister)$/;

const C_STRING: RustAbiType = { kind: 'pointer', mutable: false, pointee: 'c_char', crateType: false };
const ANY_POINTER: RustAbiType = { kind: 'pointer', mutable: false, pointee: 'c_void', crateType: false };

export type Invented = { args: ProbeArgument[]; params: RustAbiType[] } | { reason: string };

type ParamClass = { argument: ProbeArgument; abi: RustAbiType } | { rawPointer: true } | { reason: string };

/**
 * Words that say a call may wait (for an event, a thread, a connection): with a zero timeout or handle it may
 * never return, and the loader's timeout would then report a crash the arguments caused.
 */
const BLOCKING = /^(wait|sleep|join|block|listen|serve|accept|poll|recv|loop|spin)$/;

/** The word of `symbol` that says it is destructive (`greeter_free` → `free`, `closeSession` → `close`), if any. */
export function destructiveWord(symbol: string): string | undefined {
  return wordsOf(symbol).find((w) => DESTRUCTIVE.test(w));
}

/** The word of `symbol` that says it may block (`plugin_wait_event` → `wait`), if any. */
export function blockingWord(symbol: string): string | undefined {
  return wordsOf(symbol).find((w) => BLOCKING.test(w));
}

function wordsOf(symbol: string): string[] {
  return symbol.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/);
}

/** The arguments for `fn` (declared in `module`), or why it is not called. */
export function inventArguments(crate: CrateModel, fn: FunctionItem, module: Module, scope: TypeScope): Invented {
  const classes = fn.params.map((p) => classify(p, scope));
  const refused = classes.findIndex((c) => 'reason' in c);
  const facts = bodyOf(crate, fn, module.file);
  const label = (i: number): string => {
    const name = facts.params[i]?.name;
    return `\`${name !== undefined ? `${name}: ` : ''}${fn.params[i].text}\``;
  };
  if (refused >= 0) return { reason: `${label(refused)} ${(classes[refused] as { reason: string }).reason}` };
  const raw = classes.map((c, i) => ('rawPointer' in c ? i : -1)).filter((i) => i >= 0);
  if (raw.length > 0) {
    const names = raw.map((i) => facts.params[i]?.name);
    const checked = facts.hasErrors || names.some((n) => n === undefined) ? new Set<string>() : nullCheckedParams(crate, { fn, module, file: module.file }, names as string[]);
    const unchecked = raw.find((i) => !checked.has(facts.params[i]?.name ?? ''));
    if (unchecked !== undefined) {
      return { reason: `${label(unchecked)} is a raw pointer the body may use without checking it for null first, and the loader has no valid one to pass (check it with \`is_null()\` / \`as_ref()\` before use, or take \`Option<&T>\`)` };
    }
  }
  const args: ProbeArgument[] = [];
  const params: RustAbiType[] = [];
  for (const c of classes) {
    if ('argument' in c) {
      args.push(c.argument);
      params.push(c.abi);
    } else {
      args.push({ kind: 'null' });
      params.push(ANY_POINTER);
    }
  }
  return { args, params };
}

function classify(type: TypeRef, scope: TypeScope): ParamClass {
  const resolved = resolveAliasChain({ type, scope });
  const t = resolved.type;
  switch (t.kind) {
    case 'primitive':
      return scalar(t.name);
    case 'pointer': {
      const inner = resolveAliasChain({ type: t.inner, scope: resolved.scope }).type;
      if (isUnsized(inner)) return { reason: 'is a pointer to an unsized type' };
      if (!t.mutable && inner.kind === 'path' && inner.args.length === 0 && inner.segments[inner.segments.length - 1] === 'c_char' && meaningOf(inner, resolved.scope).kind !== 'adt') {
        return { argument: { kind: 'c-string' }, abi: C_STRING };
      }
      return { rawPointer: true };
    }
    case 'reference':
      return { reason: 'is a reference, which must point to a valid value the loader does not have' };
    case 'path': {
      const name = externalName(t, resolved.scope);
      if (name !== undefined && name.startsWith('c_') && t.args.length === 0) return scalar(name);
      if (name === 'Option' && t.args.length === 1 && isNullablePointer(t.args[0], resolved.scope)) return { argument: { kind: 'null' }, abi: ANY_POINTER };
      if (name !== undefined && /^NonZero/.test(name)) return { reason: 'must not be zero' };
      if (name === 'NonNull' || name === 'Box') return { reason: 'must not be NULL, and the loader has no valid pointer to pass' };
      const meaning = meaningOf(t, resolved.scope);
      if (meaning.kind === 'adt' && meaning.item.kind === 'enum') {
        // 0 is invented only when it is one of the enum's values (an implicit first variant): any other is UB.
        const integer = enumInteger(meaning.item);
        if (integer && enumValues(meaning.item)?.includes(0n)) return { argument: { kind: 'integer' }, abi: { kind: 'scalar', name: integer } };
        return { reason: integer ? 'is an enum of the crate without a variant of value 0' : 'is an enum of the crate with no fixed integer representation (`#[repr(u32)]`): 0 may not be one of its values' };
      }
      if (meaning.kind === 'adt') return { reason: `is a ${meaning.item.kind} of the crate passed by value: the loader has no valid one to pass` };
      return { reason: 'is not a number, a C string or a pointer that may be NULL' };
    }
    case 'fnPointer':
      return { reason: 'is a function pointer that must not be NULL (take `Option<extern "C" fn ..>` to allow NULL)' };
    default:
      return { reason: 'is not a number, a C string or a pointer that may be NULL' };
  }
}

function scalar(name: string): ParamClass {
  const koffi = SCALAR_TYPES[name];
  if (!koffi) return { reason: 'has no koffi type' };
  const argument: ProbeArgument = koffi.value === 'float' ? { kind: 'float' } : koffi.value === 'bool' ? { kind: 'bool' } : { kind: 'integer' };
  return { argument, abi: { kind: 'scalar', name } };
}

/** `Option<&T>`, `Option<&mut T>`, `Option<NonNull<T>>`, `Option<extern "C" fn ..>`: `None` is NULL. */
function isNullablePointer(payload: TypeRef, scope: TypeScope): boolean {
  const resolved = resolveAliasChain({ type: payload, scope });
  const t = resolved.type;
  if (t.kind === 'reference') return !isUnsized(resolveAliasChain({ type: t.inner, scope: resolved.scope }).type);
  if (t.kind === 'fnPointer') return t.abi !== undefined && t.abi !== 'Rust';
  return t.kind === 'path' && externalName(t, resolved.scope) === 'NonNull' && t.args.length === 1;
}
