// The header comparator on the classes real projects write (issue 18, 11): each class silent when the two
// sides agree and reported when they differ, on small cdylib crates with a header in the crate.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Finding } from '../../server/src/engine/types';
import { testEngine, writeTree } from '../support/engine';

const OUR_RULES = new Set(['signature-mismatch', 'layout-mismatch', 'missing-export', 'abi-version-mismatch']);
const CARGO = '[package]\nname = "p"\nversion = "0.1.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n';

/** Our findings on a crate with `include/p.h` and `src/lib.rs` (and `extra` files), as `rule severity line`. */
async function check(header: string, rust: string, extra: Record<string, string> = {}): Promise<{ findings: Finding[]; lines: string[] }> {
  const root = writeTree({ 'Cargo.toml': CARGO, 'include/p.h': header, 'src/lib.rs': rust, ...extra });
  const { findings } = await (await testEngine()).analyzeFile(path.join(root, 'src', 'lib.rs'));
  const ours = findings.filter((f) => OUR_RULES.has(f.rule) && f.severity !== 'information');
  return { findings: ours, lines: ours.map((f) => `${f.rule} ${f.severity} ${path.basename(f.file)}:${f.range.start.line + 1}`) };
}

test('nonnull prototypes: attribute, attribute with indexes, _Nonnull, macros and CBINDGEN_NONNULL make &T/Box/NonNull correct', async () => {
  const header = `#if defined(__clang__)
#define CBINDGEN_NONNULL _Nonnull
#else
#define CBINDGEN_NONNULL
#endif
#define LIB_NONNULL __attribute__((nonnull))
#define LIB_NONNULL2 LIB_NONNULL
typedef struct Ctx Ctx;
LIB_NONNULL void a(const Ctx *c);
void b(const Ctx *c, Ctx *d) __attribute__((nonnull(1, 2)));
void c(Ctx *_Nonnull x);
void d(Ctx *CBINDGEN_NONNULL x);
LIB_NONNULL2 void e(Ctx *x);
__attribute__((__nonnull__)) void f(Ctx *x);
void g(const Ctx *c, Ctx *d) __attribute__((nonnull(2)));
void h(const Ctx *c);
`;
  const rust = `pub struct Ctx;
#[no_mangle] pub extern "C" fn a(_c: &Ctx) {}
#[no_mangle] pub extern "C" fn b(_c: &Ctx, _d: &mut Ctx) {}
#[no_mangle] pub extern "C" fn c(_x: &mut Ctx) {}
#[no_mangle] pub extern "C" fn d(_x: Box<Ctx>) {}
#[no_mangle] pub extern "C" fn e(_x: std::ptr::NonNull<Ctx>) {}
#[no_mangle] pub extern "C" fn f(_x: &mut Ctx) {}
#[no_mangle] pub extern "C" fn g(_c: &Ctx, _d: &mut Ctx) {}
#[no_mangle] pub extern "C" fn h(_c: &Ctx) {}
`;
  const { findings, lines } = await check(header, rust);
  // g: only parameter 2 is covered; h: no annotation at all. Both are the nullable-reference warning.
  assert.deepEqual(lines, ['signature-mismatch warning lib.rs:8', 'signature-mismatch warning lib.rs:9']);
  assert.match(findings[0].message, /parameter 1 \(`c`\): `const Ctx \*` may be NULL, but `&Ctx` promises Rust it never is/);
  assert.match(findings[0].message, /a NULL reference is undefined behaviour/);
});

test('NonNull<T> is what cbindgen writes as `T *`: silent; a reference still warns', async () => {
  const { lines } = await check('typedef struct S S;\nvoid take(S *s);\nS *make(void);\nvoid by_ref(S *s);\n', `pub struct S;
use std::ptr::NonNull;
#[no_mangle] pub extern "C" fn take(_s: NonNull<S>) {}
#[no_mangle] pub extern "C" fn make() -> NonNull<S> { NonNull::dangling() }
#[no_mangle] pub extern "C" fn by_ref(_s: &mut S) {}
`);
  assert.deepEqual(lines, ['signature-mismatch warning lib.rs:5']);
});

