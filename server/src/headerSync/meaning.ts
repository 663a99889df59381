// A header's declarations by C meaning, keyed by kind and name, with where each one is written: what update
// mode compares (ours against the file's) and what the cbindgen oracle compares. Read with the project's C
// header reader; every `#if` branch is read (their directive lines blanked), since a header written for all
// targets declares each target's items.
import type { Parser } from 'web-tree-sitter';
import { canonical } from '../abi/abiDescription';
import { evaluateIntegerExpression } from '../interface/constExpr';
import type { Range } from '../engine/types';
import { parseHeader } from '../interface/cHeader/parseHeader';
import type { DeclaredRecord } from '../interface/model';
import { LineIndex } from '../parsing/lineIndex';

export interface DeclarationMeaning {
  /** `function plugin_new`, `record Config`, `enum Level`, `constant MAX`, `static LIMIT`. */
  key: string;
  /** The declaration's C meaning in one line (names, types, fields, values; not spelling or layout of text). */
  meaning: string;
  /** The declaration's text in the file, from its first to its last character (`;` included). */
  start: number;
  end: number;
}

const DIRECTIVE = /^[ \t]*#[ \t]*(if|ifdef|ifndef|elif|else|endif)\b(.*)$/;

/**
 * The value of a condition a C17 compiler decides the same everywhere — `__cplusplus` (undefined) and
 * `__STDC_VERSION__` (201710L) — or undefined for a condition on anything else (a platform, a feature).
 */
function languageCondition(word: string, rest: string): boolean | undefined {
  const expression = rest.replace(/\/\/.*$|\/\*.*?\*\//g, '').replace(/\b(\d+)[uUlL]+\b/g, '$1').trim();
  if (word === 'ifdef' || word === 'ifndef') return expression === '__cplusplus' ? word === 'ifndef' : undefined;
  const identifiers = expression.match(/[A-Za-z_]\w*/g) ?? [];
  if (!identifiers.every((id) => id === 'defined' || id === '__cplusplus' || id === '__STDC_VERSION__')) return undefined;
  if (!identifiers.some((id) => id === '__cplusplus' || id === '__STDC_VERSION__')) return undefined;
  const plain = expression
    .replace(/defined\s*\(\s*__cplusplus\s*\)|defined\s+__cplusplus|__cplusplus/g, '0')
    .replace(/defined\s*\(\s*__STDC_VERSION__\s*\)|defined\s+__STDC_VERSION__/g, '1')
    .replace(/__STDC_VERSION__/g, '201710');
  const value = evaluateIntegerExpression(plain, () => undefined);
  return value === undefined ? undefined : value !== 0n;
}

/**
 * The header with its conditional directives blanked (same length): every branch is read, except those a C17
 * compiler never takes — the C++ side of `#ifdef __cplusplus` (cbindgen's `cpp_compat` writes `enum X : uint32_t`
 * there) and C23-only `#if __STDC_VERSION__ >= 202311L` branches — which a C reader skips.
 */
export function allBranches(text: string): string {
  const lines = text.split('\n');
  // Per open conditional: its value when the language decides it, and whether the current branch is hidden.
  const stack: { value: boolean | undefined; hidden: boolean }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const directive = DIRECTIVE.exec(lines[i]);
    if (directive) {
      const [, word, rest] = directive;
      const top = stack[stack.length - 1];
      if (word === 'if' || word === 'ifdef' || word === 'ifndef') {
        const value = languageCondition(word, rest);
        stack.push({ value, hidden: value === false });
      } else if (word === 'else' && top) top.hidden = top.value === true;
      else if (word === 'elif' && top) top.hidden = top.value === true;
      else if (word === 'endif') stack.pop();
      lines[i] = ' '.repeat(lines[i].length);
    } else if (stack.some((s) => s.hidden)) lines[i] = ' '.repeat(lines[i].length);
  }
  return lines.join('\n');
}

/** Fields in order; an anonymous member (`union { … };`) is spelled inline. */
function recordMeaning(record: DeclaredRecord, records: ReadonlyMap<string, DeclaredRecord>, depth = 0): string {
  if (!record.fields) return 'opaque';
  const field = (f: NonNullable<DeclaredRecord['fields']>[number]) => {
    const inner = f.name === '' && f.type.kind === 'record' ? records.get(f.type.name) : undefined;
    return inner && depth < 8 ? recordMeaning(inner, records, depth + 1) : `${f.name}: ${canonical(f.type)}`;
  };
  return `${record.kind} { ${record.fields.map(field).join('; ')} }`;
}

/**
 * The header's declarations by meaning. A declaration written in several branches (`#if defined(_WIN32)`
 * `uint32_t pid(void);` `#else` `int32_t pid(void);`) is the one the checked build reads (`macros`: its
 * predefined macros, default this machine's); one only other builds read is taken from its own branch.
 */
export function headerMeanings(parser: Parser, file: string, text: string, macros?: ReadonlyMap<string, string>): Map<string, DeclarationMeaning> {
  const active = meaningsOf(parseHeader(parser, file, text, macros), text);
  for (const [key, meaning] of meaningsOf(parseHeader(parser, file, allBranches(text), new Map()), text)) if (!active.has(key)) active.set(key, meaning);
  return active;
}

