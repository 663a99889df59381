// No published tree-sitter Rust grammar parses edition 2024's `safe fn` / `safe static` items inside
// `unsafe extern` blocks. We hide the contextual keyword from the parser by replacing it with spaces of the
// same length, so every offset and position in the tree stays identical to the user's text. The engine always
// reads source text from the original string, never from the masked one.

const SAFE_QUALIFIER = /\bsafe(?=\s+(?:fn|static)\b)/g;

/** Start offsets of masked `safe` keywords (each 4 UTF-16 units long). */
export function findSafeQualifiers(text: string): number[] {
  const offsets: number[] = [];
  for (const match of text.matchAll(SAFE_QUALIFIER)) offsets.push(match.index);
  return offsets;
}

export const SAFE_KEYWORD_LENGTH = 4;

export function maskSafeQualifiers(text: string, offsets: readonly number[]): string {
  if (offsets.length === 0) return text;
  let out = '';
  let last = 0;
  for (const offset of offsets) {
    out += text.slice(last, offset) + '    ';
    last = offset + SAFE_KEYWORD_LENGTH;
  }
  return out + text.slice(last);
}
