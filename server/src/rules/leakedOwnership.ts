import { crateFunctions, type CrateFunction } from '../bodies';
import { isExport, mayReclaim, ownershipTable, type Allocation, type Handout, type Reclaim } from '../bodies/ownership';
import type { Finding } from '../engine/types';
import { destructorName, generateFreeFix } from '../fixes/generateFree';
import type { Rule } from './rule';
import { isSuppressed } from './suppression';

export const LEAKED_OWNERSHIP = 'leaked-ownership';

/** Kinds this rule judges; `malloc` blocks may be freed by the host's `free`, `unknown` ones by anything. */
type LeakKind = 'box' | 'boxed-slice' | 'cstring' | 'arc' | 'rc' | 'vec';
const JUDGED = new Set<string>(['box', 'boxed-slice', 'cstring', 'arc', 'rc', 'vec']);

const RECLAIM: Record<LeakKind, string> = {
  box: '`Box::from_raw`',
  'boxed-slice': '`Box::from_raw` (or `Vec::from_raw_parts`)',
  cstring: '`CString::from_raw`',
  arc: '`Arc::from_raw` (or `Arc::decrement_strong_count`)',
  rc: '`Rc::from_raw`',
  vec: '`Vec::from_raw_parts` (or `String::from_raw_parts`)',
};

const NAME: Record<LeakKind, string> = { box: 'Box', 'boxed-slice': 'Box<[T]>', cstring: 'CString', arc: 'Arc', rc: 'Rc', vec: 'Vec' };

export const leakedOwnership: Rule = {
  id: LEAKED_OWNERSHIP,
  defaultSeverity: 'warning',
  summary: 'An exported function hands a Rust allocation to the host, and no function of the crate ever takes it back: every call leaks.',
  needsWholeCrate: true,
  check(crate) {
    const table = ownershipTable(crate);
    // One finding per call that gives ownership away, listing every export it leaves through.
    const bySite = new Map<string, { handout: Handout; exports: CrateFunction[] }>();
    for (const handout of table.handouts) {
      if (!JUDGED.has(handout.allocation.kind) || isTakenBack(handout, table)) continue;
      const target = handout.export;
      if (isSuppressed(crate, LEAKED_OWNERSHIP, [], { items: [target.fn], module: target.module, file: target.file })) continue;
      const key = `${handout.file}:${handout.range.start.line}:${handout.range.start.character}`;
      const entry = bySite.get(key) ?? { handout, exports: [] };
      if (!entry.exports.includes(target)) entry.exports.push(target);
      bySite.set(key, entry);
    }
    if (bySite.size === 0) return [];
    const taken = new Set(crateFunctions(crate).map((f) => f.fn.name));
    return [...bySite.values()].map(({ handout, exports: through }) => {
      const first = through[0];
      const kind = handout.allocation.kind as LeakKind;
      const name = destructorName(first.fn.name);
      const lines = crate.files.get(first.file)?.lines;
      const { leakedPerCall, leakedWhat } = handout.allocation;
      if (leakedPerCall) return perCallLeak(handout, through, leakedPerCall, leakedWhat ?? NAME[kind]);
      const fix = lines && !taken.has(name) ? generateFreeFix(first.fn, kind, handout.allocation.type, name, crate.edition, first.file, lines) : undefined;
      return {
        rule: LEAKED_OWNERSHIP,
        severity: 'warning',
        file: handout.file,
        range: handout.range,
        message: `\`${first.fn.name}\` hands ownership of ${describe(handout.allocation)} to the host (${handout.via}), but no function of the crate takes it back with ${RECLAIM[kind]}: every call leaks it.`,
        help: `export a destructor that reclaims it (e.g. \`${name}\`) and document that the host must call it`,
        related: through.map((t) => ({ location: { file: t.file, range: t.fn.nameRange }, message: `\`${t.fn.name}\` returns it to the host` })),
        fixes: fix ? [fix] : [],
      } satisfies Finding;
    });
  },
};

/** `Box::leak(..).as_ptr()` in an export: a new allocation per call that nothing can free. */
function perCallLeak(handout: Handout, through: CrateFunction[], call: string, what: string): Finding {
  const first = through[0];
  return {
    rule: LEAKED_OWNERSHIP,
    severity: 'warning',
    file: handout.file,
    range: handout.range,
    message: `\`${first.fn.name}\` leaks a new \`${what}\` with \`${call}\` on every call to hand the host a pointer into it (${handout.via}): nothing frees it, so the process's memory grows with every call.`,
    help: 'make the value once (a `static` initialised through `OnceLock`/`LazyLock`), or hand out an owned pointer (`CString::into_raw`) and export a function that frees it',
    related: through.map((t) => ({ location: { file: t.file, range: t.fn.nameRange }, message: `\`${t.fn.name}\` returns it to the host` })),
    fixes: [],
  };
}

/**
 * Some function of the crate may take the handout back: a reclaim that can match it, or a destructor on the
 * same boundary type that takes it back the wrong way (that is `mismatched-free`'s finding, not a leak).
 */
function isTakenBack(handout: Handout, table: { handouts: Handout[]; reclaims: Reclaim[] }): boolean {
  const { allocation, boundaryType } = handout;
  return table.reclaims.some((r) => {
    if (mayReclaim(allocation, r.allocation)) return true;
    // A forgotten `Vec` rebuilt as a boxed slice is freed (its capacity is `mismatched-free`'s business).
    if (allocation.kind === 'vec' && r.allocation.kind === 'box' && (r.allocation.type === undefined || r.allocation.type.startsWith('['))) return true;
    const sameBoundary = boundaryType !== undefined && r.param !== undefined && r.boundaryType === boundaryType && isExport(r.fn);
    return sameBoundary && !table.handouts.some((h) => h.boundaryType === boundaryType && mayReclaim(h.allocation, r.allocation));
  });
}

function describe(allocation: Allocation): string {
  const kind = allocation.kind as LeakKind;
  if ((kind === 'box' || kind === 'arc' || kind === 'rc') && allocation.type) return `a \`${NAME[kind]}<${allocation.type}>\``;
  return kind === 'boxed-slice' ? 'a boxed slice (`Box<[T]>`)' : `a \`${NAME[kind]}\``;
}
