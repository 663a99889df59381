// A component guest (`wit_bindgen::generate!`) that leaves part of its world unimplemented: a function the world
// exports with no method in `impl Guest for …`, an exported interface with no `impl exports::ns::pkg::iface::Guest
// for …`, or such an impl without one of the interface's functions. wit-bindgen's traits make each of these a build
// error (E0046, or `export!` failing its trait bound) that `cargo build --target wasm32-*` reports only after a full
// build; here it shows as you type. Resources (`Guest<Resource>` traits) and interfaces of other packages are not
// judged (their functions are not read here), so they stay silent.
import type { CrateModel, Module } from '../crate/crateModel';
import type { Finding, Range } from '../engine/types';
import type { ImplItem } from '../syntax/items';
import type { Func, Interface, World } from '../wit/ast';
import { isActive } from '../wit/elaborate';
import { guestSignals, loadGuestWorld } from '../wit/guest';
import type { Located } from '../wit/packages';
import type { Rule } from './rule';

export const WIT_MISSING_IMPLEMENTATION = 'wit-missing-implementation';

/** `get-name` → `get_name`, as wit-bindgen names functions and modules. */
function snake(name: string): string {
  return name.replace(/^%/, '').replace(/-/g, '_');
}

interface Required {
  /** What the message calls it: "the world `greeter`", "the interface `demo:greeter/greet`". */
  what: string;
  /** The trait path wit-bindgen generates, relative to the `generate!` call's module. */
  trait: string[];
  functions: string[];
}

export const witMissingImplementation: Rule = {
  id: WIT_MISSING_IMPLEMENTATION,
  defaultSeverity: 'error',
  summary: "A WebAssembly component guest does not implement a function or interface its WIT world exports (`wit_bindgen::generate!`'s `Guest` traits).",
  needsWholeCrate: true,
  check(crate) {
    const signals = guestSignals(crate);
    const generate = signals?.generate;
    if (!signals || !generate) return [];
    const world = loadGuestWorld(crate, signals);
    // A world that cannot be read is the Plugins view's and the `.wit` file's problem, not a guess here.
    if (!world?.located || world.errors.length > 0) return [];
    const parsed = crate.files.get(generate.file);
    if (!parsed) return [];
    const callRange: Range = { start: parsed.lines.positionAt(generate.offset), end: parsed.lines.positionAt(generate.offset + generate.length) };
    const impls = guestImpls(crate);
    const findings: Finding[] = [];
    for (const required of requiredTraits(world.located, world.set.local.name)) {
      const impl = impls.find((i) => sameTrait(i.path, required.trait));
      if (!impl) {
        findings.push({
          rule: WIT_MISSING_IMPLEMENTATION,
          severity: 'error',
          file: generate.file,
          range: callRange,
          message: `${required.what[0].toUpperCase()}${required.what.slice(1)}, exported, has no implementation: no \`impl ${required.trait.join('::')} for …\`${required.functions.length > 0 ? ` (${required.functions.map((f) => `\`${f}\``).join(', ')})` : ''}, so the component does not build (\`export!\` needs the trait).`,
          help: `add \`impl ${required.trait.join('::')} for <your type>\` with ${required.functions.length > 0 ? required.functions.map((f) => `\`fn ${f}\``).join(', ') : 'its functions'}, and name the type in \`export!\``,
          related: [],
          fixes: [],
        });
        continue;
      }
      // Members a macro writes (`impl Guest for C { methods!(); }`) are not all known here: not judged.
      if (impl.item.macroCalls?.length) continue;
      const have = new Set(impl.item.functions.map((f) => f.name.replace(/^r#/, '')));
      const missing = required.functions.filter((f) => !have.has(f));
      if (missing.length === 0) continue;
      findings.push({
        rule: WIT_MISSING_IMPLEMENTATION,
        severity: 'error',
        file: impl.module.file,
        range: impl.item.nameRange,
        message: `\`impl ${impl.item.trait ?? 'Guest'}\` lacks ${missing.map((f) => `\`${f}\``).join(', ')}, which ${required.what} exports: the component does not build (E0046).`,
        help: `implement ${missing.map((f) => `\`fn ${f}\``).join(', ')} with the signatures wit-bindgen generates for ${required.what}`,
        related: [{ location: { file: generate.file, range: callRange }, message: 'the world is generated here' }],
        fixes: [],
      });
    }
    return findings;
  },
};

/** What the world's exports require: world-level functions in `Guest`, each local interface in its `exports::…::Guest`. */
function requiredTraits(located: Located<World>, packageName: string | undefined): Required[] {
  const world = located.item;
  const out: Required[] = [];
  const worldFunctions = world.externs.filter((e) => e.direction === 'export' && isActive(e.gates) && e.target.kind === 'func').map((e) => snake((e.target as { name: { text: string } }).name.text));
  if (worldFunctions.length > 0) out.push({ what: `the world \`${world.name.text}\``, trait: ['Guest'], functions: worldFunctions });
  // `ns:pkg@1.0.0` → `exports::ns::pkg::<iface>::Guest`; an unnamed package's interfaces sit at `exports::<iface>`.
  const pkg = packageName?.replace(/@.*$/, '').split(':').map(snake) ?? [];
  for (const extern of world.externs) {
    if (extern.direction !== 'export' || !isActive(extern.gates)) continue;
    // Inline `export x: interface { … }`: where wit-bindgen puts its trait is not modelled here, so not judged.
    if (extern.target.kind === 'path' && extern.target.path.kind === 'local') {
      const name = extern.target.path.name.text;
      const iface = located.doc.ast.root.interfaces.find((i: Interface) => i.name.text === name);
      if (!iface) continue; // in another file of the package: its functions are not read here
      out.push({ what: `the interface \`${packageName ? `${packageName.replace(/@.*$/, '')}/` : ''}${name}\``, trait: ['exports', ...pkg, snake(name), 'Guest'], functions: functionsOf(iface.funcs) });
    }
  }
  return out;
}

function functionsOf(funcs: readonly Func[]): string[] {
  return funcs.filter((f) => isActive(f.gates)).map((f) => snake(f.name.text));
}

interface GuestImpl {
  item: ImplItem;
  module: Module;
  /** The trait's path with `use` aliases of its module resolved (`GreetGuest` → `exports::…::greet::Guest`). */
  path: string[];
}

function guestImpls(crate: CrateModel): GuestImpl[] {
  const out: GuestImpl[] = [];
  for (const module of crate.modules) {
    for (const item of module.syntax.items) {
      if (item.kind !== 'impl' || !item.trait) continue;
      const written = item.trait.replace(/<[\s\S]*$/, '').split('::').map((s) => s.trim()).filter((s) => s !== '' && s !== 'crate' && s !== 'self');
      const first = written[0];
      const alias = module.syntax.items.flatMap((i) => (i.kind === 'use' ? i.imports : [])).find((u) => u.boundName === first && !u.glob);
      const path = alias ? [...alias.path.filter((s) => s !== 'crate' && s !== 'self'), ...written.slice(1)] : written;
      out.push({ item, module, path });
    }
  }
  return out;
}

/** `Guest` is the world's own only when written so; an interface's matches by its module path's end. */
function sameTrait(path: readonly string[], required: readonly string[]): boolean {
  if (required.length === 1) return path.length === 1 && path[0] === required[0];
  return path.length >= 2 && path[path.length - 1] === 'Guest' && path[path.length - 2] === required[required.length - 2] && (path[0] === 'exports' || path.includes('exports'));
}
