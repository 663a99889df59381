// `wit-invalid-definition` and the name clashes outside items: definitions that parse and resolve but that
// wit-parser still rejects (each found by the differential test against jco): cycles (a type, an interface's
// `use`s, a world's `include`s), a handle of a type that is not a resource, empty variants, enums, flags and
// tuples, a zero list length, a constructor returning something other than a `result`, `self` as a method's
// parameter, a top-level `use` named like an item, and a nested package named like the file's own.
import type { Gate, InterfaceBody, Name, PackageBlock, TypeDef, TypeRef, World } from './ast';
import { packageText } from './ast';
import { gateProblems } from './gates';
import { homeOf, resolvePath, type PackageSet, type WitDocument } from './packages';
import type { Reporter } from './report';

export function checkDefinitions(reporter: Reporter, doc: WitDocument, set: PackageSet): void {
  const blocks: PackageBlock[] = [doc.ast.root, ...doc.ast.nested];
  for (const block of blocks) {
    for (const iface of block.interfaces) checkBody(reporter, iface);
    for (const world of block.worlds) checkBody(reporter, { uses: world.uses, types: world.types, funcs: [] });
    for (const world of block.worlds) for (const e of world.externs) if (e.target.kind === 'interface') checkBody(reporter, e.target.body);
  }
  cycles(reporter, doc, set);
  // A top-level `use` name shares the file's namespace with its interfaces and worlds.
  const names = new Map<string, Name>();
  for (const name of [...doc.ast.root.interfaces, ...doc.ast.root.worlds].map((i) => i.name)) names.set(name.text, name);
  for (const use of doc.ast.topUses) {
    const name = use.as ?? use.path.name;
    const first = names.get(name.text);
    if (first) reporter.report('wit-duplicate-name', name.span, `\`${name.text}\` is defined more than once in this file`, 'rename it with `as`', [reporter.at(doc, first.span, 'also defined here')]);
    else names.set(name.text, name);
  }
  for (const block of blocks) {
    const lists = gateListsOf(block);
    for (const gates of lists) for (const problem of gateProblems(gates)) reporter.report('wit-invalid-definition', problem.span, problem.message, 'see the gates of docs/wasm.md');
    const all = lists.flat().sort((x, y) => x.span.start - y.span.start);
    const name = block.nested ? block.name && packageText(block.name) : set.local.name;
    const versioned = all.find((g) => g.kind !== 'unstable');
    const version = name?.split('@')[1];
    const unreleased = version === undefined ? undefined : all.find((g) => g.kind !== 'unstable' && compareVersions(g.value, version) > 0);
    if (unreleased) reporter.report('wit-invalid-definition', unreleased.span, `\`@${unreleased.kind}\` names version ${unreleased.value}, after the package's version ${version}`, `name a version up to ${version}, or raise the package's version`);
    if (name !== undefined && !name.includes('@') && versioned) reporter.report('wit-invalid-definition', versioned.span, `\`@${versioned.kind}\` names a version of package \`${name}\`, which has none`, `give the package a version (\`package ${name}@1.0.0;\`), or remove the gate`);
  }
  const root = doc.ast.root.name;
  for (const block of doc.ast.nested) {
    if (root && block.name && packageText(block.name) === packageText(root)) {
      reporter.report('wit-duplicate-name', block.name.span, `package \`${packageText(root)}\` is defined twice: by this file's \`package\` declaration and by this block`, 'rename the nested package, or move its items to the top level');
    }
  }
}

/** The gates of each item of a package block, one list per item. */
function gateListsOf(block: PackageBlock): Gate[][] {
  const ofBody = (body: InterfaceBody): Gate[][] => [
    ...body.uses.map((u) => u.gates),
    ...body.funcs.map((f) => f.gates),
    ...body.types.flatMap((t) => [t.gates, ...(t.kind === 'resource' ? t.funcs.map((f) => f.gates) : [])]),
  ];
  return [
    ...block.interfaces.flatMap((i) => [i.gates, ...ofBody(i)]),
    ...block.worlds.flatMap((w) => [
      w.gates,
      ...ofBody({ uses: w.uses, types: w.types, funcs: [] }),
      ...w.includes.map((i) => i.gates),
      // An extern's gates are its function's too: one list.
      ...w.externs.flatMap((e) => [e.gates, ...(e.target.kind === 'interface' ? ofBody(e.target.body) : [])]),
    ]),
  ];
}