test('data-carrying enums against cbindgen\'s tag + union rendering: struct form, union form, tag typedef; differences by layout', async () => {
  const header = `#include <stdint.h>
typedef enum Shape_Tag { Circle, Rect, Empty } Shape_Tag;
typedef struct Rect_Body { float w; float h; } Rect_Body;
typedef struct Shape { Shape_Tag tag; union { struct { float circle; }; Rect_Body rect; }; } Shape;
enum Op_Tag { Push, Pop };
typedef uint8_t Op_Tag;
typedef struct Push_Body { Op_Tag tag; int32_t value; } Push_Body;
typedef union Op { Op_Tag tag; Push_Body push; } Op;
enum Ev_Tag { Key, Quit };
typedef uint8_t Ev_Tag;
typedef struct Ev { Ev_Tag tag; union { struct { uint32_t key; }; }; } Ev;
float area(Shape s);
void run(const Op *op);
void handle(Ev ev);
`;
  const good = `#[repr(C)] pub enum Shape { Circle(f32), Rect { w: f32, h: f32 }, Empty }
#[repr(u8)] pub enum Op { Push { value: i32 }, Pop }
#[repr(C, u8)] pub enum Ev { Key(u32), Quit }
#[no_mangle] pub extern "C" fn area(_s: Shape) -> f32 { 0.0 }
#[no_mangle] pub extern "C" fn run(_op: *const Op) {}
#[no_mangle] pub extern "C" fn handle(_ev: Ev) {}
`;
  assert.deepEqual((await check(header, good)).lines, []);
  // A field of one variant drifted, Op lost its u8 tag (C-sized now), Ev's variants are in another order.
  const bad = `#[repr(C)] pub enum Shape { Circle(f32), Rect { w: f64, h: f32 }, Empty }
#[repr(C)] pub enum Op { Push { value: i32 }, Pop }
#[repr(C, u8)] pub enum Ev { Quit, Key(u32) }
#[no_mangle] pub extern "C" fn area(_s: Shape) -> f32 { 0.0 }
#[no_mangle] pub extern "C" fn run(_op: *const Op) {}
#[no_mangle] pub extern "C" fn handle(_ev: Ev) {}
`;
  const { findings, lines } = await check(header, bad);
  assert.deepEqual(lines, ['layout-mismatch error lib.rs:1', 'layout-mismatch error lib.rs:2', 'layout-mismatch error lib.rs:3']);
  assert.match(findings[0].message, /variant `Rect`: field `w` is `f64`, declared `float`/);
  assert.match(findings[1].message, /its tag is 32 bits \(`#\[repr\(C\)\]`\), the declared `tag` is `Op_Tag` \(8 bits\)/);
  assert.match(findings[2].message, /its variants are Quit, Key, the declared tag `Ev_Tag` lists Key, Quit/);
  assert.ok(!findings.some((f) => f.rule === 'signature-mismatch'), 'a data-carrying enum is not "a struct vs an enum"');
});

test('zero-sized fields (PhantomData, PhantomPinned, (), [T; 0]) have no C counterpart', async () => {
  const header = 'typedef struct Pt { int x; int y; } Pt;\nvoid pt(Pt p);\ntypedef struct Syms { unsigned long cnt; int syms[0]; } Syms;\ntypedef struct Tail { unsigned long cnt; int items[]; } Tail;\nvoid syms(const Syms *s, const Tail *t);\n';
  const rust = (extra: string) => `use std::marker::{PhantomData, PhantomPinned};
#[repr(C)] pub struct Pt { x: i32, _a: PhantomData<*mut u8>, y: i32, _b: PhantomPinned, _c: (), _d: [u64; 0]${extra} }
#[no_mangle] pub extern "C" fn pt(_p: Pt) {}
// A zero-length tail on both sides (blazesym's \`syms: [blaze_sym; 0]\` for \`syms[0]\`), and against a flexible array member.
#[repr(C)] pub struct Syms { cnt: std::ffi::c_ulong, syms: [i32; 0] }
#[repr(C)] pub struct Tail { cnt: std::ffi::c_ulong, items: [i32; 0] }
#[no_mangle] pub extern "C" fn syms(_s: *const Syms, _t: *const Tail) {}
`;
  assert.deepEqual((await check(header, rust(''))).lines, []);
  const { findings, lines } = await check(header, rust(', z: i32'));
  assert.deepEqual(lines, ['layout-mismatch error lib.rs:2']);
  assert.match(findings[0].message, /it has 3 field\(s\) that take space, the declaration 2/);
});

