import * as path from 'node:path';
import type { AdtItem, ModItem, ModuleSyntax, TypeAliasItem, UseImport } from '../syntax/items';
import type { DeclaredInterface } from '../interface/model';
import type { ParsedFile, FileStore } from './fileStore';
import { defaultFeatures, type Edition, type Manifest } from './manifest';
import type { CfgContext } from './cfg';
import { cfgModuleSyntax } from './cfgFilter';
import { panicAbortProfiles } from './profile';
import { hostTargetCfg, type TargetCfg } from './targetCfg';
import { expandCrateMacros, type ExpansionMap } from '../macros/crateExpansion';

/** A module of the crate: a file, or an inline `mod x { ... }` inside one. */
export interface Module {
  /** Unique across every crate model built in this process, so keys built from it never collide between crates. */
  id: number;
  /** The crate the module belongs to (a dependency's module resolves names in its own crate). */
  crate: CrateModel;
  name: string;
  /** `["crate", "a", "b"]` */
  path: string[];
  file: string;
  syntax: ModuleSyntax;
  parent: Module | undefined;
  children: Map<string, Module>;
  /** rustc lints allowed here: on the `mod` item, in its inner attributes, and on every ancestor. */
  allowedLints: Set<string>;
  /** Rule ids silenced on the `mod` item and its ancestors. */
  suppressed: Set<string>;
  /** Where the files of `mod x;` declared in this module live. */
  childDir: string;
  namespace?: Namespace;
}

export type Definition =
  | { kind: 'adt'; item: AdtItem; module: Module }
  | { kind: 'alias'; item: TypeAliasItem; module: Module }
  | { kind: 'module'; module: Module }
  | { kind: 'other'; module: Module };

export interface Namespace {
  definitions: Map<string, Definition>;
  imports: Map<string, UseImport>;
  globs: UseImport[];
}

export interface CrateInfo {
  name: string;
  edition: Edition;
  crateTypes: string[];
  manifest: Manifest | undefined;
  rootFile: string;
  /** The root manifest of the workspace the package is a member of, when that is another manifest (cargo reads `[profile.*]` there). */
  workspaceRoot?: Manifest;
  /** For a dependency: the features its dependent turns on (`features = [..]`, `default-features`). */
  requestedFeatures?: { features: string[]; defaultFeatures: boolean };
}

export interface CrateModel extends CrateInfo {
  root: Module;
  modules: Module[];
  files: Map<string, ParsedFile>;
  /** `mod x;` declarations whose file was not found (reported by no rule yet; kept for diagnostics). */
  missingModules: { module: Module; item: ModItem }[];
  /** Local crates this one can name (`use shared::Config`), by extern crate name; filled by `attachDependencies`. */
  dependencies: Map<string, CrateModel>;
  /** What hosts declare this plugin must export (C headers, …); filled by the engine for library targets. */
  interfaces?: DeclaredInterface[];
  /** The build the model is of: items whose `#[cfg]` is false there are not in `modules`. */
  cfg: CfgContext;
  /** Files whose `files` entry has `macro_rules!` expansions after the real text (see `macros/`). */
  expansions?: ExpansionMap;
  /** The committed `plugin-abi.json` beside the library's Cargo.toml, when there is one (see `abi/`). */
  abiLock?: { file: string; text: string };
}

let nextModuleId = 0;

const MOD_RS_NAMES = new Set(['mod.rs', 'lib.rs', 'main.rs']);

/**
 * Reads the module tree from the crate root, loading `mod x;` files through the store, for one build: the
 * `target` (default: the host) with the manifest's default features (and those a dependent turns on). A
 * `#[cfg]`-off `mod x;` is not loaded.
 */
