// The plugin-descriptor fix (issue 15): a descriptor static (or a zero-argument export returning one) without
// `#[repr(C)]` gets "Add `#[repr(C)]` … and move its version fields first", which clears the finding and compiles.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { Finding } from '../../server/src/engine/types';
import { applyEdits } from '../support/edits';
import { testEngine, writeTree } from '../support/engine';
import { rustcDiagnostics } from '../support/rustc';

const MANIFEST = '[package]\nname = "p"\nversion = "0.1.0"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n';

const TUTORIAL = `use std::ffi::c_char;

pub struct PluginDeclaration {
    /// The plugin's name, NUL-terminated.
    pub name: *const c_char,
    #[allow(dead_code)]
    pub register: extern "C" fn(u32) -> u32,
    pub rustc_version: u32,
    pub core_version: u32
}
unsafe impl Sync for PluginDeclaration {}

extern "C" fn register(x: u32) -> u32 { x }

#[no_mangle]
pub static plugin_declaration: PluginDeclaration = PluginDeclaration { name: c"demo".as_ptr(), register, rustc_version: 1, core_version: 2 };
`;

async function reprFindings(source: string): Promise<{ file: string; findings: Finding[] }> {
  const root = writeTree({ 'Cargo.toml': MANIFEST, 'src/lib.rs': source });
  const file = path.join(root, 'src/lib.rs');
  const { findings } = await (await testEngine()).analyzeFile(file);
  return { file, findings: findings.filter((f) => f.rule === 'missing-repr-c') };
}

describe('missing-repr-c on a plugin descriptor', () => {
  test('the preferred fix adds #[repr(C)] and moves the version fields first; the finding goes and rustc compiles it', async () => {
    const { file, findings } = await reprFindings(TUTORIAL);
    assert.equal(findings.length, 1);
    const [descriptor, plain] = findings[0].fixes;
    assert.equal(descriptor.title, 'Add `#[repr(C)]` to `PluginDeclaration` and move its version fields first (`rustc_version`, `core_version`)');
    assert.equal(descriptor.isPreferred, true);
    assert.equal(plain.title, 'Add `#[repr(C)]` to `PluginDeclaration`');
    assert.equal(plain.isPreferred, false);
    const fixed = applyEdits(TUTORIAL, descriptor.edits);
    assert.ok(
      fixed.includes(`#[repr(C)]
pub struct PluginDeclaration {
    pub rustc_version: u32,
    pub core_version: u32,
    /// The plugin's name, NUL-terminated.
    pub name: *const c_char,
    #[allow(dead_code)]
    pub register: extern "C" fn(u32) -> u32,
}`),
      fixed,
    );
    writeFileSync(file, fixed);
    const engine = await testEngine();
    engine.files.invalidate(file);
    assert.deepEqual((await engine.analyzeFile(file)).findings.filter((f) => f.rule === 'missing-repr-c'), []);
    assert.deepEqual(rustcDiagnostics(file, '2021').filter((d) => d.level === 'error').map((d) => d.message), []);
    assert.equal(readFileSync(file, 'utf8'), fixed);
  });

  test('a zero-argument export returning a descriptor by value, on one line', async () => {
    const source = `pub struct Info { pub name_len: u32, pub abi_version: u32 }\n#[no_mangle]\npub extern "C" fn plugin_info() -> Info { Info { name_len: 4, abi_version: 1 } }\n`;
    const { findings } = await reprFindings(source);
    const fix = findings[0].fixes[0];
    assert.equal(fix.title, 'Add `#[repr(C)]` to `Info` and move its version field first (`abi_version`)');
    assert.ok(applyEdits(source, fix.edits).startsWith('#[repr(C)]\npub struct Info { pub abi_version: u32, pub name_len: u32 }\n'));
  });

  test('only the plain fix: version fields already first, no version field, or a struct passed as an argument', async () => {
    const titles = async (source: string) => (await reprFindings(source)).findings.flatMap((f) => f.fixes.map((x) => x.title));
    assert.deepEqual(await titles(`pub struct D { pub version: u32, pub flags: u32 }\n#[no_mangle]\npub static DESCRIPTOR: D = D { version: 1, flags: 0 };\n`), ['Add `#[repr(C)]` to `D`']);
    assert.deepEqual(await titles(`pub struct D { pub flags: u32, pub count: u32 }\n#[no_mangle]\npub static DESCRIPTOR: D = D { flags: 1, count: 0 };\n`), ['Add `#[repr(C)]` to `D`']);
    assert.deepEqual(await titles(`pub struct D { pub flags: u32, pub version: u32 }\n#[no_mangle]\npub extern "C" fn take(d: D) -> u32 { d.version }\n`), ['Add `#[repr(C)]` to `D`']);
  });
});
