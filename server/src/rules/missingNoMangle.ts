import { exportedSymbol } from '../boundary/exportedSymbols';
import type { Module } from '../crate/crateModel';
import type { FunctionItem } from '../syntax/items';
import type { Finding } from '../engine/types';
import { insertAttributeEdit } from '../fixes/addRepr';
import { writtenTexts } from '../macros/crateExpansion';
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
    const candidates = crate.modules.filter(isReachable).flatMap((module) =>
      module.syntax.items
        .filter((item): item is FunctionItem => item.kind === 'function' && item.isPublic && item.hasBody && isForeignAbi(item.abi) && item.generics.length === 0 && !exportedSymbol(item))
        .map((item) => ({ item, module })),
    );
    if (candidates.length === 0) return [];
    // A function named anywhere else in the crate is probably a callback handed out by pointer: its mangled
    // name is then fine. Any mention counts, so correct code stays silent.
    // Only the written text counts: every word of a macro expansion is written at its call or in its definition.
    const mentions = countMentions(writtenTexts(crate), new Set(candidates.map((c) => c.item.name)));
    const findings: Finding[] = [];
    for (const { item, module } of candidates) {
      const lines = crate.files.get(module.file)?.lines;
      if ((mentions.get(item.name) ?? 0) > 1) continue;
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

/** How often each of `names` occurs as a word in the files: one pass over the text, whatever the number of names. */
function countMentions(files: Iterable<{ text: string }>, names: ReadonlySet<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const file of files) {
    for (const [word] of file.text.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) {
      if (names.has(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  return counts;
}
