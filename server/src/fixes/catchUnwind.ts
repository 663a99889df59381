import type { Fix } from '../engine/types';
import type { LineIndex } from '../parsing/lineIndex';
import type { FunctionItem } from '../syntax/items';
import type { TypeRef } from '../syntax/typeRef';

/** Marks a value the user must confirm: the engine cannot know which value the host treats as an error. */
const CONFIRM = '/* rust-plugin-guard: the value returned after a panic; make sure the host treats it as an error */';

/**
 * "Wrap body in `catch_unwind`": the body runs in `catch_unwind(AssertUnwindSafe(move || { ... }))` and a
 * panic becomes an error value chosen by the return type. `AssertUnwindSafe` because raw pointers and
 * `&mut` parameters are not `UnwindSafe`, and the function returns right after. A value the user must
 * confirm (an integer, a float, a bool) carries a comment in the plain text and is a selected tab stop in
 * editors that apply snippet edits. Undefined when no error value can be chosen for the return type.
 */
export function wrapInCatchUnwindFix(fn: FunctionItem, file: string, lines: LineIndex): Fix | undefined {
  if (!fn.bodyRange) return undefined;
  const errorValue = errorValueFor(fn.returnType);
  if (errorValue === undefined) return undefined;
  const text = lines.text;
  const open = lines.offsetAt(fn.bodyRange.start);
  const close = lines.offsetAt(fn.bodyRange.end) - 1;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /^\s*/.exec(lines.lineText(fn.range.start.line))?.[0] ?? '';
  const step = '    ';
  const inner = text.slice(open + 1, close).replace(/^[ \t]*\r?\n/, '').replace(/\s+$/, '');
  const innerLines = inner.split(/\r?\n/).map((line) => (line.trim() === '' ? '' : step + line));
  const wrap = (value: string, escape: (s: string) => string) =>
    [
      '{',
      `${indent}${step}std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {`,
      ...innerLines,
      `${indent}${step}}))`,
      `${indent}${step}.unwrap_or_else(|_| `,
    ]
      .map(escape)
      .join(eol) +
    value +
    escape([')', `${indent}}`].join(eol));
  const newText = wrap(errorValue, (s) => s);
  const toConfirm = errorValue.endsWith(` ${CONFIRM}`) ? errorValue.slice(0, -CONFIRM.length - 1) : undefined;
  const snippet = toConfirm === undefined ? undefined : wrap(`\${1:${escapeSnippet(toConfirm)}} ${escapeSnippet(CONFIRM)}`, escapeSnippet);
  return {
    title: 'Wrap body in `catch_unwind`',
    isPreferred: true,
    edits: [{ file, range: fn.bodyRange, newText, ...(snippet === undefined ? {} : { snippet }) }],
  };
}

/** Text as a literal part of an LSP snippet: `\`, `$` and `}` are escaped. */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

const SIGNED = new Set(['i8', 'i16', 'i32', 'i64', 'i128', 'isize']);
const UNSIGNED = new Set(['u8', 'u16', 'u32', 'u64', 'u128', 'usize']);

/** Null for pointers, `-1`/`MAX` for integers (to confirm), `false`, `None` for `Option`s; `()` for no value. */
export function errorValueFor(type: TypeRef | undefined): string | undefined {
  if (!type || (type.kind === 'tuple' && type.elements.length === 0)) return '()';
  switch (type.kind) {
    case 'pointer':
      return type.mutable ? 'std::ptr::null_mut()' : 'std::ptr::null()';
    case 'primitive':
      if (SIGNED.has(type.name)) return `-1 ${CONFIRM}`;
      if (UNSIGNED.has(type.name)) return `${type.name}::MAX ${CONFIRM}`;
      if (type.name === 'bool') return `false ${CONFIRM}`;
      if (type.name === 'f32' || type.name === 'f64') return `${type.name}::NAN ${CONFIRM}`;
      return undefined;
    case 'path': {
      const last = type.segments[type.segments.length - 1];
      if (last === 'Option') return 'None';
      if (/^c_(char|schar|short|int|long|longlong)$/.test(last) || last === 'c_ssize_t') return `-1 ${CONFIRM}`;
      if (/^c_(uchar|ushort|uint|ulong|ulonglong)$/.test(last) || last === 'size_t') return `0 ${CONFIRM}`;
      return undefined;
    }
    default:
      return undefined;
  }
}
