// Compares a declared C type with what a Rust type means in C, by meaning: widths, signedness, pointer kinds,
// nullability and const-ness of the pointee. Unknown types on either side are never reported.
import type { CType } from './model';

export type Position = 'param' | 'return' | 'field';

export interface TypeDifference {
  severity: 'error' | 'warning';
  /** Why they differ, in words ("`int` is 32 bits, `i64` is 64"). */
  reason: string;
  /** The declaration may be NULL and the Rust type may not: the fix wraps it in `Option` instead of retyping it. */
  nullable?: true;
  /** What goes wrong at run time, when it is not "arguments read wrongly" (a warning's own consequence). */
  consequence?: string;
  /** Only the `const` of the pointee differs. */
  constOnly?: true;
}

/** Declared record name → Rust ADT name, filled as records are met in signatures (for `layout-mismatch`). */
export type RecordPairs = Map<string, string>;

/**
 * A C type as a C programmer writes it, for messages: pointers, arrays, records and function pointers by
 * structure, every other type by `leaf` (default: its spelling as declared).
 */
export function describeCType(type: CType, leaf: (type: CType) => string = (t) => t.spelling): string {
  switch (type.kind) {
    case 'pointer':
      return type.pointee.kind === 'function' ? describeFunctionPointer(type.pointee, leaf) : `${type.constPointee ? 'const ' : ''}${describeCType(type.pointee, leaf)} *`;
    case 'record':
      return type.name;
    case 'array':
      return `${describeCType(type.element, leaf)}[${type.length ?? ''}]`;
    case 'function':
      return describeFunctionPointer(type, leaf);
    default:
      return leaf(type);
  }
}

function describeFunctionPointer(fn: Extract<CType, { kind: 'function' }>, leaf: (type: CType) => string): string {
  const params = fn.params.map((p) => describeCType(p, leaf));
  if (fn.variadic) params.push('...');
  return `${describeCType(fn.returnType, leaf)} (*)(${params.join(', ') || 'void'})`;
}

/** The first difference between a declared type and the Rust type implementing it, or undefined when they agree. */
export function compareTypes(declared: CType, actual: CType, position: Position, pairs: RecordPairs, depth = 0): TypeDifference | undefined {
  if (declared.kind === 'unknown' || actual.kind === 'unknown' || depth > 12) return undefined;
  const error = (reason: string): TypeDifference => ({ severity: 'error', reason });
  switch (declared.kind) {
    case 'void':
      return actual.kind === 'void' ? undefined : error(`the declaration has \`void\`, Rust has \`${actual.spelling}\``);
    case 'bool':
      return actual.kind === 'bool' ? undefined : error(`\`${declared.spelling}\` is a 1-byte boolean, \`${actual.spelling}\` is not`);
    case 'float':
      return actual.kind === 'float' && actual.bits === declared.bits ? undefined : error(`\`${declared.spelling}\` is a ${declared.bits}-bit float, \`${actual.spelling}\` is ${describeSize(actual)}`);
    case 'int': {
      const bits = actual.kind === 'int' ? actual.bits : actual.kind === 'record' && actual.tag === 'enum' ? actual.reprBits : undefined;
      if (bits === undefined) return error(`\`${declared.spelling}\` is a ${declared.bits}-bit integer, \`${actual.spelling}\` is ${describeSize(actual)}`);
      if (bits !== declared.bits) return error(`\`${declared.spelling}\` is ${declared.bits} bits wide, \`${actual.spelling}\` is ${bits}`);
      if (actual.kind === 'int' && declared.signed !== undefined && actual.signed !== undefined && declared.signed !== actual.signed) {
        // Same width: every bit arrives; only values past the signed maximum change meaning.
        const max = `${(1n << BigInt(declared.bits - 1)) - 1n}`;
        return {
          severity: 'warning',
          reason: `\`${declared.spelling}\` is ${declared.signed ? 'signed' : 'unsigned'}, \`${actual.spelling}\` is ${actual.signed ? 'signed' : 'unsigned'} (both ${bits} bits)`,
          consequence: `A value above ${bits === 32 ? `INT_MAX (${max})` : max} is read as a negative number on the signed side, and a negative one as a large positive number on the other`,
        };
      }
      return undefined;
    }
    case 'record': {
      if (declared.tag === 'enum') {
        if (actual.kind === 'record' && actual.tag === 'enum') return pair(declared, actual, pairs);
        if (actual.kind === 'int' && actual.bits === (declared.reprBits ?? 32)) return undefined;
        return error(`\`${declared.spelling}\` is a C enum (an \`int\`), \`${actual.spelling}\` is ${describeSize(actual)}`);
      }
      if (actual.kind === 'record' && (actual.tag === declared.tag || actual.carriesData)) return pair(declared, actual, pairs);
      return error(`\`${declared.spelling}\` is a ${declared.tag} passed by value, \`${actual.spelling}\` is ${describeSize(actual)}`);
    }
    case 'array':
      if (actual.kind !== 'array') return error(`the declaration has the array \`${describeCType(declared)}\`, Rust has \`${actual.spelling}\``);
      if (declared.length !== undefined && actual.length !== undefined && declared.length !== actual.length) return error(`the declared array has ${declared.length} elements, Rust's has ${actual.length}`);
      return compareTypes(declared.element, actual.element, 'field', pairs, depth + 1);
    case 'pointer':
      return comparePointers(declared, actual, position, pairs, depth);
    case 'function':
      return actual.kind === 'function' ? compareFunctions(declared, actual, pairs, depth) : error(`the declaration has a function, Rust has \`${actual.spelling}\``);
    default:
      return undefined;
  }
}

