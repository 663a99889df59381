// What the loader may call without arguments from the user: a pure function of the crate model.
// Constructor/destructor pairs are matched by the ownership analysis of function bodies when it can (the
// constructor hands out `Box::into_raw` & co. of `T` as `*mut T`, the destructor export takes `*mut T` and
// reclaims it: `matchedBy: 'ownership'`), else by signature (a zero-argument export returning `*mut T`/`*const T`
// for a type `T` of the crate, and an export taking exactly that pointer and returning `()`: `'signature'`).
// A signature match that reclaims nothing is kept on purpose: the leak check then shows what it fails to free.
// A zero-argument export returning a `#[repr(C)]` struct by value is read field by field (structLayout.ts).
// Exports with parameters are called with invented arguments (`calls`, run after the pairs) only when every
// argument can be invented safely (probeArguments.ts) and the result is a number, a C string or `()`.
import { isExport, ownershipTable } from '../bodies/ownership';
import type { CrateModel, Module } from '../crate/crateModel';
import type { FunctionItem } from '../syntax/items';
import type { TypeRef } from '../syntax/typeRef';
import { isOwnedString, koffiPrototype, koffiTypeOf, type RustAbiType } from '../../../client/src/loader/koffiTypes';
import type { PairProbe, ProbePlan, ReturnKind, StructLayout, SymbolLocation, ValueProbe } from '../protocol/loader';
import { crateExports, isGenericFunction } from './crateExports';
import { blockingWord, destructiveWord, inventArguments } from './probeArguments';
import { enumInteger, structLayoutOf } from './structLayout';
import { interfaceFacts, isDeclaredCString, type InterfaceFacts } from './interfacePlan';
import { exportableItems } from './exportableItems';
import { exportedSymbol } from './exportedSymbols';
import { hostImports } from './hostImports';
import { meaningOf, resolveAliasChain, type TypeScope } from './typeScope';

interface ExportedFunction {
  symbol: string;
  item: FunctionItem;
  module: Module;
  scope: TypeScope;
  params: RustAbiType[];
  returns: RustAbiType;
}

const C_ABIS = new Set(['C', 'C-unwind', 'system', 'system-unwind']);
const C_STRING: RustAbiType = { kind: 'pointer', mutable: false, pointee: 'c_char', crateType: false };
/** A byte string or C string literal that ends in NUL: `b"name\0"`, `c"name"`. */
const NUL_TERMINATED_LITERAL = /\bb"(?:[^"\\]|\\.)*\\0"|\bc"/;

