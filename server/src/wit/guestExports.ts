// What a component guest's world asks of its Rust code, and the `impl … Guest for …` blocks that answer: one
// required trait per exporting part (the world's own functions in `Guest`, each exported interface in
// `exports::ns::pkg::iface::Guest`), each function with its WIT declaration and the names its types resolve in.
// The guest rules (rules/wit*.ts), their fixes (fixes/wit*.ts) and the hover (lsp/witGuestHover.ts) read this.
import type { CrateModel, Module } from '../crate/crateModel';
import { resolvePath as resolveModulePath } from '../crate/resolve';
import type { Range } from '../engine/types';
import type { ImplItem } from '../syntax/items';
import type { Func, Interface, PackageBlock, TypeDef, Use, World } from './ast';
import { isActive } from './elaborate';
import { guestSignals, loadGuestWorld, type GuestSignals, type GuestWorld } from './guest';
import { homeOf, resolvePath, type Located, type PackageIndex, type PackageSet, type WitDocument } from './packages';

/** `get-name` → `get_name`, as wit-bindgen names modules (WIT words are all lower or all upper case). */
export function snake(name: string): string {
  return name.replace(/^%/, '').replace(/-/g, '_').toLowerCase();
}

const RUST_KEYWORDS = new Set('as async await break const continue crate dyn else enum extern false fn for if impl in let loop match mod move mut pub ref return self Self static struct super trait true type unsafe use where while abstract become box do final macro override priv try typeof unsized virtual yield gen'.split(' '));

/** A function or parameter name as wit-bindgen spells it: snake case, a Rust keyword with `_` appended (`%type` → `type_`). */
export function rustIdent(name: string): string {
  const s = snake(name);
  return RUST_KEYWORDS.has(s) ? `${s}_` : s;
}