function checkBody(reporter: Reporter, body: InterfaceBody): void {
  const types = new Map(body.types.map((t) => [t.name.text, t] as const));
  for (const type of body.types) {
    if ((type.kind === 'variant' && type.cases.length === 0) || (type.kind === 'enum' && type.cases.length === 0) || (type.kind === 'flags' && type.flags.length === 0)) {
      reporter.report('wit-invalid-definition', type.name.span, `${type.kind} \`${type.name.text}\` is empty: it has no value`, 'add a case, or remove it');
    }
    if (type.kind === 'resource') {
      for (const func of type.funcs) {
        if (func.kind === 'constructor' && func.result && func.result.kind !== 'result') reporter.report('wit-invalid-definition', func.result.span, "a constructor returns its resource, or a `result` of it: declare no return type or `result<…>`", 'remove `-> …`, or return `result<_, error>`');
        const self = func.kind === 'method' ? func.params.find((p) => p.name.text === 'self') : undefined;
        if (self) reporter.report('wit-duplicate-name', self.name.span, `\`self\` is the implicit first parameter of method \`${func.name.text}\``, 'rename the parameter');
      }
    }
  }
  for (const type of typeRefsOf(body)) checkTypeRef(reporter, type, types);
}

/** Every type written in a body (in definitions and signatures), nested ones included. */
function typeRefsOf(body: InterfaceBody): TypeRef[] {
  const roots: TypeRef[] = [];
  const signature = (f: { params: { type: TypeRef }[]; result?: TypeRef }) => {
    roots.push(...f.params.map((p) => p.type));
    if (f.result) roots.push(f.result);
  };
  for (const type of body.types) {
    if (type.kind === 'alias') roots.push(type.target);
    else if (type.kind === 'record') roots.push(...type.fields.map((f) => f.type));
    else if (type.kind === 'variant') roots.push(...type.cases.flatMap((c) => (c.type ? [c.type] : [])));
    else if (type.kind === 'resource') type.funcs.forEach(signature);
  }
  body.funcs.forEach(signature);
  const all: TypeRef[] = [];
  while (roots.length > 0) {
    const type = roots.pop()!;
    all.push(type);
    roots.push(...children(type));
  }
  return all;
}

function children(type: TypeRef): TypeRef[] {
  switch (type.kind) {
    case 'list':
      return [type.element];
    case 'option':
      return [type.inner];
    case 'result':
      return [type.ok, type.err].filter((t): t is TypeRef => t !== undefined);
    case 'tuple':
      return type.items;
    case 'map':
      return [type.key, type.value];
    case 'future':
    case 'stream':
      return type.inner ? [type.inner] : [];
    default:
      return [];
  }
}

function checkTypeRef(reporter: Reporter, type: TypeRef, types: ReadonlyMap<string, TypeDef>): void {
  if (type.kind === 'tuple' && type.items.length === 0) reporter.report('wit-invalid-definition', type.span, 'an empty tuple has no value', 'give it a type, or remove it');
  if (type.kind === 'list' && type.size === 0) reporter.report('wit-invalid-definition', type.span, 'a fixed-size list has at least one element', 'give a length of 1 or more, or write `list<T>`');
  if (type.kind === 'handle') {
    // Follow local aliases (a `use`d name is not followed: its definition is in another interface).
    let target = types.get(type.resource.text);
    for (let hops = 0; target?.kind === 'alias' && target.target.kind === 'named' && hops < 100; hops++) target = types.get(target.target.name.text);
    if (target && target.kind !== 'resource') reporter.report('wit-invalid-definition', type.resource.span, `\`${type.resource.text}\` is a ${target.kind === 'alias' ? 'type alias' : target.kind}, not a resource: only resources have handles`, 'make it a `resource`, or pass the value itself');
  }
}

/**
 * Cycles: a type that contains itself (other than through a handle), an interface whose `use`s lead back to
 * it, a world whose `include`s do. Reported on the definition whose edge closes the cycle, in this file.
 */
