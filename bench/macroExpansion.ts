// The cost of macro_rules! expansion (server/src/macros/): a crate whose exports are written by hundreds of
// macro calls, against the same crate with the expansions written out by hand. Cold analysis (fresh engine,
// empty expansion caches) and one keystroke in the open file (in a function body, and inside one call).
// Run alone with `node --import tsx bench/macroExpansion.ts`, or as part of `npm run bench`.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Engine } from '../server/src/engine/engine';
import { clearExpansionCaches, expansionStats } from '../server/src/macros/crateExpansion';
import { bodyStats, clearBodyCache } from '../server/src/bodies/bodyOf';
import type { ContentChange } from '../server/src/parsing/rustSource';
import { assetsIn, type ParserAssets } from '../server/src/parsing/treeSitter';
import { LineIndex } from '../server/src/parsing/lineIndex';
import { ms, p50, p95, printTable } from './stats';

const CALLS = 600;
const KEYSTROKES = 15;
const WARMUP = 3;

const MACROS = `macro_rules! ffi_fn {
    ($(#[$attr:meta])* fn $name:ident($($arg:ident: $ty:ty),*) -> $ret:ty $body:block) => {
        $(#[$attr])*
        #[no_mangle]
        pub extern "C" fn $name($($arg: $ty),*) -> $ret $body
    };
}
macro_rules! handle {
    ($name:ident { $($field:ident: $fty:ty),* $(,)? }) => {
        #[repr(C)]
        pub struct $name { $(pub $field: $fty),* }
        impl $name {
            pub fn new() -> Self { $name { $($field: Default::default()),* } }
        }
    };
}
macro_rules! export_static {
    ($name:ident: $ty:ty = $value:expr) => {
        #[no_mangle]
        pub static $name: $ty = $value;
    };
}
`;

function call(i: number): string {
  switch (i % 3) {
    case 0:
      return `ffi_fn! {\n    /// Adds.\n    fn add_${i}(a: i32, b: i32) -> i32 {\n        a.wrapping_add(b).wrapping_mul(${i})\n    }\n}`;
    case 1:
      return `handle!(Handle${i} { width: u32, height: u32, scale: f64 });`;
    default:
      return `export_static!(VALUE_${i}: u32 = ${i} * 2 + 1);`;
  }
}

/** What the call expands to, written by hand: the baseline without expansion. */
function written(i: number): string {
  switch (i % 3) {
    case 0:
      return `/// Adds.\n#[no_mangle]\npub extern "C" fn add_${i}(a: i32, b: i32) -> i32 {\n    a.wrapping_add(b).wrapping_mul(${i})\n}`;
    case 1:
      return `#[repr(C)]\npub struct Handle${i} { pub width: u32, pub height: u32, pub scale: f64 }\nimpl Handle${i} {\n    pub fn new() -> Self { Handle${i} { width: Default::default(), height: Default::default(), scale: Default::default() } }\n}`;
    default:
      return `#[no_mangle]\npub static VALUE_${i}: u32 = ${i} * 2 + 1;`;
  }
}

const TAIL = '\npub fn helper(x: u32) -> u32 {\n    x + 1\n}\n';

export interface MacroBenchResult {
  calls: number;
  lines: { macros: number; written: number };
  findings: { macros: number; written: number };
  coldMs: { macros: number[]; written: number[] };
  bodyKeystrokeMs: { macros: number[]; written: number[] };
  callKeystrokeMs: number[];
  reExpandedPerBodyKeystroke: number;
  reExpandedPerCallKeystroke: number;
  body: BodyBenchResult;
}

export interface BodyBenchResult {
  exports: number;
  calls: number;
  findings: { macros: number; written: number };
  coldMs: { macros: number[]; written: number[] };
  /** A keystroke in a function without macro calls, and inside one body-level call. */
  keystrokeMs: { macros: number[]; written: number[]; inCall: number[] };
  perKeystroke: { expansions: number; parses: number; inCallExpansions: number; inCallParses: number };
}

