// What to call in a component and what to stub, from its WIT world: each exported function with invented
// arguments (witValues.ts), each imported function with its result shape. Reads the WIT package folder (its
// `.wit` files and `deps/`) with the server's WIT parser (server/src/wit, read-only here).
import * as path from 'node:path';
import { usePathText, type Func, type InterfaceBody, type TypeDef, type TypeRef, type Use, type World } from '../../../../server/src/wit/ast';
import { isActive } from '../../../../server/src/wit/elaborate';
import { depFiles, readWitText, witFilesIn } from '../../../../server/src/wit/packageFiles';
import { homeOf, packageSet, resolvePath, type PackageIndex, type PackageSet, type WitDocument } from '../../../../server/src/wit/packages';
import { parseWit } from '../../../../server/src/wit/parser';
import { inventValue, lowerCamel, opaquePart, valueText, type JsValue, type WitShape } from './witValues';

export class WitPlanError extends Error {}

export interface WasmProbe {
  /** The component-level name: `rpg:guest/text@0.1.0#greet`, or `version` for a world function. */
  name: string;
  /** The keys of the export's instance in jco's exports (full interface name first); empty for a world function. */
  instance: string[];
  /** jco's name of the function. */
  fn: string;
  /** `greet: func(name: string) -> string`. */
  declaration: string;
  args: JsValue[];
  argTexts: string[];
  result?: WitShape;
  /** Why it is not called (a resource handle among its parameters). */
  skipped?: string;
}

export interface WasmImport {
  /** `rpg:guest/host@0.1.0`, or `$root` for a function the world imports by itself. */
  interfaceName: string;
  /** The WIT name, `log`. */
  name: string;
  /** jco's name of the function. */
  js: string;
  declaration: string;
  /** `wit/plugin.wit:4`. */
  declaredAt: string;
  /** What the stub returns (an `ok` payload for a `result`); undefined for a function without a result. */
  returns?: JsValue;
  returnsText?: string;
  params: WitShape[];
}

export interface WasmPlan {
  world: string;
  /** One file's text, or the package folder (preopened read-only by the child for wasm-tools). */
  wit: { source: string } | { folder: string };
  probes: WasmProbe[];
  imports: WasmImport[];
  notes: string[];
}

type Scope = Map<string, { def: TypeDef; scope: () => Scope } | undefined>;

/** `witPath`: a `.wit` file or a folder of them; `world`: its name, needed when the package has several. */
export function planFromWit(witPath: string, world: string | undefined, base: string): WasmPlan {
  const isFile = witPath.endsWith('.wit');
  const folder = isFile ? path.dirname(witPath) : witPath;
  const files = witFilesIn(folder);
  if (files.length === 0) throw new WitPlanError(`${witPath}: no .wit files; pass the guest's WIT folder with --wit`);
  const read = (file: string): WitDocument[] => {
    const text = readWitText(file);
    return text === undefined ? [] : [{ file, text, ast: parseWit(text) }];
  };
  const own = files.flatMap(read);
  const deps = depFiles(folder).flatMap(read);
  const single = own.length === 1 && deps.length === 0 && own[0].ast.nested.length === 0;
  return planFromDocs(own, deps, world, witPath, base, single ? { source: own[0].text } : { folder });
}

/** From one WIT text (a component's own, `componentWit`), named `label` in messages. */
export function planFromText(text: string, world: string | undefined, label: string): WasmPlan {
  return planFromDocs([{ file: label, text, ast: parseWit(text) }], [], world, label, '', { source: text });
}

