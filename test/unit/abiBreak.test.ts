// The ABI lock (`abi-lock`, plugin-abi.json) and `abi-break`: the built CLI writes the lock, the engine compares
// the working tree with it. Run `npm run build` first (the CLI is dist/cli.js).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { Engine } from '../../server/src/engine/engine';
import { nodeModulesAssets, writeTree } from '../support/engine';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');
const MANIFEST = '[package]\nname = "abi_plugin"\nversion = "0.1.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n';
const V1 = `use std::ffi::{c_char, c_int};
pub const PLUGIN_ABI_VERSION: u32 = 3;
#[repr(C)]
pub struct Config { pub level: u8, pub size: u32, pub name: *const c_char }
#[repr(C)]
pub enum Mode { Fast, Safe, Slow }
pub struct Opaque { inner: Vec<u8> }
#[no_mangle]
pub extern "C" fn plugin_abi_version() -> u32 { PLUGIN_ABI_VERSION }
#[no_mangle]
pub extern "C" fn plugin_new(config: *const Config, mode: Mode) -> *mut Opaque { std::ptr::null_mut() }
#[no_mangle]
pub extern "C" fn plugin_scale(value: c_int) -> c_int { value }
#[no_mangle]
pub static PLUGIN_FLAGS: u32 = 0;
`;

function cli(args: string[], cwd: string) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
}

async function abiFindings(root: string) {
  const engine = await Engine.create({ assets: nodeModulesAssets });
  try {
    const { findings } = await engine.analyzeFile(path.join(root, 'src', 'lib.rs'));
    return findings.filter((f) => f.rule === 'abi-break');
  } finally {
    engine.dispose();
  }
}

test('abi-lock writes the ABI; the same code is silent; --check passes, then fails after a change', async () => {
  const root = writeTree({ 'Cargo.toml': MANIFEST, 'src/lib.rs': V1 });
  const written = cli(['abi-lock'], root);
  assert.equal(written.status, 0, written.stderr);
  assert.match(written.stdout, /^wrote plugin-abi\.json: 3 functions, 1 statics, 1 records, 1 enums$/m);
  const lock = JSON.parse(readFileSync(path.join(root, 'plugin-abi.json'), 'utf8')) as Record<string, unknown>;
  assert.deepEqual(lock.functions, { plugin_abi_version: 'uint32_t (void)', plugin_new: 'struct Opaque * (const struct Config *, enum Mode)', plugin_scale: 'int32_t (int32_t)' });
  assert.deepEqual(lock.records, { Config: { kind: 'struct', size: 16, align: 8, fields: { level: { offset: 0, type: 'uint8_t' }, size: { offset: 4, type: 'uint32_t' }, name: { offset: 8, type: 'const char *' } } } });
  assert.deepEqual(lock.enums, { Mode: { Fast: '0', Safe: '1', Slow: '2' } });
  assert.deepEqual(lock.version, { constant: 'PLUGIN_ABI_VERSION', value: '3' });
  assert.deepEqual(await abiFindings(root), []);
  assert.equal(cli(['abi-lock', '--check'], root).status, 0);
  // A spelling change that is no ABI change (`c_int` → `i32`) stays silent.
  writeFileSync(path.join(root, 'src', 'lib.rs'), V1.replace('plugin_scale(value: c_int) -> c_int', 'plugin_scale(value: i32) -> i32'));
  assert.deepEqual(await abiFindings(root), []);
  writeFileSync(path.join(root, 'src', 'lib.rs'), V1.replace('pub level: u8, pub size: u32', 'pub level: u8, pub flags: u8, pub size: u32'));
  const check = cli(['abi-lock', '--check'], root);
  assert.equal(check.status, 1);
  assert.match(check.stdout, /is not the crate's ABI any more/);
});

test('abi-break: each break where it is, as an error while the version is unchanged; one note once it is bumped', async () => {
  const root = writeTree({ 'Cargo.toml': MANIFEST, 'src/lib.rs': V1 });
  assert.equal(cli(['abi-lock'], root).status, 0);
  const broken = V1.replace('pub level: u8, pub size: u32', 'pub level: u16, pub size: u32')
    .replace('Fast, Safe, Slow', 'Fast, Slow')
    .replace('plugin_scale(value: c_int) -> c_int', 'plugin_scale(value: i64) -> c_int')
    .replace('#[no_mangle]\npub static PLUGIN_FLAGS: u32 = 0;\n', '');
  writeFileSync(path.join(root, 'src', 'lib.rs'), broken);
  const findings = await abiFindings(root);
  const lines = broken.split('\n');
  assert.deepEqual(
    findings.map((f) => [f.severity, path.basename(f.file), lines[f.range.start.line]?.slice(f.range.start.character, f.range.end.character) ?? '', f.message.split(' while ')[0]]),
    [
      ['error', 'lib.rs', '', '`PLUGIN_FLAGS` is no longer exported (it was `uint32_t`)'],
      ['error', 'lib.rs', 'Config', '`Config` field `level` is now `uint16_t`, it was `uint8_t`'],
      ['error', 'lib.rs', 'Mode', '`Mode::Safe` (= 1 before) is gone'],
      ['error', 'lib.rs', 'Slow', '`Mode::Slow` is now 1, it was 2'],
      ['error', 'lib.rs', 'plugin_scale', '`plugin_scale` is now `int32_t (int64_t)`, it was `int32_t (int32_t)`'],
    ],
  );
  assert.ok(findings.every((f) => f.message.includes('while `PLUGIN_ABI_VERSION` is still 3') && f.related[0]?.location.file.endsWith('plugin-abi.json')));
  writeFileSync(path.join(root, 'src', 'lib.rs'), broken.replace('PLUGIN_ABI_VERSION: u32 = 3', 'PLUGIN_ABI_VERSION: u32 = 4'));
  const bumped = await abiFindings(root);
  assert.deepEqual(bumped.map((f) => [f.severity, path.basename(f.file), f.related.length]), [['information', 'plugin-abi.json', 5]]);
  assert.match(bumped[0].message, /went from 3 to 4/);
});

test('a lock that is not JSON is one warning on the file; no lock, no finding', async () => {
  const root = writeTree({ 'Cargo.toml': MANIFEST, 'src/lib.rs': V1 });
  assert.deepEqual(await abiFindings(root), []);
  writeFileSync(path.join(root, 'plugin-abi.json'), '{ "functions": ');
  const findings = await abiFindings(root);
  assert.deepEqual(findings.map((f) => [f.severity, path.basename(f.file)]), [['warning', 'plugin-abi.json']]);
  assert.match(findings[0].message, /cannot be read/);
});
