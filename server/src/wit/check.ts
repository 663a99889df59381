// The diagnostics of one `.wit` file: syntax errors, names that resolve to nothing, duplicate names, and a world
// that imports and exports one interface. Everything but the last is an error wit-parser (the reference) also
// rejects; the last is valid WIT (an adapter may do it on purpose), so it is a warning.
import type { Finding } from '../engine/types';
import type { Extern, InterfaceBody, Name, PackageBlock, TypeDef, TypeRef, Use, UsePath, World } from './ast';
import { packageText, usePathText } from './ast';
import { homeOf, resolvePath, type PackageIndex, type PackageSet, type WitDocument } from './packages';
import { Reporter } from './report';
import { checkIncludes } from './includes';
import { checkDefinitions } from './validity';
import { removeImportFix, unknownTypeFixes } from './witFixes';

export { WIT_RULES, type WitRule } from './report';

/** `doc` is one of the local package's files (`own`); `set` is built from `own` and the deps (packages.ts). */
export function checkWitDocument(doc: WitDocument, own: readonly WitDocument[], set: PackageSet): Finding[] {
  const reporter = new Reporter(doc);
  for (const error of doc.ast.errors) {
    // An empty span (the end of the file) still gets a visible range: the last character.
    const span = error.span.end > error.span.start ? error.span : { start: Math.max(0, error.span.start - 1), end: error.span.start };
    reporter.report('wit-syntax', span, error.message);
  }
  const hasItems = doc.ast.root.interfaces.length + doc.ast.root.worlds.length > 0;
  if (hasItems && !own.some((d) => d.ast.root.name)) {
    const first = doc.ast.root.interfaces[0]?.name ?? doc.ast.root.worlds[0]?.name;
    reporter.report('wit-syntax', first.span, 'no `package namespace:name;` declaration in this file or another `.wit` file of its folder', 'add `package my-namespace:my-package;` at the top of one file of the folder');
  }
  checkPackageNames(reporter, doc, own);
  checkDefinitions(reporter, doc, set);
  for (const block of [doc.ast.root, ...doc.ast.nested]) {
    const home = homeOf(set, block);
    for (const iface of block.interfaces) checkBody(reporter, set, home, iface, `interface \`${iface.name.text}\``, new Set());
    for (const world of block.worlds) checkWorld(reporter, set, home, world);
    if (block.nested) duplicates(reporter, [...block.interfaces, ...block.worlds].map((i) => i.name), 'interface or world', block.name ? `package \`${packageText(block.name)}\`` : undefined);
  }
  return reporter.findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** Interfaces and worlds share one namespace per package, across the folder's files; the first (by file, offset) wins. */
function checkPackageNames(reporter: Reporter, doc: WitDocument, own: readonly WitDocument[]): void {
  const mine = doc.ast.root.name;
  const other = own.find((d) => d !== doc && d.ast.root.name && packageText(d.ast.root.name) !== (mine && packageText(mine)));
  if (mine && other) {
    reporter.report('wit-syntax', mine.span, `\`package ${packageText(mine)}\` differs from \`package ${packageText(other.ast.root.name!)}\` of another file of this folder: a folder's files are one package`, 'give every file of the folder the same `package` line, or move this file to its own folder', [
      reporter.at(other, other.ast.root.name!.span, 'declared here'),
    ]);
  }
  const first = new Map<string, { doc: WitDocument; name: Name }>();
  const ordered = [...own].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const other of ordered) {
    const root: PackageBlock = other.ast.root;
    for (const name of [...root.interfaces, ...root.worlds].map((i) => i.name).sort((a, b) => a.span.start - b.span.start)) {
      const seen = first.get(name.text);
      if (!seen) {
        first.set(name.text, { doc: other, name });
        continue;
      }
      if (other !== doc) continue;
      reporter.report('wit-duplicate-name', name.span, `\`${name.text}\` is defined more than once in this package`, 'rename one of them: interfaces and worlds of a package share one namespace', [
        reporter.at(seen.doc, seen.name.span, 'first defined here'),
      ]);
    }
  }
}

/** Reports every name after its first occurrence; `kind`: what the names are, `where`: the item they belong to. */
function duplicates(reporter: Reporter, names: readonly Name[], kind: string, where?: string, accepted?: (first: Name, later: Name) => boolean): void {
  const seen = new Map<string, Name>();
  for (const name of names) {
    const first = seen.get(name.text);
    if (!first) seen.set(name.text, name);
    else if (!accepted?.(first, name)) reporter.report('wit-duplicate-name', name.span, `${kind} \`${name.text}\` is defined more than once${where ? ` in ${where}` : ''}`, 'rename or remove one of them', [reporter.at(reporter.doc, first.span, 'first defined here')]);
  }
}

/**
 * wit-parser accepts a `use` of a name a type definition before it already defined (the other order is an
 * error): mirrored, so that nothing the reference accepts is reported as an error.
 */