function planFromDocs(own: WitDocument[], deps: WitDocument[], world: string | undefined, witPath: string, base: string, wit: WasmPlan['wit']): WasmPlan {
  const folder = 'folder' in wit ? wit.folder : path.dirname(witPath);
  const errors = own.flatMap((d) => d.ast.errors.map((e) => `${path.relative(base, d.file) || d.file}:${lineOf(d.text, e.span.start)}: ${e.message}`));
  if (errors.length > 0) throw new WitPlanError(`the WIT does not parse: ${errors.slice(0, 3).join('; ')}`);
  const set = packageSet(own, deps);
  const worlds = [...set.local.worlds.values()].flat();
  const chosen = world ? worlds.find((w) => w.item.name.text === world) : worlds.length === 1 ? worlds[0] : undefined;
  if (!chosen) {
    const names = worlds.map((w) => w.item.name.text).join(', ') || 'none';
    throw new WitPlanError(world ? `${witPath}: no world \`${world}\` (worlds: ${names})` : `${witPath}: ${worlds.length} worlds (${names}); name one with --world`);
  }
  const plan: WasmPlan = { world: chosen.item.name.text, wit, probes: [], imports: [], notes: [] };
  const home = homeOfWorld(set, chosen.doc, chosen.item);
  const worldScope = scopeOf(set, home, chosen.doc, chosen.item.types, chosen.item.uses, 0);
  const at = (doc: WitDocument, offset: number) => `${path.relative(base, doc.file) || doc.file}:${lineOf(doc.text, offset)}`;
  for (const extern of chosen.item.externs) {
    if (!isActive(extern.gates)) continue;
    const target = extern.target;
    const members: { iface: string; instance: string[]; doc: WitDocument; body: Pick<InterfaceBody, 'funcs'>; scope: Scope }[] = [];
    if (target.kind === 'func') {
      members.push({ iface: '$root', instance: [], doc: chosen.doc, body: { funcs: [target.func] }, scope: worldScope });
    } else if (target.kind === 'interface') {
      const scope = scopeOf(set, home, chosen.doc, target.body.types, target.body.uses, 0, worldScope);
      members.push({ iface: target.name.text, instance: [lowerCamel(target.name.text), target.name.text], doc: chosen.doc, body: target.body, scope });
    } else {
      const found = resolvePath(set, home, chosen.doc, target.path, 'interfaces');
      if (found.kind !== 'found') {
        const read = 'folder' in wit || base !== '' ? path.relative(base, folder) || folder : witPath;
        plan.notes.push(`${extern.direction} \`${usePathText(target.path)}\` is not defined in ${read}: its functions are not ${extern.direction === 'export' ? 'probed' : 'stubbed by name'}${base === '' ? ' (a component names the interfaces of other packages without their definitions; pass its WIT with --wit)' : ''}`);
        continue;
      }
      const iface = found.found.item;
      const ifaceHome = homeOfIface(set, found.found.doc, iface);
      const full = ifaceHome.name ? `${ifaceHome.name.replace(/@.*$/, '')}/${iface.name.text}${ifaceHome.name.includes('@') ? ifaceHome.name.slice(ifaceHome.name.indexOf('@')) : ''}` : iface.name.text;
      const scope = scopeOf(set, ifaceHome, found.found.doc, iface.types, iface.uses, 0);
      members.push({ iface: full, instance: [full, lowerCamel(iface.name.text)], doc: found.found.doc, body: iface, scope });
    }
    for (const member of members) {
      for (const func of member.body.funcs) {
        if (!isActive(func.gates)) continue;
        const declaration = member.doc.text.slice(func.span.start, func.span.end).replace(/\s+/g, ' ');
        const params = func.params.map((p) => shapeOf(p.type, member.scope, 0));
        const result = func.result && shapeOf(func.result, member.scope, 0);
        if (extern.direction === 'export') plan.probes.push(probeOf(member.iface, member.instance, func, declaration, params, result));
        else {
          const returns = result && (result.k === 'result' ? result.ok && inventValue(result.ok) : inventValue(result));
          plan.imports.push({ interfaceName: member.iface, name: func.name.text, js: lowerCamel(func.name.text), declaration, declaredAt: at(member.doc, func.span.start), returns, returnsText: result ? valueText(result.k === 'result' ? { tag: 'ok', val: returns } : returns, result) : undefined, params });
        }
      }
    }
  }
  return plan;
}

function probeOf(iface: string, instance: string[], func: Func, declaration: string, params: WitShape[], result: WitShape | undefined): WasmProbe {
  const name = iface === '$root' ? func.name.text : `${iface}#${func.name.text}`;
  const probe: WasmProbe = { name, instance, fn: lowerCamel(func.name.text), declaration, args: [], argTexts: [], result };
  const opaque = params.map(opaquePart).find((p) => p !== undefined);
  if (opaque) {
    probe.skipped = `its parameters include \`${opaque}\`, for which the loader cannot invent a value`;
    return probe;
  }
  probe.args = params.map(inventValue);
  probe.argTexts = probe.args.map((a, i) => valueText(a, params[i]));
  return probe;
}

