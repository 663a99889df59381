// The probe plan: what the engine knows about a crate's exports that the loader may call without user input.
// Shared by the language server (custom request), the CLI and the extension.
import type { CrateExport } from '../boundary/crateExports';
import type { Range } from '../engine/types';

/** Custom LSP request: params `ProbePlanParams`, result `ProbePlanResult`. */
export const PROBE_PLAN_REQUEST = 'rustPluginGuard/probePlan';

export interface ProbePlanParams {
  /** Any file of the crate: its root, a module, or its Cargo.toml (`file://` URI). */
  uri: string;
}

export type ProbePlanResult = { plan: ProbePlan } | { error: string };

/** `void`: a call with arguments that returns nothing (only whether it survives is checked); `struct`: a `#[repr(C)]` struct by value. */
export type ReturnKind = 'integer' | 'float' | 'bool' | 'string' | 'owned-string' | 'void' | 'struct';

/** The C string the loader passes for a `*const c_char` parameter (NUL-terminated, alive for the whole process). */
export const PROBE_STRING = 'rpg-probe';

/**
 * An argument the loader invents: `0` for an integer, `0.0` for a float, `false`, `NULL` for a pointer that may
 * be null (`Option<&T>`, or a raw pointer the body checks for null before it uses it), PROBE_STRING for a C string.
 */
export type ProbeArgument = { kind: 'integer' } | { kind: 'float' } | { kind: 'bool' } | { kind: 'null' } | { kind: 'c-string' };

/** How an argument is shown in the report: `0`, `0.0`, `false`, `NULL`, `"rpg-probe"`. */
export function argumentText(argument: ProbeArgument): string {
  switch (argument.kind) {
    case 'integer':
      return '0';
    case 'float':
      return '0.0';
    case 'bool':
      return 'false';
    case 'null':
      return 'NULL';
    case 'c-string':
      return JSON.stringify(PROBE_STRING);
  }
}

/** A field of a `#[repr(C)]` struct as koffi reads it: a scalar (its koffi name), any pointer, or a nested struct. */
export type StructFieldType =
  | { kind: 'scalar'; koffi: string; value: 'integer' | 'float' | 'bool' }
  | { kind: 'pointer' }
  | { kind: 'struct'; layout: StructLayout };

/** A `#[repr(C)]` struct returned by value, declared to koffi field by field (plain data: it travels to the child). */
export interface StructLayout {
  /** The Rust name, for the report (`PluginVtable`). */
  name: string;
  fields: { name: string; type: StructFieldType }[];
}

/** An export whose result can be read safely: without arguments, or with arguments the loader may invent (`args`). */
export interface ValueProbe {
  symbol: string;
  /** koffi prototype, e.g. `uint32_t plugin_abi_version(void)`; for a struct, its Rust name as the return type. */
  declaration: string;
  returns: ReturnKind;
  /** For an owned string: the export that frees it, declared `void f(void *)`. */
  free?: { symbol: string; declaration: string };
  /** For `returns: 'struct'`: the struct's layout. */
  struct?: StructLayout;
  /** The arguments passed, one per parameter; absent for a zero-argument export. */
  args?: ProbeArgument[];
  /**
   * The version constant the declared interface gives this function's result, or one field of the struct it
   * returns (`field`): compared by the parent, never sent to the child.
   */
  expected?: DeclaredValue & { field?: string };
}

/** A constant of a declared interface, e.g. `#define PLUGIN_ABI_VERSION 3` at `plugin.h:4`. */
export interface DeclaredValue {
  constant: string;
  /** Decimal digits (a C constant may exceed 2^53). */
  value: string;
  /** `plugin.h:4`. */
  declaredAt: string;
}

/** A symbol a declared interface requires (not optional): the host's lookup fails without it. */
export interface RequiredSymbol {
  symbol: string;
  kind: 'function' | 'static';
  /** `plugin.h:12`. */
  declaredAt: string;
}

/** A constructor (zero arguments, returns `*mut T`) and the destructor that takes that pointer back. */
export interface PairProbe {
  type: string;
  constructor: { symbol: string; declaration: string };
  /** Undefined: no destructor found; the constructor is run a bounded number of times and its growth shown. */
  destructor?: { symbol: string; declaration: string };
  /** `ownership`: matched by the function-body analysis; `signature`: by the parameter and return types. */
  matchedBy: 'ownership' | 'signature';
}

/** Where a symbol is defined, to put diagnostics from a crash on it. */
export interface SymbolLocation {
  file: string;
  range: Range;
}

export interface ProbePlan {
  crate: string;
  /** Every symbol the crate exports (`#[no_mangle]`, `#[export_name]`), functions and statics. */
  symbols: string[];
  probes: ValueProbe[];
  pairs: PairProbe[];
  /** Exports called with invented arguments (`args`), after the pairs so that they cannot disturb them. */
  calls: ValueProbe[];
  /** Exported functions not called, with why (needs arguments, no koffi type, …). */
  skipped: { symbol: string; reason: string }[];
  locations: Record<string, SymbolLocation>;
  /** The crate's exports as the preflight compares them with the library's. */
  exports: CrateExport[];
  /** The crate's source files and Cargo.toml: a library older than any of them is stale. */
  sourceFiles: string[];
  /** Required symbols of the declared interfaces that apply to the crate (empty without one). */
  requiredSymbols: RequiredSymbol[];
  /** Functions the crate imports from its host (`extern "C"` blocks without `#[link]`): stubbed so it loads alone. */
  hostImports?: HostImport[];
}

/** What a host stub takes or returns: a scalar (its Rust name), a C string (`*const c_char`), any other pointer. */
export type HostValueType = { kind: 'scalar'; rust: string } | { kind: 'c-string' } | { kind: 'pointer' };

/** A function of the host the plugin calls, as declared in its `extern "C"` block. */
export interface HostImport {
  symbol: string;
  params: HostValueType[];
  returns: HostValueType | 'void';
  /** `src/lib.rs:18`. */
  declaredAt: string;
  /** Why no stub can be made for it (variadic, a struct by value); undefined when one can. */
  reason?: string;
}

/** What the parent sends to the child: nothing from the workspace but the library path and the probe list. */
export interface ChildPlan {
  symbols: string[];
  probes: ValueProbe[];
  pairs: PairProbe[];
  /** Run after the pairs; absent: none. */
  calls?: ValueProbe[];
}
