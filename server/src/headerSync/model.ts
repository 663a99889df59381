// The C declarations of a plugin's boundary, as data: what the renderer writes and what update mode compares.
// Types are C types by meaning (interface/model.ts); record names are the Rust names, renamed when written.
import type { CType } from '../interface/model';

/** Where an item comes from, for refusals and notes (`src/lib.rs:12`). */
export interface ItemSource {
  file: string;
  line: number;
  /** `a::Config`, or the symbol. */
  path: string;
}

interface Common {
  /** The C name (renamed and prefixed): what the header declares. */
  name: string;
  /** For types: the Rust name (`record` CTypes name types by it). */
  rustName?: string;
  /** The `#if` condition in C (`defined(_WIN32)`) for a `#[cfg]` item; undefined when unconditional. */
  condition?: string;
  source: ItemSource;
  /** The item's `///` doc comment lines, written above a new declaration (cbindgen's `documentation`). */
  docs?: string[];
}

export interface HeaderField {
  name: string;
  type: CType;
  /** An anonymous struct or union member (`union { struct { float circle; }; Rect_Body rect; };`): `name` is ''. */
  anonymous?: { tag: 'struct' | 'union'; fields: HeaderField[] };
}

export type HeaderItem =
  | (Common & { kind: 'constant'; value: bigint; type: CType })
  | (Common & { kind: 'opaque' })
  | (Common & { kind: 'record'; tag: 'struct' | 'union'; fields: HeaderField[] })
  /** `repr`: `undefined` for `#[repr(C)]` (a C enum), else the C integer type the value is stored in. */
  | (Common & { kind: 'enum'; repr: CType | undefined; variants: { name: string; value: bigint }[] })
  | (Common & { kind: 'function'; params: HeaderField[]; returnType: CType; variadic: boolean })
  | (Common & { kind: 'static'; type: CType; mutable: boolean });

/** How a boundary type is referred to in C: by the Rust name in a `record` CType. */
export interface TypeName {
  cName: string;
  /** `enum-c`: a `#[repr(C)]` enum (`enum X`); `enum-int`: a `#[repr(u8)]`-style enum, a typedef of an integer. */
  form: 'struct' | 'union' | 'enum-c' | 'enum-int' | 'opaque';
}

export interface HeaderModel {
  items: HeaderItem[];
  /** Rust type name → how C names it. */
  types: Map<string, TypeName>;
  /** Things the header could not say and was written without (each one line, naming the item). */
  notes: string[];
}

/** The header cannot be written truthfully; each problem names the item and what to do. */
export class HeaderRefusal extends Error {
  constructor(readonly problems: string[]) {
    super(`the header is not written: ${problems.length === 1 ? problems[0] : `\n${problems.map((p) => `  - ${p}`).join('\n')}`}`);
  }
}
