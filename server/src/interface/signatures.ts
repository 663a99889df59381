// Pairs each declared function with the export that implements it and compares them by C meaning. Shared by
// `signature-mismatch` (the differences) and `layout-mismatch` (records paired through signatures).
import type { CrateModel } from '../crate/crateModel';
import type { Range } from '../engine/types';
import type { FunctionItem } from '../syntax/items';
import type { TypeRef } from '../syntax/typeRef';
import { compareTypes, type RecordPairs, type TypeDifference } from './compareTypes';
import { IDENTITY_NAMES, type CType, type DeclaredFunction, type DeclaredInterface, type NameMapping } from './model';
import { renamedToPrimitive } from './primitiveRenames';
import type { RustTypeContext } from './rustCType';
import { crateConstants, isVariadic, rustExports, rustSignature, type RustExport } from './rustSide';
import { hostDifferences } from './rustHost/hostChecks';

const C_ABIS = new Set(['C', 'C-unwind', 'system', 'system-unwind', 'cdecl']);

/** Attributes of the language and its tools on a function: any other is an attribute macro. */
const BUILTIN_ATTRIBUTES = new Set(['no_mangle', 'export_name', 'link_name', 'link_section', 'inline', 'cold', 'track_caller', 'must_use', 'deprecated', 'doc', 'allow', 'warn', 'deny', 'forbid', 'expect', 'cfg', 'cfg_attr', 'target_feature', 'naked', 'instruction_set', 'optimize', 'coverage', 'unsafe', 'rustfmt::skip', 'clippy::missing_safety_doc', 'automatically_derived', 'diagnostic::on_unimplemented']);

export interface SignatureDifference {
  declaration: DeclaredFunction;
  implementation: RustExport;
  difference: TypeDifference;
  /** The Rust type (or name) that differs. */
  range: Range;
  /** The declared type the Rust type should mean, when one position differs. */
  expected?: CType;
  rustType?: TypeRef;
  /** The interface the declaration belongs to, when it is not one of its `functions` (vtable fields, statics). */
  declaredIn?: DeclaredInterface;
  /** Which parameter (0-based) or the return type differs, when one position does. */
  position?: number | 'return';
  /** What to do, when a retyping fix does not say it (wrong ABI, arity, a function where data is read, …). */
  help?: string;
  /** What goes wrong at run time, when it is not a call with misread arguments (data symbols, vtable fields). */
  consequence?: string;
  /** Where to report it when the fault is on the declaring side (a host's Rust-ABI `fn` type), not the export. */
  at?: { file: string; range: Range };
}

export interface InterfaceMatch {
  differences: SignatureDifference[];
  /** Declared record name → Rust ADT name, per interface. */
  pairs: Map<DeclaredInterface, RecordPairs>;
  context: RustTypeContext;
}

export function matchSignatures(crate: CrateModel): InterfaceMatch {
  const context: RustTypeContext = { records: new Map() };
  const result: InterfaceMatch = { differences: [], pairs: new Map(), context };
  const interfaces = crate.interfaces ?? [];
  if (interfaces.length === 0) return result;
  context.constants = crateConstants(crate);
  const exports = rustExports(crate);
  for (const declared of interfaces) {
    const pairs: RecordPairs = new Map();
    result.pairs.set(declared, pairs);
    for (const declaration of declared.functions) {
      const implementation = exports.get(declaration.name);
      if (!implementation || implementation.item.kind !== 'function') continue;
      const differences = compareImplementation(crate, declaration, implementation, implementation.item, context, pairs, undefined, declared.names);
      // Nobody reads or writes through a pointer to an opaque type (`typedef struct rure rure;`): its `const` says nothing.
      result.differences.push(...differences.filter((d) => !(d.difference.constOnly && pointsToOpaque(d.expected, declared))));
    }
    // Data symbols (host-side Rust, `extern` variables of a header) and vtables the plugin fills in.
    result.differences.push(...hostDifferences(crate, declared, exports, context, pairs));
  }
  return result;
}

