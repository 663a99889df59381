// The Plugins view's custom request: one model of the workspace's plugins (cdylib crates) and the host crates that
// load them, built from what the server already knows (the interface matches, the probe plan, host imports).
// Shared by the language server and the extension (client/src/pluginsView/).
import type { Range } from '../engine/types';

/** Custom LSP request: params `PluginsParams` (or none), result `PluginsResult`. */
export const PLUGINS_REQUEST = 'rustPluginGuard/plugins';

/**
 * Server → client notification (params `PluginsChangedParams`): an analysis changed what `PLUGINS_REQUEST` would
 * return for a plugin, so the view asks again instead of polling.
 */
export const PLUGINS_CHANGED_NOTIFICATION = 'rustPluginGuard/pluginsChanged';

export interface PluginsParams {
  /** A workspace folder (`file://` URI); absent: every folder the server was given. */
  folder?: string;
}

export interface PluginsChangedParams {
  /** The plugin's Cargo.toml (`file://` URI). */
  manifest: string;
}

export interface PluginsResult {
  plugins: PluginView[];
  hosts: HostView[];
  /** Manifests that could not be read (each names the file and what to do). */
  errors: string[];
}

/** A place in a file the view opens on click. */
export interface SourceLink {
  uri: string;
  range: Range;
  /** `plugin.h:12`, `host-dlopen2/src/main.rs:14`. */
  label: string;
}

export interface PluginView {
  /** Package name (`greeter-plugin`). */
  name: string;
  /** A native library (dlopen/LoadLibrary) or a WebAssembly component guest (`wit_bindgen::generate!`, canonical-ABI exports). */
  kind: 'native' | 'wasm-component';
  /** A component guest's world, read from its WIT. */
  world?: WorldView;
  /** `[package] version`; undefined when the manifest has none (or takes it from the workspace and it has none). */
  version?: string;
  edition: string;
  crateTypes: string[];
  /** `file://` URI of its Cargo.toml. */
  manifest: string;
  /** Its Cargo.toml as a path ("Load plugin" takes it). */
  manifestPath: string;
  /** The crate root. */
  root: SourceLink;
  /** The exported version (or descriptor) function, when the crate has one. */
  versionFunction?: VersionFunctionView;
  exports: ExportView[];
  /** Symbols an interface that applies declares and the crate does not export. */
  missing: MissingView[];
  pairs: PairView[];
  hostImports: HostImportView[];
  sources: InterfaceSourceEntry[];
  build: BuildView;
}

export interface WorldView {
  /** The world's name (`plugin`), as `generate!` names it or the one world of the crate's WIT. */
  name: string;
  /** Where the world is declared; absent when it was not found. */
  at?: SourceLink;
  /** Interfaces (`ns:pkg/iface@v`) and functions the world imports (the host provides them) and exports. */
  imports: string[];
  exports: string[];
  /** The WIT files read. */
  sources: SourceLink[];
  /** What went wrong reading it (a missing file, an unknown world, syntax errors), each naming the file. */
  errors: string[];
}

export interface VersionFunctionView {
  symbol: string;
  at: SourceLink;
  /** A descriptor: the field of the `#[repr(C)]` struct it returns that carries the version (`abi_version`). */
  field?: string;
  /** The value the function returns, when it is a constant the server can read (decimal digits). */
  returns?: string;
  /** The constant the host side declares for it (`PLUGIN_ABI_VERSION = 3` at `plugin.h:4`). */
  expected?: { constant: string; value: string; at: SourceLink; field?: string };
  /** `true`/`false` when both values are known; undefined when one is not (a load checks it). */
  agrees?: boolean;
}

export interface ExportView {
  symbol: string;
  kind: 'function' | 'static';
  at: SourceLink;
  /** The declarations it implements (first one shown); empty: exported but declared by nothing. */
  declaredBy: SourceLink[];
}

export interface MissingView {
  symbol: string;
  kind: 'function' | 'static';
  /** False when the host copes without it (optional dlopen2 field, probed lookup): then it is not an error. */
  required: boolean;
  declaredAt: SourceLink;
}

export interface PairView {
  type: string;
  constructor: { symbol: string; at?: SourceLink };
  destructor?: { symbol: string; at?: SourceLink };
  matchedBy: 'ownership' | 'signature';
}

export interface HostImportView {
  symbol: string;
  at: SourceLink;
  /** The host crates of the workspace that define it (`#[no_mangle] extern "C" fn`); empty: none does. */
  providedBy: { host: string; at: SourceLink }[];
  /** Why the loader cannot stub it, when it cannot. */
  stubProblem?: string;
}

export interface InterfaceSourceEntry {
  uri: string;
  /** `plugin.h`, `host-dlopen2/src/main.rs`. */
  label: string;
  source: 'c-header' | 'rust-host';
  reason: 'in-crate' | 'cbindgen' | 'configured' | 'host-crate';
  /** Whether the plugin implements any of it (a header merely lying in the crate folder may not be its own). */
  applies: boolean;
  errors: string[];
  /** How many symbols it declares that apply to the plugin. */
  declares: number;
  /** Its first declaration (what a click opens); absent when it declares no symbol. */
  at?: SourceLink;
}

export interface BuildView {
  /**
   * The newest library cargo built for the crate (any profile, the host's or a `wasm32-*` target), else where
   * `cargo build --lib` (debug) would put it; the target directory from CARGO_TARGET_DIR, `.cargo/config.toml`'s
   * `[build] target-dir`, else the workspace's `target/`.
   */
  library: string;
  /** The profile folder the library is in (`debug`, `release`, …), and the target triple for a cross build. */
  profile?: string;
  target?: string;
  built: boolean;
  /** Built, and older than a source file or Cargo.toml: load would use old code. */
  stale: boolean;
  /** The newest source file, when stale. */
  newerSource?: string;
}

export interface HostView {
  /** Package name. */
  name: string;
  manifest: string;
  manifestPath: string;
  /** The plugins whose interfaces it declares (dlopen2 structs, libloading lookups, vtables), with the file. */
  loads: { plugin: string; manifest: string; at: SourceLink }[];
  /** Host functions it defines that plugins import. */
  provides: { symbol: string; plugins: string[]; at: SourceLink }[];
}
