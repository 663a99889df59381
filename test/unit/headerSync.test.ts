// Header sync: the crate's boundary written as C declarations (create), patched into an existing header
// (update: only what differs, the rest of the file kept), and refused where the header would be wrong.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { HeaderRefusal, headerFileOf } from '../../server/src/headerSync/headerSync';
import { testEngine, writeTree } from '../support/engine';
import { headerOf, headerOfFiles, meaningsOf, PLUGIN_MANIFEST } from '../support/headerSync';

const LIB = `use std::os::raw::{c_char, c_int};
pub const MAX_NAME: usize = 16;
pub const PLUGIN_ABI_VERSION: u32 = 2;
const PRIVATE_LIMIT: u32 = 9;
#[repr(C)]
pub struct Config { pub name: [c_char; MAX_NAME], pub scale: f64, pub next: *mut Config, pub handle: *mut Handle, pub cb: Option<extern "C" fn(c_int) -> c_int>, _pin: std::marker::PhantomData<u8> }
pub struct Handle { items: Vec<u8> }
#[repr(C)]
pub enum Level { Debug, Info = 5, Error }
#[repr(u8)]
pub enum Small { A = 1, B }
#[repr(C)]
pub union Bits { pub i: u32, pub f: f32 }
#[no_mangle]
pub static mut PLUGIN_LIMIT: c_int = 4;
#[no_mangle]
pub static PLUGIN_NAME: [u8; 4] = *b"abc\\0";
#[no_mangle]
pub extern "C" fn plugin_new(config: *const Config, level: Level) -> *mut Handle { std::ptr::null_mut() }
#[no_mangle]
pub extern "C" fn plugin_small(s: Small, b: Bits, names: *const *mut c_char) -> bool { true }
#[no_mangle]
pub unsafe extern "C" fn plugin_free(h: *mut Handle, _: *const c_char, out: &mut u32) {}
#[no_mangle]
pub fn plugin_rust_abi() {}
`;

test('create: functions, statics, constants, repr(C) types with values, opaque types, in cbindgen\'s forms', async () => {
  const { text, mode } = await headerOfFiles({ 'Cargo.toml': PLUGIN_MANIFEST('demo'), 'src/lib.rs': LIB });
  assert.equal(mode, 'create');
  for (const line of [
    '#define MAX_NAME 16',
    '#define PLUGIN_ABI_VERSION 2',
    'typedef enum Level {\n  Debug,\n  Info = 5,\n  Error,\n} Level;',
    'enum Small {\n  A = 1,\n  B,\n};\ntypedef uint8_t Small;',
    'typedef struct Handle Handle;',
    'typedef union Bits {\n  uint32_t i;\n  float f;\n} Bits;',
    'typedef struct Config {\n  char name[16];\n  double scale;\n  struct Config *next;\n  struct Handle *handle;\n  int (*cb)(int);\n} Config;',
    'extern int PLUGIN_LIMIT;',
    'extern uint8_t PLUGIN_NAME[4];',
    'struct Handle *plugin_new(const struct Config *config, enum Level level);',
    'bool plugin_small(Small s, union Bits b, char *const *names);',
    'void plugin_free(struct Handle *h, const char *arg1, uint32_t *out);',
  ]) assert.ok(text.includes(line), `missing:\n${line}\nin:\n${text}`);
  assert.doesNotMatch(text, /PRIVATE_LIMIT|plugin_rust_abi|_pin/);
  // Types before their users: Small and Bits before plugin_small; Level before Config's users.
  assert.ok(text.indexOf('} Bits;') < text.indexOf('plugin_small'));
  const meanings = await meaningsOf(text);
  assert.equal(meanings.get('function plugin_small'), 'bool (uint8_t, union Bits, const char * *)');
  assert.equal(meanings.get('record Config'), 'struct { name: char[16]; scale: double; next: struct Config *; handle: struct Handle *; cb: int32_t (*)(int32_t) }');
  assert.equal(meanings.get('enum Small'), 'uint8_t { A = 1, B = 2 }');
  assert.equal(meanings.get('record Handle'), 'opaque');
});

