import { crateFunctions, factsOf, resolveCall, type BodyFacts, type CrateFunction, type Expr } from '../bodies';
import { answerFor, functionAt, indexOfFunction } from '../bodies/answers';
import { isExport, ownershipTable } from '../bodies/ownership';
import { endOfBody, isMovedOrKept, letBefore, localName, originOf, stripCasts } from '../bodies/values';
import type { CrateModel } from '../crate/crateModel';
import type { Finding, Fix, Range, RelatedInformation } from '../engine/types';
import { intoRawFix } from '../fixes/intoRaw';
import type { Rule } from './rule';
import { isSuppressed } from './suppression';

export const DANGLING_POINTER = 'dangling-pointer';

/** How many crate helpers deep a returned pointer is followed (the export itself is depth 0). */
const MAX_DEPTH = 3;

/** Methods that borrow from their receiver: `s.as_bytes().as_ptr()` points into `s`. */
const BORROWING = new Set(['as_bytes', 'as_bytes_with_nul', 'as_slice', 'as_mut_slice', 'as_str', 'as_mut_str', 'as_c_str', 'as_ref', 'as_mut', 'deref', 'deref_mut', 'borrow', 'borrow_mut']);

/** Owned values that free their buffer on drop, by the constructors that make them. */
const OWNED_TYPES = new Set(['CString', 'String', 'Vec', 'Box', 'OsString', 'PathBuf']);
const OWNED_METHODS: Record<string, string> = { to_string: 'String', to_vec: 'Vec', into_bytes: 'Vec', into_bytes_with_nul: 'Vec', into_boxed_slice: 'Box<[T]>', into_string: 'String', to_owned: 'owned copy' };

/** A pointer whose owner is dropped before the host can use it. */
interface Dangling {
  range: Range;
  /** What owns the memory, e.g. "temporary `CString`" or "local `s` (a `String`)". */
  owner: string;
  ownerType: string;
  /** Where the owner is dropped. */
  dropRange: Range;
  dropMessage: string;
  /** The `as_ptr` name (for the `into_raw` fix) and the local it belongs to, if any. */
  asPtrName: Range | undefined;
  local: string | undefined;
  /** How the pointer leaves: `returned`, `written through \`out\``, `bound by \`let\`` (temporaries only). */
  via: string;
}

export const danglingPointer: Rule = {
  id: DANGLING_POINTER,
  defaultSeverity: 'error',
  summary: 'A pointer into a value the function drops (a temporary or a local) is handed to the host: it dangles as soon as the function returns.',
  check(crate) {
    const findings: Finding[] = [];
    const reported = new Set<string>();
    for (const target of crateFunctions(crate).filter(isExport)) {
      if (isSuppressed(crate, DANGLING_POINTER, ['dangling_pointers_from_temporaries', 'dangling_pointers_from_locals'], { items: [target.fn], module: target.module, file: target.file })) continue;
      for (const { site, fn } of exportDangling(crate, target)) {
        const key = `${fn.file}:${site.range.start.line}:${site.range.start.character}`;
        if (reported.has(key)) continue;
        reported.add(key);
        findings.push(findingFor(crate, site, fn, target));
      }
    }
    return findings;
  },
};

/** `danglingIn` an export, kept across models as one answer (the functions by index). */
function exportDangling(crate: CrateModel, target: CrateFunction): { site: Dangling; fn: CrateFunction }[] {
  const found = answerFor(crate, target, 'dangling-in', () => danglingIn(crate, target, 0).map(({ site, fn }) => ({ site, index: indexOfFunction(crate, fn) })));
  return found.map(({ site, index }) => ({ site, fn: functionAt(crate, index) }));
}

/** Dangling pointers leaving `target`, and those of the crate helpers whose return value it hands out. */
function danglingIn(crate: CrateModel, target: CrateFunction, depth: number, seen = new Set<CrateFunction['fn']>()): { site: Dangling; fn: CrateFunction }[] {
  if (seen.has(target.fn)) return [];
  const steps = answerFor(crate, target, 'dangling-steps', () => danglingSteps(crate, target));
  seen.add(target.fn);
  const found: { site: Dangling; fn: CrateFunction }[] = [];
  for (const step of steps) {
    if (step.kind === 'site') found.push({ site: step.site, fn: target });
    else if (depth < MAX_DEPTH && step.helper !== undefined) found.push(...danglingIn(crate, functionAt(crate, step.helper), depth + 1, seen).filter((d) => d.site.via === 'returned'));
  }
  return found;
}

/** What one function's body says, in order: a dangling pointer, or a returned call of a crate helper (its index) to follow. */
type DanglingStep = { kind: 'site'; site: Dangling } | { kind: 'helper'; helper: number | undefined };

