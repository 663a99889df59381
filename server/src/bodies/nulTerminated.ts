import { splitTopLevel } from '../syntax/attributes';
import type { Expr } from './facts';

/**
 * `CStr::from_bytes_with_nul(concat!(stringify!(f), "\0").as_bytes())` and `CStr::from_bytes_with_nul(b"name\0")`:
 * bytes that end in their only NUL always make a `CStr`, so unwrapping the result cannot panic. The shape
 * C-string macros write (librsvg's `rsvg_c_str!`), seen once body-level calls of crate macros are expanded.
 */
export function isNulTerminatedCStr(receiver: Expr): boolean {
  if (receiver.kind !== 'call' || receiver.callee.slice(-2).join('::') !== 'CStr::from_bytes_with_nul' || receiver.args.length !== 1) return false;
  const arg = receiver.args[0];
  if (arg.kind === 'literal') return /^b"/.test(arg.text) && endsInOnlyNul(arg.text.slice(2, -1));
  if (arg.kind !== 'method' || arg.method !== 'as_bytes' || arg.args.length !== 0) return false;
  const bytes = arg.receiver;
  if (bytes.kind === 'literal') return /^"/.test(bytes.text) && endsInOnlyNul(bytes.text.slice(1, -1));
  if (bytes.kind !== 'macro' || bytes.name !== 'concat') return false;
  const inner = /^[^!]*!\s*[([{]([\s\S]*)[)\]}]$/.exec(bytes.text)?.[1];
  if (inner === undefined) return false;
  // An `expr` fragment passed through a macro reads in parentheses (`concat!((stringify!(f)), "\0")`).
  const parts = splitTopLevel(inner).map(unparenthesised).filter((p) => p.length > 0);
  const last = parts.pop();
  if (!last || !/^"/.test(last) || !endsInOnlyNul(last.slice(1, -1))) return false;
  // `stringify!` writes tokens as text: never a NUL byte.
  return parts.every((p) => /^(?:std::|core::)?stringify!\s*[([{]/.test(p) || (/^"/.test(p) && !hasNul(p)));
}

function endsInOnlyNul(body: string): boolean {
  const nul = /(?<!\\)(?:\\\\)*(\\0|\\x00)$/.exec(body);
  return nul !== null && !hasNul(body.slice(0, body.length - nul[1].length));
}

function hasNul(text: string): boolean {
  return /\\0|\\x00|\\u\{0+\}|\0/.test(text);
}

function unparenthesised(text: string): string {
  let out = text.trim();
  while (/^\([\s\S]*\)$/.test(out) && splitTopLevel(out.slice(1, -1)).length === 1) out = out.slice(1, -1).trim();
  return out;
}
