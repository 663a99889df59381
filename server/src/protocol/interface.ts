// The interface view's custom request: what a plugin crate's declared interfaces require of it.
// Shared by the language server and the extension (the loader reads it to know which symbols to expect).
import type { Range } from '../engine/types';

/** Custom LSP request: params `InterfaceParams`, result `InterfaceResult`. */
export const INTERFACE_REQUEST = 'rustPluginGuard/interface';

/** Client-side command a code lens runs to open a declaration: arguments `[uri: string, range: Range]`. */
export const OPEN_DECLARATION_COMMAND = 'rustPluginGuard.openDeclaration';

export interface InterfaceParams {
  /** A crate folder, its Cargo.toml, or any file of the crate (`file://` URI). */
  uri: string;
}

export type InterfaceResult = { interface: CrateInterfaceView } | { error: string };

export interface DeclarationLocation {
  /** `file://` URI of the header (or host Rust file). */
  uri: string;
  range: Range;
}

export interface DeclaredSymbolView {
  name: string;
  /** `static`: a data symbol the host reads by address (declared in host-side Rust). */
  kind: 'function' | 'static';
  /** The prototype rebuilt from the C meaning: `int plugin_scale(int value, int factor)`, `extern uint32_t plugin_abi`. */
  signature: string;
  /** The declaration as written in its source. */
  text: string;
  /** False when the host copes without the symbol (dlopen2 `Option` fields, probed symbols). */
  required: boolean;
  origin: DeclarationLocation & { source: 'c-header' | 'rust-host' };
  /** The export that implements it, when the crate has one. */
  implementedBy?: DeclarationLocation;
}

export interface InterfaceSourceView {
  uri: string;
  source: 'c-header' | 'rust-host';
  /** Why it applies to the crate: found inside it, named by cbindgen in build.rs, configured, or a host crate. */
  reason: 'in-crate' | 'cbindgen' | 'configured' | 'host-crate';
  /** Whether the plugin implements any of it (a header that merely lies in the crate folder may not be its own). */
  applies: boolean;
  errors: string[];
}

export interface CrateInterfaceView {
  crate: string;
  sources: InterfaceSourceView[];
  symbols: DeclaredSymbolView[];
  /** Exported functions no interface declares. */
  undeclaredExports: string[];
}