function typeThenUse(types: readonly { name: Name }[], brought: readonly Name[]): (first: Name, later: Name) => boolean {
  const defined = new Set(types.map((t) => t.name));
  const used = new Set(brought);
  return (first, later) => defined.has(first) && used.has(later);
}

/** The names a body's `use`s bring in, after checking each against the interface it names. */
function checkUses(reporter: Reporter, set: PackageSet, home: PackageIndex, uses: readonly Use[]): Name[] {
  const brought: Name[] = [];
  for (const use of uses) {
    const target = resolvePath(set, home, reporter.doc, use.path, 'interfaces');
    if (target.kind === 'missing') reportMissing(reporter, set, home, use.path, 'interfaces', target.where);
    else if (target.kind === 'unknown-package') reportUnknownPackage(reporter, set, use.path);
    for (const { name, as } of use.names) {
      brought.push(as ?? name);
      if (target.kind !== 'found') continue;
      const other = target.found.item;
      const defined = other.types.some((t) => t.name.text === name.text) || other.uses.some((u) => u.names.some((n) => (n.as ?? n.name).text === name.text));
      if (!defined) reporter.report('wit-unknown-type', name.span, `type \`${name.text}\` is not defined in interface \`${other.name.text}\``, 'define it there, or fix the name', [reporter.at(target.found.doc, other.name.span, 'the interface')]);
    }
  }
  return brought;
}

/** Checks the names of an interface body (also an inline interface); `outer`: type names visible from around it. */
function checkBody(reporter: Reporter, set: PackageSet, home: PackageIndex, body: InterfaceBody, what: string, outer: ReadonlySet<string>): void {
  const brought = checkUses(reporter, set, home, body.uses);
  duplicates(reporter, [...brought, ...body.types.map((t) => t.name), ...body.funcs.map((f) => f.name)].sort((a, b) => a.span.start - b.span.start), 'name', what, typeThenUse(body.types, brought));
  const scope = new Set([...outer, ...brought.map((n) => n.text), ...body.types.map((t) => t.name.text)]);
  for (const type of body.types) checkTypeDef(reporter, type, scope);
  for (const func of body.funcs) checkFunc(reporter, func, scope);
}

function checkFunc(reporter: Reporter, func: { name: Name; params: { name: Name; type: TypeRef }[]; result?: TypeRef }, scope: ReadonlySet<string>): void {
  duplicates(reporter, func.params.map((p) => p.name), 'parameter', `function \`${func.name.text}\``);
  for (const param of func.params) checkType(reporter, param.type, scope);
  if (func.result) checkType(reporter, func.result, scope);
}

function checkTypeDef(reporter: Reporter, type: TypeDef, scope: ReadonlySet<string>): void {
  switch (type.kind) {
    case 'alias':
      return checkType(reporter, type.target, scope);
    case 'record':
      duplicates(reporter, type.fields.map((f) => f.name), 'field', `record \`${type.name.text}\``);
      for (const field of type.fields) checkType(reporter, field.type, scope);
      return;
    case 'variant':
      duplicates(reporter, type.cases.map((c) => c.name), 'case', `variant \`${type.name.text}\``);
      for (const c of type.cases) if (c.type) checkType(reporter, c.type, scope);
      return;
    case 'enum':
      return duplicates(reporter, type.cases, 'case', `enum \`${type.name.text}\``);
    case 'flags':
      return duplicates(reporter, type.flags, 'flag', `flags \`${type.name.text}\``);
    case 'resource':
      duplicates(reporter, type.funcs.map((f) => f.name), 'function', `resource \`${type.name.text}\``);
      for (const func of type.funcs) checkFunc(reporter, func, scope);
  }
}

/** Iterative over the type's tree (its depth is bounded by the parser, but a list keeps it simple). */
function checkType(reporter: Reporter, root: TypeRef, scope: ReadonlySet<string>): void {
  const stack: TypeRef[] = [root];
  while (stack.length > 0) {
    const type = stack.pop()!;
    switch (type.kind) {
      case 'named':
        if (!scope.has(type.name.text)) reporter.report('wit-unknown-type', type.name.span, `type \`${type.name.text}\` does not exist here`, 'define it in this interface or world, or bring it in with `use interface.{name};`', [], unknownTypeFixes(reporter, type.name.span, type.name.text, scope));
        break;
      case 'handle':
        if (!scope.has(type.resource.text)) reporter.report('wit-unknown-type', type.resource.span, `resource \`${type.resource.text}\` does not exist here`, 'define it with `resource name { … }`, or bring it in with `use`', [], unknownTypeFixes(reporter, type.resource.span, type.resource.text, scope));
        break;
      case 'list':
        stack.push(type.element);
        break;
      case 'option':
        stack.push(type.inner);
        break;
      case 'result':
        if (type.ok) stack.push(type.ok);
        if (type.err) stack.push(type.err);
        break;
      case 'tuple':
        stack.push(...type.items);
        break;
      case 'map':
        stack.push(type.key, type.value);
        break;
      case 'future':
      case 'stream':
        if (type.inner) stack.push(type.inner);
        break;
      case 'builtin':
        break;
    }
  }
}

