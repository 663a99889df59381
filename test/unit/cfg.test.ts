import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { parseArgs, UsageError } from '../../server/src/cli/args';
import { evaluateCfg, mayHoldTogether, type CfgContext } from '../../server/src/crate/cfg';
import { defaultFeatures, parseManifest } from '../../server/src/crate/manifest';
import { cfgValue, hostTriple, targetCfg } from '../../server/src/crate/targetCfg';
import { Engine } from '../../server/src/engine/engine';
import type { Finding } from '../../server/src/engine/types';
import { featureSelection, normalizeSettings } from '../../server/src/protocol/settings';
import { nodeModulesAssets, writeTree } from '../support/engine';

const linux: CfgContext = { target: targetCfg('x86_64-unknown-linux-gnu'), features: new Set(['default', 'std']), panic: 'unwind' };
const windows: CfgContext = { target: targetCfg('x86_64-pc-windows-msvc'), features: new Set(), panic: 'unwind' };

const MANIFEST = `[package]
name = "p"
version = "0.1.0"
edition = "2021"

[lib]
crate-type = ["cdylib"]

[features]
default = ["fast"]
fast = ["simd", "dep:memchr", "serde?/std"]
simd = []
slow = []
`;

/** A fresh engine per target (the shared test engine must keep the host target). */
async function findingsFor(files: Record<string, string>, target?: string, features?: { features: string[]; all: boolean }): Promise<Finding[]> {
  const root = writeTree(files);
  const engine = await Engine.create({ assets: nodeModulesAssets });
  engine.setTarget(target);
  engine.setFeatures(features);
  try {
    return (await engine.check([root])).findings;
  } finally {
    engine.dispose();
  }
}

describe('cfg predicates', () => {
  test('target keys, bare names, any/all/not, features and panic', () => {
    const cases: [string, boolean, boolean][] = [
      ['unix', true, false],
      ['windows', false, true],
      ['target_os = "linux"', true, false],
      ['target_os = "windows"', false, true],
      ['target_family = "unix"', true, false],
      ['target_arch = "x86_64"', true, true],
      ['target_pointer_width = "64"', true, true],
      ['target_endian = "little"', true, true],
      ['target_env = "msvc"', false, true],
      ['target_env = "gnu"', true, false],
      ['debug_assertions', true, true],
      ['test', false, false],
      ['not(windows)', true, false],
      ['all(unix, not(target_os = "macos"))', true, false],
      ['any(windows, target_os = "macos")', false, true],
      ['all()', true, true],
      ['any()', false, false],
      ['feature = "std"', true, false],
      ['panic = "unwind"', true, true],
    ];
    for (const [predicate, onLinux, onWindows] of cases) {
      assert.equal(evaluateCfg(predicate, linux), onLinux, `${predicate} on Linux`);
      assert.equal(evaluateCfg(predicate, windows), onWindows, `${predicate} on Windows`);
    }
  });

  test('unknown predicates stay unknown (and so keep the item), unless the rest decides', () => {
    for (const predicate of ['tokio_unstable', 'not(docsrs)', 'target_feature = "avx2"', 'target_has_atomic = "64"', 'all(unix, my_flag)', 'garbage((', 'target_os = ']) {
      assert.equal(evaluateCfg(predicate, linux), undefined, predicate);
    }
    assert.equal(evaluateCfg('any(unix, my_flag)', linux), true);
    assert.equal(evaluateCfg('all(windows, my_flag)', linux), false);
    assert.equal(evaluateCfg('feature = "std"', { ...linux, features: undefined }), undefined);
  });

  test('mayHoldTogether: a predicate and its negation are alternatives whatever the unknown leaves are', () => {
    assert.equal(mayHoldTogether(['my_flag', 'not(my_flag)'], linux), false);
    assert.equal(mayHoldTogether(['all(my_flag, other)', 'not( my_flag )'], linux), false);
    assert.equal(mayHoldTogether(['my_flag', 'other'], linux), true);
    assert.equal(mayHoldTogether(['any(my_flag, windows)', 'not(my_flag)'], windows), true);
    assert.equal(mayHoldTogether(['any(my_flag, windows)', 'not(my_flag)'], linux), false);
  });

  test('default features are followed transitively; dep: and dependency features are not features of the crate', () => {
    const manifest = parseManifest('/x/Cargo.toml', MANIFEST, () => true);
    assert.deepEqual([...defaultFeatures(manifest)].sort(), ['default', 'fast', 'simd']);
    assert.deepEqual([...defaultFeatures(manifest, ['slow'])].sort(), ['slow']);
    const optional = parseManifest('/x/Cargo.toml', '[package]\nname = "q"\n[features]\ndefault = ["serde/derive"]\n', () => true);
    assert.deepEqual([...defaultFeatures(optional)].sort(), ['default', 'serde'], '`x/feat` turns on the optional dependency `x`');
  });

  test('triples: the host, Windows, macOS, 32-bit, big-endian, and what cannot be told', () => {
    assert.match(hostTriple('linux', 'x64', true), /^x86_64-unknown-linux-gnu$/);
    assert.equal(hostTriple('win32', 'arm64'), 'aarch64-pc-windows-msvc');
    assert.equal(hostTriple('darwin', 'arm64'), 'aarch64-apple-darwin');
    const mac = targetCfg('aarch64-apple-darwin');
    assert.equal(cfgValue(mac, 'target_os'), 'macos');
    assert.equal(cfgValue(mac, 'target_vendor'), 'apple');
    assert.equal(cfgValue(targetCfg('i686-pc-windows-gnu'), 'target_pointer_width'), '32');
    assert.equal(cfgValue(targetCfg('s390x-unknown-linux-gnu'), 'target_endian'), 'big');
    assert.deepEqual([...(targetCfg('wasm32-unknown-emscripten').values.get('target_family') ?? [])].sort(), ['unix', 'wasm']);
    assert.equal(targetCfg('foo').values.size, 0, 'an unreadable triple knows nothing');
    assert.equal(evaluateCfg('unix', { target: targetCfg('foo'), features: undefined }), undefined);
  });
});