export function planProbes(crate: CrateModel): ProbePlan {
  // The symbols the library should have, and where they are defined: the preflight's list of exports.
  const exports = crateExports(crate);
  const locations: Record<string, SymbolLocation> = Object.fromEntries(exports.map((e) => [e.symbol, { file: e.file, range: e.range }]));
  const functions: ExportedFunction[] = [];
  const skipped: ProbePlan['skipped'] = [];
  for (const { item, container, module } of exportableItems(crate.modules)) {
    const exported = exportedSymbol(item);
    if (!exported || item.kind !== 'function' || container?.kind === 'trait') continue;
    if (isGenericFunction(item, container)) {
      // rustc exports no symbol for a generic function (see `generic-export`): not expected, nothing to call.
      skipped.push({ symbol: exported.name, reason: 'generic: rustc exports no symbol for it' });
      continue;
    }
    if (!item.abi || !C_ABIS.has(item.abi)) {
      skipped.push({ symbol: exported.name, reason: 'not an `extern "C"` function' });
      continue;
    }
    const scope: TypeScope = { module, generics: new Set(), substitutions: new Map(), selfType: undefined };
    const returns = item.returnType ? abiType(item.returnType, scope) : ({ kind: 'unit' } as const);
    functions.push({ symbol: exported.name, item, module, scope, params: item.params.map((p) => abiType(p, scope)), returns });
  }

  const facts = interfaceFacts(crate);
  const ownership = ownershipOf(crate);
  // Destructors the ownership analysis confirms come first.
  const frees = functions
    .filter((f) => f.params.length === 1 && f.returns.kind === 'unit')
    .sort((a, b) => Number(ownership.reclaimers.has(b.symbol)) - Number(ownership.reclaimers.has(a.symbol)));
  const probes: ValueProbe[] = [];
  const pairs: PairProbe[] = [];
  const used = new Set<string>();
  for (const fn of functions) {
    if (fn.params.length > 0) continue;
    if (isByteString(fn, facts, crate)) {
      used.add(fn.symbol);
      probes.push({ symbol: fn.symbol, declaration: koffiPrototype(fn.symbol, C_STRING, [])!, returns: 'string' });
      continue;
    }
    const declaration = koffiPrototype(fn.symbol, fn.returns, []);
    const type = koffiTypeOf(fn.returns);
    if (!declaration || !type) {
      used.add(fn.symbol);
      const struct = fn.returns.kind === 'other' && fn.item.returnType ? structLayoutOf({ type: fn.item.returnType, scope: fn.scope }) : undefined;
      if (struct && 'layout' in struct) {
        const expected = versionField(struct.layout, facts);
        probes.push({ symbol: fn.symbol, declaration: `${struct.layout.name} ${fn.symbol}(void)`, returns: 'struct', struct: struct.layout, ...(expected ? { expected } : {}) });
      } else {
        const kind = crateAdtKind(fn);
        const reason =
          kind === 'struct' && struct && 'reason' in struct ? `returns a struct the loader cannot read: ${struct.reason}`
          : kind === 'enum' ? `returns \`${fn.item.returnType?.text}\`, an enum the loader cannot read as an integer (it has fields or no \`repr\`, or is \`repr(C)\` with values that may not fit a C \`int\`)`
          : noKoffiReason(fn.item.returnType);
        skipped.push({ symbol: fn.symbol, reason });
      }
      continue;
    }
    if (type.value === 'void') continue;
    used.add(fn.symbol);
    if (isOwnedString(fn.returns)) {
      const free = frees.find((f) => isOwnedString(f.params[0]));
      if (!free) {
        skipped.push({ symbol: fn.symbol, reason: 'returns an owned string (`*mut c_char`) but the crate exports no function to free it' });
        continue;
      }
      used.add(free.symbol);
      probes.push({ symbol: fn.symbol, declaration, returns: 'owned-string', free: { symbol: free.symbol, declaration: koffiPrototype(free.symbol, free.returns, free.params)! } });
    } else if (type.value === 'string') {
      probes.push({ symbol: fn.symbol, declaration, returns: 'string' });
    } else if (fn.returns.kind === 'pointer') {
      if (!fn.returns.crateType) {
        const bytes = !fn.returns.mutable && (fn.returns.pointee === 'u8' || fn.returns.pointee === 'i8');
        const reason = bytes
          ? `returns \`${fn.item.returnType?.text}\`, which may not end in NUL: return \`*const c_char\`, or declare it \`const char *\` in the interface, to have it read as a C string`
          : `returns \`${fn.item.returnType?.text}\`, a pointer the loader cannot pair with a destructor`;
        skipped.push({ symbol: fn.symbol, reason });
        continue;
      }
      const pointee = fn.returns.pointee;
      const free = frees.find((f) => f.params[0].kind === 'pointer' && f.params[0].crateType && f.params[0].pointee === pointee);
      if (free) used.add(free.symbol);
      const confirmed = free !== undefined && ownership.handouts.get(fn.symbol)?.has(pointee) === true && ownership.reclaimers.get(free.symbol)?.has(pointee) === true;
      pairs.push({
        type: pointee,
        constructor: { symbol: fn.symbol, declaration },
        destructor: free ? { symbol: free.symbol, declaration: koffiPrototype(free.symbol, free.returns, free.params)! } : undefined,
        matchedBy: confirmed ? 'ownership' : 'signature',
      });
    } else {
      const expected = type.value === 'integer' ? facts.expectedFor(fn.symbol) : undefined;
      probes.push({ symbol: fn.symbol, declaration, returns: type.value as ReturnKind, ...(expected ? { expected } : {}) });
    }
  }
  const planned: { fn: ExportedFunction; call: ReturnType<typeof planCall> }[] = [];
  for (const fn of functions) {
    if (used.has(fn.symbol)) continue;
    if (fn.params.length === 0) {
      if (fn.returns.kind === 'unit') skipped.push({ symbol: fn.symbol, reason: 'returns nothing to check (and may have side effects)' });
      continue;
    }
    const call = planCall(fn, crate, facts, ownership, frees);
    planned.push({ fn, call });
    if ('probe' in call && call.probe.free) used.add(call.probe.free.symbol);
  }
  // A function that frees what a call returns is used by that call: neither called itself nor noted.
  const calls: ValueProbe[] = [];
  for (const { fn, call } of planned) {
    if (used.has(fn.symbol)) continue;
    if ('reason' in call) skipped.push({ symbol: fn.symbol, reason: call.reason });
    else calls.push(call.probe);
  }
  // Calls that return nothing (setters) go last: what they change cannot reach the calls that return a value.
  calls.sort((a, b) => Number(a.returns === 'void') - Number(b.returns === 'void'));
  const sourceFiles = [...crate.files.keys(), ...(crate.manifest ? [crate.manifest.path] : [])];
  return { crate: crate.name, symbols: [...new Set(exports.map((e) => e.symbol))], probes, pairs, calls, skipped, locations, exports, sourceFiles, requiredSymbols: facts.required, hostImports: hostImports(crate) };
}

