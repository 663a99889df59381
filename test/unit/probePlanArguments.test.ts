// The probe plan for exports the loader calls with invented arguments (0, 0.0, false, "rpg-probe", NULL) and for
// zero-argument exports returning a `#[repr(C)]` struct by value: what is called, declared how, and why the rest
// is not. The runtime side is test/runtime/loaderArguments.test.ts.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { planProbes } from '../../server/src/boundary/probePlan';
import { blockingWord, destructiveWord } from '../../server/src/boundary/probeArguments';
import { argumentText, type ProbePlan } from '../../server/src/protocol/loader';
import { testEngine, writeTree } from '../support/engine';

async function plan(source: string, extra: Record<string, string> = {}): Promise<ProbePlan> {
  const dir = writeTree({ 'Cargo.toml': '[package]\nname = "p"\nversion = "0.1.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n', 'src/lib.rs': source, ...extra });
  const crate = await (await testEngine()).crateOf(path.join(dir, 'src', 'lib.rs'));
  assert.ok(crate);
  return planProbes(crate);
}

const PRELUDE = 'use std::ffi::{c_char, c_int, c_void};\nuse std::ptr::NonNull;\npub struct Config { pub threads: u32 }\n';

/** symbol → the arguments as the report shows them, for every planned call. */
const callsOf = (p: ProbePlan) => Object.fromEntries(p.calls.map((c) => [c.symbol, (c.args ?? []).map(argumentText).join(', ')]));
const reasonsOf = (p: ProbePlan) => Object.fromEntries(p.skipped.map((s) => [s.symbol, s.reason]));

