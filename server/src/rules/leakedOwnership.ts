import { crateFunctions, type CrateFunction } from '../bodies';
import { giveawaysOf, isReclaimed, reclaimsIn, type LeakKind, type Giveaway } from '../bodies/leaks';
import { exportedSymbol } from '../boundary/exportedSymbols';
import { isForeignAbi } from '../boundary/sites';
import type { Finding } from '../engine/types';
import { destructorName, generateFreeFix } from '../fixes/generateFree';
import type { Rule } from './rule';
import { isSuppressed } from './suppression';

export const LEAKED_OWNERSHIP = 'leaked-ownership';

const RECLAIM: Record<LeakKind, string> = {
  Box: '`Box::from_raw`',
  CString: '`CString::from_raw`',
  Arc: '`Arc::from_raw` (or `Arc::decrement_strong_count`)',
  Rc: '`Rc::from_raw`',
  Vec: '`Vec::from_raw_parts` (or `String::from_raw_parts`)',
};

export const leakedOwnership: Rule = {
  id: LEAKED_OWNERSHIP,
  defaultSeverity: 'warning',
  summary: 'An exported function hands a Rust allocation to the host, and no function of the crate ever takes it back: every call leaks.',
  check(crate) {
    const functions = crateFunctions(crate);
    const exports = functions.filter(({ fn }) => fn.context === 'free' && isForeignAbi(fn.abi) && exportedSymbol(fn) !== undefined && fn.generics.length === 0);
    const given: { giveaway: Giveaway; export: CrateFunction }[] = [];
    for (const target of exports) {
      if (isSuppressed(crate, LEAKED_OWNERSHIP, [], { items: [target.fn], module: target.module, file: target.file })) continue;
      for (const giveaway of giveawaysOf(crate, target)) given.push({ giveaway, export: target });
    }
    if (given.length === 0) return [];
    const reclaims = reclaimsIn(crate, functions);
    // One finding per call that gives ownership away, listing every export it leaves through.
    const bySite = new Map<string, { giveaway: Giveaway; exports: CrateFunction[] }>();
    for (const { giveaway, export: target } of given) {
      if (isReclaimed(giveaway, reclaims)) continue;
      const key = `${giveaway.file}:${giveaway.range.start.line}:${giveaway.range.start.character}`;
      const entry = bySite.get(key) ?? { giveaway, exports: [] };
      if (!entry.exports.includes(target)) entry.exports.push(target);
      bySite.set(key, entry);
    }
    const taken = new Set(functions.map((f) => f.fn.name));
    return [...bySite.values()].map(({ giveaway, exports: through }) => {
      const first = through[0];
      const what = giveaway.type ? `a \`${giveaway.kind}<${giveaway.type}>\`` : giveaway.kind === 'CString' ? 'a `CString`' : `a \`${giveaway.kind}\``;
      const name = destructorName(first.fn.name);
      const lines = crate.files.get(first.file)?.lines;
      const fix = lines && !taken.has(name) ? generateFreeFix(first.fn, giveaway.kind, giveaway.type, name, crate.edition, first.file, lines) : undefined;
      return {
        rule: LEAKED_OWNERSHIP,
        severity: 'warning',
        file: giveaway.file,
        range: giveaway.range,
        message: `\`${first.fn.name}\` hands ownership of ${what} to the host (${giveaway.via}), but no function of the crate takes it back with ${RECLAIM[giveaway.kind]}: every call leaks it.`,
        help: `export a destructor that reclaims it (e.g. \`${name}\`) and document that the host must call it`,
        related: through.map((t) => ({ location: { file: t.file, range: t.fn.nameRange }, message: `\`${t.fn.name}\` returns it to the host` })),
        fixes: fix ? [fix] : [],
      } satisfies Finding;
    });
  },
};
