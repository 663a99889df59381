import type { Module } from '../crate/crateModel';
import type { Finding } from '../engine/types';
import { insertAttributeEdit } from '../fixes/addRepr';
import type { Rule } from './rule';
import { isForeignAbi } from '../boundary/sites';
import { isSuppressed } from './suppression';

export const MISSING_NO_MANGLE = 'missing-no-mangle';

export const missingNoMangle: Rule = {
  id: MISSING_NO_MANGLE,
  defaultSeverity: 'warning',
  summary: 'A public `extern "C"` function of a `cdylib` is neither `#[no_mangle]` nor `#[export_name]`, so `dlsym` cannot find it.',
  check(crate) {
    if (!crate.crateTypes.includes('cdylib')) return [];
    const findings: Finding[] = [];
    for (const module of crate.modules) {
      if (!isReachable(module)) continue;
      const lines = crate.files.get(module.file)?.lines;
      for (const item of module.syntax.items) {
        if (item.kind !== 'function' || !item.isPublic || !item.hasBody || !isForeignAbi(item.abi) || item.generics.length > 0) continue;
        if (item.attributes.some((a) => a.name === 'no_mangle' || a.name === 'export_name')) continue;
        // A function named anywhere else in the crate is probably a callback handed out by pointer: its
        // mangled name is then fine. Any mention counts, so correct code stays silent.
        if (mentionCount(crate.files.values(), item.name) > 1) continue;
        if (!lines || isSuppressed(crate, MISSING_NO_MANGLE, [], { items: [item], module, file: module.file })) continue;
        const attribute = crate.edition === '2024' ? '#[unsafe(no_mangle)]' : '#[no_mangle]';
        findings.push({
          rule: MISSING_NO_MANGLE,
          severity: 'warning',
          file: module.file,
          range: item.nameRange,
          message: `\`${item.name}\` is a public \`extern "${item.abi}"\` function of a cdylib but is exported under a mangled name: the host's \`dlsym("${item.name}")\` will not find it.`,
          help: `add \`${attribute}\` (or \`#[export_name = "…"]\`); if it is only a callback, make it private or pass it by pointer`,
          related: [],
          fixes: [{ title: `Add \`${attribute}\``, isPreferred: true, edits: [insertAttributeEdit(item, module.file, lines, attribute)] }],
        });
      }
    }
    return findings;
  },
};

/** Every module on the way from the crate root is `pub`. */
function isReachable(module: Module): boolean {
  for (let current: Module | undefined = module; current?.parent; current = current.parent) {
    const declaration = current.parent.syntax.items.find((item) => item.kind === 'mod' && item.name === current!.name);
    if (!declaration?.isPublic) return false;
  }
  return true;
}

function mentionCount(files: Iterable<{ text: string }>, name: string): number {
  const word = new RegExp(`\\b${name.replace(/[^\w]/g, '')}\\b`, 'g');
  let count = 0;
  for (const file of files) count += file.text.match(word)?.length ?? 0;
  return count;
}
