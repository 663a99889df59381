// The checks beyond plain functions: data symbols (host-side Rust, or `extern` variables of a header: the
// plugin must export a static of the declared type, not a function) and vtables (each plugin function stored in
// a field must have the field's fn-pointer type, and a field the host calls unconditionally must not be left
// null). They come out as `signature-mismatch`.
import type { CrateModel } from '../../crate/crateModel';
import type { Range } from '../../engine/types';
import { compareTypes, describeCType, type RecordPairs } from '../compareTypes';
import type { CType, DeclaredFunction, DeclaredInterface, DeclaredVtable } from '../model';
import { rustToCType, type RustTypeContext } from '../rustCType';
import { scopeOf, type RustExport } from '../rustSide';
import { compareImplementation, type SignatureDifference } from '../signatures';
import { declaredFunction } from './hostTypes';
import { assignedValue, vtableLiterals, type VtableLiteral } from './vtables';

export function hostDifferences(crate: CrateModel, declared: DeclaredInterface, exports: ReadonlyMap<string, RustExport>, context: RustTypeContext, pairs: RecordPairs): SignatureDifference[] {
  const differences: SignatureDifference[] = [];
  for (const data of declared.statics ?? []) {
    const implementation = exports.get(data.name);
    if (!implementation) continue;
    const declaration: DeclaredFunction = { kind: 'function', name: data.name, params: [], returnType: data.type, variadic: false, optional: data.optional, origin: data.origin };
    const item = implementation.item;
    if (item.kind === 'function') {
      differences.push({
        declaration,
        implementation,
        difference: { severity: 'error', reason: `the host reads \`${data.name}\` as data (a \`${describeCType(data.type)}\` at the symbol's address), but the plugin exports a function` },
        range: item.nameRange,
        declaredIn: declared,
        consequence: "The host reads the function's machine code as the value",
        help: `export a static instead: \`#[no_mangle] pub static ${data.name}: …\` of the declared type \`${describeCType(data.type)}\``,
      });
      continue;
    }
    if (!item.type) continue;
    const converted = rustToCType(context, { type: item.type, scope: scopeOf(implementation.module) });
    // The host reads the data at the symbol's address: for an exported array (`[u8; 10]`) that is its first
    // element, so `&'static c_char` / `*const c_char` (dlopen2, libloading) is the array's element type.
    const actual = converted.kind === 'array' && data.type.kind !== 'array' ? converted.element : converted;
    const difference = compareTypes(data.type, actual, 'field', pairs);
    if (difference?.severity === 'error') differences.push({ declaration, implementation, difference: { ...difference, reason: `the static's type: ${difference.reason}` }, range: item.type.range, expected: data.type, rustType: item.type, declaredIn: declared, consequence: 'The host reads the bytes at its address as the declared type, so it gets a wrong value' });
  }
  for (const vtable of declared.vtables ?? []) {
    for (const literal of vtableLiterals(crate, vtable.name)) differences.push(...checkLiteral(crate, declared, vtable, literal, context, pairs));
  }
  return differences;
}

function checkLiteral(crate: CrateModel, declared: DeclaredInterface, vtable: DeclaredVtable, literal: VtableLiteral, context: RustTypeContext, pairs: RecordPairs): SignatureDifference[] {
  const differences: SignatureDifference[] = [];
  const owner: RustExport = { symbol: literal.owner.name, item: literal.owner, module: literal.module, owners: [literal.owner] };
  const given = new Map(literal.literal.fields.map((f) => [f.name, f.value]));
  // `..base` fills the rest from a value we do not follow.
  const hasBase = /\.\.\s*[^.\s}][^}]*\}\s*$/.test(literal.literal.text);
  for (const field of vtable.fields) {
    const fn = functionOf(field.type);
    if (!fn) continue;
    const declaration = declaredFunction(`${vtable.name}.${field.name}`, fn.pointee, fn.nullable, { file: vtable.origin.file, range: field.range, text: `${field.name}: ${field.type.spelling}` });
    const value = given.get(field.name);
    const nullReason = `the host declares \`${vtable.name}.${field.name}\` as \`${field.type.spelling}\`, a pointer it calls without checking for NULL`;
    const nullField = (reason: string, range: Range) =>
      differences.push({
        declaration,
        implementation: owner,
        difference: { severity: 'error', reason },
        range,
        declaredIn: declared,
        consequence: 'When the host calls it, it jumps to address 0 and crashes',
        help: `store an \`extern "C" fn\` of type \`${field.type.spelling}\` in \`${field.name}\`, or make the host's field \`Option<…>\` and check it before calling`,
      });
    if (value === undefined) {
      if (!hasBase && !fn.nullable) nullField(`${nullReason}, and this \`${vtable.name}\` does not set it`, literal.literal.range);
      continue;
    }
    const assigned = assignedValue(crate, literal, value);
    if (assigned.kind === 'null') {
      if (!fn.nullable) nullField(`${nullReason}, and \`None\` stores NULL there`, assigned.expr.range);
      continue;
    }
    if (assigned.kind !== 'function') continue;
    const target = assigned.target;
    const implementation: RustExport = { symbol: target.fn.name, item: target.fn, module: target.module, owners: [target.fn] };
    differences.push(...compareImplementation(crate, declaration, implementation, target.fn, context, pairs, declared));
  }
  return differences;
}

function functionOf(type: CType): { pointee: Extract<CType, { kind: 'function' }>; nullable: boolean } | undefined {
  return type.kind === 'pointer' && type.pointee.kind === 'function' ? { pointee: type.pointee, nullable: type.nullable } : undefined;
}
