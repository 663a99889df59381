// The item model of one file: what `items.ts` reads from the tree and the crate model is built from.
import type { Position, Range } from '../engine/types';
import type { Attribute } from './attributes';
import type { TypeRef } from './typeRef';
import type { UseImport } from './useImports';
import type { MacroDefinition } from '../macros/definition';
import type { Group } from '../macros/tokens';

export type { UseImport } from './useImports';

/** What every item carries: where it is, its attributes and what the user has silenced on it. */
export interface ItemCommon {
  name: string;
  nameRange: Range;
  /** The item itself, without its leading attributes and comments. */
  range: Range;
  /** Where the item's leading attributes and doc comments start (= `range.start` when there are none). */
  leadingStart: Position;
  attributes: Attribute[];
  /** rustc lints named in `#[allow]`/`#[expect]` on the item. */
  allowedLints: string[];
  /** Rule ids silenced by `// rust-plugin-guard: allow(...)` above the item. */
  suppressed: string[];
  isPublic: boolean;
}

export interface FieldDecl {
  name: string | undefined;
  type: TypeRef;
  /** Predicates of `#[cfg(..)]` on the field (the crate model drops fields that are off in the build). */
  cfgs?: string[];
}

export interface AdtItem extends ItemCommon {
  kind: 'struct' | 'enum' | 'union';
  generics: string[];
  /** Struct and union fields; empty for enums. */
  fields: FieldDecl[];
  /** `discriminant`: the text of `= expr`; `nameRange`: the variant's name (where rustc reports on a variant). */
  variants: { name: string; fields: FieldDecl[]; cfgs?: string[]; discriminant?: string; nameRange?: Range }[];
}

export interface TypeAliasItem extends ItemCommon {
  kind: 'typeAlias';
  generics: string[];
  target: TypeRef | undefined;
}

export type FunctionContext = 'free' | 'impl' | 'trait' | 'foreign';

export interface FunctionItem extends ItemCommon {
  kind: 'function';
  /** `undefined` for the Rust ABI; "C" for a bare `extern`. In an extern block: the block's ABI. */
  abi: string | undefined;
  context: FunctionContext;
  generics: string[];
  params: TypeRef[];
  returnType: TypeRef | undefined;
  hasBody: boolean;
  /** The `{ ... }` body (undefined for a signature), for the lazy body analysis in `bodies/`. */
  bodyRange: Range | undefined;
  /** String offsets of the item (`range`) in the file text, so `bodies/` can slice it without a tree. */
  startOffset: number;
  endOffset: number;
  /** Where the `fn` keyword starts (an ABI goes right before it). */
  fnKeyword: Position;
  /** The type `Self` stands for in an impl; undefined elsewhere. */
  selfType: TypeRef | undefined;
  /** The enclosing impl, trait or extern block, for lint levels set there. */
  container: ContainerItem | undefined;
}

export interface StaticItem extends ItemCommon {
  kind: 'static' | 'const';
  type: TypeRef | undefined;
  container: ContainerItem | undefined;
}

export interface ExternBlockItem extends ItemCommon {
  kind: 'externBlock';
  abi: string;
  isUnsafe: boolean;
  /** `extern "C"` (or `unsafe extern "C"`): the block's head, before its body. */
  headRange: Range;
  functions: FunctionItem[];
  statics: StaticItem[];
}

export interface ImplItem extends ItemCommon {
  kind: 'impl' | 'trait';
  generics: string[];
  selfType: TypeRef | undefined;
  /** `impl Trait for T`: the trait's path as written (`exports::demo::greet::Guest`); absent for inherent impls. */
  trait?: string;
  functions: FunctionItem[];
  consts: StaticItem[];
  /** Macro calls among the members (`plugin_methods!();`), for `macros/` to expand into members; absent when none. */
  macroCalls?: MacroCallItem[];
}

export type ContainerItem = ExternBlockItem | ImplItem;

export interface UseItem extends ItemCommon {
  kind: 'use';
  imports: UseImport[];
}

export interface ModItem extends ItemCommon {
  kind: 'mod';
  /** The items of an inline `mod x { ... }`; undefined for `mod x;`. */
  body: ModuleSyntax | undefined;
  pathAttribute: string | undefined;
}

/** `macro_rules! name { ... }`, read into rules for `macros/` to expand. */
export interface MacroRulesItem extends ItemCommon {
  kind: 'macroRules';
  definition: MacroDefinition;
  /** The definition's text: with the call's text, the key of cached expansions. */
  text: string;
  /** Lines the definition's token ranges lag behind `range`: a copy placed from an expansion shares its tokens (macros/shift.ts). */
  definitionLineShift?: number;
}

/** An item-level `path!(...)`: expanded by `macros/` when `path` names a `macro_rules!` of the workspace. */
export interface MacroCallItem extends ItemCommon {
  kind: 'macroCall';
  /** `["crate", "export_plugin"]` for `crate::export_plugin!`; `name` is the last segment. */
  path: string[];
  input: Group;
  text: string;
  /** Lines the input's token ranges lag behind `range`: a copy placed from an expansion shares its tokens (macros/shift.ts). */
  inputLineShift?: number;
}

export type Item = AdtItem | TypeAliasItem | FunctionItem | StaticItem | ExternBlockItem | ImplItem | UseItem | ModItem | MacroRulesItem | MacroCallItem;

export interface ModuleSyntax {
  items: Item[];
  innerAttributes: Attribute[];
  /** Items not read: the module is known only in part. `error` when extraction failed, none past MAX_MODULE_DEPTH. */
  unreadItems?: UnreadItem[];
}

/** Everything the engine needs from one file: items by module, and file-level suppressions. */
export interface FileSyntax {
  module: ModuleSyntax;
  /** Rules silenced for the whole file by a `// rust-plugin-guard: allow(...)` first line. */
  fileSuppressed: string[];
}

export interface UnreadItem {
  range: Range;
  error?: unknown;
}
