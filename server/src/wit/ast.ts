// The syntax tree of one `.wit` file, every name with its span (UTF-16 offsets; see lexer.ts).
import type { Span } from './lexer';

export type { Span } from './lexer';

export interface Name {
  text: string;
  span: Span;
}

/** `@since(version = 1.2.0)`, `@unstable(feature = name)`, `@deprecated(version = 1.2.0)`. */
export interface Gate {
  kind: 'since' | 'unstable' | 'deprecated';
  value: string;
  span: Span;
}

/** `ns:name@1.0.0`. */
export interface PackageName {
  namespace: Name;
  name: Name;
  version?: Name;
  span: Span;
}

/** What `use`, `import`, `export` and `include` name: an interface (or world) of this package, or `ns:pkg/name@v`. */
export type UsePath = { kind: 'local'; name: Name; span: Span } | { kind: 'foreign'; package: PackageName; name: Name; span: Span };

export type TypeRef =
  | { kind: 'builtin'; name: string; span: Span }
  | { kind: 'named'; name: Name; span: Span }
  | { kind: 'list'; element: TypeRef; size?: number; span: Span }
  | { kind: 'option'; inner: TypeRef; span: Span }
  | { kind: 'result'; ok?: TypeRef; err?: TypeRef; span: Span }
  | { kind: 'tuple'; items: TypeRef[]; span: Span }
  /** `map<K, V>` (a keyword of wit-parser since its map type). */
  | { kind: 'map'; key: TypeRef; value: TypeRef; span: Span }
  | { kind: 'handle'; own: boolean; resource: Name; span: Span }
  | { kind: 'future' | 'stream'; inner?: TypeRef; span: Span };

export interface Param {
  name: Name;
  type: TypeRef;
}

export interface Func {
  name: Name;
  async: boolean;
  params: Param[];
  result?: TypeRef;
  gates: Gate[];
  span: Span;
}

/** A resource's constructor (named `constructor`), method or static function. */
export interface ResourceFunc extends Func {
  kind: 'constructor' | 'method' | 'static';
}

interface TypeDefBase {
  name: Name;
  gates: Gate[];
  span: Span;
}

export type TypeDef =
  | (TypeDefBase & { kind: 'record'; fields: Param[] })
  | (TypeDefBase & { kind: 'variant'; cases: { name: Name; type?: TypeRef }[] })
  | (TypeDefBase & { kind: 'enum'; cases: Name[] })
  | (TypeDefBase & { kind: 'flags'; flags: Name[] })
  | (TypeDefBase & { kind: 'resource'; funcs: ResourceFunc[] })
  | (TypeDefBase & { kind: 'alias'; target: TypeRef });

/** `use path.{a, b as c};` inside an interface or world. */
export interface Use {
  path: UsePath;
  names: { name: Name; as?: Name }[];
  gates: Gate[];
  span: Span;
}

/** The body of an interface, also of an inline `import x: interface { … }`. */
export interface InterfaceBody {
  uses: Use[];
  types: TypeDef[];
  funcs: Func[];
}

export interface Interface extends InterfaceBody {
  name: Name;
  gates: Gate[];
  span: Span;
}

export type ExternTarget =
  | { kind: 'path'; path: UsePath }
  | { kind: 'func'; name: Name; func: Func }
  | { kind: 'interface'; name: Name; body: InterfaceBody };

export interface Extern {
  direction: 'import' | 'export';
  target: ExternTarget;
  gates: Gate[];
  span: Span;
}

export interface Include {
  path: UsePath;
  with: { from: Name; to: Name }[];
  gates: Gate[];
  span: Span;
}

export interface World {
  name: Name;
  externs: Extern[];
  includes: Include[];
  uses: Use[];
  types: TypeDef[];
  gates: Gate[];
  span: Span;
}

/** A file-level `use ns:pkg/iface@v as name;`. */
export interface TopUse {
  path: UsePath;
  as?: Name;
  span: Span;
}

/** The file's own package (`package ns:name;` and what follows) or a nested `package ns:name { … }` block. */
export interface PackageBlock {
  name?: PackageName;
  nested: boolean;
  /** A nested block's own `use … as …;` (the file's are `WitFile.topUses`). */
  uses: TopUse[];
  interfaces: Interface[];
  worlds: World[];
  span: Span;
}

export interface SyntaxError {
  message: string;
  span: Span;
}

export interface WitFile {
  /** The file's top-level items, under the file's `package` declaration (none: the name comes from a sibling file). */
  root: PackageBlock;
  nested: PackageBlock[];
  topUses: TopUse[];
  errors: SyntaxError[];
}

/** `ns:name@v` as WIT writes it. */
export function packageText(name: PackageName): string {
  return `${name.namespace.text}:${name.name.text}${name.version ? `@${name.version.text}` : ''}`;
}

/** `ns:pkg/iface@v` or the local name. */
export function usePathText(path: UsePath): string {
  if (path.kind === 'local') return path.name.text;
  const pkg = path.package;
  return `${pkg.namespace.text}:${pkg.name.text}/${path.name.text}${pkg.version ? `@${pkg.version.text}` : ''}`;
}
