// `include` merges another world's items by name: a type, `use`d name, function or inline interface it brings
// may not clash with one the world already has (wit-parser: "import of `x` shadows previously imported items").
// Interfaces imported or exported by path merge instead, and `with { a as b }` renames before the comparison.
import type { PackageBlock, World } from './ast';
import { homeOf, resolvePath, type Located, type PackageIndex, type PackageSet } from './packages';
import type { Reporter } from './report';

interface Names {
  imports: Set<string>;
  exports: Set<string>;
}

const MAX_DEPTH = 16;

/** The names of a world's own items and of what its includes bring (recursively), interfaces by path left out. */
function namesOf(set: PackageSet, found: Located<World>, depth: number): Names {
  const world = found.item;
  const names: Names = {
    imports: new Set([...world.types.map((t) => t.name.text), ...world.uses.flatMap((u) => u.names.map((n) => (n.as ?? n.name).text))]),
    exports: new Set(),
  };
  for (const e of world.externs) if (e.target.kind !== 'path') (e.direction === 'import' ? names.imports : names.exports).add(e.target.name.text);
  if (depth >= MAX_DEPTH) return names;
  const home = homeOfWorld(set, found);
  for (const include of world.includes) {
    const inner = resolvePath(set, home, found.doc, include.path, 'worlds');
    if (inner.kind !== 'found' || inner.found.item === world) continue;
    const brought = renamed(namesOf(set, inner.found, depth + 1), include.with);
    for (const n of brought.imports) names.imports.add(n);
    for (const n of brought.exports) names.exports.add(n);
  }
  return names;
}

function renamed(names: Names, renames: readonly { from: { text: string }; to: { text: string } }[]): Names {
  const map = new Map(renames.map((r) => [r.from.text, r.to.text]));
  const apply = (s: Set<string>) => new Set([...s].map((n) => map.get(n) ?? n));
  return { imports: apply(names.imports), exports: apply(names.exports) };
}

function homeOfWorld(set: PackageSet, found: Located<World>): PackageIndex {
  for (const block of [found.doc.ast.root, ...found.doc.ast.nested] as PackageBlock[]) if (block.worlds.includes(found.item)) return homeOf(set, block);
  return set.local;
}

export function checkIncludes(reporter: Reporter, set: PackageSet, home: PackageIndex, world: World): void {
  if (world.includes.length === 0) return;
  const seen = namesOf(set, { item: { ...world, includes: [] }, doc: reporter.doc }, MAX_DEPTH);
  for (const include of world.includes) {
    const found = resolvePath(set, home, reporter.doc, include.path, 'worlds');
    if (found.kind !== 'found' || found.found.item === world) continue;
    const brought = renamed(namesOf(set, found.found, 1), include.with);
    for (const [kind, mine, theirs] of [['import', seen.imports, brought.imports], ['export', seen.exports, brought.exports]] as const) {
      for (const name of theirs) {
        if (mine.has(name)) reporter.report('wit-duplicate-name', include.path.span, `\`include ${include.path.name.text}\` brings the ${kind} \`${name}\`, which world \`${world.name.text}\` already has`, `rename it: \`include ${include.path.name.text} with { ${name} as other-name }\``);
        mine.add(name);
      }
    }
  }
}
