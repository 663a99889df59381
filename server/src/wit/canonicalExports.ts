// What a guest that writes its canonical-ABI exports by hand (no wit-bindgen) must export for its world, by core
// export name as wit-component reads them: a world function `run` as `run`, an interface function as
// `ns:pkg/iface@1.0.0#fn`, with `cabi_post_<name>` as the optional post-return of each. The world is the one of
// the crate's `wit/` folder (wit/guest.ts). Resource functions (`…#[method]r.m`) are not judged.
import type { CrateModel } from '../crate/crateModel';
import type { Func, PackageBlock } from './ast';
import { isActive } from './elaborate';
import { guestSignals, loadHandWrittenWorld, type GuestWorld } from './guest';
import { homeOf, resolvePath } from './packages';
import type { WitDocument } from './packages';

export interface CanonicalFunction {
  /** The core export name. */
  name: string;
  func: Func;
  doc: WitDocument;
}

export interface CanonicalInterface {
  /** `ns:pkg/iface@v`. */
  name: string;
  functions: CanonicalFunction[];
  /** Functions gated out (`@unstable`): not judged. */
  gatedOut: Set<string>;
}

export interface CanonicalWorld {
  world: GuestWorld;
  functions: CanonicalFunction[];
  gatedOut: Set<string>;
  interfaces: CanonicalInterface[];
}

/** The hand-written guest's world, when it reads cleanly; undefined for every other crate. Once per crate model. */
export function canonicalWorld(crate: CrateModel): CanonicalWorld | undefined {
  if (!byModel.has(crate)) byModel.set(crate, read(crate));
  return byModel.get(crate);
}

const byModel = new WeakMap<CrateModel, CanonicalWorld | undefined>();

function read(crate: CrateModel): CanonicalWorld | undefined {
  const signals = guestSignals(crate);
  const world = signals && loadHandWrittenWorld(crate, signals);
  if (!world?.located || world.errors.length > 0) return undefined;
  const { item, doc } = world.located;
  const set = world.set;
  const block = [doc.ast.root, ...doc.ast.nested].find((b: PackageBlock) => b.worlds.includes(item));
  const home = block ? homeOf(set, block) : set.local;
  const funcs = item.externs.filter((e) => e.direction === 'export' && e.target.kind === 'func');
  const out: CanonicalWorld = {
    world,
    functions: funcs.filter((e) => isActive(e.gates)).map((e) => {
      const func = (e.target as { func: Func }).func;
      return { name: func.name.text.replace(/^%/, ''), func, doc };
    }),
    gatedOut: new Set(funcs.filter((e) => !isActive(e.gates)).map((e) => (e.target as { func: Func }).func.name.text.replace(/^%/, ''))),
    interfaces: [],
  };
  for (const extern of item.externs) {
    if (extern.direction !== 'export' || !isActive(extern.gates) || extern.target.kind !== 'path') continue;
    const found = resolvePath(set, home, doc, extern.target.path, 'interfaces');
    if (found.kind !== 'found') continue;
    const iface = found.found.item;
    const ifaceBlock = [found.found.doc.ast.root, ...found.found.doc.ast.nested].find((b) => b.interfaces.includes(iface));
    const pkg = (ifaceBlock ? homeOf(set, ifaceBlock) : home).name;
    if (!pkg) continue; // an unnamed package has no export names to check against
    const at = pkg.indexOf('@');
    const name = at < 0 ? `${pkg}/${iface.name.text}` : `${pkg.slice(0, at)}/${iface.name.text}${pkg.slice(at)}`;
    out.interfaces.push({
      name,
      functions: iface.funcs.filter((f) => isActive(f.gates)).map((func) => ({ name: `${name}#${func.name.text.replace(/^%/, '')}`, func, doc: found.found.doc })),
      gatedOut: new Set(iface.funcs.filter((f) => !isActive(f.gates)).map((f) => f.name.text.replace(/^%/, ''))),
    });
  }
  return out;
}
