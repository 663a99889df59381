// macro_rules! expansion: matching, transcription, crate integration, finding locations and fixes.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { crateExports } from '../../server/src/boundary/crateExports';
import type { Finding } from '../../server/src/engine/types';
import { expansionStats } from '../../server/src/macros/crateExpansion';
import { LineIndex } from '../../server/src/parsing/lineIndex';
import { applyEdits } from '../support/edits';
import { testEngine, writeTree } from '../support/engine';

const CDYLIB = '[package]\nname = "plug"\nversion = "0.1.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n';

async function analyse(files: Record<string, string>, root = 'src/lib.rs') {
  const dir = writeTree({ 'Cargo.toml': CDYLIB, ...files });
  const engine = await testEngine();
  const file = path.join(dir, root);
  engine.files.invalidate(file);
  const { crate, findings } = await engine.analyzeFile(file);
  return { dir, file, crate: crate!, findings };
}

function textAt(text: string, range: Finding['range']): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}

/** "rule at `text`" for every finding in `file`, with the text it points at. */
function located(findings: Finding[], file: string, source: string): string[] {
  return findings.filter((f) => f.file === file).map((f) => `${f.rule} at ${textAt(source, f.range)}`);
}

const EXPORT_PLUGIN = `pub struct Descriptor {
    pub version: u32,
}

macro_rules! export_plugin {
    ($name:ident, $ret:ty) => {
        #[no_mangle]
        pub extern "C" fn plugin_name() -> String {
            String::from(stringify!($name))
        }
        #[no_mangle]
        pub static PLUGIN_DESCRIPTOR: Descriptor = Descriptor { version: 1 };
        #[no_mangle]
        pub extern "C" fn plugin_value() -> $ret { Default::default() }
    };
}

export_plugin!(demo, Vec<u8>);
`;