test('cbindgen.toml: include guard, prefix, rename, style, [defines] for #[cfg] items, prefixed variant names', async () => {
  const lib = `#[repr(C)]
pub struct Point { pub x: i32, pub y: i32 }
#[repr(C)]
pub enum Mode { Fast, Slow }
pub struct Engine;
#[no_mangle]
pub extern "C" fn demo_move(p: *mut Point, m: Mode) -> *mut Engine { std::ptr::null_mut() }
#[cfg(feature = "extra")]
#[no_mangle]
pub extern "C" fn demo_extra() {}
#[cfg(windows)]
#[no_mangle]
pub extern "C" fn demo_windows() {}
#[cfg(unix)]
#[no_mangle]
pub extern "C" fn demo_unix() {}
`;
  const toml = `language = "C"\ninclude_guard = "DEMO_H"\nstyle = "tag"\ncpp_compat = true\nheader = "/* Generated: do not edit by hand. */"\n[export]\nprefix = "demo_"\n[export.rename]\n"Engine" = "engine_t"\n[enum]\nprefix_with_name = true\n[defines]\n"feature = extra" = "DEMO_EXTRA"\n`;
  const { text, notes } = await headerOfFiles({ 'Cargo.toml': PLUGIN_MANIFEST('demo', '[features]\nextra = []\n'), 'src/lib.rs': lib, 'cbindgen.toml': toml });
  assert.ok(text.startsWith('/* Generated: do not edit by hand. */\n\n#ifndef DEMO_H\n#define DEMO_H\n'), text);
  assert.match(text, /struct demo_Point \{\n {2}int32_t x;\n {2}int32_t y;\n\};/);
  assert.match(text, /enum demo_Mode \{\n {2}demo_Mode_Fast,\n {2}demo_Mode_Slow,\n\};/);
  assert.match(text, /\nstruct demo_engine_t;\n/);
  assert.match(text, /struct demo_engine_t \*demo_move\(struct demo_Point \*p, enum demo_Mode m\);/);
  assert.match(text, /#if defined\(DEMO_EXTRA\)\nvoid demo_extra\(void\);\n#endif/);
  assert.match(text, /#if defined\(_WIN32\)\nvoid demo_windows\(void\);\n#endif/);
  assert.match(text, /#if defined\(__unix__\)\nvoid demo_unix\(void\);\n#endif/);
  assert.match(text, /#ifdef __cplusplus\nextern "C" \{\n#endif/);
  assert.ok(text.trimEnd().endsWith('#endif  /* DEMO_H */'));
  assert.deepEqual(notes, []);
});

test('style = "type" and language = "C++"', async () => {
  const lib = '#[repr(C)]\npub struct P { pub x: u16 }\n#[repr(u32)]\npub enum K { A = 7 }\npub const N: i32 = -3;\n#[no_mangle]\npub extern "C" fn f(p: P, k: K) -> P { p }\n';
  const typed = await headerOfFiles({ 'Cargo.toml': PLUGIN_MANIFEST('t'), 'src/lib.rs': lib, 'cbindgen.toml': 'style = "type"\n' });
  assert.match(typed.text, /typedef struct \{\n {2}uint16_t x;\n\} P;/);
  assert.match(typed.text, /\nP f\(P p, K k\);/);
  assert.match(typed.text, /#define N -3/);
  const cpp = await headerOfFiles({ 'Cargo.toml': PLUGIN_MANIFEST('t'), 'src/lib.rs': lib, 'cbindgen.toml': 'language = "C++"\n' });
  assert.match(cpp.text, /#include <cstdint>/);
  assert.match(cpp.text, /struct P \{\n {2}uint16_t x;\n\};/);
  assert.match(cpp.text, /enum class K : uint32_t \{\n {2}A = 7,\n\};/);
  assert.match(cpp.text, /extern "C" \{\n\nP f\(P p, K k\);\n\n\} {2}\/\/ extern "C"/);
});

const EXISTING = `/* Hand-written preamble: keep me. */
#ifndef DEMO_H
#define DEMO_H

#include <stdint.h>
#include <stdbool.h>

#define MAX_NAME 16

typedef enum Level { Debug, Info = 5, Error } Level;   /* compact on purpose */

typedef struct Handle Handle;

/* A host-only helper type, hand-written. */
typedef struct HostThing { int a; } HostThing;

typedef struct Config {
  char name[MAX_NAME];
  double scale;
  struct Config *next;
  struct Handle *handle;
  int (*cb)(int);
} Config;

/** Creates a plugin. */
Handle *plugin_new(const Config *config, Level level);

/** Old: removed from the crate. */
void plugin_old(int x);

void plugin_free(struct Handle *h, const char *name, int32_t *out);

#endif
`;

test('update: only differing declarations change; comments, hand edits, spellings and order stay; a second update changes nothing', async () => {
  const files = { 'Cargo.toml': PLUGIN_MANIFEST('demo'), 'src/lib.rs': LIB };
  const first = await headerOfFiles(files, EXISTING);
  assert.equal(first.mode, 'update');
  const byKind = (kind: string) => first.changes.filter((c) => c.kind === kind).map((c) => c.key).sort();
  assert.deepEqual(byKind('changed'), ['function plugin_free']);
  assert.deepEqual(byKind('removed'), ['function plugin_old']);
  assert.deepEqual(byKind('added'), ['constant PLUGIN_ABI_VERSION', 'enum Small', 'function plugin_small', 'record Bits', 'static PLUGIN_LIMIT', 'static PLUGIN_NAME']);
  const text = first.text;
  for (const kept of ['/* Hand-written preamble: keep me. */', 'typedef enum Level { Debug, Info = 5, Error } Level;   /* compact on purpose */', 'typedef struct HostThing { int a; } HostThing;', 'char name[MAX_NAME];', '/** Creates a plugin. */\nHandle *plugin_new(const Config *config, Level level);']) {
    assert.ok(text.includes(kept), `lost:\n${kept}\nin:\n${text}`);
  }
  assert.doesNotMatch(text, /plugin_old|removed from the crate/);
  assert.match(text, /void plugin_free\(struct Handle \*h, const char \*arg1, uint32_t \*out\);/);
  // New declarations go next to their neighbours in the crate's order, inside the include guard.
  assert.ok(text.indexOf('typedef uint8_t Small;') > text.indexOf('compact on purpose'));
  assert.ok(text.indexOf('bool plugin_small') > text.indexOf('Handle *plugin_new') && text.trimEnd().endsWith('#endif'));
  // Each edit touches only its declaration: the edits cover a small part of the file.
  const replaced = first.edits.reduce((sum, e) => sum + (e.end - e.start), 0);
  assert.ok(replaced < 160, `replaced ${replaced} characters`);
  const second = await headerOfFiles(files, text);
  assert.deepEqual(second.changes, []);
  assert.deepEqual(second.edits, []);
  assert.equal(second.text, text);
});

test('update: an #if the crate\'s cfg maps to is added or rewritten; a hand-written platform guard the crate says nothing about is kept', async () => {
  const lib = '#[cfg(windows)]\n#[no_mangle]\npub extern "C" fn only_windows() {}\n#[no_mangle]\npub extern "C" fn everywhere(x: i32) {}\n';
  const existing = '#if defined(_WIN64)\nvoid only_windows(void);\n#endif\n\n#ifdef MY_GUARD\nvoid everywhere(int32_t x);\n#endif\n';
  const { text, changes } = await headerOfFiles({ 'Cargo.toml': PLUGIN_MANIFEST('c'), 'src/lib.rs': lib }, existing);
  assert.deepEqual(changes.map((c) => c.key), ['function only_windows']);
  assert.equal(text, '#if defined(_WIN32)\nvoid only_windows(void);\n#endif\n\n#ifdef MY_GUARD\nvoid everywhere(int32_t x);\n#endif\n');
});

async function refusal(files: Record<string, string>): Promise<string> {
  await assert.rejects(headerOfFiles({ 'Cargo.toml': PLUGIN_MANIFEST('r'), ...files }), (error: unknown) => error instanceof HeaderRefusal);
  try {
    await headerOfFiles({ 'Cargo.toml': PLUGIN_MANIFEST('r'), ...files });
  } catch (error) {
    return (error as Error).message;
  }
  return '';
}

test('refuses two same-named boundary types from different modules, naming both and what to do', async () => {
  const message = await refusal({ 'src/lib.rs': 'pub mod a { #[repr(C)] pub struct Config { pub x: i32 } }\npub mod b { #[repr(C)] pub struct Config { pub y: f64 } }\n#[no_mangle]\npub extern "C" fn f(a: a::Config, b: b::Config) {}\n' });
  assert.match(message, /the header is not written/);
  assert.match(message, /src\/lib\.rs:2: `b::Config` and `a::Config` both cross the C boundary as `Config`/);
  assert.match(message, /rename one of them/);
});

test('refuses a #[repr(C)] enum value out of int range, but not a repr(u64) one', async () => {
  const message = await refusal({ 'src/lib.rs': '#[repr(C)]\npub enum Big { Small = 1, Huge = 5000000000 }\n#[no_mangle]\npub extern "C" fn f(b: Big) {}\n' });
  assert.match(message, /src\/lib\.rs:2: `Big::Huge` = 5000000000/);
  assert.match(message, /#\[repr\(u64\)\]/);
  const ok = await headerOfFiles({ 'Cargo.toml': PLUGIN_MANIFEST('r'), 'src/lib.rs': '#[repr(u64)]\npub enum Big { Small = 1, Huge = 5000000000 }\n#[no_mangle]\npub extern "C" fn f(b: Big) {}\n' });
  assert.match(ok.text, /Huge = 5000000000,\n\};\ntypedef uint64_t Big;/);
});

test('refuses conflicting extern declarations: two imports of one symbol, or an import clashing with an export', async () => {
  const twice = await refusal({ 'src/lib.rs': 'mod a { extern "C" { pub fn host_log(level: i32); } }\nmod b { extern "C" { pub fn host_log(level: i64); } }\n#[no_mangle]\npub extern "C" fn f() {}\n' });
  assert.match(twice, /`host_log` redeclared with a different signature/);
  const clash = await refusal({ 'src/lib.rs': 'extern "C" { fn plugin_run(x: i64); }\n#[no_mangle]\npub extern "C" fn plugin_run(x: i32) {}\n' });
  assert.match(clash, /src\/lib\.rs:1: `plugin_run` is declared in an `extern` block as `void \(int64_t\)` but exported at src\/lib\.rs:3 as `void \(int32_t\)`/);
});

test('refuses a type with no C spelling, naming the export', async () => {
  const message = await refusal({ 'src/lib.rs': '#[no_mangle]\npub extern "C" fn greet(name: &str) {}\n' });
  assert.match(message, /src\/lib\.rs:2: `greet` uses `&str`, which has no C equivalent/);
});

test('a field named with a C keyword is refused (cbindgen writes `int64_t int;`, which does not compile); a parameter is renamed', async () => {
  const message = await refusal({ 'src/lib.rs': '#[repr(C)]\npub union Number { pub int: i64, pub real: f64 }\n#[no_mangle]\npub extern "C" fn f(n: Number) {}\n' });
  assert.match(message, /src\/lib\.rs:2: field `int` of `Number` is a C keyword, so the header would not compile/);
  const { text } = await headerOfFiles({ 'Cargo.toml': PLUGIN_MANIFEST('k'), 'src/lib.rs': '#[no_mangle]\npub extern "C" fn f(default: i32, r#struct: u8) {}\n' });
  assert.match(text, /void f\(int32_t default_, uint8_t struct_\);/);
});

test('doc comments: written above new declarations in cbindgen\'s styles; documentation = false leaves them out; an update keeps the file\'s comment', async () => {
  const lib = '/// Makes a widget.\n///\n/// Free it with `widget_free`.\n#[no_mangle]\npub extern "C" fn widget_new() -> u32 { 0 }\n';
  const files = { 'Cargo.toml': PLUGIN_MANIFEST('w'), 'src/lib.rs': lib };
  assert.match((await headerOfFiles(files)).text, /\/\*\*\n \* Makes a widget\.\n \*\n \* Free it with `widget_free`\.\n \*\/\nuint32_t widget_new\(void\);/);
  assert.match((await headerOfFiles({ ...files, 'cbindgen.toml': 'documentation_style = "c99"\n' })).text, /\/\/ Makes a widget\.\n\/\/\n\/\/ Free it with `widget_free`\.\nuint32_t widget_new\(void\);/);
  assert.doesNotMatch((await headerOfFiles({ ...files, 'cbindgen.toml': 'documentation = false\n' })).text, /Makes a widget/);
  const updated = await headerOfFiles(files, '/* my words */\nint widget_new(void);\n');
  assert.equal(updated.text, '/* my words */\nuint32_t widget_new(void);\n');
});

test('data-carrying enums in cbindgen\'s form: repr(C) tag and union, repr(u8) union of tagged members, body structs', async () => {
  const lib = '#[repr(C)]\npub struct Point { pub x: f32, pub y: f32 }\n#[repr(C)]\npub enum Shape { Circle(f32), Rect { w: f32, h: f32 }, Line(Point, Point), Empty }\n#[repr(u8)]\npub enum Event { Key(u32), MoveTo { dx: i16, dy: i16 }, Quit }\n#[no_mangle]\npub extern "C" fn f(s: Shape, e: Event) {}\n';
  const { text } = await headerOfFiles({ 'Cargo.toml': PLUGIN_MANIFEST('d'), 'src/lib.rs': lib });
  assert.match(text, /typedef enum Shape_Tag \{\n {2}Circle,\n {2}Rect,\n {2}Line,\n {2}Empty,\n\} Shape_Tag;/);
  assert.match(text, /typedef struct Line_Body \{\n {2}struct Point _0;\n {2}struct Point _1;\n\} Line_Body;/);
  assert.match(text, /typedef struct Shape \{\n {2}enum Shape_Tag tag;\n {2}union \{\n {4}struct \{\n {6}float circle;\n {4}\};\n {4}struct Rect_Body rect;\n {4}struct Line_Body line;\n {2}\};\n\} Shape;/);
  assert.match(text, /typedef struct MoveTo_Body \{\n {2}Event_Tag tag;\n {2}int16_t dx;\n {2}int16_t dy;\n\} MoveTo_Body;/);
  assert.match(text, /typedef union Event \{\n {2}Event_Tag tag;\n {2}struct \{\n {4}Event_Tag key_tag;\n {4}uint32_t key;\n {2}\};\n {2}struct MoveTo_Body move_to;\n\} Event;/);
  assert.match(text, /void f\(struct Shape s, union Event e\);/);
  assert.ok(text.indexOf('} Line_Body;') < text.indexOf('} Shape;') && text.indexOf('} Point;') < text.indexOf('} Line_Body;'));
  const meanings = await meaningsOf(text);
  assert.equal(meanings.get('record Event'), 'union { tag: uint8_t; struct { key_tag: uint8_t; key: uint32_t }; move_to: struct MoveTo_Body }');
});

test('refuses one C identifier declared twice: enum variants of two enums, a constant of two modules', async () => {
  const variants = await refusal({ 'src/lib.rs': '#[repr(C)]\npub enum A { None, Some }\n#[repr(C)]\npub enum B { None, Other }\n#[no_mangle]\npub extern "C" fn f(a: A, b: B) {}\n' });
  assert.match(variants, /`None` would be declared twice in the header, as a variant of `A` \(src\/lib\.rs:2\) and as a variant of `B` \(src\/lib\.rs:4\).*prefix_with_name = true/);
  const prefixed = await headerOfFiles({ 'Cargo.toml': PLUGIN_MANIFEST('r'), 'src/lib.rs': '#[repr(C)]\npub enum A { None, Some }\n#[repr(C)]\npub enum B { None, Other }\n#[no_mangle]\npub extern "C" fn f(a: A, b: B) {}\n', 'cbindgen.toml': '[enum]\nprefix_with_name = true\n' });
  assert.match(prefixed.text, /A_None,[\s\S]*B_None,/);
  const constants = await refusal({ 'src/lib.rs': 'pub mod a { pub const MAX: u32 = 1; }\npub mod b { pub const MAX: u32 = 2; }\n#[no_mangle]\npub extern "C" fn f() {}\n' });
  assert.match(constants, /`MAX` would be declared twice in the header, as `a::MAX` \(src\/lib\.rs:1\) and as `b::MAX` \(src\/lib\.rs:2\)/);
});

test('which header: build.rs\'s cbindgen output, else the in-crate header named after the crate, else the one declaring most exports, else include/<crate>.h', async () => {
  const engine = await testEngine();
  const lib = '#[no_mangle]\npub extern "C" fn a() {}\n#[no_mangle]\npub extern "C" fn b() {}\n';
  const pick = async (files: Record<string, string>) => {
    const dir = writeTree({ 'Cargo.toml': PLUGIN_MANIFEST('pick-me'), 'src/lib.rs': lib, ...files });
    const crate = await engine.crateOf(path.join(dir, 'src', 'lib.rs'));
    const chosen = headerFileOf(crate!);
    return { file: path.relative(dir, chosen.file), reason: chosen.reason };
  };
  assert.deepEqual(await pick({}), { file: 'include/pick_me.h', reason: 'default' });
  assert.deepEqual(await pick({ 'include/one.h': 'void a(void);\n', 'include/two.h': 'void a(void);\nvoid b(void);\n' }), { file: 'include/two.h', reason: 'in-crate' });
  assert.deepEqual(await pick({ 'include/two.h': 'void a(void);\nvoid b(void);\n', 'include/pick_me.h': 'void a(void);\n' }), { file: 'include/pick_me.h', reason: 'in-crate' });
  assert.deepEqual(await pick({ 'include/vendored.h': 'void unrelated(void);\n' }), { file: 'include/pick_me.h', reason: 'default' });
  assert.deepEqual(await pick({ 'include/two.h': 'void a(void);\n', 'build.rs': 'fn main() { cbindgen::generate(".").unwrap().write_to_file("out/api.h"); }\n' }), { file: 'out/api.h', reason: 'cbindgen' });
});

test('cbindgen.toml: rename_variants (with prefix_with_name, and Qualified), [export] include, usize_is_size_t', async () => {
  const lib = '#[repr(C)]\npub enum my_result { Ok, NullParameter, AlertUnknownCA }\n#[repr(C)]\npub enum tls_version { Tlsv1_2 = 771 }\n#[no_mangle]\npub extern "C" fn f(r: my_result, n: usize, d: isize) {}\n';
  const screaming = await headerOfFiles({ 'Cargo.toml': PLUGIN_MANIFEST('v'), 'src/lib.rs': lib, 'cbindgen.toml': 'usize_is_size_t = true\n[enum]\nprefix_with_name = true\nrename_variants = "ScreamingSnakeCase"\n[export]\ninclude = ["tls_version"]\n' });
  assert.match(screaming.text, /MY_RESULT_OK,\n {2}MY_RESULT_NULL_PARAMETER,\n {2}MY_RESULT_ALERT_UNKNOWN_CA,/);
  assert.match(screaming.text, /typedef enum tls_version \{\n {2}TLS_VERSION_TLSV1_2 = 771,\n\} tls_version;/);
  assert.match(screaming.text, /void f\(enum my_result r, size_t n, ptrdiff_t d\);/);
  const qualified = await headerOfFiles({ 'Cargo.toml': PLUGIN_MANIFEST('v'), 'src/lib.rs': lib.replace('my_result', 'SymbolicErrorCode').replace('r: my_result', 'r: SymbolicErrorCode'), 'cbindgen.toml': '[enum]\nrename_variants = "QualifiedScreamingSnakeCase"\n' });
  assert.match(qualified.text, /SYMBOLIC_ERROR_CODE_OK,\n {2}SYMBOLIC_ERROR_CODE_NULL_PARAMETER,/);
});

test('update reads a header as a C17 compiler does (C23 and C++ branches skipped) and accepts a hand-kept header\'s choices: opaque handle, no const on it, prefixed variants', async () => {
  const lib = '#[repr(C)]\npub struct Handle { _opaque: usize }\n#[repr(u32)]\npub enum Code { Ok = 0, Failed }\n#[no_mangle]\npub extern "C" fn h_new() -> *const Handle { std::ptr::null() }\n#[no_mangle]\npub extern "C" fn h_run(h: *const Handle) -> Code { Code::Ok }\n';
  const existing = `typedef struct Handle Handle;

enum Code
#if __STDC_VERSION__ >= 202311L
  : uint32_t
#endif
 {
  CODE_OK = 0,
  CODE_FAILED = 1,
};
#if __STDC_VERSION__ >= 202311L
typedef enum Code Code;
#else
typedef uint32_t Code;
#endif

Handle *h_new(void);
Code h_run(Handle *h);
`;
  const same = await headerOfFiles({ 'Cargo.toml': PLUGIN_MANIFEST('h'), 'src/lib.rs': lib }, existing);
  assert.deepEqual(same.changes, []);
  // A real change is still one: a variant more shifts nothing here but is new.
  const changed = await headerOfFiles({ 'Cargo.toml': PLUGIN_MANIFEST('h'), 'src/lib.rs': lib.replace('Failed }', 'Failed, Busy }') }, existing);
  assert.deepEqual(changed.changes.map((c) => c.key), ['enum Code']);
});

test('update: an #if above a doc comment (cbindgen\'s order) is the declaration\'s; a changed condition rewrites that line only, the comment stays', async () => {
  const lib = '#[cfg(feature = "ring")]\n#[no_mangle]\npub extern "C" fn provider() -> u32 { 0 }\n';
  const toml = '[defines]\n"feature = ring" = "DEFINE_RING"\n';
  const existing = '#if defined(DEFINE_RING)\n/**\n * The provider.\n */\nuint32_t provider(void);\n#endif\n';
  const same = await headerOfFiles({ 'Cargo.toml': PLUGIN_MANIFEST('p', '[features]\nring = []\n'), 'src/lib.rs': lib, 'cbindgen.toml': toml }, existing);
  assert.deepEqual(same.changes, []);
  const renamed = await headerOfFiles({ 'Cargo.toml': PLUGIN_MANIFEST('p', '[features]\nring = []\n'), 'src/lib.rs': lib, 'cbindgen.toml': toml.replace('DEFINE_RING', 'USE_RING') }, existing);
  assert.equal(renamed.text, '#if defined(USE_RING)\n/**\n * The provider.\n */\nuint32_t provider(void);\n#endif\n');
});

test('types only another build has are declared under their #if with the functions that use them', async () => {
  const lib = '#[cfg(windows)]\n#[repr(C)]\npub struct WinThing { pub handle: usize }\n#[cfg(windows)]\npub struct WinOpaque { x: Vec<u8> }\n#[cfg(windows)]\n#[no_mangle]\npub extern "C" fn win_only(t: WinThing, p: *mut WinThing, o: *mut WinOpaque) {}\n#[cfg(unix)]\n#[repr(C)]\npub struct UnixThing { pub fd: i32 }\n#[cfg(unix)]\n#[no_mangle]\npub extern "C" fn unix_only(t: UnixThing) {}\n';
  const { text } = await headerOfFiles({ 'Cargo.toml': PLUGIN_MANIFEST('o'), 'src/lib.rs': lib });
  assert.match(text, /#if defined\(_WIN32\)\ntypedef struct WinThing \{\n {2}uintptr_t handle;\n\} WinThing;\n#endif/);
  assert.match(text, /#if defined\(_WIN32\)\ntypedef struct WinOpaque WinOpaque;\n#endif/);
  assert.match(text, /#if defined\(_WIN32\)\nvoid win_only\(struct WinThing t, struct WinThing \*p, struct WinOpaque \*o\);\n#endif/);
  assert.match(text, /#if defined\(__unix__\)\nvoid unix_only\(struct UnixThing t\);\n#endif/);
});

test('the cbindgen_clean fixture\'s hand-kept header is up to date: a platform #if/#else pair read as this build reads it, a declaration under a macro we never write kept, a constant respelled by hand', async () => {
  const dir = path.join(__dirname, '..', 'fixtures', 'interfaces', 'cbindgen_clean');
  const result = await headerOf(dir, readFileSync(path.join(dir, 'include', 'gx_plugin.h'), 'utf8'));
  assert.deepEqual(result.changes, []);
  // Under `#if defined(_WIN32)` (a macro ours are written with), a function the crate does not export goes.
  const lib = '#[no_mangle]\npub extern "C" fn kept() {}\n';
  const removed = await headerOfFiles({ 'Cargo.toml': PLUGIN_MANIFEST('k'), 'src/lib.rs': lib }, 'void kept(void);\n\n#if defined(_WIN32)\nvoid gone(void);\n#endif\n\n#if defined(HOST_EXTRAS)\nvoid host_only(void);\n#endif\n');
  assert.equal(removed.text, 'void kept(void);\n\n#if defined(HOST_EXTRAS)\nvoid host_only(void);\n#endif\n');
});

test('update never declares twice: a declaration the reader cannot read (an unknown trailing macro, C23 attributes) is left alone with a note', async () => {
  const files = { 'Cargo.toml': PLUGIN_MANIFEST('w'), 'src/lib.rs': '#[no_mangle]\npub extern "C" fn f(x: i32) {}\n' };
  for (const existing of ['void f(int32_t x) WEIRD_ATTR(3, "a");\n', 'void f(int32_t x) [[deprecated]];\n']) {
    const result = await headerOfFiles(files, existing);
    assert.equal(result.text, existing);
    assert.deepEqual(result.notes, ['plugin.h:1: `f` is written there in a form this reader cannot read, so it was neither compared nor rewritten; check it by hand']);
  }
  // Read despite export macros and attributes it knows: compared as usual.
  assert.deepEqual((await headerOfFiles(files, '__declspec(dllexport) void __cdecl f(int32_t x);\n')).changes, []);
});