describe('cfg in the crate model', () => {
  const lib = `#[cfg(windows)]
mod win;
#[cfg(not(windows))]
mod posix;

#[cfg(windows)]
#[no_mangle]
pub extern "C" fn path_sep() -> u8 { b'\\\\' }
#[cfg(not(windows))]
#[no_mangle]
pub extern "C" fn path_sep() -> u8 { b'/' }

#[cfg(feature = "simd")]
#[no_mangle]
pub extern "C" fn speed() -> u32 { 1 }
#[cfg(not(feature = "simd"))]
#[no_mangle]
pub extern "C" fn speed() -> u32 { 2 }
#[cfg(feature = "slow")]
#[no_mangle]
pub extern "C" fn speed() -> u32 { 3 }

#[cfg_attr(unix, no_mangle)]
pub extern "C" fn unix_name() {}
`;
  // Each platform module exports a symbol the other one does too, and takes a `&str` (an ffi-unsafe-type).
  const win = '#[no_mangle]\npub extern "C" fn platform(s: &str) {}\n';
  const posix = '#[no_mangle]\npub extern "C" fn platform(s: &str) {}\n';
  const files = { 'Cargo.toml': MANIFEST, 'src/lib.rs': lib, 'src/win.rs': win, 'src/posix.rs': posix };

  test('cfg alternatives of one export are not duplicates, on the host and on Windows', async () => {
    for (const target of [undefined, 'x86_64-pc-windows-msvc', 'aarch64-apple-darwin']) {
      const findings = await findingsFor(files, target);
      assert.deepEqual(findings.filter((f) => f.rule === 'duplicate-export'), [], `target ${target ?? 'host'}`);
    }
  });

  test('a cfg-off `mod x;` is not loaded: only the target\'s platform file is checked', async () => {
    const onLinux = (await findingsFor(files, 'x86_64-unknown-linux-gnu')).filter((f) => f.rule === 'ffi-unsafe-type');
    assert.deepEqual(onLinux.map((f) => path.basename(f.file)), ['posix.rs']);
    const onWindows = (await findingsFor(files, 'x86_64-pc-windows-msvc')).filter((f) => f.rule === 'ffi-unsafe-type');
    assert.deepEqual(onWindows.map((f) => path.basename(f.file)), ['win.rs']);
  });

  test('cfg_attr adds the attribute where its predicate holds (and only there)', async () => {
    const onLinux = await findingsFor(files, 'x86_64-unknown-linux-gnu');
    assert.equal(onLinux.filter((f) => f.rule === 'missing-no-mangle').length, 0);
    const onWindows = await findingsFor(files, 'x86_64-pc-windows-msvc');
    assert.deepEqual(onWindows.filter((f) => f.rule === 'missing-no-mangle').map((f) => f.range.start.line), [23]);
  });

  test('still reported: duplicates in one build, and alternatives whose predicates can both hold', async () => {
    const source = `#[no_mangle]
pub extern "C" fn init() {}
#[cfg(unix)]
#[no_mangle]
pub extern "C" fn init() {}
`;
    const findings = await findingsFor({ 'Cargo.toml': MANIFEST, 'src/lib.rs': source }, 'x86_64-unknown-linux-gnu');
    assert.equal(findings.filter((f) => f.rule === 'duplicate-export').length, 2);
  });

  test('alternatives under predicates the build cannot decide are not duplicates; overlapping ones are', async () => {
    const source = `#[cfg(my_flag)]
#[no_mangle]
pub extern "C" fn mode() -> u32 { 1 }
#[cfg(not(my_flag))]
#[no_mangle]
pub extern "C" fn mode() -> u32 { 2 }
#[cfg(all(my_flag, other))]
#[no_mangle]
pub extern "C" fn extra() {}
#[cfg(other)]
#[no_mangle]
pub extern "C" fn extra() {}
`;
    const duplicates = (await findingsFor({ 'Cargo.toml': MANIFEST, 'src/lib.rs': source }, 'x86_64-unknown-linux-gnu')).filter((f) => f.rule === 'duplicate-export');
    assert.deepEqual(duplicates.map((f) => f.range.start.line), [8, 11], 'only `extra`: both exist when my_flag and other are set');
  });

  test('members, fields, variants, cfg_attr(path) and #![cfg] on a file follow the target', async () => {
    const source = `#[cfg_attr(windows, path = "sys_windows.rs")]
#[cfg_attr(not(windows), path = "sys_unix.rs")]
mod sys;
mod only_windows;

#[repr(C)]
pub struct Config {
    pub size: u32,
    #[cfg(windows)]
    pub handle: String,
}

#[repr(C)]
pub enum Mode {
    A,
    #[cfg(windows)]
    B(String),
}

pub struct Plugin;
impl Plugin {
    #[cfg(windows)]
    #[no_mangle]
    pub extern "C" fn plugin_handle(s: &str) {}
}

#[no_mangle]
pub extern "C" fn configure(c: Config, m: Mode) {}
`;
    const tree = {
      'Cargo.toml': MANIFEST,
      'src/lib.rs': source,
      'src/sys_windows.rs': '#[no_mangle]\npub extern "C" fn sys_name(s: &str) {}\n',
      'src/sys_unix.rs': '#[no_mangle]\npub extern "C" fn sys_name(s: String) {}\n',
      'src/only_windows.rs': '#![cfg(windows)]\n#[no_mangle]\npub extern "C" fn win_only(s: &str) {}\n',
    };
    const unsafeTypes = async (target: string) =>
      (await findingsFor(tree, target)).filter((f) => f.rule === 'ffi-unsafe-type').map((f) => `${path.basename(f.file)}:${f.range.start.line}`).sort();
    assert.deepEqual(await unsafeTypes('x86_64-unknown-linux-gnu'), ['sys_unix.rs:1']);
    // On Windows: the method, `configure` twice (the `String` field of `Config` and of variant `B`), both files.
    assert.deepEqual(await unsafeTypes('x86_64-pc-windows-msvc'), ['lib.rs:23', 'lib.rs:27', 'lib.rs:27', 'only_windows.rs:2', 'sys_windows.rs:1']);
  });
});