function meaningsOf(declared: ReturnType<typeof parseHeader>, text: string): Map<string, DeclarationMeaning> {
  const lines = new LineIndex(text);
  const out = new Map<string, DeclarationMeaning>();
  const span = (...ranges: Range[]) => {
    const start = Math.min(...ranges.map((r) => lines.offsetAt(r.start)));
    let end = Math.max(...ranges.map((r) => lines.offsetAt(r.end)));
    const semicolon = /^[ \t]*;/.exec(text.slice(end));
    if (semicolon) end += semicolon[0].length;
    return { start, end };
  };
  const add = (key: string, meaning: string, ...ranges: Range[]) => {
    if (!out.has(key)) out.set(key, { key, meaning, ...span(...ranges) });
  };
  for (const fn of declared.functions) {
    add(`function ${fn.name}`, `${canonical(fn.returnType)} (${[...fn.params.map((p) => canonical(p.type)), ...(fn.variadic ? ['...'] : [])].join(', ') || 'void'})`, fn.origin.range);
  }
  for (const st of declared.statics) add(`static ${st.name}`, canonical(st.type), st.origin.range);
  for (const constant of declared.constants) add(`constant ${constant.name}`, String(constant.value), constant.origin.range);
  for (const [name, record] of declared.records) {
    if (name.includes('::')) continue; // anonymous members
    const typedef = declared.typedefs.get(name);
    const ranges = [record.origin.range, ...(typedef && contains(lines, typedef.origin.range, record.origin.range) ? [typedef.origin.range] : [])];
    // A forward `typedef struct X X;` next to the body elsewhere: the body's declaration is the one.
    add(`record ${name}`, recordMeaning(record, declared.records), ...ranges);
  }
  for (const [name, en] of declared.enums) {
    const typedef = declared.typedefs.get(name);
    const ranges = [en.origin.range];
    let repr = 'int';
    if (typedef && contains(lines, typedef.origin.range, en.origin.range)) ranges.push(typedef.origin.range);
    else if (typedef && typedef.type.kind === 'int') {
      // `enum Small {…}; typedef uint8_t Small;`: the enum is stored in the typedef's integer type.
      repr = canonical(typedef.type);
      // cpp_compat's form has `#ifndef __cplusplus` around the typedef: the `#endif` after it goes with it.
      if (typedef.origin.range.start.line - en.origin.range.end.line <= 2) ranges.push(typedef.origin.range);
    }
    const meaning = `${repr} { ${en.variants.map((v) => `${v.name} = ${v.value ?? '?'}`).join(', ')} }`;
    add(`enum ${name}`, meaning, ...ranges);
    const found = out.get(`enum ${name}`)!;
    const between = ranges.length > 1 ? text.slice(lines.offsetAt(en.origin.range.end), lines.offsetAt(ranges[1].start)) : '';
    const endif = /^[ \t]*\n[ \t]*#[ \t]*endif[^\n]*/.exec(text.slice(found.end));
    if (/#[ \t]*ifndef[ \t]+__cplusplus/.test(between) && endif) found.end += endif[0].length;
  }
  return out;
}

function contains(lines: LineIndex, outer: Range, inner: Range): boolean {
  return lines.offsetAt(outer.start) <= lines.offsetAt(inner.start) && lines.offsetAt(outer.end) >= lines.offsetAt(inner.end);
}

/** The names a header declares opaque (`record X` whose meaning is `opaque`). */
export function opaqueNames(...meanings: ReadonlyMap<string, DeclarationMeaning>[]): Set<string> {
  const names = new Set<string>();
  for (const map of meanings) for (const m of map.values()) if (m.meaning === 'opaque' && m.key.startsWith('record ')) names.add(m.key.slice('record '.length));
  return names;
}

/**
 * Whether the file's declaration says what ours says, allowing the choices a hand-kept header makes without
 * changing the ABI: a type kept opaque (`typedef struct gifski gifski;` for a `#[repr(C)]` handle), no `const`
 * on pointers to an opaque type (nobody reads through them), a common prefix and another case on enum variants
 * (`GIFSKI_OK` for `OK`, `CODE_NULL_PARAMETER` for `NullParameter`; values must be equal).
 */
export function sameMeaning(ours: string, theirs: string, opaque: ReadonlySet<string>): boolean {
  if (ours === theirs || (theirs === 'opaque' && /^(?:struct|union) \{/.test(ours))) return true;
  const normalize = (meaning: string) => {
    let out = meaning.replace(/const ((?:struct|union) ([A-Za-z_]\w*) \*)/g, (whole, pointer: string, name: string) => (opaque.has(name) ? pointer : whole));
    const variants = /^(\w+) \{ (.*) \}$/.exec(out);
    if (variants && !/[;:]/.test(variants[2])) {
      const parts = variants[2].split(', ').map((p) => /^(\w+) = (.*)$/.exec(p));
      if (parts.every((p) => p !== null)) {
        const names = parts.map((p) => p![1]);
        const prefix = commonPrefix(names);
        // `CODE_NULL_PARAMETER` and `NullParameter` are one variant spelled two ways.
        out = `${variants[1]} { ${parts.map((p) => `${p![1].slice(prefix.length).replace(/_/g, '').toLowerCase()} = ${p![2]}`).join(', ')} }`;
      }
    }
    return out;
  };
  return normalize(ours) === normalize(theirs);
}

/** The longest prefix ending in `_` that every name has (and none is only). */
function commonPrefix(names: readonly string[]): string {
  if (names.length === 0) return '';
  let prefix = names[0].slice(0, names[0].lastIndexOf('_') + 1);
  while (prefix && !names.every((n) => n.startsWith(prefix) && n.length > prefix.length)) prefix = prefix.slice(0, prefix.slice(0, -1).lastIndexOf('_') + 1);
  return prefix;
}