function comparePointers(declared: Extract<CType, { kind: 'pointer' }>, actual: CType, position: Position, pairs: RecordPairs, depth: number): TypeDifference | undefined {
  if (actual.kind !== 'pointer') return { severity: 'error', reason: `\`${describeCType(declared)}\` is a pointer, \`${actual.spelling}\` is ${describeSize(actual)}` };
  const pointee = declared.pointee;
  const actualPointee = actual.pointee;
  // `void *` stands for any pointer (opaque handles), in both directions.
  const eitherVoid = pointee.kind === 'void' || actualPointee.kind === 'void';
  const opaqueRecord = pointee.kind === 'record' && actualPointee.kind === 'record' && pointee.tag !== 'enum';
  if (!eitherVoid) {
    const inner = opaqueRecord ? pair(pointee, actualPointee, pairs) : compareTypes(pointee, actualPointee, 'field', pairs, depth + 1);
    if (inner) return { severity: 'error', reason: `they point to different types: ${inner.reason}` };
  }
  // `NonNull<T>` says "never NULL" in its type, as deliberately as a nonnull attribute would (cbindgen writes
  // it as a plain `T *`): no warning for it, only for references and `Box`.
  if (declared.nullable && !actual.nullable && !actual.nonNullType && position === 'param') {
    return { severity: 'warning', nullable: true, reason: `\`${describeCType(declared)}\` may be NULL, but \`${actual.spelling}\` promises Rust it never is`, consequence: 'The host may pass NULL, and a NULL reference is undefined behaviour in Rust' };
  }
  if (position === 'param' && declared.constPointee && !actual.constPointee && pointee.kind !== 'function') {
    return { severity: 'warning', reason: `the declaration points to \`const\` data, \`${actual.spelling}\` lets the plugin write through it`, constOnly: true, consequence: 'The host may hand it data it cannot write (a string literal, a shared buffer): writing through it corrupts the host or crashes' };
  }
  if (position === 'return' && !declared.constPointee && actual.constPointee && pointee.kind !== 'function' && pointee.kind !== 'void') {
    return { severity: 'warning', reason: `the declaration returns a pointer to writable data, \`${actual.spelling}\` points to data the plugin considers read-only`, constOnly: true, consequence: 'The header lets the host write through the returned pointer; if it does, it changes data the plugin treats as immutable' };
  }
  return undefined;
}

export function compareFunctions(declared: Extract<CType, { kind: 'function' }>, actual: Extract<CType, { kind: 'function' }>, pairs: RecordPairs, depth: number): TypeDifference | undefined {
  if (declared.variadic !== actual.variadic) return { severity: 'error', reason: declared.variadic ? 'the declaration is variadic (`...`), Rust is not' : 'Rust is variadic, the declaration is not' };
  if (declared.params.length !== actual.params.length) return { severity: 'error', reason: `the declaration takes ${declared.params.length} parameter(s), Rust takes ${actual.params.length}` };
  for (let i = 0; i < declared.params.length; i++) {
    const difference = compareTypes(declared.params[i], actual.params[i], 'param', pairs, depth + 1);
    if (difference?.severity === 'error') return { severity: 'error', reason: `parameter ${i + 1}: ${difference.reason}` };
  }
  const returned = compareTypes(declared.returnType, actual.returnType, 'return', pairs, depth + 1);
  return returned?.severity === 'error' ? { severity: 'error', reason: `return type: ${returned.reason}` } : undefined;
}

/** Records are compared by structure elsewhere (`layout-mismatch`); here they are only paired, once each way. */
function pair(declared: Extract<CType, { kind: 'record' }>, actual: Extract<CType, { kind: 'record' }>, pairs: RecordPairs): TypeDifference | undefined {
  // A data-carrying enum is written in C as a struct (tag + union) or a union of tagged structs:
  // `layout-mismatch` compares the two by layout.
  const dataEnum = actual.carriesData === true && declared.tag !== 'enum';
  if (declared.tag !== actual.tag && !dataEnum) return { severity: 'error', reason: `\`${declared.name}\` is a ${declared.tag}, \`${actual.name}\` is a ${actual.tag}` };
  if (!pairs.has(declared.name)) pairs.set(declared.name, actual.name);
  return undefined;
}

function describeSize(type: CType): string {
  switch (type.kind) {
    case 'int':
      return `a ${type.bits}-bit ${type.signed === false ? 'unsigned ' : type.signed ? 'signed ' : ''}integer`;
    case 'float':
      return `a ${type.bits}-bit float`;
    case 'bool':
      return 'a boolean';
    case 'void':
      return 'nothing (`void`)';
    case 'pointer':
      return 'a pointer';
    case 'array':
      return 'an array';
    case 'record':
      return `a ${type.tag}`;
    default:
      return `\`${type.spelling}\``;
  }
}
