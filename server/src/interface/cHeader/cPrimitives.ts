// C's built-in and <stdint.h>/<stddef.h> type names by meaning, with this platform's widths.
import type { CType } from '../model';

/** `long` is 32 bits on Windows (LLP64) and 64 bits on 64-bit Unix (LP64). */
export function platformWidths(platform: string = process.platform, arch: string = process.arch): { long: number; pointer: number } {
  const pointer = arch === 'ia32' || arch === 'arm' ? 32 : 64;
  return { long: platform === 'win32' ? 32 : pointer, pointer };
}

const widths = platformWidths();

function int(bits: number, signed: boolean | undefined, spelling: string): CType {
  return { kind: 'int', bits, signed, spelling };
}

/** The meaning of a C type name made of keywords (`unsigned long long`, `short int`) or a standard typedef. */
export function primitiveCType(spelling: string): CType | undefined {
  const words = spelling.trim().split(/\s+/).filter((w) => w !== 'int' || spelling.trim() === 'int' || !/\b(?:short|long|unsigned|signed)\b/.test(spelling));
  const text = words.join(' ');
  const named = NAMED.get(text);
  if (named) return { ...named, spelling };
  const unsigned = words.includes('unsigned');
  const signed = words.includes('signed');
  const rest = words.filter((w) => w !== 'unsigned' && w !== 'signed');
  const longs = rest.filter((w) => w === 'long').length;
  if (rest.length === 0) return int(32, !unsigned, spelling);
  if (rest.every((w) => w === 'long')) return int(longs >= 2 ? 64 : widths.long, !unsigned, spelling);
  if (rest.length === 1 && rest[0] === 'short') return int(16, !unsigned, spelling);
  if (rest.length === 1 && rest[0] === 'char') return int(8, unsigned ? false : signed ? true : undefined, spelling);
  if (rest.length === 1 && rest[0] === 'int') return int(32, !unsigned, spelling);
  if (text === 'long double') return { kind: 'unknown', spelling };
  return undefined;
}

const NAMED = new Map<string, CType>([
  ['void', { kind: 'void', spelling: 'void' }],
  ['bool', { kind: 'bool', spelling: 'bool' }],
  ['_Bool', { kind: 'bool', spelling: '_Bool' }],
  ['float', { kind: 'float', bits: 32, spelling: 'float' }],
  ['double', { kind: 'float', bits: 64, spelling: 'double' }],
  ['size_t', int(widths.pointer, false, 'size_t')],
  ['uintptr_t', int(widths.pointer, false, 'uintptr_t')],
  ['ssize_t', int(widths.pointer, true, 'ssize_t')],
  ['intptr_t', int(widths.pointer, true, 'intptr_t')],
  ['ptrdiff_t', int(widths.pointer, true, 'ptrdiff_t')],
  ...[8, 16, 32, 64].flatMap((bits): [string, CType][] => [
    [`int${bits}_t`, int(bits, true, `int${bits}_t`)],
    [`uint${bits}_t`, int(bits, false, `uint${bits}_t`)],
  ]),
]);

/** The Rust spelling of a C type for a fix or a stub (`c_int` for `int`, `i32` for `int32_t`). */
export function rustSpellingOfPrimitive(type: CType): string | undefined {
  if (type.kind === 'void') return '()';
  if (type.kind === 'bool') return 'bool';
  if (type.kind === 'float') return type.bits === 32 ? 'f32' : 'f64';
  if (type.kind !== 'int') return undefined;
  const words = type.spelling.trim().split(/\s+/);
  const exact = /^(u?)int(8|16|32|64)_t$/.exec(type.spelling);
  if (exact) return `${exact[1] ? 'u' : 'i'}${exact[2]}`;
  if (type.spelling === 'size_t' || type.spelling === 'uintptr_t') return 'usize';
  if (type.spelling === 'ssize_t' || type.spelling === 'intptr_t' || type.spelling === 'ptrdiff_t') return 'isize';
  const u = type.signed === false ? 'u' : '';
  if (words.includes('char')) return type.signed === undefined ? 'c_char' : type.signed ? 'c_schar' : 'c_uchar';
  if (words.includes('short')) return `c_${u}short`;
  const longs = words.filter((w) => w === 'long').length;
  if (longs >= 2) return `c_${u}longlong`;
  if (longs === 1) return `c_${u}long`;
  if (words.some((w) => w === 'int' || w === 'unsigned' || w === 'signed')) return `c_${u}int`;
  return `${type.signed === false ? 'u' : 'i'}${type.bits}`;
}