function externName(extern: Extern): Name {
  return extern.target.kind === 'path' ? { text: usePathText(extern.target.path), span: extern.target.path.span } : extern.target.name;
}

function checkWorld(reporter: Reporter, set: PackageSet, home: PackageIndex, world: World): void {
  const brought = checkUses(reporter, set, home, world.uses);
  const scope = new Set([...brought.map((n) => n.text), ...world.types.map((t) => t.name.text)]);
  const imports = world.externs.filter((e) => e.direction === 'import');
  const exports = world.externs.filter((e) => e.direction === 'export');
  const what = `world \`${world.name.text}\``;
  duplicates(reporter, [...brought, ...world.types.map((t) => t.name), ...imports.map(externName)].sort((a, b) => a.span.start - b.span.start), 'import', what, typeThenUse(world.types, brought));
  duplicates(reporter, exports.map(externName), 'export', what);
  for (const type of world.types) checkTypeDef(reporter, type, scope);
  for (const extern of world.externs) {
    const target = extern.target;
    if (target.kind === 'func') checkFunc(reporter, target.func, scope);
    else if (target.kind === 'interface') checkBody(reporter, set, home, target.body, `interface \`${target.name.text}\``, new Set());
    else {
      const found = resolvePath(set, home, reporter.doc, target.path, 'interfaces');
      if (found.kind === 'missing') reportMissing(reporter, set, home, target.path, 'interfaces', found.where);
      else if (found.kind === 'unknown-package') reportUnknownPackage(reporter, set, target.path);
    }
  }
  checkIncludes(reporter, set, home, world);
  for (const include of world.includes) {
    const found = resolvePath(set, home, reporter.doc, include.path, 'worlds');
    if (found.kind === 'missing') reportMissing(reporter, set, home, include.path, 'worlds', found.where);
    else if (found.kind === 'unknown-package') reportUnknownPackage(reporter, set, include.path);
  }
  const imported = new Map(imports.filter((e) => e.target.kind === 'path').map((e) => [pathKey(reporter, set, home, e), e] as const));
  for (const extern of exports) {
    if (extern.target.kind !== 'path') continue;
    const other = imported.get(pathKey(reporter, set, home, extern));
    if (!other || other.target.kind !== 'path') continue;
    reporter.report(
      'wit-import-export-conflict',
      extern.target.path.span,
      `${what} exports \`${usePathText(extern.target.path)}\`, which it also imports: a guest of this world provides the interface and is given the host's too`,
      'that is how a component that wraps the interface (middleware, an adapter) is written; otherwise remove the import or the export',
      [reporter.at(reporter.doc, other.target.path.span, 'imported here')],
      [removeImportFix(reporter, other, usePathText(other.target.path))],
    );
  }
}

/** A path that names nothing of the kind wanted: a world where an interface is wanted (or back) is said so. */
function reportMissing(reporter: Reporter, set: PackageSet, home: PackageIndex, path: UsePath, wanted: 'interfaces' | 'worlds', where: string): void {
  const other = resolvePath(set, home, reporter.doc, path, wanted === 'interfaces' ? 'worlds' : 'interfaces');
  const [kind, otherKind] = wanted === 'interfaces' ? ['interface', 'world'] : ['world', 'interface'];
  if (other.kind === 'found') reporter.report('wit-unknown-interface', path.span, `\`${usePathText(path)}\` is a ${otherKind}, not an ${kind === 'interface' ? 'interface' : 'world'}`, wanted === 'interfaces' ? 'name an interface here; a world is included with `include`' : 'name a world here; an interface is imported or exported');
  else reporter.report('wit-unknown-interface', path.span, `${kind} \`${usePathText(path)}\` does not exist in ${where}`, `define the ${kind}, or fix the name`);
}

/**
 * A package that is not found is reported only when the folder has a `deps/` with packages in it: then that is
 * where wit-parser (and wit-bindgen's `path`) looks. Without one, the tools may fetch it from a registry.
 */
function reportUnknownPackage(reporter: Reporter, set: PackageSet, path: UsePath): void {
  if (path.kind !== 'foreign' || !set.hasDeps) return;
  const name = `${path.package.namespace.text}:${path.package.name.text}${path.package.version ? `@${path.package.version.text}` : ''}`;
  reporter.report('wit-unknown-interface', path.package.span, `package \`${name}\` is not in this folder's \`deps/\``, `add it under \`deps/\` (e.g. with wit-deps or \`wkg wit fetch\`), or fix the name`);
}

/** The interface an extern names, as one key (its definition's place when it resolves, else its text). */
function pathKey(reporter: Reporter, set: PackageSet, home: PackageIndex, extern: Extern): string {
  if (extern.target.kind !== 'path') return '';
  const found = resolvePath(set, home, reporter.doc, extern.target.path, 'interfaces');
  if (found.kind === 'found') return `${found.found.doc.file}#${found.found.item.span.start}`;
  return usePathText(extern.target.path);
}