async function cold(assets: ParserAssets, file: string, runs: number): Promise<{ ms: number[]; findings: number }> {
  const samples: number[] = [];
  let findings = 0;
  for (let r = 0; r < runs; r++) {
    clearExpansionCaches();
    clearBodyCache();
    const engine = await Engine.create({ assets });
    const start = performance.now();
    findings = (await engine.analyzeFile(file)).findings.length;
    samples.push(performance.now() - start);
    engine.dispose();
  }
  return { ms: samples, findings };
}

/** Keystrokes at `offset` of the open document (typing digits), each followed by an analysis. */
async function keystrokes(assets: ParserAssets, file: string, text: string, offset: number): Promise<{ ms: number[]; expansions: number; parses: number }> {
  const engine = await Engine.create({ assets });
  engine.files.openDocument(file, text);
  await engine.analyzeFile(file);
  let current = text;
  const samples: number[] = [];
  let expansions = 0;
  let parses = 0;
  for (let k = 0; k < WARMUP + KEYSTROKES; k++) {
    const at = new LineIndex(current).positionAt(offset);
    const change: ContentChange = { range: { start: at, end: at }, text: '1' };
    current = current.slice(0, offset) + '1' + current.slice(offset);
    const before = expansionStats.expansions;
    const parsesBefore = bodyStats.parses;
    const start = performance.now();
    engine.files.changeDocument(file, [change]);
    await engine.analyzeFile(file);
    if (k >= WARMUP) {
      samples.push(performance.now() - start);
      expansions += expansionStats.expansions - before;
      parses += bodyStats.parses - parsesBefore;
    }
  }
  engine.dispose();
  return { ms: samples, expansions: expansions / KEYSTROKES, parses: parses / KEYSTROKES };
}

/** The two one-file crates under `tmp`: with macro calls, and with the same items written out. */
export function writeMacroCrates(tmp: string): { macroFile: string; macroText: string; writtenFile: string; writtenText: string } {
  const indices = Array.from({ length: CALLS }, (_, i) => i);
  const macroText = `${MACROS}\n${indices.map(call).join('\n')}\n${TAIL}`;
  const writtenText = `${indices.map(written).join('\n')}\n${TAIL}`;
  const macroFile = path.join(tmp, 'macros', 'lib.rs');
  const writtenFile = path.join(tmp, 'written', 'lib.rs');
  for (const [file, text] of [[macroFile, macroText], [writtenFile, writtenText]]) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return { macroFile, macroText, writtenFile, writtenText };
}

export async function measureMacroExpansion(tmp: string, assets: ParserAssets): Promise<MacroBenchResult> {
  const { macroFile, macroText, writtenFile, writtenText } = writeMacroCrates(tmp);
  // One throwaway run of each first: whichever ran first would otherwise pay for warming up the JIT.
  await cold(assets, macroFile, 1);
  await cold(assets, writtenFile, 1);
  const coldMacros = await cold(assets, macroFile, 3);
  const coldWritten = await cold(assets, writtenFile, 3);
  // In `helper`'s body (after every call), in the literal of the middle `export_static!` call.
  const bodyOffset = (text: string) => text.lastIndexOf('x + 1') + 4;
  const middle = macroText.indexOf(`export_static!(VALUE_${CALLS / 2 + 2}: u32 = `) + `export_static!(VALUE_${CALLS / 2 + 2}: u32 = `.length;
  const bodyMacros = await keystrokes(assets, macroFile, macroText, bodyOffset(macroText));
  const bodyWritten = await keystrokes(assets, writtenFile, writtenText, bodyOffset(writtenText));
  const inCall = await keystrokes(assets, macroFile, macroText, middle);
  return {
    calls: CALLS,
    lines: { macros: macroText.split('\n').length, written: writtenText.split('\n').length },
    findings: { macros: coldMacros.findings, written: coldWritten.findings },
    coldMs: { macros: coldMacros.ms, written: coldWritten.ms },
    bodyKeystrokeMs: { macros: bodyMacros.ms, written: bodyWritten.ms },
    callKeystrokeMs: inCall.ms,
    reExpandedPerBodyKeystroke: bodyMacros.expansions,
    reExpandedPerCallKeystroke: inCall.expansions,
    body: await measureBodyExpansion(tmp, assets),
  };
}