/** An export with parameters as a probe with invented arguments, or why it is not called. */
function planCall(fn: ExportedFunction, crate: CrateModel, facts: InterfaceFacts, ownership: OwnershipFacts, frees: readonly ExportedFunction[]): { probe: ValueProbe } | { reason: string } {
  const word = destructiveWord(fn.symbol);
  if (word) return { reason: `takes arguments, and \`${word}\` in its name says it frees, ends or clears something: not called with invented arguments` };
  const blocking = blockingWord(fn.symbol);
  if (blocking) return { reason: `takes arguments, and \`${blocking}\` in its name says it may wait: with invented arguments it may never return, so it is not called` };
  if (ownership.reclaimers.has(fn.symbol)) return { reason: 'takes back ownership of what an argument points to (a destructor): not called with invented arguments' };
  const invented = inventArguments(crate, fn.item, fn.module, fn.scope);
  if ('reason' in invented) return { reason: `takes arguments the loader cannot invent: ${invented.reason}` };
  const returns = callReturn(fn, crate, facts, frees);
  if ('reason' in returns) return returns;
  const declaration = koffiPrototype(fn.symbol, returns.kind === 'string' && fn.returns.kind === 'pointer' && !fn.returns.mutable ? C_STRING : fn.returns, invented.params);
  if (!declaration) return { reason: `takes arguments the loader cannot declare to koffi` };
  const free = returns.free ? { symbol: returns.free.symbol, declaration: koffiPrototype(returns.free.symbol, returns.free.returns, returns.free.params)! } : undefined;
  return { probe: { symbol: fn.symbol, declaration, returns: returns.kind, args: invented.args, ...(free ? { free } : {}) } };
}

/** What a call with invented arguments returns, as the loader reads it: a number, a C string, or nothing. */
function callReturn(fn: ExportedFunction, crate: CrateModel, facts: InterfaceFacts, frees: readonly ExportedFunction[]): { kind: ReturnKind; free?: ExportedFunction } | { reason: string } {
  if (isByteString(fn, facts, crate)) return { kind: 'string' };
  const type = koffiTypeOf(fn.returns);
  if (type?.value === 'void') return { kind: 'void' };
  if (type && (type.value === 'integer' || type.value === 'float' || type.value === 'bool' || type.value === 'string')) return { kind: type.value };
  if (isOwnedString(fn.returns)) {
    const free = frees.find((f) => f.symbol !== fn.symbol && isOwnedString(f.params[0]));
    return free ? { kind: 'owned-string', free } : { reason: 'takes arguments and returns an owned string (`*mut c_char`), but the crate exports no function to free it' };
  }
  return { reason: `takes arguments, and returns \`${fn.item.returnType?.text ?? '()'}\`: after a call with invented arguments the loader reads only numbers, \`bool\`, C strings and \`()\`` };
}

/** A field of a returned struct named like a version (`abi_version`), paired with the interface's version constant. */
function versionField(layout: StructLayout, facts: InterfaceFacts): ValueProbe['expected'] {
  for (const field of layout.fields) {
    if (field.type.kind !== 'scalar' || field.type.value !== 'integer') continue;
    const expected = facts.expectedFor(field.name);
    if (expected) return { ...expected, field: field.name };
  }
  return undefined;
}

/** What kind of item of the crate the return type names, if any (so that a refusal says why, not "no koffi equivalent"). */
function crateAdtKind(fn: ExportedFunction): 'struct' | 'enum' | 'union' | undefined {
  if (!fn.item.returnType) return undefined;
  const { type, scope } = resolveAliasChain({ type: fn.item.returnType, scope: fn.scope });
  const meaning = type.kind === 'path' ? meaningOf(type, scope) : undefined;
  return meaning?.kind === 'adt' ? meaning.item.kind : undefined;
}