/** How the Rust function `fn` (exported as `implementation`, or assigned to a vtable field) differs from `declaration`. */
export function compareImplementation(crate: CrateModel, declaration: DeclaredFunction, implementation: RustExport, fn: FunctionItem, context: RustTypeContext, pairs: RecordPairs, declaredIn?: DeclaredInterface, names: NameMapping = declaredIn?.names ?? IDENTITY_NAMES): SignatureDifference[] {
  const differences: SignatureDifference[] = [];
  const base = { declaration, implementation, ...(declaredIn ? { declaredIn } : {}) };
  const whole = (reason: string, help: string) => differences.push({ ...base, difference: { severity: 'error', reason }, range: fn.nameRange, help });
  if (declaration.rustAbi) {
    // The host's type has no `extern "C"`: it calls with the Rust convention whatever the plugin does. Both
    // Rust-ABI is `no-mangle-rust-abi`'s business on the plugin side.
    if (fn.abi && C_ABIS.has(fn.abi)) differences.push({ ...base, difference: { severity: 'error', reason: `the host declares it as a Rust-ABI \`fn\` (no \`extern "C"\`), but the plugin exports an \`extern "${fn.abi}"\` function` }, range: fn.nameRange, at: { file: declaration.origin.file, range: declaration.origin.range }, consequence: 'The host calls it with the Rust calling convention, which is unspecified and need not match C\'s: arguments and results can arrive in the wrong registers', help: 'declare the host\'s function type `unsafe extern "C" fn(…)`' });
    return differences;
  }
  if (!fn.abi || !C_ABIS.has(fn.abi)) {
    // An attribute macro may give the function its ABI (`#[sabi_extern_fn]`, safer_ffi's `#[ffi_export]`):
    // the written signature is not what is compiled, so say nothing about its ABI.
    if (fn.attributes.some((a) => !BUILTIN_ATTRIBUTES.has(a.name))) return differences;
    whole(`it has the ${fn.abi ? `\`extern "${fn.abi}"\`` : 'Rust'} ABI, the declaration is a C function`, `declare it \`extern "C" fn ${fn.name}\``);
    return differences;
  }
  // `unsafe extern "C" fn f(n: i32, mut args: ...)` (C variadics) takes what `int f(int n, ...)` declares.
  const variadic = isVariadic(crate, fn, implementation.module.file);
  if (declaration.variadic !== variadic) {
    if (declaration.variadic) whole('the declaration is variadic (`...`) and the Rust function takes no variadic arguments', 'take them as C variadics (`mut args: ...`, an unstable feature), remove the `...` from the declaration, or implement this function in C');
    else whole('the Rust function is variadic (`...`) and the declaration is not', 'remove the `...` from the Rust function, or declare it variadic');
    return differences;
  }
  if (declaration.params.length !== fn.params.length) {
    whole(`the declaration takes ${declaration.params.length} parameter(s), the Rust function ${fn.params.length}`, `give \`${fn.name}\` the ${declaration.params.length} declared parameter(s), or fix the declaration`);
    return differences;
  }
  const signature = withPrimitiveRenames(rustSignature(fn, implementation.module, context), names);
  declaration.params.forEach((param, index) => {
    const difference = compareTypes(param.type, signature.params[index], 'param', pairs);
    if (difference) differences.push({ ...base, difference: { ...difference, reason: `parameter ${index + 1}${param.name ? ` (\`${param.name}\`)` : ''}: ${difference.reason}` }, range: fn.params[index].range, expected: param.type, rustType: fn.params[index], position: index });
  });
  const returned = compareTypes(declaration.returnType, signature.returnType, 'return', pairs);
  if (returned) differences.push({ ...base, difference: { ...returned, reason: `return type: ${returned.reason}` }, range: fn.returnType?.range ?? fn.nameRange, expected: declaration.returnType, rustType: fn.returnType, position: 'return' });
  return differences;
}


function withPrimitiveRenames(signature: { params: CType[]; returnType: CType }, names: NameMapping): { params: CType[]; returnType: CType } {
  return { params: signature.params.map((t) => renamedToPrimitive(t, names)), returnType: renamedToPrimitive(signature.returnType, names) };
}

function pointsToOpaque(type: CType | undefined, declared: DeclaredInterface): boolean {
  if (type?.kind !== 'pointer' || type.pointee.kind !== 'record' || type.pointee.tag === 'enum') return false;
  const record = declared.records.get(type.pointee.name);
  return record === undefined || record.fields === undefined;
}
