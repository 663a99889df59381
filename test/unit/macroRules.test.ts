// Every rule sees items a macro_rules! macro writes: each finding sits at the macro call (or at the call's own
// tokens), says it comes from the macro, and no fix edits the user's file at a position inside an expansion.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { crateExports } from '../../server/src/boundary/crateExports';
import type { Finding } from '../../server/src/engine/types';
import { LineIndex } from '../../server/src/parsing/lineIndex';
import { testEngine, writeTree } from '../support/engine';

const CDYLIB = '[package]\nname = "plug"\nversion = "0.1.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n';

async function run(source: string, extra: Record<string, string> = {}, manifest = CDYLIB) {
  const dir = writeTree({ 'Cargo.toml': manifest, 'src/lib.rs': source, ...extra });
  const file = path.join(dir, 'src/lib.rs');
  const { crate, findings } = await (await testEngine()).analyzeFile(file);
  return { dir, file, crate: crate!, findings };
}

function textAt(text: string, range: Finding['range']): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}

/** The findings of `rule` in lib.rs as the text they point at; every one says it came from a macro; no fix edits past the real text. */
async function through(rule: string, source: string, extra: Record<string, string> = {}, manifest = CDYLIB): Promise<string[]> {
  const { file, findings } = await run(source, extra, manifest);
  const realLines = source.split('\n').length;
  for (const f of findings) for (const fix of f.fixes) for (const edit of fix.edits) if (edit.file === file) assert.ok(edit.range.end.line < realLines, `${f.rule}: "${fix.title}" edits inside an expansion`);
  const mine = findings.filter((f) => f.rule === rule && f.file === file);
  for (const f of mine) assert.match(f.message, /\(in the expansion of `\w+!`\)/, f.message);
  return mine.map((f) => textAt(source, f.range));
}

const HEADER_RULES = (body: string) => `#include <stdint.h>\n${body}\n`;