/** Whether a method name written in Rust (`r#type`, `type_`) is the generated `rustName`. */
export function isRustName(written: string, rustName: string): boolean {
  const bare = written.replace(/^r#/, '');
  return bare === rustName || (rustName.endsWith('_') && RUST_KEYWORDS.has(rustName.slice(0, -1)) && bare === rustName.slice(0, -1));
}

/** `http-request` → `HttpRequest`, as wit-bindgen names types. */
export function upperCamel(name: string): string {
  return name
    .replace(/^%/, '')
    .split('-')
    .map((part) => (part ? part[0].toUpperCase() + part.slice(1).toLowerCase() : part))
    .join('');
}

/** A WIT type name in scope of a function: its definition, when it could be found (a `use` of an unread package: not). */
export interface ScopedType {
  def?: TypeDef;
  /** A `use iface.{a as b}` rename: `a`, which wit-bindgen's `pub type B = …::A;` also lets the Rust code write. */
  renamedFrom?: string;
  /** Where the definition's own names resolve (an alias's target). */
  scope?: TypeScope;
}

export type TypeScope = Map<string, ScopedType>;

export interface WitFunction {
  func: Func;
  doc: WitDocument;
  /** The Rust method name wit-bindgen generates. */
  rustName: string;
  scope: TypeScope;
}

export interface RequiredTrait {
  /** What messages call it: "the world `greeter`", "the interface `demo:greeter/greet`". */
  what: string;
  /** The trait path wit-bindgen generates, relative to the `generate!` call's module. */
  trait: string[];
  /** The module path its generated types live in, relative to the `generate!` call's module (empty: the world's). */
  typesModule: string[];
  functions: WitFunction[];
  /** Names of functions gated out (`@unstable`): wit-bindgen generates them with the feature on, so they are not judged. */
  gatedOut: Set<string>;
  /** The world's or interface's name in its WIT file. */
  declared: { doc: WitDocument; span: { start: number; end: number } };
  /** Whether the interface defines resources (its trait then also needs `type R = …;`). */
  hasResources: boolean;
}

export interface GuestImpl {
  item: ImplItem;
  module: Module;
  /** The trait's path with `use` aliases of its module resolved (`GreetGuest` → `exports::…::greet::Guest`). */
  path: string[];
}

export interface GuestExports {
  signals: GuestSignals;
  generate: NonNullable<GuestSignals['generate']>;
  world: GuestWorld;
  /** The `generate!` call. */
  callRange: Range;
  /** The module the `generate!` call is in (its file's top module): where the generated paths start. */
  generateModule?: Module;
  required: RequiredTrait[];
  impls: GuestImpl[];
}

/** The guest's exports and impls when its world reads cleanly; undefined otherwise (nothing is judged then). Once per crate model. */
export function guestExports(crate: CrateModel): GuestExports | undefined {
  if (!byModel.has(crate)) byModel.set(crate, readGuestExports(crate));
  return byModel.get(crate);
}

const byModel = new WeakMap<CrateModel, GuestExports | undefined>();

function readGuestExports(crate: CrateModel): GuestExports | undefined {
  const signals = guestSignals(crate);
  const generate = signals?.generate;
  if (!signals || !generate) return undefined;
  const world = loadGuestWorld(crate, signals);
  // A world that cannot be read is the Plugins view's and the `.wit` file's problem, not a guess here.
  if (!world?.located || world.errors.length > 0) return undefined;
  const parsed = crate.files.get(generate.file);
  if (!parsed) return undefined;
  const callRange: Range = { start: parsed.lines.positionAt(generate.offset), end: parsed.lines.positionAt(generate.offset + generate.length) };
  const generateModule = generate.bindingsModule !== undefined ? crate.root.children.get(generate.bindingsModule) : moduleAt(crate, generate.file, generate.offset);
  const required = requiredTraits(world.set, world.located, generate.remaps);
  const worldGuest = required.some((r) => r.trait.length === 1);
  return { signals, generate, world, callRange, generateModule, required, impls: guestImpls(crate, generateModule, worldGuest) };
}

/** The impl of a required trait, if the crate has one. */
export function implOf(exports: GuestExports, required: RequiredTrait): GuestImpl | undefined {
  return exports.impls.find((i) => sameTrait(i, required.trait, exports.generateModule));
}

/** The required trait an impl implements, if it is one of them. */
export function requiredOf(exports: GuestExports, impl: GuestImpl): RequiredTrait | undefined {
  return exports.required.find((r) => sameTrait(impl, r.trait, exports.generateModule));
}

function requiredTraits(set: PackageSet, located: Located<World>, remaps: boolean): RequiredTrait[] {
  const world = located.item;
  const out: RequiredTrait[] = [];
  const worldHome = homeOfBlockWith(set, located.doc, (b) => b.worlds.includes(world));
  // `with: { … }` may map any type to the crate's own: then no type name is judged (an empty scope: all opaque).
  const judgeTypes = (scope: TypeScope): TypeScope => (remaps ? new Map() : scope);
  const worldScope = judgeTypes(scopeOf(set, worldHome, located.doc, world.types, world.uses, 0));
  const worldFuncs = world.externs.filter((e) => e.direction === 'export' && e.target.kind === 'func');
  const functions = worldFuncs.filter((e) => isActive(e.gates)).map((e) => (e.target as { func: Func }).func);
  if (functions.length > 0) {
    out.push({
      what: `the world \`${world.name.text}\``,
      trait: ['Guest'],
      typesModule: [],
      functions: functions.map((func) => ({ func, doc: located.doc, rustName: rustIdent(func.name.text), scope: worldScope })),
      gatedOut: new Set(worldFuncs.filter((e) => !isActive(e.gates)).map((e) => rustIdent((e.target as { func: Func }).func.name.text))),
      declared: { doc: located.doc, span: world.name.span },
      hasResources: false,
    });
  }
  for (const extern of world.externs) {
    if (extern.direction !== 'export' || !isActive(extern.gates) || extern.target.kind !== 'path') continue;
    // Interfaces of other packages may be remapped by `with: { … }` to code elsewhere: not judged then.
    if (extern.target.path.kind === 'foreign' && remaps) continue;
    const found = resolvePath(set, worldHome, located.doc, extern.target.path, 'interfaces');
    if (found.kind !== 'found') continue;
    const iface = found.found.item;
    const home = homeOfBlockWith(set, found.found.doc, (b) => b.interfaces.includes(iface));
    const pkg = home.name?.replace(/@.*$/, '');
    const module = ['exports', ...(home.name ? packageModules(set, home.name) : []), snake(iface.name.text)];
    const scope = judgeTypes(scopeOf(set, home, found.found.doc, iface.types, iface.uses, 0));
    out.push({
      what: `the interface \`${pkg ? `${pkg}/` : ''}${iface.name.text}\``,
      trait: [...module, 'Guest'],
      typesModule: module,
      functions: activeFuncs(iface).map((func) => ({ func, doc: found.found.doc, rustName: rustIdent(func.name.text), scope })),
      gatedOut: new Set(iface.funcs.filter((f) => !isActive(f.gates)).map((f) => rustIdent(f.name.text))),
      declared: { doc: found.found.doc, span: iface.name.span },
      hasResources: iface.types.some((t) => t.kind === 'resource'),
    });
  }
  return out;
}

/**
 * wit-bindgen's modules for a package `ns:name@v`: `ns`, `name` — with the version appended (`dep0_1_0`) when
 * another version of the same package is in the resolve, as its generated paths then are.
 */
function packageModules(set: PackageSet, id: string): string[] {
  const [nsName, version] = id.split('@');
  const [ns, name] = nsName.split(':');
  if (name === undefined) return [snake(ns)];
  const versions = new Set([set.local, ...(set.foreign.get(nsName) ?? [])].filter((p) => p.name?.split('@')[0] === nsName).map((p) => p.name));
  const qualified = version !== undefined && versions.size > 1 ? `${name}${version.replace(/[.\-+]/g, '_')}` : name;
  return [snake(ns), snake(qualified)];
}

function activeFuncs(iface: Interface): Func[] {
  return iface.funcs.filter((f) => isActive(f.gates));
}

function homeOfBlockWith(set: PackageSet, doc: WitDocument, has: (block: PackageBlock) => boolean): PackageIndex {
  const block = [doc.ast.root, ...doc.ast.nested].find(has);
  return block ? homeOf(set, block) : set.local;
}

/** The type names a body sees: its own definitions and the names its `use`s bring (resolved when their interface is read). */
function scopeOf(set: PackageSet, home: PackageIndex, doc: WitDocument, types: readonly TypeDef[], uses: readonly Use[], depth: number): TypeScope {
  const scope: TypeScope = new Map();
  for (const use of uses) {
    const found = depth < 8 ? resolvePath(set, home, doc, use.path, 'interfaces') : undefined;
    const iface = found?.kind === 'found' ? found.found : undefined;
    let inner: TypeScope | undefined;
    for (const { name, as } of use.names) {
      const def = iface?.item.types.find((t) => t.name.text === name.text);
      if (def && iface && !inner) inner = scopeOf(set, homeOfBlockWith(set, iface.doc, (b) => b.interfaces.includes(iface.item)), iface.doc, iface.item.types, iface.item.uses, depth + 1);
      const renamedFrom = as && as.text !== name.text ? { renamedFrom: name.text } : {};
      scope.set((as ?? name).text, def ? { def, scope: inner, ...renamedFrom } : renamedFrom);
    }
  }
  for (const def of types) scope.set(def.name.text, { def, scope });
  return scope;
}

function guestImpls(crate: CrateModel, generateModule: Module | undefined, worldGuest: boolean): GuestImpl[] {
  const out: GuestImpl[] = [];
  for (const module of crate.modules) {
    const uses = module.syntax.items.flatMap((i) => (i.kind === 'use' ? i.imports : []));
    for (const item of module.syntax.items) {
      if (item.kind !== 'impl' || !item.trait) continue;
      const written = item.trait.replace(/<[\s\S]*$/, '').split('::').map((s) => s.trim()).filter((s) => s !== '' && s !== 'crate' && s !== 'self');
      const first = written[0];
      const alias = uses.find((u) => u.boundName === first && !u.glob);
      let path = alias ? [...alias.path.filter((s) => s !== 'crate' && s !== 'self'), ...written.slice(1)] : written;
      // `use exports::…::iface::*;` then `impl Guest for …` outside the generate! module: that interface's trait.
      const globs = uses.filter((u) => u.glob && u.path.includes('exports'));
      // In the generate! module too when the world has no functions of its own: no world `Guest` shadows the glob's.
      if (!alias && path.length === 1 && (module !== generateModule || !worldGuest) && globs.length === 1) path = [...globs[0].path.filter((s) => s !== 'crate' && s !== 'self'), ...path];
      out.push({ item, module, path });
    }
  }
  return out;
}

/** Whether `prefix`, written in `from` (or as a crate path), names `target`. */
function namesModule(from: Module, prefix: string[], target: Module): boolean {
  const root = from.crate.root;
  return [from, root].some((base) => {
    const resolved = resolveModulePath(base, prefix);
    return resolved.kind === 'module' && resolved.module === target;
  });
}

/** The innermost module of `file` whose text holds `offset` (an inline `mod x { … }` or the file's own module). */
function moduleAt(crate: CrateModel, file: string, offset: number): Module | undefined {
  const parsed = crate.files.get(file);
  let module = crate.modules.filter((m) => m.file === file).sort((a, b) => a.path.length - b.path.length)[0];
  if (!parsed || !module) return module;
  for (let depth = 0; depth < 64; depth++) {
    const inner = [...module.children.values()].find((child) => {
      if (child.file !== file) return false;
      const item = module!.syntax.items.find((i) => i.kind === 'mod' && i.name === child.name && i.body);
      return item !== undefined && parsed.lines.offsetAt(item.range.start) <= offset && offset < parsed.lines.offsetAt(item.range.end);
    });
    if (!inner) return module;
    module = inner;
  }
  return module;
}

/** `Guest` is the world's own only when written so; an interface's matches by its module path's end. */
function sameTrait(impl: GuestImpl, required: readonly string[], generateModule: Module | undefined): boolean {
  const path = impl.path;
  if (required.length === 1) {
    // `impl bindings::Guest for X` with the generate! call inside `mod bindings { … }`: the world's trait by its module.
    if (path.length >= 2) return path[path.length - 1] === required[0] && generateModule !== undefined && namesModule(impl.module, path.slice(0, -1), generateModule);
    if (path.length !== 1 || path[0] !== required[0]) return false;
    // Outside the generate! module a bare `Guest` may be another trait a glob brought: not taken for the world's.
    // Outside it, a module's own `trait Guest` is not the world's either.
    if (impl.module === generateModule) return true;
    return !impl.module.syntax.items.some((i) => (i.kind === 'use' && i.imports.some((u) => u.glob)) || (i.kind === 'trait' && i.name === 'Guest'));
  }
  // The segments after `exports` name the package and interface: all of them must agree (two packages may both
  // have an interface `x`, two versions of one package differ only in the package segment).
  const at = path.lastIndexOf('exports');
  if (at < 0 || path[path.length - 1] !== 'Guest') return false;
  const written = path.slice(at + 1);
  const wanted = required.slice(required.lastIndexOf('exports') + 1);
  return written.length === wanted.length && written.every((segment, i) => segment === wanted[i]);
}

/** The WIT function an impl's method implements, with its trait, for hover and Go to Definition. */
export function witFunctionAt(exports: GuestExports, file: string, inRange: (range: Range) => boolean): { impl: GuestImpl; required: RequiredTrait; fn: WitFunction; nameRange: Range } | undefined {
  for (const impl of exports.impls) {
    if (impl.module.file !== file) continue;
    const method = impl.item.functions.find((f) => inRange(f.nameRange));
    if (!method) continue;
    const required = requiredOf(exports, impl);
    const fn = required?.functions.find((f) => isRustName(method.name, f.rustName));
    if (required && fn) return { impl, required, fn, nameRange: method.nameRange };
  }
  return undefined;
}
