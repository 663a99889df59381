// rustc as the oracle for the rustc-parity rules: `repr-c-enum-larger-than-int`, `no-mangle-const` and
// `clashing-extern-declarations` must report exactly where rustc 1.95's lints do (also for items a
// macro_rules! writes: at rustc's outermost call site), and their fixes must make rustc's lint go away.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Finding } from '../../server/src/engine/types';
import { applyEdits } from '../support/edits';
import { outermostCallSite } from '../support/differential';
import { testEngine, writeTree } from '../support/engine';
import { rustcDiagnostics, type RustcDiagnostic } from '../support/rustc';

const MANIFEST = '[package]\nname = "plug"\nversion = "0.1.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n';

function site(d: RustcDiagnostic): string {
  const s = outermostCallSite(d.spans.find((span) => span.is_primary)!);
  return `${s.line_start}:${s.column_start}-${s.line_end}:${s.column_end}`;
}

function ours(f: Finding): string {
  return `${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.line + 1}:${f.range.end.character + 1}`;
}

async function compare(source: string, lint: string, rule: string): Promise<{ file: string; findings: Finding[]; rustc: string[] }> {
  const dir = writeTree({ 'Cargo.toml': MANIFEST, 'src/lib.rs': source });
  const file = path.join(dir, 'src/lib.rs');
  const diagnostics = rustcDiagnostics(file, '2021');
  const rustc = diagnostics.filter((d) => d.code?.code === lint).map(site).sort();
  assert.ok(rustc.length > 0, `rustc reports ${lint} on the fixture`);
  const { findings } = await (await testEngine()).analyzeFile(file);
  const mine = findings.filter((f) => f.rule === rule);
  assert.deepEqual(mine.map(ours).sort(), rustc, `${rule} vs rustc's ${lint}`);
  return { file, findings: mine, rustc };
}

test('repr-c-enum-larger-than-int sits on the variants rustc names, and the fix silences rustc', async () => {
  const source = `#![allow(dead_code)]
#[repr(C)]
pub enum Big { A = 0x1_0000_0000, B }
#[repr(C)]
pub enum Neg { A = -1, B = 0xFFFF_FFFF }
#[repr(C)]
pub enum Mixed { X = 0xFFFF_FFFF, Y = -1 }
#[repr(C)]
pub enum Fits { A = -2147483648, B = 2147483647 }
#[repr(C)]
pub enum Unsigned { A = 0xFFFF_FFFF }
#[repr(C)]
pub enum Counted { A = 2147483647, B }
#[repr(C)]
pub enum Shifted { A = 1 << 40 }
#[repr(u64)]
pub enum Sized64 { A = 0x1_0000_0000 }
macro_rules! flags {
    ($name:ident, $big:expr) => { #[repr(C)] pub enum $name { Small = 1, Large = $big } };
}
flags!(FromMacro, 0x2_0000_0000);
macro_rules! fixed_flags {
    () => { #[repr(C)] pub enum Written { Small = 1, Large = 0x2_0000_0000 } };
}
fixed_flags!();
`;
  const { file, findings } = await compare(source, 'repr_c_enums_larger_than_int', 'repr-c-enum-larger-than-int');
  assert.match(findings[0].message, /does not fit into a C `int`/);
  // Every fix applied: rustc has nothing more to say (the written enum's fix edits the macro).
  const edits = findings.flatMap((f) => f.fixes[0]?.edits ?? []).filter((e, i, all) => all.findIndex((o) => JSON.stringify(o) === JSON.stringify(e)) === i);
  assert.ok(edits.every((e) => e.file === file));
  writeFileSync(file, applyEdits(source, edits));
  const after = rustcDiagnostics(file, '2021');
  assert.deepEqual(after.filter((d) => d.level === 'error').map((d) => d.message), []);
  assert.deepEqual(after.filter((d) => d.code?.code === 'repr_c_enums_larger_than_int').map(site), []);
  // Both macros write `#[repr(C)]` themselves: their fixes edit the definitions, never the calls.
  const fixed = readFileSync(file, 'utf8');
  assert.match(fixed, /#\[repr\(u64\)\] pub enum \$name/);
  assert.match(fixed, /#\[repr\(u64\)\] pub enum Written/);
  assert.match(fixed, /flags!\(FromMacro, 0x2_0000_0000\);/);
});

test('no-mangle-const is rustc\'s no_mangle_const_items, and the `static` fix compiles', async () => {
  const source = `#![allow(dead_code)]
#[no_mangle]
pub const PLUGIN_VERSION: u32 = 3;
#[no_mangle]
pub const fn not_a_const_item() -> u32 { 1 }
#[no_mangle]
pub static EXPORTED: u32 = 1;
macro_rules! version {
    ($name:ident = $v:expr) => { #[no_mangle] pub const $name: u32 = $v; };
}
version!(MACRO_VERSION = 4);
`;
  const { file, findings } = await compare(source, 'no_mangle_const_items', 'no-mangle-const');
  const edits = findings.flatMap((f) => f.fixes[0]?.edits ?? []);
  writeFileSync(file, applyEdits(source, edits));
  const after = rustcDiagnostics(file, '2021');
  assert.deepEqual(after.filter((d) => d.level === 'error').map((d) => d.message), []);
  assert.equal(after.filter((d) => d.code?.code === 'no_mangle_const_items').length, 0);
});

test('clashing-extern-declarations is rustc\'s clashing_extern_declarations, at the later declaration', async () => {
  const source = `#![allow(dead_code)]
use std::os::raw::c_int;
mod a {
    extern "C" { pub fn host_log(x: u32); pub fn same(x: i32) -> i32; pub fn renamed(); }
}
mod b {
    extern "C" { pub fn host_log(x: u64) -> i32; pub fn same(x: super::c_int) -> std::os::raw::c_int; }
    extern "C" { #[link_name = "renamed"] pub fn other_name(v: f64); }
}
macro_rules! declare {
    ($t:ty) => { extern "C" { fn host_count(x: $t); } };
}
mod c { declare!(u8); }
mod d { declare!(u16); }
`;
  const { findings } = await compare(source, 'clashing_extern_declarations', 'clashing-extern-declarations');
  assert.match(findings[0].message, /^`host_log` redeclared with a different signature/);
  assert.equal(findings[0].related[0].location.range.start.line, 3);
});
