// Pairs each declared function with the export that implements it and compares them by C meaning. Shared by
// `signature-mismatch` (the differences) and `layout-mismatch` (records paired through signatures).
import type { CrateModel } from '../crate/crateModel';
import type { Range } from '../engine/types';
import type { FunctionItem } from '../syntax/items';
import type { TypeRef } from '../syntax/typeRef';
import { compareTypes, type RecordPairs, type TypeDifference } from './compareTypes';
import type { CType, DeclaredFunction, DeclaredInterface } from './model';
import type { RustTypeContext } from './rustCType';
import { rustExports, rustSignature, type RustExport } from './rustSide';
import { hostDifferences } from './rustHost/hostChecks';

const C_ABIS = new Set(['C', 'C-unwind', 'system', 'system-unwind', 'cdecl']);

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
  const exports = rustExports(crate);
  for (const declared of interfaces) {
    const pairs: RecordPairs = new Map();
    result.pairs.set(declared, pairs);
    for (const declaration of declared.functions) {
      const implementation = exports.get(declaration.name);
      if (!implementation || implementation.item.kind !== 'function') continue;
      result.differences.push(...compareImplementation(declaration, implementation, implementation.item, context, pairs));
    }
    // Data symbols (host-side Rust, `extern` variables of a header) and vtables the plugin fills in.
    result.differences.push(...hostDifferences(crate, declared, exports, context, pairs));
  }
  return result;
}

/** How the Rust function `fn` (exported as `implementation`, or assigned to a vtable field) differs from `declaration`. */
export function compareImplementation(declaration: DeclaredFunction, implementation: RustExport, fn: FunctionItem, context: RustTypeContext, pairs: RecordPairs, declaredIn?: DeclaredInterface): SignatureDifference[] {
  const differences: SignatureDifference[] = [];
  const base = { declaration, implementation, ...(declaredIn ? { declaredIn } : {}) };
  const whole = (reason: string, help: string) => differences.push({ ...base, difference: { severity: 'error', reason }, range: fn.nameRange, help });
  if (!fn.abi || !C_ABIS.has(fn.abi)) {
    whole(`it has the ${fn.abi ? `\`extern "${fn.abi}"\`` : 'Rust'} ABI, the declaration is a C function`, `declare it \`extern "C" fn ${fn.name}\``);
    return differences;
  }
  if (declaration.variadic) {
    whole('the declaration is variadic (`...`) and a Rust function cannot take C variadic arguments', 'remove the `...` from the declaration, or implement this function in C');
    return differences;
  }
  if (declaration.params.length !== fn.params.length) {
    whole(`the declaration takes ${declaration.params.length} parameter(s), the Rust function ${fn.params.length}`, `give \`${fn.name}\` the ${declaration.params.length} declared parameter(s), or fix the declaration`);
    return differences;
  }
  const signature = rustSignature(fn, implementation.module, context);
  declaration.params.forEach((param, index) => {
    const difference = compareTypes(param.type, signature.params[index], 'param', pairs);
    if (difference) differences.push({ ...base, difference: { ...difference, reason: `parameter ${index + 1}${param.name ? ` (\`${param.name}\`)` : ''}: ${difference.reason}` }, range: fn.params[index].range, expected: param.type, rustType: fn.params[index], position: index });
  });
  const returned = compareTypes(declaration.returnType, signature.returnType, 'return', pairs);
  if (returned) differences.push({ ...base, difference: { ...returned, reason: `return type: ${returned.reason}` }, range: fn.returnType?.range ?? fn.nameRange, expected: declaration.returnType, rustType: fn.returnType, position: 'return' });
  return differences;
}