function cycles(reporter: Reporter, doc: WitDocument, set: PackageSet): void {
  for (const block of [doc.ast.root, ...doc.ast.nested]) {
    for (const body of [...block.interfaces, ...block.worlds.map((w) => ({ name: w.name, types: w.types }))]) {
      const types = new Map(body.types.map((t) => [t.name.text, t] as const));
      reportCycles(reporter, body.types.map((t) => t.name), (name) => typeEdges(types.get(name.text)!).flatMap((n) => (types.has(n) ? [types.get(n)!.name] : [])), (name) => `type \`${name.text}\` depends on itself`);
    }
    const home = homeOf(set, block);
    const interfaces = new Map(block.interfaces.map((i) => [i.name, i] as const));
    const interfaceEdges = (name: Name): Name[] => {
      const iface = interfaces.get(name);
      if (!iface) return [];
      return iface.uses.flatMap((use) => {
        const found = resolvePath(set, home, doc, use.path, 'interfaces');
        return found.kind === 'found' && found.found.doc === doc ? [found.found.item.name] : [];
      });
    };
    reportCycles(reporter, block.interfaces.map((i) => i.name), interfaceEdges, (name) => `interface \`${name.text}\` depends on itself through its \`use\`s`);
    const worlds = new Map<Name, World>(block.worlds.map((w) => [w.name, w] as const));
    const worldEdges = (name: Name): Name[] => {
      const world = worlds.get(name);
      if (!world) return [];
      return world.includes.flatMap((include) => {
        const found = resolvePath(set, home, doc, include.path, 'worlds');
        return found.kind === 'found' && found.found.doc === doc ? [found.found.item.name] : [];
      });
    };
    reportCycles(reporter, block.worlds.map((w) => w.name), worldEdges, (name) => `world \`${name.text}\` includes itself`);
  }
}

/** The local type names a definition's values contain (handles and functions do not count). */
function typeEdges(type: TypeDef): string[] {
  const roots: TypeRef[] = type.kind === 'alias' ? [type.target] : type.kind === 'record' ? type.fields.map((f) => f.type) : type.kind === 'variant' ? type.cases.flatMap((c) => (c.type ? [c.type] : [])) : [];
  const names: string[] = [];
  while (roots.length > 0) {
    const t = roots.pop()!;
    if (t.kind === 'named') names.push(t.name.text);
    else roots.push(...children(t));
  }
  return names;
}

/** Iterative depth-first search; the node whose edge reaches a node on the stack is reported once. */
function reportCycles(reporter: Reporter, nodes: readonly Name[], edges: (node: Name) => Name[], message: (node: Name) => string): void {
  const state = new Map<Name, 'open' | 'done'>();
  const reported = new Set<Name>();
  for (const start of nodes) {
    if (state.has(start)) continue;
    const stack: { node: Name; next: Name[] }[] = [{ node: start, next: edges(start) }];
    state.set(start, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const target = top.next.shift();
      if (!target) {
        state.set(top.node, 'done');
        stack.pop();
        continue;
      }
      const seen = state.get(target);
      if (seen === 'open') {
        if (!reported.has(top.node)) reporter.report('wit-invalid-definition', top.node.span, message(top.node), 'break the cycle (a type can hold a handle of a resource, not itself)');
        reported.add(top.node);
      } else if (seen === undefined) {
        state.set(target, 'open');
        stack.push({ node: target, next: edges(target) });
      }
    }
  }
}

/** Semantic-version order: numbers, then a pre-release before its release, pre-release parts numeric before text. */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const [core, pre] = v.split('+')[0].split(/-(.*)/s);
    return { core: core.split('.').map(Number), pre: pre === undefined ? [] : pre.split('.') };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) if (x.core[i] !== y.core[i]) return x.core[i] - y.core[i];
  if (x.pre.length === 0 || y.pre.length === 0) return y.pre.length - x.pre.length;
  for (let i = 0; i < Math.min(x.pre.length, y.pre.length); i++) {
    const [p, q] = [x.pre[i], y.pre[i]];
    if (p === q) continue;
    const [pn, qn] = [/^\d+$/.test(p), /^\d+$/.test(q)];
    if (pn && qn) return Number(p) - Number(q);
    if (pn !== qn) return pn ? -1 : 1;
    return p < q ? -1 : 1;
  }
  return x.pre.length - y.pre.length;
}
