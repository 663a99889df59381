import { crateFunctions, factsOf, type CrateFunction, type Expr } from '../bodies';
import { isExport, mayReclaim, ownershipTable, pointeeOf, type Allocation, type AllocationKind, type Handout, type Reclaim } from '../bodies/ownership';
import { functionText } from '../bodies/functionText';
import type { CrateModel } from '../crate/crateModel';
import type { Finding } from '../engine/types';
import { nullCheckFix } from '../fixes/nullCheck';
import type { Rule } from './rule';
import { isSuppressed } from './suppression';

export const MISMATCHED_FREE = 'mismatched-free';

/** A reclaim in an export on one of its pointer parameters: the host decides what it passes there. */
type ExportReclaim = Reclaim & { param: string; boundaryType: string };

const RECLAIM_NAME: Record<AllocationKind, string> = {
  box: '`Box::from_raw`',
  'boxed-slice': '`Box::from_raw`',
  cstring: '`CString::from_raw`',
  arc: '`Arc::from_raw`',
  rc: '`Rc::from_raw`',
  vec: '`Vec::from_raw_parts`',
  malloc: '`free`',
  unknown: 'a reclaim',
};

export const mismatchedFree: Rule = {
  id: MISMATCHED_FREE,
  defaultSeverity: 'error',
  summary: 'An exported function frees a pointer with a different allocator or type than the one that allocated it (or without a null check).',
  check(crate) {
    const exports = crateFunctions(crate).filter(isExport);
    const table = ownershipTable(crate);
    const byKey = new Map<string, Handout[]>();
    for (const handout of table.handouts) {
      if (handout.boundaryType) byKey.set(handout.boundaryType, [...(byKey.get(handout.boundaryType) ?? []), handout]);
    }
    const opaque = opaqueKeys(crate, exports, table.handouts);
    const findings: Finding[] = [];
    for (const reclaim of table.reclaims) {
      if (!reclaim.param || !reclaim.boundaryType || !isExport(reclaim.fn)) continue;
      const atBoundary = reclaim as ExportReclaim;
      const { fn } = reclaim;
      if (isSuppressed(crate, MISMATCHED_FREE, [], { items: [fn.fn], module: fn.module, file: fn.file })) continue;
      const mismatch = opaque.has(atBoundary.boundaryType) ? undefined : mismatchOf(crate, atBoundary, byKey.get(atBoundary.boundaryType) ?? []);
      if (mismatch) findings.push(mismatch);
      else if (reclaim.allocation.kind !== 'malloc' && !reclaim.byValue && !hasNullCheck(crate, fn, atBoundary.param)) findings.push(nullCheckFinding(crate, atBoundary));
    }
    return findings;
  },
};

/**
 * Pointee types some export returns without a handout the table recognises (a `static`, a helper of another
 * crate, `malloc` through a wrapper): a reclaim through them could be right, so it is not judged.
 */
function opaqueKeys(crate: CrateModel, exports: CrateFunction[], handouts: Handout[]): Set<string> {
  const keys = new Set<string>();
  // A set, not a search per export: a crate of 5,000 exports made that search quadratic (seconds per keystroke).
  const withHandout = new Set(handouts.filter((h) => h.boundaryType !== undefined).map((h) => h.export));
  for (const target of exports) {
    const returned = withHandout.has(target);
    const key = pointeeOf(target.fn.returnType?.text);
    if (!key || returned) continue;
    if (factsOf(crate, target).returns.some((r) => !isNull(r.value))) keys.add(key);
  }
  return keys;
}

function isNull(expr: Expr): boolean {
  return /(^|::)null(_mut)?\(\)$/.test(expr.text.replace(/\s+/g, ''));
}

/** A finding when no handout through the same pointee type matches the reclaim (and there is at least one). */
function mismatchOf(crate: CrateModel, reclaim: ExportReclaim, handouts: Handout[]): Finding | undefined {
  if (handouts.length === 0 || handouts.some((h) => mayReclaim(h.allocation, reclaim.allocation))) {
    return reclaim.allocation.kind === 'vec' ? capacityMismatch(crate, reclaim, handouts) : undefined;
  }
  const first = handouts[0];
  const what = [...new Set(handouts.map((h) => describe(h.allocation)))].join(' or ');
  const { kind, type } = reclaim.allocation;
  const reclaimWhat = type && (kind === 'box' || kind === 'arc' || kind === 'rc') ? `\`${capital(kind)}::<${type}>::from_raw\`` : RECLAIM_NAME[kind];
  const why =
    kind === 'malloc'
      ? 'Rust allocations must go back to the Rust allocator (and `free` never runs their destructors)'
      : first.allocation.kind === kind
        ? 'the allocator is given a different layout than it allocated with, and the wrong destructor runs'
        : 'each kind of allocation must be reclaimed the way it was made';
  return {
    rule: MISMATCHED_FREE,
    severity: 'error',
    file: reclaim.fn.file,
    range: reclaim.range,
    message: `mismatched free: \`${reclaim.fn.fn.name}\` reclaims \`${reclaim.param}\` with ${reclaimWhat}, but the \`*${reclaim.boundaryType}\` the host gets comes from ${what}: ${why}. This is undefined behaviour (heap corruption or a crash).`,
    help: `reclaim it the way \`${first.export.fn.name}\` hands it out (${reclaimFor(first.allocation)})`,
    related: handouts.map((h) => ({ location: { file: h.file, range: h.range }, message: `${describe(h.allocation)} is handed out here, by \`${h.export.fn.name}\`` })),
    fixes: [],
  };
}

