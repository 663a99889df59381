// Body-level macro_rules! expansion (macros/bodyExpansion.ts, bodyMap.ts, bodies/expandedFacts.ts): calls of the
// workspace's own macros inside function bodies are read expanded by the body rules, findings inside an
// expansion point at the call (or at the call's own tokens), and members written by macro calls inside `impl`
// and `trait` bodies are members like written ones.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { Finding } from '../../server/src/engine/types';
import { expansionStats } from '../../server/src/macros/crateExpansion';
import { bodyOf, bodyStats } from '../../server/src/bodies/bodyOf';
import { VIRTUAL_BASE } from '../../server/src/macros/bodyMap';
import { LineIndex } from '../../server/src/parsing/lineIndex';
import { testEngine, writeTree } from '../support/engine';

const CDYLIB = '[package]\nname = "plug"\nversion = "0.1.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n';

async function analyse(source: string) {
  const dir = writeTree({ 'Cargo.toml': CDYLIB, 'src/lib.rs': source });
  const engine = await testEngine();
  const file = path.join(dir, 'src/lib.rs');
  const { findings, crate } = await engine.analyzeFile(file);
  return { file, crate: crate!, engine, findings: findings.filter((f) => f.file === file && f.rule !== 'ffi-unsafe-type') };
}

function textAt(text: string, range: Finding['range']): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}

/** "rule at `text`: related `text` ..." for each finding, with the texts they point at. */
function located(findings: Finding[], source: string): string[] {
  return findings.map((f) => `${f.rule} at ${textAt(source, f.range)}${f.related.map((r) => ` | ${r.location.range.start.line + 1}:${textAt(source, r.location.range)}`).join('')}`);
}

const FFI_TRY = `macro_rules! ffi_try {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(e) => panic!("ffi error: {}", e),
        }
    };
}

fn parse(s: &str) -> Result<i32, String> { s.parse::<i32>().map_err(|e| e.to_string()) }

#[no_mangle]
pub extern "C" fn plugin_value() -> i32 {
    let v = ffi_try!(parse("12"));
    v + 1
}
`;

