// The probe plan: which exports the loader may call, declared how, and which pairs it checks for leaks.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { planProbes } from '../../server/src/boundary/probePlan';
import { testEngine, writeTree } from '../support/engine';

async function plan(source: string) {
  const dir = writeTree({ 'Cargo.toml': '[package]\nname = "p"\nversion = "0.1.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n', 'src/lib.rs': source });
  const crate = await (await testEngine()).crateOf(path.join(dir, 'src', 'lib.rs'));
  assert.ok(crate);
  return planProbes(crate);
}

const SOURCE = `use std::ffi::{c_char, c_int};
use std::os::raw::c_void;
pub struct Config { threads: u32 }
pub struct Orphan;
type Handle = *mut Config;
#[no_mangle] pub extern "C" fn abi() -> u32 { 1 }
#[no_mangle] pub extern "C" fn count() -> c_int { 1 }
#[export_name = "plugin_ratio"] pub extern "C" fn ratio() -> f32 { 1.0 }
#[no_mangle] pub extern "C" fn name() -> *const c_char { c"n".as_ptr() }
#[no_mangle] pub extern "C" fn describe() -> *mut c_char { std::ptr::null_mut() }
#[no_mangle] pub unsafe extern "C" fn string_free(_s: *mut c_char) {}
#[no_mangle] pub extern "C" fn config_new() -> Handle { std::ptr::null_mut() }
#[no_mangle] pub unsafe extern "C" fn config_free(_c: *mut Config) {}
#[no_mangle] pub extern "C" fn orphan_new() -> *mut Orphan { std::ptr::null_mut() }
#[no_mangle] pub extern "C" fn raw() -> *mut c_void { std::ptr::null_mut() }
#[no_mangle] pub extern "C" fn wide() -> u128 { 0 }
#[no_mangle] pub extern "C" fn add(a: i32, b: i32) -> i32 { a + b }
#[no_mangle] pub extern "C" fn init() {}
#[no_mangle] pub fn rusty() -> u32 { 0 }
#[no_mangle] pub extern "C" fn identity<T>(value: T) -> T { value }
#[no_mangle] pub static PLUGIN_TAG: u32 = 7;
pub extern "C" fn not_exported() -> u32 { 0 }
`;

describe('probe plan', () => {
  test('zero-argument exports returning numbers, bools and strings are probes, declared for koffi', async () => {
    const p = await plan(SOURCE);
    assert.deepEqual(
      p.probes.map((x) => [x.symbol, x.declaration, x.returns, x.free?.symbol]),
      [
        ['abi', 'uint32_t abi(void)', 'integer', undefined],
        ['count', 'int count(void)', 'integer', undefined],
        ['plugin_ratio', 'float plugin_ratio(void)', 'float', undefined],
        ['name', 'const char * name(void)', 'string', undefined],
        ['describe', 'void * describe(void)', 'owned-string', 'string_free'],
      ],
    );
  });

  test('constructor/destructor pairs by signature, through a type alias; a constructor without destructor is kept alone', async () => {
    const p = await plan(SOURCE);
    assert.deepEqual(
      p.pairs.map((x) => [x.type, x.constructor.symbol, x.destructor?.symbol, x.matchedBy]),
      [
        ['Config', 'config_new', 'config_free', 'signature'],
        ['Orphan', 'orphan_new', undefined, 'signature'],
      ],
    );
    assert.equal(p.pairs[0].destructor?.declaration, 'void config_free(void *)');
  });

  test('everything else is skipped with a reason; every exported symbol is listed, statics too', async () => {
    const p = await plan(SOURCE);
    const reasons = Object.fromEntries(p.skipped.map((s) => [s.symbol, s.reason]));
    assert.match(reasons.raw, /cannot pair with a destructor/);
    assert.match(reasons.wide, /`u128` has no koffi equivalent/);
    assert.equal(reasons.add, undefined, 'called with invented arguments (probePlanArguments.test.ts)');
    assert.deepEqual(p.calls.map((c) => [c.symbol, c.declaration]), [['add', 'int32_t add(int32_t, int32_t)']]);
    assert.match(reasons.init, /returns nothing/);
    assert.match(reasons.rusty, /not an `extern "C"` function/);
    assert.match(reasons.identity, /generic: rustc exports no symbol for it/);
    assert.ok(!p.symbols.includes('identity'), 'a generic export is not expected in the library');
    assert.equal(reasons.config_free, undefined);
    assert.ok(p.symbols.includes('PLUGIN_TAG') && p.symbols.includes('plugin_ratio'));
    assert.ok(!p.symbols.includes('not_exported') && !p.symbols.includes('ratio'));
    assert.equal(p.locations.config_new.range.start.line, 11);
  });

  test('a pointee is a type of the crate as the crate resolves its name, not by a like-named type elsewhere', async () => {
    const p = await plan(`use std::fs::File;
pub mod files { pub struct File; }
pub mod handles { pub struct Session; pub type Handle = *mut Session; }
#[no_mangle] pub extern "C" fn open() -> *mut File { std::ptr::null_mut() }
#[no_mangle] pub extern "C" fn session_new() -> handles::Handle { std::ptr::null_mut() }
`);
    assert.deepEqual(p.pairs.map((x) => [x.type, x.constructor.symbol]), [['Session', 'session_new']]);
    assert.match(p.skipped.find((s) => s.symbol === 'open')?.reason ?? '', /cannot pair with a destructor/);
  });

  test('a method of a generic impl is neither expected in the library nor called; symbols are the preflight\'s exports', async () => {
    const p = await plan(`pub struct W<T>(T);
impl<T> W<T> { #[no_mangle] pub extern "C" fn w_version() -> u32 { 1 } }
#[no_mangle] pub extern "C" fn abi() -> u32 { 1 }
`);
    assert.deepEqual(p.symbols, ['abi']);
    assert.deepEqual(p.symbols, p.exports.map((e) => e.symbol));
    assert.deepEqual(p.probes.map((x) => x.symbol), ['abi']);
    assert.match(p.skipped.find((s) => s.symbol === 'w_version')?.reason ?? '', /generic/);
  });

  test('an owned string without a free function is not called (it would leak)', async () => {
    const p = await plan('use std::ffi::c_char;\n#[no_mangle] pub extern "C" fn describe() -> *mut c_char { std::ptr::null_mut() }\n');
    assert.deepEqual(p.probes, []);
    assert.match(p.skipped[0].reason, /no function to free it/);
  });

  test('a pair the ownership analysis confirms (into_raw / from_raw of the same type) says so; a destructor that reclaims nothing stays a signature match', async () => {
    const p = await plan(`pub struct A { x: u32 }
pub struct B { x: u32 }
#[no_mangle] pub extern "C" fn a_new() -> *mut A { Box::into_raw(Box::new(A { x: 1 })) }
#[no_mangle] pub unsafe extern "C" fn a_free(a: *mut A) { drop(Box::from_raw(a)) }
#[no_mangle] pub extern "C" fn b_new() -> *mut B { Box::into_raw(Box::new(B { x: 1 })) }
#[no_mangle] pub unsafe extern "C" fn b_free(b: *mut B) { let _ = (*b).x; }
`);
    assert.deepEqual(p.pairs.map((x) => [x.constructor.symbol, x.destructor?.symbol, x.matchedBy]), [['a_new', 'a_free', 'ownership'], ['b_new', 'b_free', 'signature']]);
  });
});
