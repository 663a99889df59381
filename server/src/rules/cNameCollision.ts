import type { CrateModel } from '../crate/crateModel';
import { boundaryTypes, type BoundaryType } from '../boundary/boundaryTypes';
import type { Finding, Fix } from '../engine/types';
import type { Rule } from './rule';
import { itemOutput, moduleAt, moduleRefOf } from './itemOutputs';
import { isSuppressed } from './suppression';

export const C_NAME_COLLISION = 'c-name-collision';

/**
 * Two types of the workspace with the same name (`a::Config`, `b::Config`) both cross the C boundary: C has one
 * namespace of type names, so one header cannot declare both, and a generated header (cbindgen) writes one of
 * them and uses it for both. No rustc lint; reported on every such type after the first (in module order).
 */
export const cNameCollision: Rule = {
  id: C_NAME_COLLISION,
  defaultSeverity: 'warning',
  summary: 'Two boundary types of the same name from different modules: one C header cannot name both.',
  check(crate) {
    const byName = new Map<string, BoundaryType[]>();
    for (const found of keptBoundaryTypes(crate)) {
      if (found.item.generics.length > 0) continue; // cbindgen names instantiations (`Wrapper_u32`)
      const list = byName.get(found.item.name) ?? [];
      if (!list.some((t) => t.item === found.item)) list.push(found);
      byName.set(found.item.name, list);
    }
    const findings: Finding[] = [];
    for (const [name, types] of byName) {
      if (types.length < 2) continue;
      // The first in module order keeps its name; the others are reported.
      types.sort((x, y) => x.module.id - y.module.id || x.item.nameRange.start.line - y.item.nameRange.start.line);
      const [first, ...rest] = types;
      for (const type of rest) {
        if (type.module.crate !== crate) continue;
        if (isSuppressed(crate, C_NAME_COLLISION, [], { items: [type.item], module: type.module, file: type.module.file })) continue;
        const others = types.filter((t) => t !== type);
        const newName = renamedName(type);
        findings.push({
          rule: C_NAME_COLLISION,
          severity: cNameCollision.defaultSeverity,
          file: type.module.file,
          range: type.item.nameRange,
          message: `\`${pathOf(type)}\` and \`${pathOf(first)}\` both cross the C boundary as \`${name}\`: C has one namespace of type names, so one header cannot declare both, and a generated header (cbindgen) writes one \`${name}\` and uses it for both.`,
          help: `rename one of them, e.g. \`${pathOf(type)}\` to \`${newName}\` (cbindgen's \`[export.rename]\` is keyed by the Rust name, so it cannot tell the two apart)`,
          related: others.map((t) => ({ location: { file: t.module.file, range: t.item.nameRange }, message: `\`${pathOf(t)}\` also crosses the boundary as \`${name}\`` })),
          fixes: renameFix(crate, type, others, newName),
        });
      }
    }
    return findings;
  },
};

/** `boundaryTypes(crate)`, kept across models while the items are the same (a body edit changes none of them). */
function keptBoundaryTypes(crate: CrateModel): BoundaryType[] {
  const kept = itemOutput(crate, 'boundary-types', [], () => [...boundaryTypes(crate)].map(({ item, module }) => ({ item, module: moduleRefOf(crate, module) })));
  return kept.map(({ item, module }) => ({ item, module: moduleAt(crate, module) }));
}

function pathOf({ item, module }: BoundaryType): string {
  const path = module.path.slice(1);
  const crateName = module.crate.name.replace(/-/g, '_');
  return [...(path.length === 0 ? [crateName] : path), item.name].join('::');
}

/** `b::Config` → `BConfig`. */
function renamedName({ item, module }: BoundaryType): string {
  const owner = module.path.length > 1 ? module.path[module.path.length - 1] : module.crate.name;
  const camel = owner.split(/[_-]/).filter(Boolean).map((part) => part[0].toUpperCase() + part.slice(1)).join('');
  return `${camel}${item.name}`;
}

/**
 * Renames the type where that is one safe edit set: every whole-word use of the name is in the type's own
 * file (other files mention it only to define the other types of that name, never through the type's
 * module), that file defines no other item of that name, and no use is a path (`other::Config`).
 */
function renameFix(crate: CrateModel, type: BoundaryType, others: readonly BoundaryType[], newName: string): Fix[] {
  const file = crate.files.get(type.module.file);
  if (!file || crate.expansions?.has(type.module.file)) return [];
  const word = new RegExp(`\\b${type.item.name}\\b`, 'g');
  const otherFiles = new Set(others.map((o) => o.module.file));
  for (const [other, parsed] of crate.files) {
    if (other === file.path || !new RegExp(`\\b${type.item.name}\\b`).test(parsed.text)) continue;
    if (!otherFiles.has(other) || parsed.text.includes(`${type.module.name}::`)) return [];
  }
  const definitions = crate.modules.filter((m) => m.file === file.path).flatMap((m) => m.syntax.items).filter((i) => i.name === type.item.name && i.kind !== 'use');
  if (definitions.length !== 1) return [];
  const edits = [];
  for (const match of file.text.matchAll(word)) {
    const at = match.index;
    if (file.text.slice(Math.max(0, at - 2), at) === '::') return [];
    edits.push({ file: file.path, range: { start: file.lines.positionAt(at), end: file.lines.positionAt(at + type.item.name.length) }, newText: newName });
  }
  return [{ title: `Rename \`${pathOf(type)}\` to \`${newName}\``, isPreferred: true, edits }];
}
