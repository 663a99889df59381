// The rustc-parity rules beyond what rustc sees: clashing declarations across a workspace's crates,
// c-name-collision (no rustc lint; rustc checks that its rename fix compiles), and their silent cases.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { applyEdits } from '../support/edits';
import { testEngine, writeTree } from '../support/engine';
import { rustcDiagnostics } from '../support/rustc';

const manifest = (name: string, extra = '') => `[package]\nname = "${name}"\nversion = "0.1.0"\nedition = "2021"\n${extra}`;

test('clashing-extern-declarations across the crates of a workspace, reported in the plugin', async () => {
  const dir = writeTree({
    'Cargo.toml': '[workspace]\nmembers = ["plugin", "shared"]\nresolver = "2"\n',
    'shared/Cargo.toml': manifest('shared'),
    'shared/src/lib.rs': 'extern "C" {\n    pub fn host_log(level: u32, msg: *const u8);\n    pub fn host_time() -> u64;\n}\n',
    'plugin/Cargo.toml': manifest('plugin', '[lib]\ncrate-type = ["cdylib"]\n[dependencies]\nshared = { path = "../shared" }\n'),
    'plugin/src/lib.rs': 'extern "C" {\n    fn host_log(level: u64, msg: *const u8);\n    fn host_time() -> u64;\n}\n',
  });
  const file = path.join(dir, 'plugin/src/lib.rs');
  const { findings } = await (await testEngine()).analyzeFile(file);
  const clashes = findings.filter((f) => f.rule === 'clashing-extern-declarations');
  assert.deepEqual(clashes.map((f) => [f.file, f.range.start.line]), [[file, 1]]);
  assert.match(clashes[0].message, /than in crate `shared` before/);
  assert.equal(clashes[0].related[0].location.file, path.join(dir, 'shared/src/lib.rs'));
});

test('c-name-collision: two `Config`s crossing the boundary; the rename fix compiles and ends the collision', async () => {
  const source = `use std::os::raw::c_char;
pub mod a {
    #[repr(C)]
    pub struct Config { pub width: u32 }
}
#[repr(C)]
pub struct Config { pub name: *const c_char }
#[repr(C)]
pub struct Holder { pub inner: a::Config }
#[no_mangle]
pub extern "C" fn init(holder: *const Holder, config: *const Config) -> u32 {
    let _ = Config { name: std::ptr::null() };
    if holder.is_null() || config.is_null() { 0 } else { 1 }
}
`;
  const dir = writeTree({ 'Cargo.toml': manifest('plug', '[lib]\ncrate-type = ["cdylib"]\n'), 'src/lib.rs': source });
  const file = path.join(dir, 'src/lib.rs');
  const engine = await testEngine();
  const { findings } = await engine.analyzeFile(file);
  const collisions = findings.filter((f) => f.rule === 'c-name-collision');
  assert.equal(collisions.length, 1);
  const [collision] = collisions;
  assert.match(collision.message, /^`a::Config` and `plug::Config` both cross the C boundary as `Config`/);
  assert.equal(collision.range.start.line, 3);
  assert.equal(collision.related[0].location.range.start.line, 6);
  // No rename of `a::Config` is safe here: the file defines the other `Config` too.
  assert.deepEqual(collision.fixes, []);

  // With each `Config` in its own file and used only there, the rename is offered; it compiles (rustc) and
  // ends the collision.
  const bSource = '#[repr(C)]\npub struct Config { pub height: u32 }\nimpl Config {\n    pub fn new() -> Config { Config { height: 1 } }\n}\n#[no_mangle]\npub extern "C" fn b_init(c: *const Config) -> u32 { if c.is_null() { 0 } else { Config::new().height } }\n';
  const split = writeTree({
    'Cargo.toml': manifest('plug', '[lib]\ncrate-type = ["cdylib"]\n'),
    'src/lib.rs': 'mod a;\nmod b;\n',
    'src/a.rs': '#[repr(C)]\npub struct Config { pub width: u32 }\n#[no_mangle]\npub extern "C" fn a_init(c: *const Config) -> u32 { if c.is_null() { 0 } else { 1 } }\n',
    'src/b.rs': bSource,
  });
  const lib = path.join(split, 'src/lib.rs');
  const b = path.join(split, 'src/b.rs');
  const second = (await engine.analyzeFile(lib)).findings.filter((f) => f.rule === 'c-name-collision');
  assert.deepEqual(second.map((f) => [f.file, f.range.start.line]), [[b, 1]]);
  const fix = second[0].fixes[0];
  assert.equal(fix.title, 'Rename `b::Config` to `BConfig`');
  assert.ok(fix.edits.every((e) => e.file === b));
  writeFileSync(b, applyEdits(bSource, fix.edits));
  assert.deepEqual(rustcDiagnostics(lib, '2021').filter((d) => d.level === 'error').map((d) => d.message), []);
  engine.files.invalidate(b);
  assert.deepEqual((await engine.analyzeFile(lib)).findings.filter((f) => f.rule === 'c-name-collision'), []);
});

test('c-name-collision and the rustc-parity rules stay silent on correct code', async () => {
  const source = `#![allow(dead_code)]
pub mod a { #[repr(C)] pub struct Config { pub width: u32 } }
pub mod b { pub struct Config { pub internal: Vec<u8> } }
#[repr(C)]
pub struct Wrapper<T> { pub t: T }
pub mod c { #[repr(C)] pub struct Wrapper<T> { pub u: T } }
#[no_mangle]
pub extern "C" fn f(a: *const a::Config, w: Wrapper<u8>, v: c::Wrapper<u16>) {}
#[repr(C)]
pub enum Small { A = -2147483648, B = 2147483647 }
#[repr(u64)]
pub enum Big { A = 0x1_0000_0000 }
#[repr(C)]
pub enum Unknown { A = SOME_CONST, B }
const SOME_CONST: isize = 1;
#[no_mangle]
pub static VERSION: u32 = 1;
pub const NOT_EXPORTED: u32 = 2;
mod x { extern "C" { pub fn host(v: std::os::raw::c_int) -> *mut u8; } }
mod y { extern "C" { pub fn host(v: i32) -> *mut u8; } }
// Two private \`Kind\`s inside types handed out only behind pointers: cbindgen writes those types opaque, fields unseen.
pub mod body { pub enum Kind { Empty, Chan } pub struct Body { kind: Kind } }
pub mod error { pub enum Kind { Parse, Io } pub struct Error { kind: Kind } }
#[no_mangle]
pub extern "C" fn body_new() -> *mut body::Body { std::ptr::null_mut() }
#[no_mangle]
pub extern "C" fn error_of(_b: *const body::Body) -> *const error::Error { std::ptr::null() }
`;
  const dir = writeTree({ 'Cargo.toml': manifest('plug', '[lib]\ncrate-type = ["cdylib"]\n'), 'src/lib.rs': source });
  const file = path.join(dir, 'src/lib.rs');
  assert.deepEqual(rustcDiagnostics(file, '2021').filter((d) => d.level === 'error').map((d) => d.message), []);
  const { findings } = await (await testEngine()).analyzeFile(file);
  const parity = new Set(['c-name-collision', 'repr-c-enum-larger-than-int', 'no-mangle-const', 'clashing-extern-declarations']);
  assert.deepEqual(findings.filter((f) => parity.has(f.rule)).map((f) => `${f.rule}: ${f.message}`), []);
  writeFileSync(file, source);
});