describe('features beyond the defaults', () => {
  const source = `#[cfg(feature = "slow")]
#[no_mangle]
pub extern "C" fn slow(s: &str) {}
#[cfg(feature = "serde")]
#[no_mangle]
pub extern "C" fn serde_only(s: &str) {}
#[cfg(not(feature = "serde"))]
#[no_mangle]
pub extern "C" fn serde_only(s: &str) {}
`;
  const files = { 'Cargo.toml': MANIFEST, 'src/lib.rs': source };
  const reported = async (features?: { features: string[]; all: boolean }) =>
    (await findingsFor(files, undefined, features)).filter((f) => f.rule === 'ffi-unsafe-type' || f.rule === 'duplicate-export').map((f) => `${f.rule}:${f.range.start.line}`);

  test('--features turns on code behind a non-default feature; --all-features every declared one, undeclared names stay unknown', async () => {
    assert.deepEqual(await reported(), ['ffi-unsafe-type:8'], 'defaults: `slow` off, `serde` (not declared) off');
    assert.deepEqual(await reported({ features: ['slow'], all: false }), ['ffi-unsafe-type:2', 'ffi-unsafe-type:8']);
    // All features: `serde` is not declared (an optional dependency's name, perhaps), so both versions are kept.
    assert.deepEqual((await reported({ features: [], all: true })).filter((r) => r.startsWith('ffi')), ['ffi-unsafe-type:2', 'ffi-unsafe-type:5', 'ffi-unsafe-type:8']);
  });

  test('--features and --all-features on the command line, rustPluginGuard.features in settings', () => {
    assert.deepEqual((parseArgs(['check', '--features', 'a,b', '--features=c']) as { features?: unknown }).features, { features: ['a', 'b', 'c'], all: false });
    assert.deepEqual((parseArgs(['check', '--all-features']) as { features?: unknown }).features, { features: [], all: true });
    assert.throws(() => parseArgs(['check', '--features']), (e: unknown) => e instanceof UsageError && /--features takes feature names/.test(e.message));
    assert.deepEqual(featureSelection(normalizeSettings({ features: ['simd', 3, 'bad name'] })), { features: ['simd'], all: false });
    assert.deepEqual(featureSelection(normalizeSettings({ features: ['*'] })), { features: [], all: true });
    assert.equal(featureSelection(normalizeSettings({})), undefined);
  });
});

describe('the target setting', () => {
  test('--target takes a readable triple; a wrong one is a usage error that says what to pass', () => {
    const command = parseArgs(['check', '.', '--target', 'x86_64-pc-windows-msvc']);
    assert.equal(command.kind === 'check' ? command.target : undefined, 'x86_64-pc-windows-msvc');
    assert.equal((parseArgs(['check', '--target=aarch64-apple-darwin']) as { target?: string }).target, 'aarch64-apple-darwin');
    assert.throws(() => parseArgs(['check', '--target']), (e: unknown) => e instanceof UsageError && /--target takes a target triple/.test(e.message));
    assert.throws(() => parseArgs(['check', '--target', 'windows']), (e: unknown) => e instanceof UsageError && /rustc --print target-list/.test(e.message));
  });

  test('rustPluginGuard.target is read as a trimmed triple; anything else is the host', () => {
    assert.equal(normalizeSettings({ target: ' x86_64-pc-windows-msvc ' }).target, 'x86_64-pc-windows-msvc');
    assert.equal(normalizeSettings({ target: '' }).target, undefined);
    assert.equal(normalizeSettings({ target: 'a b' }).target, undefined);
    assert.equal(normalizeSettings({ target: 3 }).target, undefined);
  });
});
