// The checks only host-side Rust declares: data symbols (the plugin must export a static of the declared type,
// not a function) and vtables (each plugin function stored in a field must have the field's fn-pointer type,
// and a field the host calls unconditionally must not be left null). They come out as `signature-mismatch`.
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
    const push = (reason: string, range: Range) => differences.push({ declaration, implementation, difference: { severity: 'error', reason }, range, declaredIn: declared });
    const item = implementation.item;
    if (item.kind === 'function') {
      push(`the host reads \`${data.name}\` as data (a \`${describeCType(data.type)}\` at the symbol's address), but the plugin exports a function: the host reads the function's machine code as a value`, item.nameRange);
      continue;
    }
    if (!item.type) continue;
    const actual = rustToCType(context, { type: item.type, scope: scopeOf(implementation.module) });
    const difference = compareTypes(data.type, actual, 'field', pairs);
    if (difference?.severity === 'error') differences.push({ declaration, implementation, difference: { ...difference, reason: `the static's type: ${difference.reason}` }, range: item.type.range, expected: data.type, rustType: item.type, declaredIn: declared });
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
    if (value === undefined) {
      if (!hasBase && !fn.nullable) differences.push({ declaration, implementation: owner, difference: { severity: 'error', reason: `${nullReason}, and this \`${vtable.name}\` does not set it` }, range: literal.literal.range, declaredIn: declared });
      continue;
    }
    const assigned = assignedValue(crate, literal, value);
    if (assigned.kind === 'null') {
      if (!fn.nullable) differences.push({ declaration, implementation: owner, difference: { severity: 'error', reason: `${nullReason}; \`None\` stores NULL there and the host jumps to address 0` }, range: assigned.expr.range, declaredIn: declared });
      continue;
    }
    if (assigned.kind !== 'function') continue;
    const target = assigned.target;
    const implementation: RustExport = { symbol: target.fn.name, item: target.fn, module: target.module, owners: [target.fn] };
    differences.push(...compareImplementation(declaration, implementation, target.fn, context, pairs, declared));
  }
  return differences;
}

function functionOf(type: CType): { pointee: Extract<CType, { kind: 'function' }>; nullable: boolean } | undefined {
  return type.kind === 'pointer' && type.pointee.kind === 'function' ? { pointee: type.pointee, nullable: type.nullable } : undefined;
}