describe('macro expansion', () => {
  test('the issue example: findings at the call, or at the call\'s own tokens, saying which macro', async () => {
    const { file, findings } = await analyse({ 'src/lib.rs': EXPORT_PLUGIN });
    assert.deepEqual(located(findings, file, EXPORT_PLUGIN).sort(), [
      'ffi-unsafe-type at Vec<u8>',
      'ffi-unsafe-type at export_plugin!(demo, Vec<u8>)',
      'missing-repr-c at export_plugin!(demo, Vec<u8>)',
    ]);
    const string = findings.find((f) => f.message.startsWith('`String`'))!;
    assert.match(string.message, /\(in the expansion of `export_plugin!`\)\.$/);
    // Related information: the macro rule's line that wrote `String`.
    assert.equal(string.related[0].location.file, file);
    assert.equal(string.related[0].location.range.start.line, 7);
    assert.match(string.related[0].message, /`export_plugin!` produces this code here/);
    // The repr fix edits the user's struct (written outside the macro), at its real place.
    const repr = findings.find((f) => f.rule === 'missing-repr-c')!;
    assert.deepEqual(repr.fixes[0].edits.map((e) => [e.range.start.line, e.newText]), [[0, '#[repr(C)]\n']]);
  });

  test('exports produced by macros are exports of the crate (fragments, repetitions, nesting, $crate)', async () => {
    const source = `
macro_rules! exports {
    ($($vis:vis fn $name:ident($($arg:ident: $ty:ty),*) -> $ret:ty $body:block)+) => {
        $( #[no_mangle] $vis extern "C" fn $name($($arg: $ty),*) -> $ret $body )+
    };
}
macro_rules! constant {
    ($name:ident = $value:expr; $lit:literal) => { #[no_mangle] pub static $name: u32 = $value + $lit; };
}
macro_rules! with_meta {
    (#[$m:meta] $i:item) => { #[$m] $i };
}
macro_rules! munch {
    () => {};
    ($first:ident $($rest:ident)*) => {
        #[no_mangle] pub extern "C" fn $first() {}
        $crate::munch!($($rest)*);
    };
}
macro_rules! lifetimes {
    ($l:lifetime, $p:path, $pat:pat, $s:stmt, $t:tt) => {
        #[no_mangle] pub extern "C" fn with_lifetime<$l>(x: &$l u8) -> u8 { let $pat = *x; $s; $t }
        #[no_mangle] pub extern "C" fn with_path(x: $p) -> $p { x }
    };
}
exports! {
    pub fn add(a: i32, b: i32) -> i32 { a + b }
    pub(crate) fn neg(a: i32) -> i32 { -a }
}
constant!(ANSWER = 40 + 1; 1);
with_meta!(#[no_mangle] pub extern "C" fn meta_fn() {});
munch!(one two three);
lifetimes!('a, std::os::raw::c_int, y, let z = 1, y);
`;
    const { crate } = await analyse({ 'src/lib.rs': source });
    assert.deepEqual(crateExports(crate).map((e) => e.symbol).sort(), ['ANSWER', 'add', 'meta_fn', 'neg', 'one', 'three', 'two', 'with_lifetime', 'with_path']);
  });

  test('macro_use modules, #[macro_export] and crate:: paths across files', async () => {
    const files = {
      'src/lib.rs': '#[macro_use]\nmod macros;\nmod api;\nplugin_fn!(root_fn);\n',
      'src/macros.rs': 'macro_rules! plugin_fn {\n    ($n:ident) => { #[no_mangle] pub extern "C" fn $n(s: &str) {} };\n}\n#[macro_export]\nmacro_rules! exported {\n    ($n:ident) => { #[no_mangle] pub extern "C" fn $n(c: char) {} };\n}\n',
      'src/api.rs': 'plugin_fn!(api_fn);\ncrate::exported!(api_char);\n',
    };
    const { dir, crate, findings } = await analyse(files);
    assert.deepEqual(crateExports(crate).map((e) => e.symbol).sort(), ['api_char', 'api_fn', 'root_fn']);
    const api = path.join(dir, 'src/api.rs');
    assert.deepEqual(located(findings, api, files['src/api.rs']).sort(), ['ffi-unsafe-type at crate::exported!(api_char)', 'ffi-unsafe-type at plugin_fn!(api_fn)']);
  });

  test('a fix of a struct written in the macro body edits the definition; one passed in is not fixed at all', async () => {
    const source = `macro_rules! config {
    ($name:ident) => {
        pub struct $name { pub a: u32 }
        #[no_mangle]
        pub extern "C" fn make() -> $name { $name { a: 1 } }
    };
}
macro_rules! pass_through {
    ($i:item) => { $i #[no_mangle] pub extern "C" fn take(c: Passed) {} };
}
config!(Config);
pass_through!(pub struct Passed { pub b: u8 });
`;
    const { dir, file, findings } = await analyse({ 'src/lib.rs': source });
    const repr = findings.filter((f) => f.rule === 'missing-repr-c');
    assert.deepEqual(repr.map((f) => textAt(source, f.range)).sort(), ['Config', 'pass_through!(pub struct Passed { pub b: u8 })']);
    const inDefinition = repr.find((f) => f.message.startsWith('`Config`'))!;
    assert.equal(inDefinition.fixes.length, 1);
    const fixed = applyEdits(source, inDefinition.fixes[0].edits.filter((e) => e.file === file));
    assert.match(fixed, /\(\$name:ident\) => \{\n {8}#\[repr\(C\)\]\n {8}pub struct \$name \{ pub a: u32 \}/);
    // The struct came from the call: no edit of expansion text anywhere.
    const passed = repr.find((f) => f.message.startsWith('`Passed`'))!;
    const realLines = source.split('\n').length;
    for (const f of findings) for (const fix of f.fixes) for (const edit of fix.edits) assert.ok(edit.range.end.line < realLines, `${f.rule}: ${fix.title}`);
    assert.deepEqual(passed.fixes, []);
    // The fixed definition expands to a C-layout struct: missing-repr-c is gone for Config.
    writeFileSync(file, fixed);
    const engine = await testEngine();
    engine.files.invalidate(file);
    const again = await engine.analyzeFile(file);
    assert.deepEqual(again.findings.filter((f) => f.rule === 'missing-repr-c').map((f) => /^`(\w+)`/.exec(f.message)?.[1]), ['Passed']);
    void dir;
  });

  test('unknown and procedural macros, include! and recursion without end stay silent', async () => {
    const source = `
lazy_static! { static ref X: String = String::new(); }
include!("generated.rs");
macro_rules! forever { () => { forever!(); }; }
forever!();
macro_rules! no_match { (a) => { #[no_mangle] pub extern "C" fn f(s: &str) {} }; }
no_match!(b);
#[derive(Debug)]
#[repr(C)]
pub struct Fine { a: u32 }
`;
    const { findings } = await analyse({ 'src/lib.rs': source, 'src/generated.rs': '#[no_mangle] pub extern "C" fn g(s: &str) {}\n' });
    assert.deepEqual(findings.map((f) => f.rule), []);
  });

  test('long inputs and runaway recursion end quietly: the rest of the crate is still checked', async () => {
    const long = Array.from({ length: 5000 }, (_, i) => `t${i}`).join(' ');
    const source = `macro_rules! count { ($($t:tt)*) => { #[no_mangle] pub static COUNT: usize = 0; }; }
count!(${long});
macro_rules! grow { ($($t:tt)*) => { grow!($($t)* $($t)*); }; }
grow!(a);
#[no_mangle] pub extern "C" fn f(s: &str) {}
`;
    const { findings, crate } = await analyse({ 'src/lib.rs': source });
    assert.deepEqual(findings.map((f) => f.rule), ['ffi-unsafe-type']);
    assert.ok(crateExports(crate).some((e) => e.symbol === 'COUNT'), 'the 5000-token repetition matched (without growing the stack)');
  });

  test('expansions are cached by definition and call text: a keystroke elsewhere expands nothing again', async () => {
    const calls = Array.from({ length: 20 }, (_, i) => `make!(f${i});`).join('\n');
    const source = `macro_rules! make { ($n:ident) => { #[no_mangle] pub extern "C" fn $n() -> u32 { 0 } }; }\n${calls}\n`;
    const { file } = await analyse({ 'src/lib.rs': source });
    const engine = await testEngine();
    const before = { ...expansionStats };
    writeFileSync(file, `// edited\n${source}`);
    engine.files.invalidate(file);
    const { crate } = await engine.analyzeFile(file);
    assert.equal(expansionStats.expansions - before.expansions, 0);
    assert.equal(expansionStats.parses - before.parses, 0);
    assert.equal(crateExports(crate!).length, 20);
    writeFileSync(file, source.replace('make!(f3);', 'make!(g3);'));
    engine.files.invalidate(file);
    await engine.analyzeFile(file);
    assert.equal(expansionStats.expansions - before.expansions, 1);
    assert.equal(expansionStats.parses - before.parses, 1);
    assert.equal(readFileSync(file, 'utf8').includes('g3'), true);
  });
});