/**
 * `*const u8` / `*const i8` is a C string only when something says it ends in NUL: the declared interface
 * spells the return `const char *`, or the body hands out a NUL-terminated literal. Otherwise it may be a
 * byte buffer, and reading it up to a NUL would run past its end.
 */
function isByteString(fn: ExportedFunction, facts: InterfaceFacts, crate: CrateModel): boolean {
  const r = fn.returns;
  if (r.kind !== 'pointer' || r.mutable || (r.pointee !== 'u8' && r.pointee !== 'i8')) return false;
  if (isDeclaredCString(facts.returns.get(fn.symbol))) return true;
  const text = crate.files.get(fn.module.file)?.text.slice(fn.item.startOffset, fn.item.endOffset);
  return text !== undefined && NUL_TERMINATED_LITERAL.test(text);
}

function noKoffiReason(returnType: TypeRef | undefined): string {
  const text = returnType?.text ?? '()';
  // `&CStr` / `&str` are (address, length) pairs in Rust's ABI: a C caller reading one pointer gets garbage.
  if (/^&\s*(?:'\w+\s+)?(?:mut\s+)?(?:[\w:]*::)?(?:CStr|str)$/.test(text)) {
    return `returns \`${text}\`, a pointer and a length, not a C string: return \`*const c_char\` (\`CStr::as_ptr()\`) so hosts can read it`;
  }
  return `its return type \`${text}\` has no koffi equivalent`;
}

/** A Rust type as the loader declares it; the types it points to are resolved as the crate's names resolve them. */
function abiType(type: TypeRef, scope: TypeScope): RustAbiType {
  const resolved = resolveAliasChain({ type, scope });
  const t = resolved.type;
  switch (t.kind) {
    case 'primitive':
      return { kind: 'scalar', name: t.name };
    case 'tuple':
      return t.elements.length === 0 ? { kind: 'unit' } : { kind: 'other', text: t.text };
    case 'pointer': {
      const inner = resolveAliasChain({ type: t.inner, scope: resolved.scope }).type;
      if (inner.kind === 'path' && inner.args.length === 0) {
        const name = inner.segments[inner.segments.length - 1];
        if (isCrateType(inner, resolved.scope)) return { kind: 'pointer', mutable: t.mutable, pointee: name, crateType: true };
        if (name === 'c_char' || name === 'c_void') return { kind: 'pointer', mutable: t.mutable, pointee: name, crateType: false };
      }
      return { kind: 'pointer', mutable: t.mutable, pointee: inner.text, crateType: false };
    }
    case 'path': {
      const name = t.segments[t.segments.length - 1];
      if (t.args.length === 0 && name.startsWith('c_') && !isCrateType(t, resolved.scope)) return { kind: 'scalar', name };
      // A fieldless enum of the crate (an error code) is read as its integer.
      const meaning = meaningOf(t, resolved.scope);
      const integer = meaning.kind === 'adt' ? enumInteger(meaning.item) : undefined;
      return integer ? { kind: 'scalar', name: integer } : { kind: 'other', text: t.text };
    }
    default:
      return { kind: 'other', text: t.text };
  }
}

function isCrateType(type: Extract<TypeRef, { kind: 'path' }>, scope: TypeScope): boolean {
  return meaningOf(type, scope).kind === 'adt';
}

interface OwnershipFacts {
  /** Export symbol → boundary types it hands out. */
  handouts: Map<string, Set<string>>;
  /** Export symbol → boundary types it takes back through a parameter. */
  reclaimers: Map<string, Set<string>>;
}

/** What the body analysis says about exports; empty (signature pairing only) if it cannot read the bodies. */
function ownershipOf(crate: CrateModel): OwnershipFacts {
  const facts: OwnershipFacts = { handouts: new Map(), reclaimers: new Map() };
  const add = (map: Map<string, Set<string>>, symbol: string | undefined, type: string | undefined) => {
    if (!symbol || !type) return;
    if (!map.has(symbol)) map.set(symbol, new Set());
    map.get(symbol)!.add(type);
  };
  try {
    const table = ownershipTable(crate);
    for (const h of table.handouts) add(facts.handouts, exportedSymbol(h.export.fn)?.name, h.boundaryType);
    for (const r of table.reclaims) if (r.param && isExport(r.fn)) add(facts.reclaimers, exportedSymbol(r.fn.fn)?.name, r.boundaryType);
  } catch {
    // Body analysis is an improvement, never a requirement: fall back to signatures.
  }
  return facts;
}
