// Mutations of real plugin code for fuzzing the server: each turns a text into the next document state,
// as an edit the client sends (an incremental change or a whole new text).

/** One edit of the document: replace UTF-16 offsets [start, end) with `text`, or the whole text. */
export type Mutation = { kind: string; start: number; end: number; text: string } | { kind: string; whole: string };

/** The kinds that produce inputs a server must survive but that are expensive; drawn rarely. */
export const HEAVY_KINDS = ['megabyte-line', 'deep-nesting', 'deep-types', 'deep-modules'] as const;

const BRACKETS = ['{', '}', '(', ')', '[', ']', '<', '>', '"', "'", 'r#"', '"#', '/*', '*/', '#[', '#![', '|', '::'];
const TOKENS = ['fn ', 'pub ', 'extern "C" ', 'unsafe ', '#[no_mangle]\n', '#[unsafe(no_mangle)]\n', '#[repr(C)]\n', 'struct S', 'enum E', 'impl ', 'mod m;', 'use super::*;', 'char', '&str', 'String', 'Box<u8>', '*mut u8', 'Option<extern "C" fn()>', '-> !', 'panic!()', '.unwrap()', 'Box::into_raw(b)', 'CString::new("x").unwrap().as_ptr()', 'catch_unwind(|| {})', 'macro_rules! m { () => {} }', "'a", '&\'static ', '#[cfg(test)]\n', '// rpg-allow(ffi-unsafe-type)\n'];
const UNICODE = ['é', '😀', '👩‍👩‍👧', '\u0301', '\u200b', '\u202e', '\ufeff', '\ud800', '\udc00', '𝔘', 'ß', '\u2028', '\u0085', '中文', '\u0000', '\u0000\u0000', '\u0007', '\u001b[31m'];
const LINE_BREAKS = ['\n', '\r\n', '\r', '\r\r\n', '\n\r'];

export interface MutationSource {
  random: () => number;
  /** Texts to draw insertions and new bases from (real plugin code). */
  corpus: readonly string[];
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function offset(random: () => number, text: string): number {
  return Math.floor(random() * (text.length + 1));
}

/** A random mutation of `text`; heavy kinds only when `heavy` is set (or forced by `kind`). */
export function mutate(source: MutationSource, text: string, options: { heavy?: boolean; kind?: string } = {}): Mutation {
  const { random, corpus } = source;
  const kind = options.kind ?? (options.heavy ? pick(random, HEAVY_KINDS) : pickLight(random));
  const at = offset(random, text);
  switch (kind) {
    case 'delete': {
      const length = Math.floor(random() ** 3 * Math.min(text.length - at, 400));
      return { kind, start: at, end: at + length, text: '' };
    }
    case 'insert-code': {
      const donor = pick(random, corpus);
      const from = offset(random, donor);
      return { kind, start: at, end: at, text: donor.slice(from, from + 1 + Math.floor(random() * 200)) };
    }
    case 'bracket':
      return { kind, start: at, end: at, text: pick(random, BRACKETS) };
    case 'token':
      return { kind, start: at, end: at, text: pick(random, TOKENS) };
    case 'unicode':
      return { kind, start: at, end: at, text: pick(random, UNICODE) };
    case 'line-break':
      return { kind, start: at, end: at, text: pick(random, LINE_BREAKS) };
    case 'split-pair': {
      // Lands in the middle of a surrogate pair or a CRLF, when there is one.
      const pair = text.search(/[\ud800-\udbff][\udc00-\udfff]|\r\n/);
      const inside = pair >= 0 ? pair + 1 : at;
      return { kind, start: inside, end: inside + (random() < 0.5 ? 0 : 1), text: random() < 0.5 ? '' : 'x' };
    }
    case 'line-endings': {
      const ending = pick(random, ['\r\n', '\r', '\n']);
      return { kind, whole: text.replace(/\r\n|\r|\n/g, ending) };
    }
    case 'bom':
      return { kind, whole: text.startsWith('\ufeff') ? text.slice(1) : `\ufeff${text}` };
    case 'empty':
      return { kind, whole: '' };
    case 'new-base':
      return { kind, whole: pick(random, corpus) };
    case 'megabyte-line': {
      const filler = pick(random, ['a', '(', '"', '/', ' ', 'é', '😀', '\u0000', 'x: u8, ']);
      const line = random() < 0.5 ? `// ${filler.repeat(Math.ceil(1_000_000 / filler.length))}` : `static S: &str = "${'y'.repeat(1_000_000)}";`;
      return { kind, start: at, end: at, text: `\n${line}\n` };
    }
    case 'deep-nesting': {
      const [open, close] = pick(random, [['(', ')'], ['{', '}'], ['[', ']'], ['{ ', ''], ['(', '']]);
      return { kind, start: at, end: at, text: `\nfn deep() { let x = ${open.repeat(10_000)}1${close.repeat(10_000)}; }\n` };
    }
    case 'deep-types':
      return { kind, start: at, end: at, text: `\npub extern "C" fn deep(x: ${'Option<'.repeat(10_000)}u8${'>'.repeat(10_000)}) {}\n` };
    case 'deep-modules':
      return { kind, start: at, end: at, text: `\n${'mod m { '.repeat(10_000)}pub struct S;${' }'.repeat(10_000)}\n` };
    default:
      throw new Error(`unknown mutation kind ${kind}`);
  }
}

const LIGHT: [string, number][] = [
  ['delete', 20],
  ['insert-code', 20],
  ['bracket', 12],
  ['token', 12],
  ['unicode', 8],
  ['line-break', 8],
  ['split-pair', 4],
  ['line-endings', 3],
  ['bom', 2],
  ['empty', 1],
  ['new-base', 6],
];
const LIGHT_TOTAL = LIGHT.reduce((sum, [, weight]) => sum + weight, 0);

function pickLight(random: () => number): string {
  let roll = random() * LIGHT_TOTAL;
  for (const [kind, weight] of LIGHT) {
    roll -= weight;
    if (roll < 0) return kind;
  }
  return LIGHT[0][0];
}

/** Every kind, light and heavy: a bounded batch runs each at least once. */
export const ALL_KINDS = [...LIGHT.map(([kind]) => kind), ...HEAVY_KINDS];

/** The text after `mutation`. */
export function applyMutation(text: string, mutation: Mutation): string {
  return 'whole' in mutation ? mutation.whole : text.slice(0, mutation.start) + mutation.text + text.slice(mutation.end);
}

/** A short description for failure reports (the inserted text cut to its first characters). */
export function describeMutation(mutation: Mutation): string {
  const shown = (s: string) => JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…(${s.length} chars)` : s);
  return 'whole' in mutation ? `${mutation.kind}: whole text ${shown(mutation.whole)}` : `${mutation.kind}: [${mutation.start}, ${mutation.end}) → ${shown(mutation.text)}`;
}