const BODY_EXPORTS = 300;

const BODY_MACROS = `use std::ffi::{c_char, CStr};
macro_rules! ffi_try {
    ($e:expr, $err:expr) => {
        match $e {
            Ok(v) => v,
            Err(_) => return $err,
        }
    };
}
macro_rules! c_check {
    ($p:expr) => {
        assert!(!$p.is_null(), "null argument")
    };
}
`;

/** An export whose body calls the two macros, or (`written`) the same body with their expansions written out. */
function bodyExport(i: number, written: boolean): string {
  // The check panics: every export has a finding, at the call (macros) or at the assert (written out).
  const check = written ? 'assert!(!name.is_null(), "null argument");' : 'c_check!(name);';
  const parse = written ? `match unsafe { CStr::from_ptr(name) }.to_str() {\n        Ok(v) => v,\n        Err(_) => return -2,\n    }` : 'ffi_try!(unsafe { CStr::from_ptr(name) }.to_str(), -2)';
  const number = written ? `match text.parse::<i32>() {\n        Ok(v) => v,\n        Err(_) => return -3,\n    }` : 'ffi_try!(text.parse::<i32>(), -3)';
  return `#[no_mangle]\npub extern "C" fn plugin_parse_${i}(name: *const c_char) -> i32 {\n    ${check}\n    let text = ${parse};\n    let n = ${number};\n    n.wrapping_mul(${i})\n}`;
}

async function measureBodyExpansion(tmp: string, assets: ParserAssets): Promise<BodyBenchResult> {
  const indices = Array.from({ length: BODY_EXPORTS }, (_, i) => i);
  const macroText = `${BODY_MACROS}\n${indices.map((i) => bodyExport(i, false)).join('\n')}\n${TAIL}`;
  const writtenText = `use std::ffi::{c_char, CStr};\n${indices.map((i) => bodyExport(i, true)).join('\n')}\n${TAIL}`;
  const macroFile = path.join(tmp, 'body-macros', 'lib.rs');
  const writtenFile = path.join(tmp, 'body-written', 'lib.rs');
  for (const [file, text] of [[macroFile, macroText], [writtenFile, writtenText]]) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  // One throwaway run of each first: whichever ran first would otherwise pay for warming up the JIT.
  await cold(assets, macroFile, 1);
  await cold(assets, writtenFile, 1);
  const coldMacros = await cold(assets, macroFile, 3);
  const coldWritten = await cold(assets, writtenFile, 3);
  const bodyOffset = (text: string) => text.lastIndexOf('x + 1') + 4;
  const inOther = await keystrokes(assets, macroFile, macroText, bodyOffset(macroText));
  const inWritten = await keystrokes(assets, writtenFile, writtenText, bodyOffset(writtenText));
  // In the literal of the middle export's `ffi_try!(text.parse::<i32>(), -3)` call.
  const inCallOffset = macroText.indexOf(`-3)`, macroText.indexOf(`plugin_parse_${BODY_EXPORTS / 2}(`)) + 1;
  const inCall = await keystrokes(assets, macroFile, macroText, inCallOffset);
  return {
    exports: BODY_EXPORTS,
    calls: BODY_EXPORTS * 3,
    findings: { macros: coldMacros.findings, written: coldWritten.findings },
    coldMs: { macros: coldMacros.ms, written: coldWritten.ms },
    keystrokeMs: { macros: inOther.ms, written: inWritten.ms, inCall: inCall.ms },
    perKeystroke: { expansions: inOther.expansions, parses: inOther.parses, inCallExpansions: inCall.expansions, inCallParses: inCall.parses },
  };
}