describe('body-level macro expansion', () => {
  test('panic-across-ffi: a panic! a crate macro writes into an export body is a site at the call, related to the macro line', async () => {
    const { findings } = await analyse(FFI_TRY);
    assert.deepEqual(located(findings, FFI_TRY), ['panic-across-ffi at plugin_value | 14:ffi_try!(parse("12")) | 5:panic']);
    const [finding] = findings;
    // "line N" names the call's line, never a line of the expanded text.
    assert.match(finding.message, /`panic!` panics, line 14\)/);
    assert.equal(finding.related[0].message, '`panic!` panics (in the expansion of `ffi_try!`)');
    assert.equal(finding.related[1].message, '`ffi_try!` produces this code here');
    // The quick fix wraps the user's own body, at its real place.
    assert.deepEqual(finding.fixes[0].edits.map((e) => [e.range.start.line, e.range.end.line]), [[12, 15]]);
    assert.match(finding.fixes[0].edits[0].newText, /let v = ffi_try!\(parse\("12"\)\);/);
  });

  test('CRLF and lone CR line ends: the site is still at the call', async () => {
    for (const eol of ['\r\n', '\r']) {
      const source = FFI_TRY.replace(/\n/g, eol);
      const { findings } = await analyse(source);
      assert.deepEqual(located(findings, source), ['panic-across-ffi at plugin_value | 14:ffi_try!(parse("12")) | 5:panic'], JSON.stringify(eol));
    }
  });

  test('panic-across-ffi is silent where the expansion shows no panic reaches the host', async () => {
    const source = `macro_rules! guard {
    ($default:expr, $body:block) => {
        match std::panic::catch_unwind(|| $body) { Ok(v) => v, Err(_) => $default }
    };
}
macro_rules! at_or_zero {
    ($v:expr, $i:expr) => { if $i < $v.len() { $v[$i] } else { 0 } };
}
macro_rules! or_zero {
    ($e:expr) => { match $e { Some(v) => v, None => 0 } };
}
#[no_mangle]
pub extern "C" fn plugin_parse(n: i32) -> i32 {
    guard!(-1, { let v: Option<i32> = None; v.unwrap() + n })
}
#[no_mangle]
pub extern "C" fn plugin_pick(i: usize) -> u8 {
    let v = vec![1u8, 2, 3];
    at_or_zero!(v, i)
}
#[no_mangle]
pub extern "C" fn plugin_opt(x: Option<&i32>) -> i32 {
    let y = x.copied();
    if y.is_some() { return y.unwrap(); }
    or_zero!(y)
}
`;
    const { findings } = await analyse(source);
    assert.deepEqual(located(findings, source), []);
  });

  test('std macros, unknown and procedural macros keep their treatment; a macro defined in the function is not the crate\'s', async () => {
    const source = `macro_rules! boom { () => { panic!("boom") }; }
#[no_mangle]
pub extern "C" fn plugin_a(x: i32) -> i32 {
    assert!(x > 0);
    x
}
#[no_mangle]
pub extern "C" fn plugin_b(x: i32) -> i32 {
    some_crate_macro!(x);
    x
}
#[no_mangle]
pub extern "C" fn plugin_c(x: i32) -> i32 {
    macro_rules! boom { () => { 0 }; }
    boom!() + x
}
`;
    const { findings } = await analyse(source);
    assert.deepEqual(located(findings, source), ['panic-across-ffi at plugin_a | 4:assert!(x > 0)']);
  });

  test('the function\'s own code is reported where it is; a site in the call\'s own tokens at those tokens; nested calls at the outermost call', async () => {
    const source = `macro_rules! twice { ($e:expr) => { $e * 2 }; }
macro_rules! wrap { ($b:block) => { { let r = $b; r } }; }
macro_rules! inner { ($e:expr) => { $e.unwrap() }; }
macro_rules! outer { ($e:expr) => { inner!($e) + 1 }; }
macro_rules! forever { ($e:expr) => { forever!($e) }; }
#[no_mangle]
pub extern "C" fn plugin_own(x: Option<i32>, y: Option<i32>) -> i32 {
    let a = twice!(1);
    if y.is_some() { let _ = y.unwrap(); }
    let c = wrap!({ y.expect("y") });
    let d = outer!(x);
    let e = forever!(x);
    x.unwrap() + a + c + d
}
`;
    const { findings } = await analyse(source);
    assert.deepEqual(located(findings, source), ['panic-across-ffi at plugin_own | 10:expect | 2:($b:block) => { { let r = $b; r } } | 11:outer!(x) | 3:unwrap | 13:unwrap']);
    const related = findings[0].related.map((r) => r.message);
    assert.equal(related[0], '`.expect()` panics on `None`/`Err` (in the expansion of `wrap!`)');
    assert.equal(related[2], '`.unwrap()` panics on `None`/`Err` (in the expansion of `outer!`)');
    assert.equal(related[4], '`.unwrap()` panics on `None`/`Err`');
  });

  test('two sites of one expansion relate the call once, and each token the macro writes', async () => {
    const source = `macro_rules! both { ($a:expr, $b:expr) => { $a.unwrap() + $b.unwrap() }; }
#[no_mangle]
pub extern "C" fn plugin_sum(a: Option<i32>, b: Option<i32>) -> i32 {
    both!(a, b)
}
`;
    const { findings } = await analyse(source);
    // The call once; each `unwrap` the macro writes.
    assert.deepEqual(located(findings, source), ['panic-across-ffi at plugin_sum | 4:both!(a, b) | 1:unwrap | 1:unwrap']);
  });

  test('a body-level call inside a function an item-level macro writes maps through both expansions', async () => {
    const source = `macro_rules! ffi_try { ($e:expr) => { match $e { Ok(v) => v, Err(_) => unreachable!() } }; }
macro_rules! ffi_fn { (fn $name:ident() -> $ret:ty $body:block) => { #[no_mangle] pub extern "C" fn $name() -> $ret $body }; }
ffi_fn! {
    fn plugin_item() -> i32 {
        let r: Result<i32, ()> = Ok(1);
        ffi_try!(r)
    }
}
`;
    const { findings } = await analyse(source);
    assert.deepEqual(located(findings, source), ['panic-across-ffi at plugin_item | 2:(fn $name:ident() -> $ret:ty $body:block) => { #[no_mangle] pub extern "C" fn $name() -> $ret $body } | 6:ffi_try!(r) | 1:unreachable']);
    assert.equal(findings[0].related[1].message, '`unreachable!` panics (in the expansion of `ffi_try!`)');
  });

  test('hygiene: a local the macro binds with its own name is not the caller\'s local of that name', async () => {
    const source = `use std::ffi::{c_char, CStr, CString};
extern "C" { fn host_log(p: *const c_char); }
macro_rules! log_it { ($v:expr) => { let s = CString::new($v).unwrap_or_default(); unsafe { host_log(s.as_ptr()) }; }; }
static NAME: &CStr = c"demo";
#[no_mangle]
pub extern "C" fn plugin_name() -> *const c_char {
    let s: &'static CStr = NAME;
    log_it!("called");
    s.as_ptr()
}
`;
    const { findings } = await analyse(source);
    // `plugin_name` returns its static's pointer, not one into the macro's `CString`.
    assert.deepEqual(located(findings, source), []);
  });

  test('dangling-pointer, leaked-ownership and mismatched-free see what a body macro does, at the call', async () => {
    const source = `use std::ffi::{c_char, CString};
pub struct Handle { n: i32 }
macro_rules! c_str { ($s:expr) => { CString::new($s).unwrap_or_default().as_ptr() }; }
macro_rules! hand_out { ($v:expr) => { Box::into_raw(Box::new($v)) }; }
macro_rules! reclaim_cstr { ($p:expr) => { drop(unsafe { CString::from_raw($p as *mut c_char) }) }; }
#[no_mangle]
pub extern "C" fn plugin_name() -> *const c_char {
    let p = c_str!("demo");
    p
}
#[no_mangle]
pub extern "C" fn handle_new() -> *mut Handle {
    hand_out!(Handle { n: 1 })
}
#[no_mangle]
pub extern "C" fn handle_free(p: *mut Handle) {
    reclaim_cstr!(p);
}
`;
    const { findings } = await analyse(source);
    assert.deepEqual(located(findings, source).sort(), [
      'dangling-pointer at c_str!("demo") | 3:as_ptr | 9:',
      'mismatched-free at reclaim_cstr!(p) | 5:CString | 13:hand_out!(Handle { n: 1 }) | 4:Box',
    ]);
    // With the destructor gone, the handout leaks: reported at the call that makes it.
    const { findings: leaked } = await analyse(source.replace(/#\[no_mangle\]\npub extern "C" fn handle_free[\s\S]*$/, ''));
    assert.deepEqual(located(leaked, source).filter((l) => l.startsWith('leaked')), ['leaked-ownership at hand_out!(Handle { n: 1 }) | 4:Box | 12:handle_new']);
    assert.match(leaked.find((f) => f.rule === 'leaked-ownership')!.message, /\(in the expansion of `hand_out!`\)\.$/);
  });

  test('what the expansion checks counts: a null check inside a macro (mismatched-free), a C string that ends in its only NUL', async () => {
    const source = `pub struct Handle { n: i32 }
macro_rules! non_null {
    ($ptr:ident, $eval:expr, $err:expr) => {{
        if $ptr.is_null() { return $err; }
        unsafe { $eval }
    }};
    (Box::from_raw($ptr:ident) ?= $err:expr) => {{ non_null!($ptr, Box::from_raw($ptr), $err) }};
}
macro_rules! c_str {
    ($txt:expr) => { std::ffi::CStr::from_bytes_with_nul(concat!($txt, "\\0").as_bytes()).unwrap().as_ptr() };
}
extern "C" { fn warn(what: *const std::ffi::c_char); }
#[no_mangle]
pub extern "C" fn handle_new() -> *mut Handle { Box::into_raw(Box::new(Handle { n: 1 })) }
#[no_mangle]
pub extern "C" fn handle_free(h: *mut Handle) {
    unsafe { warn(c_str!(stringify!(handle_free))) };
    drop(non_null!(Box::from_raw(h) ?= ()));
}
#[no_mangle]
pub extern "C" fn handle_free_unchecked(h: *mut Handle) {
    drop(unsafe { Box::from_raw(h) });
    unsafe { warn(c_str!("x\\0y")) };
}
`;
    const { findings } = await analyse(source);
    // The unchecked destructor is still reported, and a literal with a NUL of its own can fail.
    assert.deepEqual(located(findings, source).sort(), [
      'mismatched-free at Box::from_raw(h)',
      'panic-across-ffi at handle_free_unchecked | 23:c_str!("x\\0y") | 10:unwrap',
    ]);
  });

  test('a fix checks the function as its facts read it: no `into_raw` when the local is used after the pointer', async () => {
    const source = `use std::ffi::{c_char, CString};
macro_rules! noop { () => {}; }
#[no_mangle]
pub extern "C" fn plugin_name() -> *const c_char {
    noop!();
    let name = CString::new("demo").unwrap_or_default();
    let p = name.as_ptr();
    let _n = name.as_bytes().len();
    p
}
#[no_mangle]
pub extern "C" fn plugin_title() -> *const c_char {
    noop!();
    let title = CString::new("demo").unwrap_or_default();
    title.as_ptr()
}
`;
    const { findings } = await analyse(source);
    assert.deepEqual(findings.map((f) => [f.rule, f.range.start.line, f.fixes.map((x) => x.title.split(' and ')[0])]), [
      ['dangling-pointer', 6, []],
      ['dangling-pointer', 14, ['Hand ownership out with `into_raw`']],
    ]);
    // The fix edits the user's own `as_ptr`, at its real place.
    assert.deepEqual(findings[1].fixes[0].edits[0].range, { start: { line: 14, character: 10 }, end: { line: 14, character: 16 } });
  });

  test('members a macro call writes into an impl are methods of the type; a trait\'s are its members', async () => {
    const source = `pub struct Engine { v: Option<i32> }
macro_rules! engine_methods {
    ($field:ident) => {
        fn run(&self) -> i32 { self.$field.unwrap() }
        fn safe(&self) -> i32 { 0 }
        more_methods!();
    };
}
macro_rules! more_methods { () => { fn also(&self) -> i32 { 1 } }; }
pub trait Plugin { plugin_defaults!(); }
macro_rules! plugin_defaults { () => { fn name(&self) -> &'static str { "p" } const VERSION: u32 = 1; }; }
impl Engine { engine_methods!(v); }
#[no_mangle]
pub extern "C" fn engine_run(e: &Engine) -> i32 {
    Engine::run(e)
}
#[no_mangle]
pub extern "C" fn engine_safe(e: &Engine) -> i32 {
    Engine::safe(e) + Engine::also(e)
}
`;
    const { findings, crate } = await analyse(source);
    assert.deepEqual(located(findings, source), ['panic-across-ffi at engine_run | 15:Engine::run']);
    const items = crate.modules[0].syntax.items;
    const impl = items.find((i) => i.kind === 'impl')!;
    assert.ok(impl.kind === 'impl');
    assert.deepEqual(impl.functions.map((f) => [f.name, f.context, f.container === impl, f.selfType?.text]), [['run', 'impl', true, 'Engine'], ['safe', 'impl', true, 'Engine'], ['also', 'impl', true, 'Engine']]);
    const trait = items.find((i) => i.kind === 'trait')!;
    assert.ok(trait.kind === 'trait');
    assert.deepEqual([trait.functions.map((f) => [f.name, f.context, f.generics]), trait.consts.map((c) => c.name)], [[['name', 'trait', ['Self']]], ['VERSION']]);
  });

  test('runaway body-level recursion ends quietly; the rest of the body is still checked', async () => {
    const source = `macro_rules! grow { ($($t:tt)*) => { grow!($($t)* $($t)*) }; }
macro_rules! deep { ($e:expr) => { deep!(($e)) }; }
#[no_mangle]
pub extern "C" fn plugin_run(x: Option<i32>) -> i32 {
    grow!(1 2 3);
    let _ = deep!(x);
    x.unwrap()
}
`;
    const { findings } = await analyse(source);
    assert.deepEqual(located(findings, source), ['panic-across-ffi at plugin_run | 7:unwrap']);
  });

  test('readers that take positions back to the text (host interfaces, probes) read bodies as written', async () => {
    const { file, crate } = await analyse(FFI_TRY);
    const fn = crate.modules[0].syntax.items.find((i) => i.name === 'plugin_value');
    assert.ok(fn?.kind === 'function');
    const written = bodyOf(crate, fn, file);
    assert.deepEqual(written.macros.map((m) => [m.name, m.range.start.line]), [['ffi_try', 13]]);
    // The rules' view: the expansion's `panic!` too, and the call's macro fact spanning its expansion.
    const expanded = bodyOf(crate, fn, file, true);
    assert.deepEqual(expanded.macros.map((m) => m.name).sort(), ['ffi_try', 'panic']);
    assert.ok(expanded.macros.every((m) => m.range.start.line >= VIRTUAL_BASE));
  });

  test('expansions are cached by definition and call text: a keystroke in another function expands and parses nothing again', async () => {
    const { file, engine } = await analyse(FFI_TRY);
    const edited = FFI_TRY.replace('fn parse(s: &str)', 'fn parse(s:  &str)');
    const before = { expansions: expansionStats.expansions, parses: bodyStats.parses };
    writeFileSync(file, edited);
    engine.files.invalidate(file);
    const { findings } = await engine.analyzeFile(file);
    assert.equal(findings.filter((f) => f.rule === 'panic-across-ffi').length, 1);
    assert.equal(expansionStats.expansions - before.expansions, 0);
    // Only the edited function is read again.
    assert.equal(bodyStats.parses - before.parses, 1);
    // A line added above the macro definition (and so above every call) moves the findings and the related
    // macro line; nothing is expanded or parsed again.
    const moved = `// a comment\n${edited}`;
    writeFileSync(file, moved);
    engine.files.invalidate(file);
    const again = { expansions: expansionStats.expansions, parses: bodyStats.parses };
    const after = (await engine.analyzeFile(file)).findings.filter((f) => f.rule === 'panic-across-ffi');
    assert.deepEqual(located(after, moved), ['panic-across-ffi at plugin_value | 15:ffi_try!(parse("12")) | 6:panic']);
    assert.deepEqual([expansionStats.expansions - again.expansions, bodyStats.parses - again.parses], [0, 0]);
  });
});