export async function buildCrateModel(store: FileStore, info: CrateInfo, target: TargetCfg = hostTargetCfg(), selection?: FeatureSelection): Promise<CrateModel | undefined> {
  const rootFile = await store.get(info.rootFile);
  if (!rootFile) return undefined;
  const files = new Map<string, ParsedFile>([[rootFile.path, rootFile]]);
  const modules: Module[] = [];
  const missingModules: CrateModel['missingModules'] = [];
  // Modules point at their crate and the crate at its root module: the root is set once it exists.
  const cfg = cfgContextOf(info, target, selection);
  const crate = { ...info, modules, files, missingModules, dependencies: new Map(), cfg } as Omit<CrateModel, 'root'> as CrateModel;

  const makeModule = (name: string, file: ParsedFile, syntax: ModuleSyntax, parent: Module | undefined, childDir: string, item: ModItem | undefined): Module => {
    const allowedLints = new Set([...(parent?.allowedLints ?? []), ...(item?.allowedLints ?? []), ...lintsOf(syntax)]);
    const suppressed = new Set([...(parent?.suppressed ?? []), ...(item?.suppressed ?? [])]);
    const module: Module = {
      id: nextModuleId++,
      crate,
      name,
      path: parent ? [...parent.path, name] : ['crate'],
      file: file.path,
      syntax,
      parent,
      children: new Map(),
      allowedLints,
      suppressed,
      childDir,
    };
    modules.push(module);
    parent?.children.set(name, module);
    return module;
  };

  const root = makeModule('crate', rootFile, cfgModuleSyntax(rootFile.syntax.module, cfg), undefined, path.dirname(rootFile.path), undefined);
  crate.root = root;
  const queue: { module: Module; isInline: boolean }[] = [{ module: root, isInline: false }];
  while (queue.length > 0) {
    const { module, isInline } = queue.shift()!;
    const file = files.get(module.file)!;
    for (const item of module.syntax.items) {
      if (item.kind !== 'mod' || !item.name) continue;
      if (item.body) {
        const childDir = path.join(module.childDir, item.pathAttribute ?? item.name);
        queue.push({ module: makeModule(item.name, file, item.body, module, childDir, item), isInline: true });
        continue;
      }
      const baseDir = item.pathAttribute && !isInline ? path.dirname(module.file) : module.childDir;
      const candidates = item.pathAttribute
        ? [path.resolve(baseDir, item.pathAttribute)]
        : [path.join(baseDir, `${item.name}.rs`), path.join(baseDir, item.name, 'mod.rs')];
      const childPath = candidates.find((candidate) => store.exists(candidate));
      const childFile = childPath && !files.has(path.resolve(childPath)) ? await store.get(childPath) : undefined;
      if (!childFile) {
        missingModules.push({ module, item });
        continue;
      }
      files.set(childFile.path, childFile);
      const isModRs = MOD_RS_NAMES.has(path.basename(childFile.path)) || item.pathAttribute !== undefined;
      const childDir = isModRs ? path.dirname(childFile.path) : path.join(path.dirname(childFile.path), item.name);
      queue.push({ module: makeModule(item.name, childFile, cfgModuleSyntax(childFile.syntax.module, cfg), module, childDir, item), isInline: false });
    }
  }
  expandCrateMacros(crate, (parent, item) => makeModule(item.name, files.get(parent.file)!, item.body!, parent, path.join(parent.childDir, item.name), item));
  return crate;
}

/** `--features a,b` / `--all-features` (`rustPluginGuard.features`): what the checked crates are built with, besides their defaults. */
export interface FeatureSelection {
  features: readonly string[];
  all: boolean;
}

/** The build's cfg: the target, the default features (unknown without a manifest) and the dev profile's panic strategy. */
function cfgContextOf(info: CrateInfo, target: TargetCfg, selection: FeatureSelection | undefined): CfgContext {
  // A dependency is built with what its dependent asks for; the checked crate with the user's selection.
  const requested = info.requestedFeatures ?? (selection ? { features: selection.all && info.manifest ? [...info.manifest.features.keys(), ...selection.features] : [...selection.features], defaultFeatures: true } : undefined);
  const features = info.manifest ? requestedFeatureSet(info.manifest, requested) : undefined;
  const otherFeaturesUnknown = !info.requestedFeatures && selection?.all === true;
  const os = target.values.get('target_os');
  const panic = panicAbortProfiles(info).includes('dev') ? 'abort' : os && !os.has('none') && !os.has('unknown') ? 'unwind' : undefined;
  return { target, features, panic, ...(otherFeaturesUnknown ? { otherFeaturesUnknown } : {}) };
}

/** Default features unless turned off, plus the requested ones and what they enable. */
function requestedFeatureSet(manifest: Manifest, requested: CrateInfo['requestedFeatures']): Set<string> {
  const roots = [...(requested?.defaultFeatures === false ? [] : ['default']), ...(requested?.features ?? [])];
  return defaultFeatures({ features: manifest.features }, roots);
}

function lintsOf(syntax: ModuleSyntax): string[] {
  return syntax.innerAttributes
    .filter((a) => (a.name === 'allow' || a.name === 'expect') && a.args !== undefined)
    .flatMap((a) => (a.args ?? '').split(',').map((lint) => lint.trim()));
}

export function namespaceOf(module: Module): Namespace {
  if (module.namespace) return module.namespace;
  const namespace: Namespace = { definitions: new Map(), imports: new Map(), globs: [] };
  for (const item of module.syntax.items) {
    switch (item.kind) {
      case 'struct':
      case 'enum':
      case 'union':
        namespace.definitions.set(item.name, { kind: 'adt', item, module });
        break;
      case 'typeAlias':
        namespace.definitions.set(item.name, { kind: 'alias', item, module });
        break;
      case 'trait':
        namespace.definitions.set(item.name, { kind: 'other', module });
        break;
      case 'use':
        for (const imported of item.imports) {
          if (imported.glob) namespace.globs.push(imported);
          else if (imported.boundName) namespace.imports.set(imported.boundName, imported);
        }
        break;
      default:
        break;
    }
  }
  for (const [name, child] of module.children) namespace.definitions.set(name, { kind: 'module', module: child });
  module.namespace = namespace;
  return namespace;
}
