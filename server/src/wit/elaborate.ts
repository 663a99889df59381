// What a world amounts to, as the component model names it: its imports and exports after the interfaces their
// `use`s depend on are added (an exported interface's dependencies become imports unless they are exported too),
// with `include`d worlds merged. The oracle test compares this with jco; the Rust guest checks will start here.
import type { Extern, Gate, Interface, InterfaceBody, PackageBlock, ResourceFunc, Use, UsePath, World } from './ast';
import { homeOf, resolvePath, type Located, type PackageIndex, type PackageSet, type WitDocument } from './packages';

export interface WorldShape {
  /** `ns:pkg/iface@v` for interfaces, the plain name for functions and inline interfaces. */
  imports: Set<string>;
  exports: Set<string>;
}

/** Whether an item is in with the features enabled: `@unstable(feature = x)` items only when x is (wit-parser's default: none). */
export function isActive(gates: readonly Gate[], features: ReadonlySet<string> = NO_FEATURES): boolean {
  return gates.every((g) => g.kind !== 'unstable' || features.has(g.value));
}

const NO_FEATURES: ReadonlySet<string> = new Set();

/** The component-model names of a body's functions: `f`, `[constructor]r`, `[method]r.m`, `[static]r.s`. */
export function functionNames(body: InterfaceBody, features?: ReadonlySet<string>): string[] {
  const names = body.funcs.filter((f) => isActive(f.gates, features)).map((f) => f.name.text);
  for (const type of body.types) {
    if (type.kind !== 'resource' || !isActive(type.gates, features)) continue;
    for (const f of type.funcs as ResourceFunc[]) {
      if (isActive(f.gates, features)) names.push(f.kind === 'constructor' ? `[constructor]${type.name.text}` : `[${f.kind}]${type.name.text}.${f.name.text}`);
    }
  }
  return names;
}

interface Context {
  set: PackageSet;
  doc: WitDocument;
  home: PackageIndex;
}

/** `ns:pkg/iface@v` of a resolved interface (its package's declared name). */
function fullName(set: PackageSet, found: Located<Interface>): string {
  const index = [set.local, ...[...set.foreign.values()].flat()].find((p) => p.interfaces.get(found.item.name.text)?.some((l) => l.item === found.item));
  const pkg = index?.name ?? '';
  const at = pkg.indexOf('@');
  return at < 0 ? `${pkg}/${found.item.name.text}` : `${pkg.slice(0, at)}/${found.item.name.text}${pkg.slice(at)}`;
}

function homeOfInterface(set: PackageSet, found: Located<Interface>, fallback: PackageIndex): PackageIndex {
  for (const block of [found.doc.ast.root, ...found.doc.ast.nested] as PackageBlock[]) if (block.interfaces.includes(found.item)) return homeOf(set, block);
  return fallback;
}

function homeOfWorld(set: PackageSet, found: Located<World>, fallback: PackageIndex): PackageIndex {
  for (const block of [found.doc.ast.root, ...found.doc.ast.nested] as PackageBlock[]) if (block.worlds.includes(found.item)) return homeOf(set, block);
  return fallback;
}

/** The interfaces `uses` name, each with the context its own `use`s resolve in. */
function dependencies(context: Context, uses: readonly Use[]): { name: string; iface: Located<Interface>; context: Context }[] {
  const out = [];
  for (const use of uses) {
    const found = resolve(context, use.path);
    if (found) out.push(found);
  }
  return out;
}

function resolve(context: Context, path: UsePath): { name: string; iface: Located<Interface>; context: Context } | undefined {
  const found = resolvePath(context.set, context.home, context.doc, path, 'interfaces');
  if (found.kind !== 'found') return undefined;
  return { name: fullName(context.set, found.found), iface: found.found, context: { set: context.set, doc: found.found.doc, home: homeOfInterface(context.set, found.found, context.home) } };
}

export function elaborateWorld(set: PackageSet, home: PackageIndex, doc: WitDocument, world: World, depth = 0): WorldShape {
  const shape: WorldShape = { imports: new Set(), exports: new Set() };
  const context: Context = { set, doc, home };
  const importDeps: { name: string; iface: Located<Interface>; context: Context }[] = [];
  const exported: { name: string; iface: Located<Interface>; context: Context }[] = [];
  const addExtern = (extern: Extern) => {
    const names = extern.direction === 'import' ? shape.imports : shape.exports;
    if (extern.target.kind !== 'path') {
      names.add(extern.target.name.text);
      if (extern.target.kind === 'interface') importDeps.push(...dependencies(context, extern.target.body.uses));
      return;
    }
    const found = resolve(context, extern.target.path);
    if (!found) return;
    names.add(found.name);
    (extern.direction === 'import' ? importDeps : exported).push(found);
  };
  for (const extern of world.externs) if (isActive(extern.gates)) addExtern(extern);
  importDeps.push(...dependencies(context, world.uses));
  for (const include of world.includes) {
    const found = resolvePath(set, home, doc, include.path, 'worlds');
    if (found.kind !== 'found' || depth > 16) continue;
    const inner = elaborateWorld(set, homeOfWorld(set, found.found, home), found.found.doc, found.found.item, depth + 1);
    for (const name of inner.imports) shape.imports.add(name);
    for (const name of inner.exports) shape.exports.add(name);
  }
  // Transitive `use` dependencies: of imports always imports; of exports imports unless exported.
  const seen = new Set<Interface>();
  // Iterative: a chain of thousands of interfaces, each using the last, must not exhaust the stack.
  const pending: { name: string; iface: Located<Interface>; context: Context }[] = [];
  const visit = (first: { name: string; iface: Located<Interface>; context: Context }) => {
    pending.push(first);
    while (pending.length > 0) {
      const item = pending.pop()!;
      if (seen.has(item.iface.item)) continue;
      seen.add(item.iface.item);
      shape.imports.add(item.name);
      for (const dep of dependencies(item.context, item.iface.item.uses)) if (!shape.exports.has(dep.name)) pending.push(dep);
    }
  };
  for (const item of importDeps) visit(item);
  for (const item of exported) {
    for (const dep of dependencies(item.context, item.iface.item.uses)) if (!shape.exports.has(dep.name)) visit(dep);
  }
  return shape;
}
