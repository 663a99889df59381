// The declared interface: what a host expects a plugin to export, whatever it was declared in (a C header
// today; host-side Rust declarations plug in as further sources). Rules and the LSP interface view read only
// this model, never the source it came from.
import type { Range } from '../engine/types';

/** A C type by meaning: typedef chains resolved, spellings kept for messages. */
export type CType =
  | { kind: 'void'; spelling: string }
  /** `char`'s signedness is the platform's: `signed: undefined` matches both. */
  | { kind: 'int'; bits: number; signed: boolean | undefined; spelling: string }
  | { kind: 'float'; bits: number; spelling: string }
  | { kind: 'bool'; spelling: string }
  /** `nullable`: whether NULL is a valid value (C pointers always; Rust `&T`, `NonNull`, `Box` never). */
  /** `nonNullType`: a Rust `NonNull<T>`, whose type itself says it is never NULL. */
  | { kind: 'pointer'; pointee: CType; constPointee: boolean; nullable: boolean; spelling: string; nonNullType?: true }
  | { kind: 'array'; element: CType; length: number | undefined; spelling: string }
  /** A struct, union or enum of the interface, by its C name (tag or typedef name). */
  /** `reprBits`: for enums, the size of a value when known (a C enum is an `int`; a Rust enum has its `repr`). */
  /** `carriesData`: a Rust enum with fields in its variants (written in C as a tag and a union). */
  | { kind: 'record'; tag: 'struct' | 'union' | 'enum'; name: string; spelling: string; reprBits?: number; carriesData?: true }
  | { kind: 'function'; params: CType[]; returnType: CType; variadic: boolean; spelling: string }
  /** What we cannot tell (an unknown typedef, a macro): never compared, so never reported. */
  | { kind: 'unknown'; spelling: string };

/** Where a declaration comes from: the file, the range of the whole declaration and its source text. */
export interface DeclarationOrigin {
  file: string;
  range: Range;
  /** The declaration as written (for hover and messages). */
  text: string;
}

export interface DeclaredParam {
  name: string | undefined;
  type: CType;
}

export interface DeclaredFunction {
  kind: 'function';
  /** The symbol the host looks up. */
  name: string;
  params: DeclaredParam[];
  returnType: CType;
  variadic: boolean;
  /** The host copes without it (dlopen2 `Option` fields, probed symbols); C prototypes are required. */
  optional: boolean;
  origin: DeclarationOrigin;
  /**
   * Host-side Rust only: the host's type is a Rust-ABI `fn` (no `extern "C"`), so it calls the symbol with the
   * Rust calling convention; `insertAt` is where `extern "C" ` belongs in the host file, when found.
   */
  rustAbi?: { file: string; insertAt: Range['start'] | undefined };
}

export interface DeclaredField {
  name: string;
  type: CType;
  range: Range;
}

export interface DeclaredRecord {
  kind: 'struct' | 'union';
  name: string;
  /** `undefined` for an opaque type (`typedef struct Foo Foo;` with no body anywhere). */
  fields: DeclaredField[] | undefined;
  origin: DeclarationOrigin;
}

export interface DeclaredEnumerator {
  name: string;
  /** `undefined` when the value expression could not be evaluated. */
  value: bigint | undefined;
  range: Range;
}

export interface DeclaredEnum {
  kind: 'enum';
  name: string;
  variants: DeclaredEnumerator[];
  origin: DeclarationOrigin;
}

export interface DeclaredTypedef {
  kind: 'typedef';
  name: string;
  type: CType;
  origin: DeclarationOrigin;
}

export interface DeclaredConstant {
  kind: 'constant';
  name: string;
  value: bigint;
  origin: DeclarationOrigin;
}

/** A data symbol the host reads by address (a dlopen2 `&'a T`/`*const T` field, libloading `get::<*mut T>`). */
export interface DeclaredStatic {
  kind: 'static';
  name: string;
  /** The type of the data at the symbol's address. */
  type: CType;
  optional: boolean;
  origin: DeclarationOrigin;
}

/**
 * A `#[repr(C)]` struct of `extern "C" fn` pointers the host declares and the plugin fills in (a vtable).
 * Each field's type is a function pointer (`nullable` when the host declares it `Option<…>`).
 */
export interface DeclaredVtable {
  kind: 'vtable';
  name: string;
  fields: DeclaredField[];
  origin: DeclarationOrigin;
}

export type DeclaredItem = DeclaredFunction | DeclaredRecord | DeclaredEnum | DeclaredTypedef | DeclaredConstant;

/** How Rust item names become declared type names (cbindgen `prefix`, `[export.rename]`, …). */
export interface NameMapping {
  /** The name the declaration gives the Rust type `rustName` (the same name when nothing renames it). */
  declaredNameOf(rustName: string): string;
  /** The C primitive a type is renamed to (cbindgen `[export.rename] "ARGB8" = "unsigned char"`), if any. */
  primitiveOf?(rustName: string): CType | undefined;
}

export type InterfaceSourceKind = 'c-header' | 'rust-host';

/** One declared interface: everything one source (a header, a host crate) declares. */
export interface DeclaredInterface {
  source: InterfaceSourceKind;
  /** The header or host file. */
  file: string;
  /** Why it applies to the crate: found inside it, named by `cbindgen.toml`/`build.rs`, or configured. */
  reason: 'in-crate' | 'cbindgen' | 'configured' | 'host-crate';
  functions: DeclaredFunction[];
  records: Map<string, DeclaredRecord>;
  enums: Map<string, DeclaredEnum>;
  typedefs: Map<string, DeclaredTypedef>;
  constants: DeclaredConstant[];
  /** Data symbols (host-side Rust only). */
  statics?: DeclaredStatic[];
  /** Vtable structs the plugin fills in (host-side Rust only). */
  vtables?: DeclaredVtable[];
  /** Host-side lookups made on one library: its base name (`libplugin.so` → `plugin`), when the host's code says. */
  library?: string;
  /** Every file the declarations were read from (a host crate's files), so editing one re-checks the plugin. */
  readFiles?: string[];
  names: NameMapping;
  /** `rustPluginGuard.versionNames`: words naming a version constant (default `ABI_VERSION`, …). */
  versionNames?: readonly string[];
  /** Problems reading the source, each naming the file (shown once, never thrown). */
  errors: string[];
  /** A header's text as read (its layout directives, e.g. `#pragma pack`, apply file-wide). */
  sourceText?: string;
}

export const IDENTITY_NAMES: NameMapping = { declaredNameOf: (name) => name };

/** An interface that declares nothing yet; each source fills in what it reads. */
export function emptyDeclaredInterface(source: InterfaceSourceKind, file: string, reason: DeclaredInterface['reason'], names: NameMapping = IDENTITY_NAMES): DeclaredInterface {
  return { source, file, reason, functions: [], records: new Map(), enums: new Map(), typedefs: new Map(), constants: [], statics: [], vtables: [], names, errors: [] };
}

/** `plugin.h:12` for messages and fix titles. */
export function shortLocation(origin: DeclarationOrigin): string {
  const base = origin.file.split(/[\\/]/).pop() ?? origin.file;
  return `${base}:${origin.range.start.line + 1}`;
}