test('cbindgen [export.rename] to a primitive (and to `struct X`): compared as that type', async () => {
  const cbindgen = '[export.rename]\n"ARGB8" = "unsigned char"\n"Inspector" = "struct blaze_inspector"\n';
  const rust = `#[repr(C)] pub struct ARGB8(u8);
#[repr(C)] pub struct Inspector { pub id: u32 }
#[no_mangle] pub extern "C" fn put(_c: ARGB8, _i: *const Inspector) {}
`;
  const header = (pixel: string) => `#include <stdint.h>\ntypedef struct blaze_inspector { uint32_t id; } blaze_inspector;\nvoid put(${pixel} c, const struct blaze_inspector *i);\n`;
  assert.deepEqual((await check(header('unsigned char'), rust, { 'cbindgen.toml': cbindgen })).lines, []);
  assert.deepEqual((await check(header('unsigned short'), rust, { 'cbindgen.toml': cbindgen })).lines, ['signature-mismatch error lib.rs:3']);
});

test('const on a returned pointer: a warning that does not talk about NULL', async () => {
  const { findings, lines } = await check('char *name(void);\n', 'use std::ffi::c_char;\n#[no_mangle] pub extern "C" fn name() -> *const c_char { c"x".as_ptr() }\n');
  assert.deepEqual(lines, ['signature-mismatch warning lib.rs:2']);
  assert.doesNotMatch(findings[0].message, /NULL/);
  assert.match(findings[0].message, /write through the returned pointer/);
});

test('raw identifiers: `r#match` exports `match`, a field `r#type` is `type`', async () => {
  const header = 'typedef struct Tok { int type; } Tok;\nint match(Tok t);\n';
  const rust = '#[repr(C)] pub struct Tok { pub r#type: i32 }\n#[no_mangle] pub extern "C" fn r#match(t: Tok) -> i32 { t.r#type }\n';
  assert.deepEqual((await check(header, rust)).lines, []);
});

test('C variadics: `mut args: ...` implements `...`; one variadic side alone is an error', async () => {
  const header = 'int logf(int level, const char *fmt, ...);\nint sum(int n);\nint fixed(int n, ...);\n';
  const rust = `use std::ffi::{c_char, c_int};
#[no_mangle] pub unsafe extern "C" fn logf(_level: c_int, _fmt: *const c_char, mut _args: ...) -> c_int { 0 }
#[no_mangle] pub unsafe extern "C" fn sum(_n: c_int, _args: ...) -> c_int { 0 }
#[no_mangle] pub extern "C" fn fixed(_n: c_int) -> c_int { 0 }
`;
  const { findings, lines } = await check(header, rust);
  assert.deepEqual(lines, ['signature-mismatch error lib.rs:3', 'signature-mismatch error lib.rs:4']);
  assert.match(findings[0].message, /the Rust function is variadic \(`\.\.\.`\) and the declaration is not/);
  assert.match(findings[1].message, /the declaration is variadic \(`\.\.\.`\) and the Rust function takes no variadic arguments/);
});

test('extern "C-unwind" implements a C prototype', async () => {
  assert.deepEqual((await check('void tick(void);\n', '#[no_mangle] pub extern "C-unwind" fn tick() {}\n')).lines, []);
});

