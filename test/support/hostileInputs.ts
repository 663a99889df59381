// Generated Rust that reaches the depths and sizes of issue 20: deep nesting of each kind, a raw string that
// makes tree-sitter's error recovery quadratic, and thousands of copies of one export.

/** An ordinary export with a finding (`String` has no C layout): it must still be reported next to any shape. */
export const GOOD_EXPORT = '#[no_mangle]\npub extern "C" fn good_one(name: String) -> u32 { 0 }\n';
/** The line of `good_one` in a file that starts with GOOD_EXPORT. */
export const GOOD_EXPORT_LINE = 1;

/** Items nested `depth` deep, one per shape; each a complete, valid Rust item. */
export function deepShapes(depth: number): Record<string, string> {
  const arms = Array.from({ length: depth }, (_, i) => `if a == ${i} { ${i} }`).join(' else ');
  return {
    'nested Option in a signature': `pub fn deep_option(x: ${'Option<'.repeat(depth)}u8${'>'.repeat(depth)}) {}\n`,
    'method chain': `#[no_mangle]\npub extern "C" fn chain() -> u32 {\n    let x = 0u32${'.wrapping_add(1)'.repeat(depth)};\n    x\n}\n`,
    'else-if chain': `#[no_mangle]\npub extern "C" fn arms(a: u32) -> u32 {\n    ${arms} else { 0 }\n}\n`,
    'nested modules': `${'pub mod m { '.repeat(depth)}#[no_mangle] pub extern "C" fn inner(x: String) {}${' }'.repeat(depth)}\n`,
    'sum of twice as many terms': `#[no_mangle]\npub extern "C" fn sum(a: u32) -> u32 {\n    ${Array.from({ length: 2 * depth }, () => 'a').join(' + ')}\n}\n`,
    'nested parentheses': `#[no_mangle]\npub extern "C" fn parens(a: u32) -> u32 {\n    ${'('.repeat(depth)}a${')'.repeat(depth)}\n}\n`,
    'nested use tree': `use ${'a::{'.repeat(depth)}b${'}'.repeat(depth)};\n`,
  };
}

/**
 * An unterminated raw string with many near-terminators (`"#` never reaches the four `#` it needs): tree-sitter
 * takes quadratic time on it (48 KB: about 8 s unbounded).
 */
export function slowToParse(bytes = 48 * 1024): string {
  const head = 'pub const TEXT: &str = r####"';
  return head + 'a"#'.repeat(Math.ceil((bytes - head.length) / 3));
}

/** `copies` exports of the symbol `plugin_init`, one per module. */
export function duplicateExports(copies: number): string {
  return Array.from({ length: copies }, (_, i) => `mod v${i} { #[no_mangle] pub extern "C" fn plugin_init() {} }`).join('\n') + '\n';
}
