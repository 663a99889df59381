// Type layouts (server/src/layout/typeLayout.ts) against rustc: a program that prints `size_of`, `align_of` and
// every field's `offset_of!` for each type of a fixture crate is built and run, and every number must match.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { AdtItem } from '../../server/src/syntax/items';
import { LayoutComputer, layoutTarget } from '../../server/src/layout/typeLayout';
import { hostTargetCfg } from '../../server/src/crate/targetCfg';
import { tempDir, testEngine, writeTree } from '../support/engine';

/** Types whose layout the model must know, and one it must refuse (Rust layout). */
const TYPES = `use std::ffi::{c_char, c_int, c_long, c_double, c_void};
use std::ptr::NonNull;
use std::marker::PhantomData;
pub const N: usize = 3;
#[repr(C)] pub struct Scalars { pub a: u8, pub b: u32, pub c: u16, pub d: u64, pub e: bool, pub f: f32 }
#[repr(C)] pub struct Pointers { pub p: *const c_void, pub s: *mut c_char, pub r: &'static u32, pub f: Option<extern "C" fn(c_int) -> c_int>, pub n: Option<NonNull<u8>>, pub b: Option<Box<u64>> }
#[repr(C)] pub struct CTypes { pub i: c_int, pub l: c_long, pub d: c_double, pub c: c_char, pub z: usize, pub w: isize }
#[repr(C)] pub struct Arrays { pub tag: u8, pub data: [u16; 5], pub more: [u64; N], pub grid: [[u8; 3]; N * 2] }
#[repr(C)] pub struct Nested { pub head: u8, pub inner: Scalars, pub tail: u8 }
#[repr(C)] pub union Either { pub i: u32, pub d: f64, pub b: [u8; 13] }
#[repr(C, packed)] pub struct Packed { pub a: u8, pub b: u64, pub c: u16 }
#[repr(C, packed(2))] pub struct Packed2 { pub a: u8, pub b: u64, pub c: u16 }
#[repr(C, align(16))] pub struct Aligned { pub a: u8, pub b: u32 }
#[repr(C)] #[repr(align(32))] pub struct AlignedTwice { pub a: u8 }
#[repr(transparent)] pub struct Handle(pub *mut c_void);
#[repr(transparent)] pub struct Meters { pub value: f64, _unit: PhantomData<u8> }
#[repr(C)] pub struct Wide { pub a: u8, pub big: u128, pub h: Handle, pub m: Meters }
#[repr(C)] pub enum Color { Red, Green = 7, Blue }
#[repr(u8)] pub enum Small { A, B }
#[repr(u16)] pub enum Medium { A = 300 }
#[repr(C)] pub struct WithEnums { pub c: Color, pub s: Small, pub m: Medium, pub u: u8 }
#[repr(C)] pub struct Empty {}
pub type Alias = Scalars;
#[repr(C)] pub struct ThroughAlias { pub a: Alias, pub x: std::mem::ManuallyDrop<u32> }
pub struct RustLayout { pub a: u8, pub b: u32 }
#[repr(C)] pub struct HoldsRust { pub r: RustLayout }
`;

const REFUSED = new Set(['RustLayout', 'HoldsRust']);

test('size, alignment and every field offset of #[repr(C)] types agree with rustc on this machine', async () => {
  const root = writeTree({ 'Cargo.toml': '[package]\nname = "layouts"\nversion = "0.1.0"\nedition = "2021"\n', 'src/lib.rs': TYPES });
  const engine = await testEngine();
  const { crate } = await engine.analyzeFile(path.join(root, 'src', 'lib.rs'));
  assert.ok(crate);
  const computer = new LayoutComputer(crate, layoutTarget(hostTargetCfg()));
  const adts = crate.root.syntax.items.filter((i): i is AdtItem => i.kind === 'struct' || i.kind === 'union' || i.kind === 'enum');
  const ours: string[] = [];
  const printed: string[] = [];
  for (const item of adts) {
    const layout = computer.ofAdt(item, crate.root);
    if (REFUSED.has(item.name)) {
      assert.equal(layout, undefined, `${item.name} has Rust's layout: the model must not guess one`);
      continue;
    }
    assert.ok(layout, `no layout for ${item.name}`);
    ours.push(`${item.name} size ${layout.size} align ${layout.align}`);
    printed.push(`println!("${item.name} size {} align {}", std::mem::size_of::<${item.name}>(), std::mem::align_of::<${item.name}>());`);
    for (const field of layout.fields) {
      if (field.name.startsWith('_')) continue;
      ours.push(`${item.name}.${field.name} offset ${field.offset}`);
      printed.push(`println!("${item.name}.${field.name} offset {}", std::mem::offset_of!(${item.name}, ${field.name}));`);
    }
  }
  const dir = tempDir('rpg-layout-');
  const program = path.join(dir, 'main.rs');
  writeFileSync(program, `#![allow(dead_code)]\n${TYPES}\nfn main() {\n${printed.join('\n')}\n}\n`);
  const binary = path.join(dir, 'layouts');
  const build = spawnSync('rustc', ['--edition', '2021', '-o', binary, program], { encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
  const run = spawnSync(binary, { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(ours, run.stdout.trim().split('\n'));
  assert.ok(ours.length > 60, `compared ${ours.length} numbers`);
});