test('same-width signedness is a warning about values above INT_MAX; a width difference stays an error', async () => {
  const { findings, lines } = await check('int count(unsigned int n);\nint wide(int n);\n', `use std::ffi::{c_int, c_uint};
#[no_mangle] pub extern "C" fn count(n: c_int) -> c_uint { n as c_uint }
#[no_mangle] pub extern "C" fn wide(n: i64) -> c_int { n as c_int }
`);
  assert.deepEqual(lines, ['signature-mismatch warning lib.rs:2', 'signature-mismatch warning lib.rs:2', 'signature-mismatch error lib.rs:3']);
  assert.match(findings[0].message, /`unsigned int` is unsigned, `c_int` is signed \(both 32 bits\)\. A value above INT_MAX \(2147483647\) is read as a negative number/);
  assert.doesNotMatch(findings[0].message, /garbage|crash/);
  assert.match(findings[2].message, /`int` is 32 bits wide, `i64` is 64/);
});

test('array fields: a length from a constant is evaluated and compared', async () => {
  const header = '#define VENDOR_LEN 32\ntypedef struct Info { char vendor[VENDOR_LEN]; int flags[4]; } Info;\nvoid info(Info *out);\n';
  const rust = (len: string) => `use std::ffi::c_char;
mod limits { pub const NAME_LEN: usize = ${len}; }
const FLAGS: usize = 2 * 2;
#[repr(C)] pub struct Info { pub vendor: [c_char; limits::NAME_LEN], pub flags: [i32; FLAGS] }
#[no_mangle] pub extern "C" fn info(_out: *mut Info) {}
`;
  assert.deepEqual((await check(header, rust('32'))).lines, []);
  const { findings, lines } = await check(header, rust('16'));
  assert.deepEqual(lines, ['layout-mismatch error lib.rs:4']);
  assert.match(findings[0].message, /field `vendor` is `\[c_char; limits::NAME_LEN\]`, declared `char\[32\]` \(the declared array has 32 elements, Rust's has 16\)/);
});

test('an enum with a variant missing in Rust: one finding, the shifted values related', async () => {
  const { findings, lines } = await check('typedef enum Mode { MODE_A, MODE_B, MODE_C, MODE_D } Mode;\nvoid set(Mode m);\n', '#[repr(C)] pub enum Mode { A, C, D }\n#[no_mangle] pub extern "C" fn set(_m: Mode) {}\n');
  assert.deepEqual(lines, ['layout-mismatch error lib.rs:1']);
  assert.match(findings[0].message, /the declared `MODE_B` \(= 1\) has no Rust variant, which shifts the value of 2 later variants \(`C`, `D`\)/);
  assert.deepEqual(findings[0].related.map((r) => r.message), ['declared here', '`C` is 1 in Rust but `MODE_C` is 2 in the declaration', '`D` is 2 in Rust but `MODE_D` is 3 in the declaration']);
});

test('types of a workspace dependency re-exported by the plugin are compared like local ones', async () => {
  const root = writeTree({
    'Cargo.toml': '[workspace]\nmembers = ["plugin", "shared"]\nresolver = "2"\n',
    'shared/Cargo.toml': '[package]\nname = "shared"\nversion = "0.1.0"\nedition = "2021"\n',
    'shared/src/lib.rs': '#[repr(C)]\npub struct Config { pub level: i32, pub scale: f32 }\n#[repr(C)]\npub struct Stats { pub count: u32 }\n',
    'plugin/Cargo.toml': '[package]\nname = "plugin"\nversion = "0.1.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n[dependencies]\nshared = { path = "../shared" }\n',
    'plugin/src/lib.rs': 'pub use shared::{Config, Stats};\n#[no_mangle] pub extern "C" fn init(_c: *const Config) {}\n',
    'plugin/include/plugin.h': '#include <stdint.h>\ntypedef struct Config { int32_t level; double scale; } Config;\ntypedef struct Stats { uint64_t count; } Stats;\nvoid init(const Config *c);\n',
  });
  const { findings } = await (await testEngine()).analyzeFile(path.join(root, 'plugin', 'src', 'lib.rs'));
  const layout = findings.filter((f) => f.rule === 'layout-mismatch').map((f) => `${path.relative(root, f.file)}:${f.range.start.line + 1} ${/field `\w+`/.exec(f.message)?.[0]}`);
  // Config through the signature, Stats by name (the plugin re-exports it).
  assert.deepEqual(layout, ['shared/src/lib.rs:2 field `scale`', 'shared/src/lib.rs:4 field `count`']);
});

test('#if branches follow the checked target, as the Rust side\'s #[cfg] does: each target pairs its own branch', async () => {
  const header = '#if defined(_WIN32)\nint handle_size(void);\n#else\nlong handle_size(void);\n#endif\n';
  const rust = `use std::ffi::{c_int, c_long};
#[cfg(windows)]
#[no_mangle] pub extern "C" fn handle_size() -> c_int { 4 }
#[cfg(not(windows))]
#[no_mangle] pub extern "C" fn handle_size() -> c_long { 8 }
`;
  const engine = await testEngine();
  try {
    for (const target of ['x86_64-unknown-linux-gnu', 'x86_64-pc-windows-msvc', 'aarch64-apple-darwin']) {
      engine.setTarget(target);
      assert.deepEqual((await check(header, rust)).lines, [], target);
    }
    // The Windows branch compared with the non-Windows declaration would differ (on a 64-bit Unix host).
    engine.setTarget('x86_64-unknown-linux-gnu');
    const wrong = rust.replace('#[cfg(not(windows))]', '#[cfg(windows)]').replace('#[cfg(windows)]\n#[no_mangle] pub extern "C" fn handle_size() -> c_int', '#[cfg(not(windows))]\n#[no_mangle] pub extern "C" fn handle_size() -> c_int');
    if (process.platform !== 'win32') assert.deepEqual((await check(header, wrong)).lines, ['signature-mismatch error lib.rs:3']);
  } finally {
    engine.setTarget(undefined);
  }
});

test('a plain extern "C" fn for a nullable function pointer warns (C callers unset callbacks with NULL); Option does not', async () => {
  const { lines } = await check('typedef int (*progress_cb)(void *);\nint set_cb(progress_cb cb, void *data);\nint set_opt(int (*cb)(void *));\n', `use std::ffi::{c_int, c_void};
#[no_mangle] pub extern "C" fn set_cb(_cb: unsafe extern "C" fn(*mut c_void) -> c_int, _data: *mut c_void) -> c_int { 0 }
#[no_mangle] pub extern "C" fn set_opt(_cb: Option<unsafe extern "C" fn(*mut c_void) -> c_int>) -> c_int { 0 }
`);
  assert.deepEqual(lines, ['signature-mismatch warning lib.rs:2']);
});

test('an attribute macro may give a function its ABI (#[sabi_extern_fn]): no Rust-ABI finding; without one, there is', async () => {
  const header = 'int plain(int x);\nint by_macro(int x);\n';
  const rust = '#[no_mangle]\npub fn plain(x: i32) -> i32 { x }\n#[no_mangle]\n#[sabi_extern_fn]\npub fn by_macro(x: i32) -> i32 { x }\n';
  const { findings, lines } = await check(header, rust);
  assert.deepEqual(lines, ['signature-mismatch error lib.rs:2']);
  assert.match(findings[0].message, /it has the Rust ABI, the declaration is a C function/);
});

test('const on a pointer to an opaque type says nothing (nobody reads or writes through it): silent', async () => {
  const header = 'typedef struct rure rure;\nrure *rure_new(void);\nvoid rure_use(const rure *r);\ntypedef struct Pt { int x; } Pt;\nPt *pt_new(void);\n';
  const rust = `pub struct Regex;
#[repr(C)] pub struct Pt { x: i32 }
#[no_mangle] pub extern "C" fn rure_new() -> *const Regex { std::ptr::null() }
#[no_mangle] pub extern "C" fn rure_use(_r: *mut Regex) {}
#[no_mangle] pub extern "C" fn pt_new() -> *const Pt { std::ptr::null() }
`;
  assert.deepEqual((await check(header, rust)).lines, ['signature-mismatch warning lib.rs:5']);
});
