// The packages a `.wit` file sees: its own (every `.wit` file of its folder, as wit-parser reads a folder), the
// nested `package ns:name { … }` blocks of those files, and the packages under the folder's `deps/`.
import type { Interface, PackageBlock, PackageName, UsePath, WitFile, World } from './ast';
import { packageText } from './ast';

/** One parsed `.wit` file. */
export interface WitDocument {
  file: string;
  text: string;
  ast: WitFile;
}

export interface Located<T> {
  item: T;
  doc: WitDocument;
}

export interface PackageIndex {
  /** `ns:name@version` (the local package: its declared name, or undefined when no file declares one). */
  name?: string;
  interfaces: Map<string, Located<Interface>[]>;
  worlds: Map<string, Located<World>[]>;
}

export interface PackageSet {
  local: PackageIndex;
  /** By `ns:name`: every version found. */
  foreign: Map<string, PackageIndex[]>;
  /** The package each block belongs to (a dependency file without a `package` line: its folder's). */
  homes: Map<PackageBlock, PackageIndex>;
  /** Whether the package has a `deps/` folder with packages in it (then a package not found is an error). */
  hasDeps: boolean;
}

function emptyIndex(name?: string): PackageIndex {
  return { name, interfaces: new Map(), worlds: new Map() };
}

function addBlock(index: PackageIndex, block: PackageBlock, doc: WitDocument, homes: Map<PackageBlock, PackageIndex>): void {
  homes.set(block, index);
  for (const item of block.interfaces) (index.interfaces.get(item.name.text) ?? index.interfaces.set(item.name.text, []).get(item.name.text)!).push({ item, doc });
  for (const item of block.worlds) (index.worlds.get(item.name.text) ?? index.worlds.set(item.name.text, []).get(item.name.text)!).push({ item, doc });
}

/** `own` (the edited file and its siblings) form the local package; `deps` are other packages' files. */
export function packageSet(own: readonly WitDocument[], deps: readonly WitDocument[]): PackageSet {
  const declared = own.map((d) => d.ast.root.name).find((n) => n !== undefined);
  const local = emptyIndex(declared ? packageText(declared) : undefined);
  const foreign = new Map<string, PackageIndex[]>();
  const homes = new Map<PackageBlock, PackageIndex>();
  const foreignIndex = (name: PackageName): PackageIndex => {
    const key = `${name.namespace.text}:${name.name.text}`;
    const versions = foreign.get(key) ?? foreign.set(key, []).get(key)!;
    const text = packageText(name);
    let index = versions.find((v) => v.name === text);
    if (!index) versions.push((index = emptyIndex(text)));
    return index;
  };
  for (const doc of own) {
    addBlock(local, doc.ast.root, doc, homes);
    for (const block of doc.ast.nested) addBlock(foreignIndex(block.name!), block, doc, homes);
  }
  // A dependency is a folder (or one file): its files share the `package` line one of them has.
  const folders = new Map<string, WitDocument[]>();
  for (const doc of deps) {
    const folder = doc.file.slice(0, Math.max(doc.file.lastIndexOf('/'), doc.file.lastIndexOf('\\')));
    (folders.get(folder) ?? folders.set(folder, []).get(folder)!).push(doc);
  }
  for (const docs of folders.values()) {
    const name = docs.map((d) => d.ast.root.name).find((n) => n !== undefined);
    for (const doc of docs) {
      const home = doc.ast.root.name ?? name;
      if (home) addBlock(foreignIndex(home), doc.ast.root, doc, homes);
      for (const block of doc.ast.nested) addBlock(foreignIndex(block.name!), block, doc, homes);
    }
  }
  return { local, foreign, homes, hasDeps: deps.length > 0 };
}

export type Resolved<T> = { kind: 'found'; found: Located<T> } | { kind: 'missing'; where: string } | { kind: 'unknown-package' };

/**
 * What a path names, seen from `doc` inside `home` (the package of the block the path is written in). A foreign
 * package that is not in the set is `unknown-package`: it may come from a registry the tools fetch elsewhere.
 */
export function resolvePath<T extends 'interfaces' | 'worlds'>(set: PackageSet, home: PackageIndex, doc: WitDocument, path: UsePath, what: T): Resolved<T extends 'interfaces' ? Interface : World> {
  type Item = T extends 'interfaces' ? Interface : World;
  if (path.kind === 'local') {
    // `use … as name;` of the block the path is written in (the file's own for the local package).
    const aliases = home === set.local ? doc.ast.topUses : doc.ast.nested.filter((b) => homeOf(set, b) === home).flatMap((b) => b.uses);
    const alias = aliases.find((u) => (u.as ?? u.path.name).text === path.name.text);
    if (alias && alias.path.kind === 'foreign') return resolvePath(set, home, doc, alias.path, what);
    const found = (home[what] as Map<string, Located<Item>[]>).get(path.name.text)?.[0];
    return found ? { kind: 'found', found } : { kind: 'missing', where: home.name ? `package \`${home.name}\`` : 'this package' };
  }
  const versions = set.foreign.get(`${path.package.namespace.text}:${path.package.name.text}`);
  const wanted = path.package.version?.text;
  const index = versions?.find((v) => wanted === undefined || v.name?.endsWith(`@${wanted}`));
  if (!index) {
    // The local package named by its full name.
    const selfName = set.local.name;
    if (selfName && selfName === `${path.package.namespace.text}:${path.package.name.text}${wanted ? `@${wanted}` : ''}`) {
      const found = (set.local[what] as Map<string, Located<Item>[]>).get(path.name.text)?.[0];
      return found ? { kind: 'found', found } : { kind: 'missing', where: `package \`${selfName}\`` };
    }
    return { kind: 'unknown-package' };
  }
  const found = (index[what] as Map<string, Located<Item>[]>).get(path.name.text)?.[0];
  return found ? { kind: 'found', found } : { kind: 'missing', where: `package \`${index.name}\`` };
}

/** The package index of a block (the local package for the edited file's root block and its siblings'). */
export function homeOf(set: PackageSet, block: PackageBlock): PackageIndex {
  return set.homes.get(block) ?? set.local;
}