function danglingSteps(crate: CrateModel, target: CrateFunction): DanglingStep[] {
  const facts = factsOf(crate, target);
  if (facts.hasErrors) return [];
  const steps: DanglingStep[] = [];
  const escapes: { value: Expr; via: string; statement: Range }[] = facts.returns.filter((r) => !r.inClosure).map((r) => ({ value: r.value, via: 'returned', statement: r.range }));
  for (const assignment of facts.assignments) {
    const out = assignment.throughDeref && !assignment.inClosure ? localName(assignment.target) : undefined;
    if (out && facts.params.some((p) => p.name === out)) escapes.push({ value: assignment.value, via: `written through \`${out}\``, statement: assignment.range });
  }
  // Temporaries are dangling as soon as the statement ends, whether or not the pointer leaves (rustc's lint agrees).
  for (const binding of facts.lets) {
    if (binding.value && !binding.inClosure) escapes.push({ value: binding.value, via: 'bound by `let`', statement: binding.range });
  }
  for (const escape of escapes) {
    for (const leaf of leaves(facts, escape.value)) {
      if (leaf.kind === 'call' && escape.via !== 'bound by `let`') {
        // Followed only a few helpers deep (danglingIn); a call is no pointer of this body.
        const helper = resolveCall(crate, target, leaf);
        steps.push({ kind: 'helper', helper: helper && helper.fn.generics.length === 0 ? indexOfFunction(crate, helper) : undefined });
        continue;
      }
      const site = danglingPointerOf(facts, target, leaf, escape.via, escape.statement);
      if (site && (escape.via !== 'bound by `let`' || site.owner.startsWith('temporary'))) steps.push({ kind: 'site', site });
    }
  }
  return steps;
}

/** The values an expression can produce: through branches, locals and the fields of a struct literal. */
function leaves(facts: BodyFacts, expr: Expr, depth = 0): Expr[] {
  if (depth > 4) return [];
  const origin = originOf(facts, expr).expr;
  if (origin.kind === 'branches') return origin.values.flatMap((v) => leaves(facts, v, depth + 1));
  if (origin.kind === 'struct') return origin.fields.flatMap((f) => leaves(facts, f.value, depth + 1));
  return [origin];
}

function danglingPointerOf(facts: BodyFacts, target: CrateFunction, pointer: Expr, via: string, statement: Range): Dangling | undefined {
  const endOfFunction = { dropRange: endOfBody(facts), dropMessage: `dropped here, when \`${target.fn.name}\` returns` };
  if (pointer.kind === 'reference' && pointer.value.kind === 'struct' && !isPromotable(pointer.value)) {
    // `&Info { size: n }`: built from runtime values, so rustc cannot promote it to a static; the temporary dies with the function.
    return { range: pointer.range, owner: `temporary \`${pointer.value.name}\``, ownerType: pointer.value.name, ...endOfFunction, asPtrName: undefined, local: undefined, via };
  }
  if (pointer.kind === 'reference') {
    const name = localName(pointer.value);
    if (!name || pointer.value.kind !== 'path') return undefined;
    const binding = letBefore(facts, name, pointer.range.start);
    const param = facts.params.find((p) => p.name === name);
    if (!binding && !(param && !param.type.trim().startsWith('&'))) return undefined;
    if (isMovedOrKept(facts, name)) return undefined;
    return { range: pointer.range, owner: `local \`${name}\``, ownerType: 'local', ...endOfFunction, asPtrName: undefined, local: name, via };
  }
  if (pointer.kind !== 'method' || (pointer.method !== 'as_ptr' && pointer.method !== 'as_mut_ptr') || pointer.args.length > 0) return undefined;
  let receiver = stripCasts(pointer.receiver);
  while (receiver.kind === 'method' && BORROWING.has(receiver.method) && receiver.args.length === 0) receiver = stripCasts(receiver.receiver);
  const temporary = temporaryType(receiver);
  if (temporary) {
    return { range: pointer.nameRange, owner: `temporary \`${temporary}\``, ownerType: temporary, dropRange: { start: statement.end, end: statement.end }, dropMessage: 'the temporary is dropped at the end of this statement', asPtrName: pointer.nameRange, local: undefined, via };
  }
  const name = localName(receiver);
  if (!name || receiver.kind !== 'path') return undefined;
  const type = localOwnerType(facts, name, receiver.range);
  if (!type || isMovedOrKept(facts, name)) return undefined;
  return { range: pointer.nameRange, owner: type === 'array' ? `local array \`${name}\`` : `local \`${name}\` (a \`${type}\`)`, ownerType: type, ...endOfFunction, asPtrName: pointer.nameRange, local: name, via };
}