const INTS: Record<string, { bits: 8 | 16 | 32 | 64; signed: boolean }> = {
  u8: { bits: 8, signed: false }, u16: { bits: 16, signed: false }, u32: { bits: 32, signed: false }, u64: { bits: 64, signed: false },
  s8: { bits: 8, signed: true }, s16: { bits: 16, signed: true }, s32: { bits: 32, signed: true }, s64: { bits: 64, signed: true },
};

/** The shape of a type (named types resolved through the scope); depth-bounded, WIT types do not recurse. */
function shapeOf(type: TypeRef, scope: Scope, depth: number): WitShape {
  if (depth > 32) return { k: 'opaque', name: 'a type nested too deep' };
  const inner = (t: TypeRef) => shapeOf(t, scope, depth + 1);
  switch (type.kind) {
    case 'builtin':
      if (INTS[type.name]) return { k: 'int', ...INTS[type.name] };
      if (type.name === 'bool' || type.name === 'char' || type.name === 'string' || type.name === 'f32' || type.name === 'f64') return { k: type.name };
      return { k: 'opaque', name: type.name };
    case 'list':
      return { k: 'list', of: inner(type.element) };
    case 'option':
      return { k: 'option', of: inner(type.inner) };
    case 'result':
      return { k: 'result', ok: type.ok && inner(type.ok), err: type.err && inner(type.err) };
    case 'tuple':
      return { k: 'tuple', items: type.items.map(inner) };
    case 'handle':
      return { k: 'opaque', name: `${type.own ? 'own' : 'borrow'}<${type.resource.text}>` };
    case 'future':
    case 'stream':
      return { k: 'opaque', name: type.kind };
    case 'map':
      return { k: 'opaque', name: 'map' };
    case 'named': {
      const entry = scope.get(type.name.text);
      if (!entry) return { k: 'opaque', name: type.name.text };
      const { def } = entry;
      const defScope = entry.scope();
      const sub = (t: TypeRef) => shapeOf(t, defScope, depth + 1);
      switch (def.kind) {
        case 'record':
          return { k: 'record', name: def.name.text, fields: def.fields.map((f) => ({ name: f.name.text, type: sub(f.type) })) };
        case 'variant':
          return { k: 'variant', name: def.name.text, cases: def.cases.map((c) => ({ name: c.name.text, type: c.type && sub(c.type) })) };
        case 'enum':
          return { k: 'enum', name: def.name.text, cases: def.cases.map((c) => c.text) };
        case 'flags':
          return { k: 'flags', name: def.name.text, flags: def.flags.map((f) => f.text) };
        case 'resource':
          return { k: 'opaque', name: def.name.text };
        case 'alias':
          return sub(def.target);
      }
    }
  }
}

/** The type names a body sees: its own definitions and what its `use`s bring from interfaces that were read. */
function scopeOf(set: PackageSet, home: PackageIndex, doc: WitDocument, types: readonly TypeDef[], uses: readonly Use[], depth: number, outer?: Scope): Scope {
  const scope: Scope = new Map(outer);
  for (const use of uses) {
    const found = depth < 8 ? resolvePath(set, home, doc, use.path, 'interfaces') : undefined;
    const iface = found?.kind === 'found' ? found.found : undefined;
    let inner: Scope | undefined;
    const innerScope = () => (inner ??= iface ? scopeOf(set, homeOfIface(set, iface.doc, iface.item), iface.doc, iface.item.types, iface.item.uses, depth + 1) : new Map());
    for (const { name, as } of use.names) {
      const def = iface?.item.types.find((t) => t.name.text === name.text);
      scope.set((as ?? name).text, def ? { def, scope: innerScope } : undefined);
    }
  }
  for (const def of types) scope.set(def.name.text, { def, scope: () => scope });
  return scope;
}

function homeOfWorld(set: PackageSet, doc: WitDocument, world: World): PackageIndex {
  const block = [doc.ast.root, ...doc.ast.nested].find((b) => b.worlds.includes(world));
  return block ? homeOf(set, block) : set.local;
}

function homeOfIface(set: PackageSet, doc: WitDocument, iface: InterfaceBody): PackageIndex {
  const block = [doc.ast.root, ...doc.ast.nested].find((b) => b.interfaces.some((i) => i === iface));
  return block ? homeOf(set, block) : set.local;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