/** `Vec::from_raw_parts(p, len, len)` on a forgotten `Vec` whose capacity was never made equal to its length. */
function capacityMismatch(crate: CrateModel, reclaim: ExportReclaim, handouts: Handout[]): Finding | undefined {
  const { lengthArg, capacityArg } = reclaim;
  if (!lengthArg || lengthArg !== capacityArg) return undefined;
  const vecs = handouts.filter((h) => h.allocation.kind === 'vec');
  if (vecs.length === 0 || vecs.length !== handouts.length) return undefined;
  // The constructor makes capacity equal length, or tells the host the capacity: the destructor may be right.
  if (vecs.some((h) => h.allocation.exactCapacity || /\.capacity\(\)/.test(textOf(crate, h.export)))) return undefined;
  const capacity = factsOf(crate, reclaim.fn).calls.find((c) => c.expr.range === reclaim.range || (c.range.start.line === reclaim.range.start.line && c.range.start.character === reclaim.range.start.character))?.expr.args[2];
  return {
    rule: MISMATCHED_FREE,
    severity: 'error',
    file: reclaim.fn.file,
    range: capacity?.range ?? reclaim.range,
    message: `mismatched free: \`${reclaim.fn.fn.name}\` rebuilds the \`Vec\` with its length \`${lengthArg}\` as capacity, but the \`Vec\` handed out by \`${vecs[0].export.fn.name}\` may have a larger capacity: deallocating with a different size is undefined behaviour.`,
    help: 'hand out a boxed slice (`into_boxed_slice`, whose capacity is its length) or pass the original capacity back to the destructor',
    related: vecs.map((h) => ({ location: { file: h.file, range: h.range }, message: `the \`Vec\` is given up here, by \`${h.export.fn.name}\`` })),
    fixes: [],
  };
}

function textOf(crate: CrateModel, fn: CrateFunction): string {
  return functionText(crate, fn);
}

function capital(kind: string): string {
  return kind === 'cstring' ? 'CString' : kind[0].toUpperCase() + kind.slice(1);
}

function describe(allocation: Allocation): string {
  switch (allocation.kind) {
    case 'box':
    case 'arc':
    case 'rc':
      return allocation.type ? `a \`${capital(allocation.kind)}<${allocation.type}>\`` : `a \`${capital(allocation.kind)}\``;
    case 'boxed-slice':
      return 'a boxed slice (`Box<[T]>`)';
    case 'cstring':
      return 'a `CString`';
    case 'vec':
      return 'a `Vec` buffer';
    case 'malloc':
      return 'a `malloc` block';
    default:
      return 'an allocation';
  }
}

function reclaimFor(allocation: Allocation): string {
  const { kind, type } = allocation;
  if ((kind === 'box' || kind === 'arc' || kind === 'rc') && type) return `\`${capital(kind)}::<${type}>::from_raw\` on a \`*mut ${type}\``;
  if (kind === 'boxed-slice') return '`Box::from_raw(std::ptr::slice_from_raw_parts_mut(ptr, len))`';
  return kind === 'vec' ? '`Vec::from_raw_parts` with the original length and capacity' : RECLAIM_NAME[kind];
}

/** `p.is_null()`, `p == null`, `NonNull::new(p)`, `p.as_ref()` / `as_mut()` anywhere in the destructor. */
function hasNullCheck(crate: CrateModel, fn: CrateFunction, param: string): boolean {
  const p = param.replace(/[^\w]/g, '');
  return new RegExp(`\\b${p}\\s*\\.\\s*(is_null|as_ref|as_mut)\\s*\\(|\\b${p}\\s*[!=]=|[!=]=\\s*${p}\\b|NonNull::new\\(\\s*${p}\\b`).test(textOf(crate, fn));
}

function nullCheckFinding(crate: CrateModel, reclaim: ExportReclaim): Finding {
  const how = RECLAIM_NAME[reclaim.allocation.kind];
  const lines = crate.files.get(reclaim.fn.file)?.lines;
  const fix = lines ? nullCheckFix(reclaim.fn.fn, reclaim.param, reclaim.fn.file, lines) : undefined;
  return {
    rule: MISMATCHED_FREE,
    severity: 'warning',
    file: reclaim.fn.file,
    range: reclaim.range,
    message: `\`${reclaim.fn.fn.name}\` reclaims \`${reclaim.param}\` with ${how} without checking for null: hosts pass null to destructors (C's \`free(NULL)\` is allowed), and ${how} on null is undefined behaviour.`,
    help: `return early when \`${reclaim.param}.is_null()\``,
    related: [],
    fixes: fix ? [fix] : [],
  };
}