describe('every rule through a macro', () => {
  test('generic-export', async () => {
    const source = 'macro_rules! g { ($n:ident) => { #[no_mangle] pub extern "C" fn $n<T>(t: *const T) {} }; }\ng!(identity);\n';
    assert.deepEqual(await through('generic-export', source), ['g!(identity)']);
  });

  test('duplicate-export: two calls export one symbol', async () => {
    const source = 'macro_rules! e { ($n:ident) => { #[no_mangle] pub extern "C" fn $n() {} }; }\nmod a { e!(init); }\nmod b { e!(init); }\n';
    const found = await through('duplicate-export', source);
    assert.ok(found.length >= 1 && found.every((t) => t === 'init'), JSON.stringify(found));
  });

  test('no-mangle-rust-abi and missing-no-mangle', async () => {
    const source = 'macro_rules! r { ($n:ident) => { #[no_mangle] pub fn $n() {} }; }\nr!(rust_abi);\nmacro_rules! c { () => { pub extern "C" fn mangled() {} }; }\nc!();\nmacro_rules! named { ($n:ident) => { pub extern "C" fn $n() {} }; }\nnamed!(passed_in);\n';
    assert.deepEqual(await through('no-mangle-rust-abi', source), ['rust_abi']);
    assert.deepEqual(await through('missing-no-mangle', source), ['c!()', 'passed_in']);
  });

  test('missing-cdylib: macro-written exports count', async () => {
    const source = 'macro_rules! e { ($n:ident) => { #[no_mangle] pub extern "C" fn $n() {} }; }\ne!(plugin_init);\n';
    const { findings } = await run(source, {}, '[package]\nname = "plug"\nversion = "0.1.0"\nedition = "2021"\n');
    assert.deepEqual(findings.filter((f) => f.rule === 'missing-cdylib').map((f) => path.basename(f.file)), ['Cargo.toml']);
  });

  test('leaked-ownership, dangling-pointer and mismatched-free read macro-written bodies', async () => {
    const leak = 'macro_rules! new_fn { ($n:ident) => { #[no_mangle] pub extern "C" fn $n() -> *mut u32 { Box::into_raw(Box::new(7)) } }; }\nnew_fn!(counter_new);\n';
    assert.deepEqual(await through('leaked-ownership', leak), ['new_fn!(counter_new)']);
    const dangling = 'use std::ffi::CString;\nuse std::os::raw::c_char;\nmacro_rules! name_fn {\n    ($n:ident, $s:literal) => {\n        #[no_mangle]\n        pub extern "C" fn $n() -> *const c_char {\n            let name = CString::new($s).unwrap_or_default();\n            name.as_ptr()\n        }\n    };\n}\nname_fn!(plugin_name, "demo");\n';
    assert.deepEqual(await through('dangling-pointer', dangling), ['name_fn!(plugin_name, "demo")']);
    const frees = `use std::ffi::c_void;
pub struct Config { pub a: u32 }
pub struct State { pub b: u64 }
macro_rules! handle {
    ($new:ident, $free:ident, $freed:ty) => {
        #[no_mangle]
        pub extern "C" fn $new() -> *mut c_void { Box::into_raw(Box::new(Config { a: 1 })) as *mut c_void }
        #[no_mangle]
        pub unsafe extern "C" fn $free(p: *mut c_void) {
            if p.is_null() { return; }
            drop(unsafe { Box::from_raw(p as *mut $freed) });
        }
    };
}
handle!(config_new, config_free, State);
`;
    const found = await through('mismatched-free', frees);
    assert.equal(found.length, 1);
    assert.ok(['handle!(config_new, config_free, State)', 'State'].includes(found[0]), found[0]);
  });

  test('signature-mismatch, layout-mismatch, missing-export and abi-version-mismatch against a header', async () => {
    const header = HEADER_RULES('#define PLUGIN_ABI_VERSION 3\ntypedef struct Point { int32_t x; int32_t y; } Point;\nint32_t plugin_init(int32_t flags);\nuint32_t plugin_abi_version(void);\nvoid plugin_draw(Point p);');
    const source = `macro_rules! exports {
    ($flags:ty, $version:expr) => {
        #[no_mangle]
        pub extern "C" fn plugin_init(flags: $flags) -> i32 { 0 }
        #[no_mangle]
        pub extern "C" fn plugin_abi_version() -> u32 { $version }
    };
}
macro_rules! point {
    () => {
        #[repr(C)]
        pub struct Point { pub x: i32, pub y: i64 }
        #[no_mangle]
        pub extern "C" fn plugin_draw(p: Point) {}
    };
}
exports!(i64, 2);
point!();
`;
    const extra = { 'include/plugin.h': header };
    assert.deepEqual(await through('signature-mismatch', source, extra), ['i64']);
    assert.deepEqual(await through('layout-mismatch', source, extra), ['point!()']);
    assert.deepEqual(await through('abi-version-mismatch', source, extra), ['2']);
    const { findings } = await run(source, extra);
    assert.deepEqual(findings.filter((f) => f.rule === 'missing-export').map((f) => f.message), [], 'the macro-written exports satisfy the header');
  });

  test('c-name-collision: the same macro writes `Config` in two modules', async () => {
    const source = 'macro_rules! config { () => { #[repr(C)] pub struct Config { pub v: u32 } }; }\nmod a { config!(); }\nmod b { config!(); }\n#[no_mangle]\npub extern "C" fn init(a: *const a::Config, b: *const b::Config) {}\n';
    assert.deepEqual(await through('c-name-collision', source), ['config!()']);
  });

  test('panic-across-ffi: an unwrap in a macro-written export', async () => {
    const source = 'macro_rules! getter { ($n:ident) => { #[no_mangle] pub extern "C" fn $n(x: Option<&u32>) -> u32 { *x.unwrap() } }; }\ngetter!(plugin_value);\n';
    assert.deepEqual(await through('panic-across-ffi', source), ['plugin_value'], 'at the call\'s own token that names the export');
  });

  test('no-mangle-const and repr-c-enum-larger-than-int', async () => {
    const source = 'macro_rules! version { () => { #[no_mangle] pub const PLUGIN_VERSION: u32 = 1; }; }\nversion!();\nmacro_rules! flags { ($($v:ident = $e:expr),*) => { #[repr(C)] pub enum Flags { $($v = $e),* } }; }\nflags!(Small = 1, Huge = 0x1_0000_0000);\n#[no_mangle]\npub extern "C" fn plugin_flags(f: Flags) -> u32 { f as u32 }\n';
    assert.deepEqual(await through('no-mangle-const', source), ['version!()']);
    assert.deepEqual(await through('repr-c-enum-larger-than-int', source), ['Huge']);
  });

  test('clashing-extern-declarations: a macro declares a host function that the crate declares otherwise', async () => {
    const source = 'macro_rules! host_fn { ($t:ty) => { extern "C" { fn host_log(level: $t); } }; }\nmod a { extern "C" { fn host_log(level: i32); } }\nmod b { host_fn!(u64); }\n';
    // rustc reports the later declaration, here the macro's.
    assert.deepEqual(await through('clashing-extern-declarations', source), ['host_fn!(u64)']);
  });

  test('abi_stable: #[export_root_module] exports the root module static; #[sabi_extern_fn] exports nothing by name', async () => {
    const source = 'use abi_stable::{export_root_module, sabi_extern_fn};\n#[export_root_module]\npub fn get_library() -> PluginRef { todo!() }\n#[sabi_extern_fn]\npub fn greet(name: RStr<\'_>) {}\n';
    const { crate, findings } = await run(source);
    assert.deepEqual(crateExports(crate).map((e) => [e.symbol, e.kind, e.item]), [['_1as_0lib_1header_0root_bmodule_bloader', 'static', 'get_library']]);
    assert.deepEqual(findings.filter((f) => f.rule === 'missing-cdylib' || f.rule === 'missing-no-mangle' || f.rule === 'no-mangle-rust-abi').map((f) => f.rule), []);
  });
});
