// C types of a header spelled as the Rust of a new plugin crate: primitives through `core::ffi` (imported once at the
// top of the generated file), the header's records and enums by their C names, function pointers as
// `Option<unsafe extern "C" fn(..)>` (C may pass NULL), and `undefined` for what has no faithful Rust spelling
// (an unknown typedef, a variadic callback, an array of unknown length).
import { spellRust } from '../interface/rustSpelling';
import type { CType } from '../interface/model';

export interface HeaderTypes {
  /** C names of the records (structs/unions, opaque or not) and enums the generated crate defines. */
  defined: ReadonlySet<string>;
}

/** The `core::ffi` names the spelling used, so the file imports exactly those. */
export type FfiImports = Set<string>;

export function rustType(type: CType, types: HeaderTypes, imports: FfiImports): string | undefined {
  return spellRust(type, {
    ffi: (name) => {
      imports.add(name);
      return name;
    },
    record: (name) => (types.defined.has(name) ? rustName(name) : undefined),
    primitive: (t) => rustPrimitive(t.spelling),
  });
}

/** A type read from Rust keeps its Rust name (`usize`, `c_char`, `std::ffi::c_int` → `c_int`). */
function rustPrimitive(spelling: string): string | undefined {
  const last = spelling.trim().split('::').pop() ?? '';
  return /^(?:[iu](?:8|16|32|64|128|size)|f32|f64|bool|c_(?:char|schar|uchar|short|ushort|int|uint|long|ulong|longlong|ulonglong|float|double))$/.test(last) ? last : undefined;
}

/** `use core::ffi::{..};` for the names used, or nothing. */
export function ffiImportLine(imports: FfiImports): string[] {
  const names = [...imports].sort();
  if (names.length === 0) return [];
  return [names.length === 1 ? `use core::ffi::${names[0]};` : `use core::ffi::{${names.join(', ')}};`, ''];
}

/**
 * A C name as a Rust identifier: keywords become raw identifiers (`type` → `r#type`), and the header reader's name
 * of an anonymous member record (`Outer::1`) becomes `Outer_anon_1`.
 */
export function rustName(name: string): string {
  const anonymous = /^(.*)::(\d+)$/.exec(name);
  if (anonymous) return `${anonymous[1]}_anon_${anonymous[2]}`;
  return RUST_KEYWORDS.has(name) ? `r#${name}` : name;
}

/** The Rust field for a C member: an anonymous struct/union member is named `anon_N` after its record. */
export function fieldName(name: string, type: CType): string {
  if (name !== '') return rustName(name);
  const anonymous = type.kind === 'record' ? /::(\d+)$/.exec(type.name) : null;
  return `anon_${anonymous?.[1] ?? '0'}`;
}

const RUST_KEYWORDS = new Set([
  'as', 'async', 'await', 'box', 'break', 'const', 'continue', 'crate', 'dyn', 'else', 'enum', 'extern', 'false', 'fn', 'for', 'gen', 'if', 'impl', 'in',
  'let', 'loop', 'match', 'mod', 'move', 'mut', 'pub', 'ref', 'return', 'static', 'struct', 'super', 'trait', 'true', 'type', 'unsafe', 'use', 'where',
  'while', 'yield', 'abstract', 'become', 'do', 'final', 'macro', 'override', 'priv', 'try', 'typeof', 'unsized', 'virtual',
]);

/** The Rust type of an integer constant written out (a `#define`, a crate's `const`): the narrowest of these. */
export function constantType(value: bigint): string {
  if (value >= -(2n ** 31n) && value < 2n ** 31n) return 'i32';
  if (value >= 0n && value < 2n ** 32n) return 'u32';
  return value >= -(2n ** 63n) && value < 2n ** 63n ? 'i64' : 'u64';
}