describe('probe plan: calls with invented arguments', () => {
  test('scalars get 0 / 0.0 / false, `*const c_char` the test string, nullable pointers NULL; declared for koffi', async () => {
    const p = await plan(`${PRELUDE}
#[no_mangle] pub extern "C" fn mix(a: i32, b: u64, c: f64, d: bool, e: c_int, f: usize) -> i64 { 0 }
#[no_mangle] pub unsafe extern "C" fn name_len(s: *const c_char) -> usize { 0 }
#[no_mangle] pub extern "C" fn by_ref(c: Option<&Config>) -> u32 { 0 }
#[no_mangle] pub extern "C" fn by_mut(c: Option<&mut Config>) -> u32 { 0 }
#[no_mangle] pub extern "C" fn by_non_null(c: Option<NonNull<Config>>) -> u32 { 0 }
#[no_mangle] pub extern "C" fn with_callback(cb: Option<extern "C" fn(c_int) -> c_int>) -> c_int { 0 }
#[no_mangle] pub extern "C" fn set_level(level: c_int) {}
#[no_mangle] pub extern "C" fn error_text(code: c_int) -> *const c_char { std::ptr::null() }
`);
    assert.deepEqual(callsOf(p), {
      mix: '0, 0, 0.0, false, 0, 0',
      name_len: '"rpg-probe"',
      by_ref: 'NULL',
      by_mut: 'NULL',
      by_non_null: 'NULL',
      with_callback: 'NULL',
      set_level: '0',
      error_text: '0',
    });
    const declared = Object.fromEntries(p.calls.map((c) => [c.symbol, [c.declaration, c.returns]]));
    assert.deepEqual(declared.mix, ['int64_t mix(int32_t, uint64_t, double, bool, int, size_t)', 'integer']);
    assert.deepEqual(declared.name_len, ['size_t name_len(const char *)', 'integer']);
    assert.deepEqual(declared.by_ref, ['uint32_t by_ref(void *)', 'integer']);
    assert.deepEqual(declared.set_level, ['void set_level(int)', 'void']);
    assert.deepEqual(declared.error_text, ['const char * error_text(int)', 'string']);
    assert.deepEqual(p.probes, [], 'calls with arguments are not among the zero-argument probes');
    assert.deepEqual(p.skipped, []);
  });

  test('arguments that cannot be invented: each names the parameter and why', async () => {
    const p = await plan(`${PRELUDE}
#[repr(C)] pub struct Point { pub x: i32 }
#[repr(u32)] pub enum Mode { A = 1, B = 2 }
pub enum Level { Error, Warn }
#[no_mangle] pub extern "C" fn by_reference(c: &Config) -> u32 { c.threads }
#[no_mangle] pub extern "C" fn by_value(p: Point) -> i32 { p.x }
#[no_mangle] pub extern "C" fn by_enum(m: Mode) -> u32 { 0 }
#[no_mangle] pub extern "C" fn by_level(level: Level) -> u32 { 0 }
#[no_mangle] pub extern "C" fn by_non_zero(n: std::num::NonZeroU32) -> u32 { n.get() }
#[no_mangle] pub extern "C" fn by_fn(cb: extern "C" fn()) -> u32 { 0 }
#[no_mangle] pub extern "C" fn by_rust_fn(cb: Option<fn()>) -> u32 { 0 }
#[no_mangle] pub extern "C" fn by_wide(n: u128) -> u32 { 0 }
#[no_mangle] pub extern "C" fn by_non_null(c: NonNull<Config>) -> u32 { 0 }
#[no_mangle] pub extern "C" fn by_box(b: Box<Config>) -> u32 { b.threads }
`);
    const reasons = reasonsOf(p);
    assert.deepEqual(p.calls, []);
    assert.match(reasons.by_reference, /^takes arguments the loader cannot invent: `c: &Config` is a reference/);
    assert.match(reasons.by_value, /`p: Point` is a struct of the crate passed by value/);
    assert.match(reasons.by_enum, /`m: Mode` is an enum of the crate without a variant of value 0/);
    assert.match(reasons.by_level, /`level: Level` is an enum of the crate with no fixed integer representation/);
    assert.match(reasons.by_non_zero, /must not be zero/);
    assert.match(reasons.by_fn, /function pointer that must not be NULL/);
    assert.match(reasons.by_rust_fn, /`cb: Option<fn\(\)>` is not a number, a C string or a pointer that may be NULL/);
    assert.match(reasons.by_wide, /`n: u128` has no koffi type/);
    assert.match(reasons.by_non_null, /`c: NonNull<Config>` must not be NULL/);
    assert.match(reasons.by_box, /takes back ownership of what an argument points to/, 'a `Box` argument is dropped: a destructor');
  });

  test('a raw pointer gets NULL only when the body checks it for null before any use (or never names it)', async () => {
    const p = await plan(`${PRELUDE}
pub struct Other { pub x: u32 }
fn helper(_c: *const Config) {}
fn log() {}
#[no_mangle] pub unsafe extern "C" fn early(c: *const Config) -> u32 { if c.is_null() { return 0; } (*c).threads }
#[no_mangle] pub unsafe extern "C" fn either(c: *const Config, o: *mut Other) -> u32 { if c.is_null() || o == std::ptr::null_mut() { return 0 } (*c).threads + (*o).x }
#[no_mangle] pub unsafe extern "C" fn compare(c: *const Config) -> u32 { if c == std::ptr::null() { return 0; } (*c).threads }
#[no_mangle] pub extern "C" fn let_else(c: *const Config) -> u32 { let Some(c) = (unsafe { c.as_ref() }) else { return 0 }; c.threads }
#[no_mangle] pub extern "C" fn if_let(c: *mut Config) { if let Some(c) = unsafe { c.as_mut() } { c.threads = 1; } }
#[no_mangle] pub extern "C" fn not_null(c: *const Config) -> u32 { if !c.is_null() && true { unsafe { (*c).threads } } else { 0 } }
#[no_mangle] pub extern "C" fn matched(c: *const Config) -> u32 { match unsafe { c.as_ref() } { Some(c) => c.threads, None => 0 } }
#[no_mangle] pub extern "C" fn non_null_new(c: *mut Config) -> u32 { let Some(c) = NonNull::new(c) else { return 0; }; unsafe { c.as_ref().threads } }
#[no_mangle] pub extern "C" fn in_unsafe(c: *const Config) -> u32 { unsafe { if c.is_null() { return 0; } (*c).threads } }
#[no_mangle] pub extern "C" fn in_catch_unwind(c: *const Config) -> c_int { std::panic::catch_unwind(|| { if c.is_null() { return -1; } unsafe { (*c).threads as c_int } }).unwrap_or(-2) }
#[no_mangle] pub extern "C" fn in_assert_unwind_safe(c: *const Config) -> c_int { let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match unsafe { c.as_ref() } { Some(c) => c.threads as c_int, None => -1 })); r.unwrap_or(-2) }
#[no_mangle] pub extern "C" fn unused(_data: *const c_void, len: usize) -> usize { len }
#[no_mangle] pub unsafe extern "C" fn used_first(c: *const Config) -> u32 { let t = (*c).threads; if c.is_null() { return 0; } t }
#[no_mangle] pub unsafe extern "C" fn panics_on_null(c: *const Config) -> u32 { if c.is_null() { panic!("null"); } (*c).threads }
#[no_mangle] pub unsafe extern "C" fn asserts(c: *const Config) -> u32 { assert!(!c.is_null()); (*c).threads }
#[no_mangle] pub unsafe extern "C" fn falls_through(c: *const Config) -> u32 { if c.is_null() { log(); } (*c).threads }
#[no_mangle] pub unsafe extern "C" fn used_after(c: *mut Config) -> u32 { if let Some(c) = c.as_mut() { c.threads = 1; } (*c).threads }
#[no_mangle] pub unsafe extern "C" fn and_flag(c: *const Config, flag: bool) -> u32 { if c.is_null() && flag { return 0; } (*c).threads }
#[no_mangle] pub unsafe extern "C" fn handed_on(c: *const Config) -> u32 { helper(c); 0 }
#[no_mangle] pub unsafe extern "C" fn null_branch(c: *const Config) -> u32 { if c.is_null() { (*c).threads } else { 0 } }
#[no_mangle] pub unsafe extern "C" fn else_uses(c: *const Config) -> u32 { if let Some(x) = c.as_ref() { x.threads } else { (*c).threads } }
#[no_mangle] pub unsafe extern "C" fn in_closure(c: *const Config) -> u32 { let f = || c.is_null(); if f() { return 0; } (*c).threads }
#[no_mangle] pub unsafe extern "C" fn one_branch(c: *const Config, flag: bool) -> u32 { if flag { if c.is_null() { return 0; } } (*c).threads }
#[no_mangle] pub unsafe extern "C" fn out_param(out: *mut u32) -> c_int { *out = 1; 0 }
`);
    const calls = callsOf(p);
    for (const name of ['early', 'compare', 'let_else', 'if_let', 'not_null', 'matched', 'non_null_new', 'in_unsafe', 'in_catch_unwind', 'in_assert_unwind_safe']) {
      assert.equal(calls[name], 'NULL', `${name} checks for null first: ${reasonsOf(p)[name]}`);
    }
    assert.equal(calls.either, 'NULL, NULL');
    assert.equal(calls.unused, 'NULL, 0');
    const reasons = reasonsOf(p);
    for (const name of ['used_first', 'panics_on_null', 'asserts', 'falls_through', 'used_after', 'and_flag', 'handed_on', 'null_branch', 'else_uses', 'in_closure', 'one_branch', 'out_param']) {
      assert.equal(calls[name], undefined, `${name} must not get NULL`);
      assert.match(reasons[name] ?? '', /is a raw pointer the body may use without checking it for null first/, name);
    }
    assert.match(reasons.out_param, /`out: \*mut u32`/);
  });

  test('a crate helper that only turns its pointer into an `Option` (through casts) counts as the check; one that does more does not', async () => {
    const p = await plan(`${PRELUDE}
pub struct Inner { pub threads: u32 }
unsafe fn borrow<'a>(handle: *const Config) -> Option<&'a Inner> { let g = handle.cast::<Inner>(); g.as_ref() }
fn non_null(handle: *mut Config) -> Option<NonNull<Config>> { NonNull::new(handle) }
mod util { pub unsafe fn get<'a>(c: *const super::Config) -> Option<&'a super::Config> { return c.as_ref(); } }
unsafe fn logged<'a>(c: *const Config) -> Option<&'a Config> { println!("{}", (*c).threads); c.as_ref() }
unsafe fn deref<'a>(c: *const Config) -> &'a Config { &*c }
unsafe fn filtered<'a>(c: *const Config) -> Option<&'a Config> { c.as_ref().filter(|c| c.threads > 0) }
#[no_mangle] pub unsafe extern "C" fn via_borrow(handle: *const Config, quality: u8) -> c_int { let Some(g) = borrow(handle) else { return -1 }; g.threads as c_int + quality as c_int }
#[no_mangle] pub extern "C" fn via_non_null(handle: *mut Config) -> c_int { match non_null(handle) { Some(_) => 1, None => 0 } }
#[no_mangle] pub unsafe extern "C" fn via_module(c: *const Config) -> u32 { if let Some(c) = util::get(c) { c.threads } else { 0 } }
#[no_mangle] pub unsafe extern "C" fn via_logged(c: *const Config) -> u32 { let Some(c) = logged(c) else { return 0 }; c.threads }
#[no_mangle] pub unsafe extern "C" fn via_deref(c: *const Config) -> u32 { deref(c).threads }
#[no_mangle] pub unsafe extern "C" fn via_filtered(c: *const Config) -> u32 { let Some(c) = filtered(c) else { return 0 }; c.threads }
`);
    const calls = callsOf(p);
    assert.deepEqual([calls.via_borrow, calls.via_non_null, calls.via_module], ['NULL, 0', 'NULL', 'NULL'], JSON.stringify(reasonsOf(p)));
    for (const name of ['via_logged', 'via_deref', 'via_filtered']) assert.equal(calls[name], undefined, `${name} must not get NULL`);
  });

  test('a body nested thousands deep is read without overflowing: no check found, no NULL', async () => {
    const depth = 5000;
    const nested = `${'{ '.repeat(depth)}unsafe { (*c).threads }${' }'.repeat(depth)}`;
    const chain = Array.from({ length: 3000 }, (_, i) => `q == ${i}`).join(' || ');
    const p = await plan(`${PRELUDE}
#[no_mangle] pub unsafe extern "C" fn deep(c: *const Config) -> u32 { if c.is_null() { return 0; } ${nested} }
#[no_mangle] pub unsafe extern "C" fn deep_use(c: *const Config) -> u32 ${nested}
#[no_mangle] pub unsafe extern "C" fn long_condition(c: *const Config, q: u32) -> u32 { if ${chain} || c.is_null() { return 0; } (*c).threads }
`);
    const calls = callsOf(p);
    assert.equal(calls.deep, 'NULL', 'checked before the nesting starts');
    assert.equal(calls.deep_use, undefined);
    assert.ok(calls.long_condition === undefined || calls.long_condition === 'NULL, 0', 'either read or refused, never thrown');
  });

  test('names that say a call frees, ends or clears something, and destructors by body, are not called; the rest of the returns decide', async () => {
    const p = await plan(`${PRELUDE}
#[no_mangle] pub extern "C" fn session_close(id: u32) -> c_int { 0 }
#[no_mangle] pub extern "C" fn resetState(flag: bool) {}
#[no_mangle] pub extern "C" fn plugin_shutdown(code: c_int) {}
#[no_mangle] pub unsafe extern "C" fn take(c: *mut Config) { if c.is_null() { return; } drop(Box::from_raw(c)); }
#[no_mangle] pub extern "C" fn make(n: u32) -> *mut Config { Box::into_raw(Box::new(Config { threads: n })) }
#[no_mangle] pub extern "C" fn describe(n: u32) -> *mut c_char { std::ptr::null_mut() }
#[no_mangle] pub unsafe extern "C" fn text_free(s: *mut c_char) { if !s.is_null() { drop(std::ffi::CString::from_raw(s)); } }
#[no_mangle] pub extern "C" fn close_enough(n: u32) -> u32 { n }
`);
    const reasons = reasonsOf(p);
    assert.match(reasons.session_close, /`close` in its name says it frees, ends or clears something/);
    assert.match(reasons.resetState, /`reset` in its name/);
    assert.match(reasons.plugin_shutdown, /`shutdown` in its name/);
    assert.match(reasons.take, /takes back ownership of what an argument points to \(a destructor\)/);
    assert.match(reasons.make, /returns `\*mut Config`: after a call with invented arguments the loader reads only numbers/);
    assert.match(reasons.close_enough, /`close` in its name/, 'a word of the name, as written');
    assert.equal(reasons.text_free, undefined, 'the free function of the owned string is used by its probe');
    const describe = p.calls.find((c) => c.symbol === 'describe');
    assert.deepEqual([describe?.returns, describe?.free?.symbol, describe?.declaration], ['owned-string', 'text_free', 'void * describe(uint32_t)']);
  });

  test('the function that frees what a call returns is used by that call, wherever it is written', async () => {
    const p = await plan(`use std::ffi::{c_char, c_int};
#[no_mangle] pub unsafe extern "C" fn give_back(s: *mut c_char) { if s.is_null() { return; } drop(std::ffi::CString::from_raw(s)); }
#[no_mangle] pub extern "C" fn describe(code: c_int) -> *mut c_char { std::ptr::null_mut() }
`);
    assert.deepEqual(p.calls.map((c) => [c.symbol, c.free?.symbol]), [['describe', 'give_back']]);
    assert.deepEqual(p.skipped, []);
  });

  test('destructive and blocking words are whole words of the name, snake_case or camelCase', () => {
    assert.deepEqual(['greeter_free', 'closeSession', 'plugin_exit', 'free_list_len', 'rav1e_packet_unref', 'freedom', 'set_level', 'disclose'].map(destructiveWord), ['free', 'close', 'exit', 'free', 'unref', undefined, undefined, undefined]);
    assert.deepEqual(['plugin_wait_event', 'joinWorker', 'poll_events', 'awaited_count', 'sleepy'].map(blockingWord), ['wait', 'join', 'poll', undefined, undefined]);
  });

  test('a fieldless enum of the crate is read as its integer (primitive `repr`, or `int` for `repr(C)` values that fit), and passed as 0 when 0 is one of its values', async () => {
    const p = await plan(`${PRELUDE}
#[repr(C)] pub enum Status { Ok, NullArg = 3 }
#[repr(u8)] pub enum Small { A, B }
#[repr(C)] pub enum Wide { A = 0x1_0000_0000 }
pub enum Rusty { A, B }
#[no_mangle] pub unsafe extern "C" fn set_quality(handle: *mut Config, quality: u8) -> Status { if handle.is_null() { return Status::NullArg; } Status::Ok }
#[no_mangle] pub extern "C" fn small() -> Small { Small::A }
#[no_mangle] pub extern "C" fn wide() -> Wide { Wide::A }
#[no_mangle] pub extern "C" fn rusty(n: u32) -> Rusty { Rusty::A }
#[no_mangle] pub extern "C" fn set_status(s: Status) {}
#[no_mangle] pub extern "C" fn set_small(s: Small) {}
`);
    assert.deepEqual(p.calls.map((c) => [c.symbol, c.declaration, c.returns]), [
      ['set_quality', 'int set_quality(void *, uint8_t)', 'integer'],
      ['set_status', 'void set_status(int)', 'void'],
      ['set_small', 'void set_small(uint8_t)', 'void'],
    ]);
    assert.deepEqual(p.probes.map((c) => [c.symbol, c.declaration]), [['small', 'uint8_t small(void)']]);
    const reasons = reasonsOf(p);
    assert.match(reasons.wide, /^returns `Wide`, an enum the loader cannot read as an integer/);
    assert.match(reasons.rusty, /returns `Rusty`: after a call with invented arguments the loader reads only numbers/);
  });

  test('calls that return nothing (setters) come after those that return a value', async () => {
    const p = await plan('use std::ffi::c_int;\n#[no_mangle] pub extern "C" fn set_a(v: c_int) {}\n#[no_mangle] pub extern "C" fn get_b(k: c_int) -> c_int { k }\n#[no_mangle] pub extern "C" fn set_c(v: c_int) {}\n#[no_mangle] pub extern "C" fn get_d(k: c_int) -> c_int { k }\n');
    assert.deepEqual(p.calls.map((c) => c.symbol), ['get_b', 'get_d', 'set_a', 'set_c']);
  });
});