export function printMacroExpansion(r: MacroBenchResult): void {
  printTable(
    `Macro expansion: ${r.calls} item-level macro_rules! calls (${r.lines.macros} lines) vs the same items written out (${r.lines.written} lines); findings ${r.findings.macros} / ${r.findings.written}`,
    ['measurement', 'n', 'p50', 'p95', 'cost of expansion (p50)'],
    [
      ['cold analysis, macros (fresh engine, empty caches)', String(r.coldMs.macros.length), ms(p50(r.coldMs.macros)), ms(p95(r.coldMs.macros)), ms(p50(r.coldMs.macros) - p50(r.coldMs.written))],
      ['cold analysis, written out', String(r.coldMs.written.length), ms(p50(r.coldMs.written)), ms(p95(r.coldMs.written)), ''],
      [`keystroke in a fn body + analysis, macros (${r.reExpandedPerBodyKeystroke} re-expansions each)`, String(r.bodyKeystrokeMs.macros.length), ms(p50(r.bodyKeystrokeMs.macros)), ms(p95(r.bodyKeystrokeMs.macros)), ms(p50(r.bodyKeystrokeMs.macros) - p50(r.bodyKeystrokeMs.written))],
      ['keystroke in a fn body + analysis, written out', String(r.bodyKeystrokeMs.written.length), ms(p50(r.bodyKeystrokeMs.written)), ms(p95(r.bodyKeystrokeMs.written)), ''],
      [`keystroke inside one macro call + analysis (${r.reExpandedPerCallKeystroke} re-expansions each)`, String(r.callKeystrokeMs.length), ms(p50(r.callKeystrokeMs)), ms(p95(r.callKeystrokeMs)), ''],
    ],
  );
  const b = r.body;
  printTable(
    `Body-level macro expansion: ${b.exports} exports making ${b.calls} body-level calls (ffi_try!, c_check!) vs the bodies written out; findings ${b.findings.macros} / ${b.findings.written}`,
    ['measurement', 'n', 'p50', 'p95', 'cost of expansion (p50)'],
    [
      ['cold analysis, macros (fresh engine, empty caches)', String(b.coldMs.macros.length), ms(p50(b.coldMs.macros)), ms(p95(b.coldMs.macros)), ms(p50(b.coldMs.macros) - p50(b.coldMs.written))],
      ['cold analysis, written out', String(b.coldMs.written.length), ms(p50(b.coldMs.written)), ms(p95(b.coldMs.written)), ''],
      [`keystroke in a fn without calls + analysis, macros (${b.perKeystroke.expansions} expansions, ${b.perKeystroke.parses} body parses each)`, String(b.keystrokeMs.macros.length), ms(p50(b.keystrokeMs.macros)), ms(p95(b.keystrokeMs.macros)), ms(p50(b.keystrokeMs.macros) - p50(b.keystrokeMs.written))],
      ['keystroke in a fn without calls + analysis, written out', String(b.keystrokeMs.written.length), ms(p50(b.keystrokeMs.written)), ms(p95(b.keystrokeMs.written)), ''],
      [`keystroke inside one body-level call + analysis (${b.perKeystroke.inCallExpansions} expansions, ${b.perKeystroke.inCallParses} body parses each)`, String(b.keystrokeMs.inCall.length), ms(p50(b.keystrokeMs.inCall)), ms(p95(b.keystrokeMs.inCall)), ''],
    ],
  );
}

if (require.main === module) {
  void (async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'rpg-bench-macros-'));
    try {
      printMacroExpansion(await measureMacroExpansion(tmp, assetsIn(path.resolve(__dirname, '..', 'dist'))));
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  })();
}