/** A struct literal rustc promotes to a static when borrowed: every field a literal, a constant or such a literal. */
function isPromotable(expr: Expr): boolean {
  const value = expr.kind === 'cast' ? expr.value : expr;
  if (value.kind === 'literal') return true;
  if (value.kind === 'path') return /^[A-Z][A-Z0-9_]*$/.test(value.segments[value.segments.length - 1]);
  if (value.kind === 'struct') return value.fields.every((f) => isPromotable(f.value)) && !/\.\./.test(value.text);
  return /^-\s*\d[\w.]*$/.test(value.text.trim());
}

/** The owned type a temporary expression makes (`CString::new(..).unwrap()`, `format!(..)`, `s.to_string()`), if any. */
export function temporaryType(expr: Expr): string | undefined {
  let value = stripCasts(expr);
  while (value.kind === 'method' && /^(unwrap|expect|unwrap_or_default)$/.test(value.method)) value = stripCasts(value.receiver);
  if (value.kind === 'macro') return value.name === 'format' ? 'String' : value.name === 'vec' ? 'Vec' : undefined;
  if (value.kind === 'call' && value.callee.length >= 2) {
    const [owner, fn] = value.callee.slice(-2);
    return OWNED_TYPES.has(owner) && /^(new|from|with_capacity|from_utf8|from_utf8_unchecked|from_vec_unchecked|from_vec_with_nul|from_vec_with_nul_unchecked|from_iter)$/.test(fn) ? owner : undefined;
  }
  if (value.kind === 'method' && value.args.length === 0) return OWNED_METHODS[value.method];
  return undefined;
}

/** The owned type of a local or by-value parameter that frees its buffer (or is on the stack) when the function returns. */
function localOwnerType(facts: BodyFacts, name: string, at: Range): string | undefined {
  const binding = letBefore(facts, name, at.start);
  if (binding) {
    const annotated = binding.type ? ownedTypeName(binding.type) : undefined;
    if (annotated) return annotated;
    if (!binding.value) return undefined;
    const value = stripCasts(binding.value);
    if (/^\[[\s\S]*\]$/.test(value.text.trim()) && value.kind === 'other') return 'array';
    return temporaryType(value);
  }
  const param = facts.params.find((p) => p.name === name);
  return param ? ownedTypeName(param.type) : undefined;
}

function ownedTypeName(type: string): string | undefined {
  const text = type.trim();
  if (/^\[[^\]]*;[^\]]*\]$/.test(text)) return 'array';
  const head = /^(?:(?:std|alloc)::(?:ffi|string|vec|boxed)::)?([A-Za-z]+)/.exec(text)?.[1];
  return head && OWNED_TYPES.has(head) ? (head === 'Box' || head === 'Vec' ? text : head) : undefined;
}

function findingFor(crate: CrateModel, site: Dangling, fn: CrateFunction, exported: CrateFunction): Finding {
  const leaving = site.via === 'bound by `let`' ? 'and the pointer is kept past the end of the statement' : `and the pointer is ${site.via} to the host`;
  const related: RelatedInformation[] = [{ location: { file: fn.file, range: site.dropRange }, message: site.dropMessage }];
  if (fn.fn !== exported.fn) related.push({ location: { file: exported.file, range: exported.fn.nameRange }, message: `\`${exported.fn.name}\` returns it to the host` });
  const isCString = site.ownerType === 'CString';
  const fix: Fix | undefined = isCString && site.asPtrName && site.via !== 'bound by `let`' ? intoRawFix(crate, fn, site.asPtrName, site.local, exported, ownershipTable(crate).reclaims.some((r) => r.allocation.kind === 'cstring')) : undefined;
  return {
    rule: DANGLING_POINTER,
    severity: 'error',
    file: fn.file,
    range: site.range,
    message: `dangling pointer: \`${fn.fn.name}\` takes a pointer into a ${site.owner}, which is dropped ${site.owner.startsWith('temporary') ? 'at the end of the statement' : `when \`${fn.fn.name}\` returns`}, ${leaving}: reading it is a use after free.`,
    help: isCString
      ? 'hand ownership to the host with `CString::into_raw` and export a function that frees it with `CString::from_raw`, or point into something that outlives the call (a `static`, a field of the handle)'
      : 'keep the owner alive as long as the host uses the pointer (a `static`, a field of the handle, `Box::into_raw` with a matching free), or copy the data into a buffer the host provides',
    related,
    fixes: fix ? [fix] : [],
  };
}