describe('probe plan: structs returned by value', () => {
  test('a `#[repr(C)]` struct of scalars, pointers and nested structs is declared field by field', async () => {
    const p = await plan(`${PRELUDE}
#[repr(C)] pub struct Version { pub major: u16, pub minor: u16 }
#[repr(transparent)] pub struct Id(u64);
#[repr(u8)] pub enum Kind { A, B }
#[repr(C)] pub enum Status { Ok, Failed = -1, Later = 7 }
#[repr(C)] pub struct Pair<T> { pub a: T, pub b: T }
type Callback = Option<extern "C" fn(c_int) -> c_int>;
#[repr(C)]
pub struct Info {
  pub abi: u32, pub version: Version, pub scale: f64, pub on: bool, pub name: *const c_char, pub callback: Callback,
  pub config: Option<&'static Config>, pub data: Option<NonNull<c_void>>, pub id: Id, pub kind: Kind, pub count: Option<std::num::NonZeroU32>,
  pub pair: Pair<i8>, pub marker: std::marker::PhantomData<u8>, pub boxed: Option<Box<Config>>, pub level: c_int, pub status: Status,
}
#[no_mangle] pub extern "C" fn info() -> Info { todo!() }
`);
    const info = p.probes.find((x) => x.symbol === 'info');
    assert.ok(info, JSON.stringify(p.skipped));
    assert.equal(info.returns, 'struct');
    assert.equal(info.declaration, 'Info info(void)');
    const shape = (fields: NonNullable<typeof info.struct>['fields']): unknown[] =>
      fields.map((f) => [f.name, f.type.kind === 'scalar' ? f.type.koffi : f.type.kind === 'struct' ? shape(f.type.layout.fields) : 'pointer']);
    assert.deepEqual(shape(info.struct!.fields), [
      ['abi', 'uint32_t'],
      ['version', [['major', 'uint16_t'], ['minor', 'uint16_t']]],
      ['scale', 'double'],
      ['on', 'bool'],
      ['name', 'pointer'],
      ['callback', 'pointer'],
      ['config', 'pointer'],
      ['data', 'pointer'],
      ['id', 'uint64_t'],
      ['kind', 'uint8_t'],
      ['count', 'uint32_t'],
      ['pair', [['a', 'int8_t'], ['b', 'int8_t']]],
      ['boxed', 'pointer'],
      ['level', 'int'],
      ['status', 'int'],
    ]);
    assert.equal(JSON.stringify(JSON.parse(JSON.stringify(info))), JSON.stringify(info), 'plain data: it travels to the child');
  });

  test('structs koffi cannot lay out as rustc does are not called, with the field that stops it', async () => {
    const p = await plan(`${PRELUDE}
pub struct Rusty { pub a: u32 }
#[repr(C)] pub struct WithRusty { pub inner: Rusty }
#[repr(C, packed)] pub struct Packed { pub a: u8, pub b: u32 }
#[repr(C)] pub struct WithArray { pub bytes: [u8; 4] }
#[repr(C)] pub enum CEnum { A, B = 0x1_0000_0000 }
#[repr(C)] pub struct WithCEnum { pub e: CEnum }
#[repr(C)] pub struct WithStr { pub s: &'static str }
#[repr(C)] pub struct WithWide { pub w: u128 }
#[repr(C)] pub union Either { pub a: u32, pub b: f32 }
#[repr(C)] pub struct Empty;
#[no_mangle] pub extern "C" fn rusty() -> Rusty { todo!() }
#[no_mangle] pub extern "C" fn with_rusty() -> WithRusty { todo!() }
#[no_mangle] pub extern "C" fn packed() -> Packed { todo!() }
#[no_mangle] pub extern "C" fn with_array() -> WithArray { todo!() }
#[no_mangle] pub extern "C" fn with_c_enum() -> WithCEnum { todo!() }
#[no_mangle] pub extern "C" fn with_str() -> WithStr { todo!() }
#[no_mangle] pub extern "C" fn with_wide() -> WithWide { todo!() }
#[no_mangle] pub extern "C" fn either() -> Either { todo!() }
#[no_mangle] pub extern "C" fn empty() -> Empty { todo!() }
`);
    assert.deepEqual(p.probes, []);
    const reasons = reasonsOf(p);
    assert.match(reasons.rusty, /^returns a struct the loader cannot read: `Rusty` has no `#\[repr\(C\)\]`/);
    assert.match(reasons.with_rusty, /`Rusty` has no `#\[repr\(C\)\]`/);
    assert.match(reasons.packed, /`packed` or `align`/);
    assert.match(reasons.with_array, /field `WithArray\.bytes`: `\[u8; 4\]` has no koffi type/);
    assert.match(reasons.with_c_enum, /field `WithCEnum\.e`: `CEnum` is an enum the loader cannot read as an integer/);
    assert.match(reasons.with_str, /field `WithStr\.s`: `&'static str` is a pointer and a length/);
    assert.match(reasons.with_wide, /`u128` has no koffi type/);
    assert.match(reasons.either, /its return type `Either` has no koffi equivalent/);
    assert.match(reasons.empty, /no fields koffi can declare/);
  });

  test('a field named like a version is compared with the header\'s version constant; a version function still is', async () => {
    const header = '#include <stdint.h>\n#define PLUGIN_ABI_VERSION 3\nuint32_t plugin_abi_version(void);\n';
    const p = await plan(
      `#[repr(C)] pub struct Vtable { pub size: u32, pub abi_version: u32 }
#[no_mangle] pub extern "C" fn plugin_vtable() -> Vtable { Vtable { size: 8, abi_version: 3 } }
#[no_mangle] pub extern "C" fn plugin_abi_version() -> u32 { 3 }
#[no_mangle] pub extern "C" fn plugin_abi_check(host: u32) -> u32 { host }
`,
      { 'include/plugin.h': header },
    );
    const expected = Object.fromEntries(p.probes.map((x) => [x.symbol, x.expected]));
    assert.deepEqual(expected.plugin_vtable, { constant: 'PLUGIN_ABI_VERSION', value: '3', declaredAt: 'plugin.h:2', field: 'abi_version' });
    assert.deepEqual(expected.plugin_abi_version, { constant: 'PLUGIN_ABI_VERSION', value: '3', declaredAt: 'plugin.h:2' });
    assert.equal(p.calls.find((c) => c.symbol === 'plugin_abi_check')?.expected, undefined, 'a result computed from invented arguments is not compared');
  });
});
