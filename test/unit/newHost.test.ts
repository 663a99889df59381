// The host side generated from a plugin crate (issue 16): read back by the engine's own host scanner, it declares
// exactly the plugin's exports (no finding), and a change of the plugin is then reported against it.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { Engine } from '../../server/src/engine/engine';
import type { Finding } from '../../server/src/engine/types';
import { parseHeaderConfig } from '../../server/src/headerSync/config';
import { collectHeader } from '../../server/src/headerSync/collect';
import { renderHost, type HostStyle } from '../../server/src/hostGen/renderHost';
import { nodeModulesAssets, writeTree } from '../support/engine';

const PLUGIN_LIB = `use std::ffi::{c_char, c_int};
pub const PLUGIN_ABI_VERSION: u32 = 2;
#[repr(C)]
#[derive(Clone, Copy)]
pub struct Point { pub x: f64, pub y: f64 }
#[repr(u8)]
pub enum Mode { Fast = 1, Exact = 2 }
pub struct Engine { scale: f64 }
#[no_mangle] pub extern "C" fn plugin_abi_version() -> u32 { PLUGIN_ABI_VERSION }
#[no_mangle] pub extern "C" fn engine_new(mode: Mode) -> *mut Engine { let _ = mode; Box::into_raw(Box::new(Engine { scale: 1.0 })) }
#[no_mangle] pub unsafe extern "C" fn engine_free(e: *mut Engine) { if !e.is_null() { drop(unsafe { Box::from_raw(e) }) } }
#[no_mangle] pub unsafe extern "C" fn engine_scale(e: *const Engine, p: Point) -> Point { let s = unsafe { (*e).scale }; Point { x: p.x * s, y: p.y * s } }
#[no_mangle] pub extern "C" fn engine_name(buf: *mut c_char, len: usize) -> c_int { let _ = (buf, len); 0 }
#[no_mangle] pub static PLUGIN_FLAGS: [u32; 4] = [0; 4];
`;

function workspace(hostDependency: string): string {
  return writeTree({
    'Cargo.toml': '[workspace]\nmembers = ["plugin", "host"]\nresolver = "2"\n',
    'plugin/Cargo.toml': '[package]\nname = "plugin"\nversion = "0.1.0"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n',
    'plugin/src/lib.rs': PLUGIN_LIB,
    'host/Cargo.toml': `[package]\nname = "host"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n${hostDependency}\n`,
    'host/src/main.rs': 'mod plugin_api;\nfn main() {}\n',
  });
}

async function generatedHost(engine: Engine, root: string, style: HostStyle): Promise<string> {
  const crate = await engine.crateOf(path.join(root, 'plugin', 'src', 'lib.rs'));
  assert.ok(crate);
  const { text, skipped } = renderHost(collectHeader(crate, parseHeaderConfig('', undefined), { rustMirror: true }), crate.name, style);
  assert.deepEqual(skipped, []);
  return text;
}

function summary(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.rule} ${path.basename(f.related[0]?.location.file ?? f.file)} ${/`(\w+)`/.exec(f.message)?.[1]}`).sort();
}

describe('new-host: the host side of a plugin crate', () => {
  for (const [style, dependency] of [['libloading', 'libloading = "0.8"'], ['dlopen2', 'dlopen2 = "0.7"']] as const) {
    test(`${style}: every export is declared as the plugin defines it; a changed export is reported against it`, async () => {
      const root = workspace(dependency);
      const engine = await Engine.create({ assets: nodeModulesAssets });
      try {
        const host = await generatedHost(engine, root, style);
        assert.match(host, style === 'dlopen2' ? /#\[derive\(dlopen2::wrapper::WrapperApi\)\]\npub struct PluginApi \{/ : /pub unsafe fn load\(path: impl AsRef<std::ffi::OsStr>\) -> Result<Self, libloading::Error> \{/);
        assert.match(host, /engine_scale: unsafe extern "C" fn\(\*const Engine, Point\) -> Point,/);
        assert.match(host, /#\[repr\(u8\)\]\n#\[derive\(Clone, Copy, Debug, PartialEq, Eq\)\]\npub enum Mode \{\n {4}Fast = 1,\n {4}Exact = 2,\n\}/);
        assert.match(host, /pub struct Engine \{\n {4}_private: \[u8; 0\],\n\}/);
        assert.match(host, style === 'dlopen2' ? /PLUGIN_FLAGS: &'static \[u32; 4\],/ : /pub PLUGIN_FLAGS: \*const \[u32; 4\],/);
        writeFileSync(path.join(root, 'host', 'src', 'plugin_api.rs'), host);
        assert.deepEqual(summary((await engine.check([path.join(root, 'plugin')])).findings), []);

        // The plugin changes a parameter's type: the host declared the old one.
        const lib = path.join(root, 'plugin', 'src', 'lib.rs');
        writeFileSync(lib, PLUGIN_LIB.replace('engine_name(buf: *mut c_char, len: usize)', 'engine_name(buf: *mut c_char, len: u32)'));
                engine.files.invalidate(lib);
        const changed = (await engine.check([path.join(root, 'plugin')])).findings;
        assert.deepEqual(summary(changed), ['signature-mismatch plugin_api.rs engine_name']);
      } finally {
        engine.dispose();
      }
    });
  }
});

describe('new-host on real plugin crates of the corpus', () => {
  for (const crateDir of ['rustls-ffi/librustls', 'symbolic-cabi/symbolic-cabi', 'resvg-capi/crates/c-api', 'regex-capi/regex-capi']) {
    test(`${crateDir}: checked against its generated host, the crate has the same findings as without it`, async () => {
      const dir = path.resolve(__dirname, '../corpus', crateDir);
      const engine = await Engine.create({ assets: nodeModulesAssets });
      try {
        const manifest = await engine.discovery.readManifest(path.join(dir, 'Cargo.toml'));
        const crate = manifest?.libPath ? await engine.crateOf(manifest.libPath) : undefined;
        assert.ok(crate);
        const { text, skipped } = renderHost(collectHeader(crate, parseHeaderConfig('', undefined), { rustMirror: true }), crate.name, 'libloading');
        assert.deepEqual(skipped, []);
        const declared = (text.match(/^ {4}pub \w+: /gm) ?? []).length;
        assert.ok(declared >= 30, `only ${declared} exports declared`);
        const key = (f: Finding) => `${f.rule} ${f.file}:${f.range.start.line} ${f.message}`;
        const without = new Set((await engine.check([dir])).findings.map(key));
        const hostFile = path.join(writeTree({ 'host_api.rs': text }), 'host_api.rs');
        engine.interfaces.configure({ '*': [hostFile] });
        const withHost = new Set((await engine.check([dir])).findings.map(key));
        assert.deepEqual([...withHost].filter((k) => !without.has(k)), []);
        // The host file was read as a declaration of every export it names (not ignored).
        const fromHost = (await engine.interfaces.of(crate)).find((i) => i.file === hostFile);
        assert.equal(fromHost?.functions.length, (text.match(/^ {4}pub \w+: unsafe extern "C" fn/gm) ?? []).length);
      } finally {
        engine.dispose();
      }
    });
  }
});

test('new-host arguments: a crate, --style libloading|dlopen2, --output FILE', async () => {
  const { parseArgs, UsageError } = await import('../../server/src/cli/args');
  assert.deepEqual(parseArgs(['new-host']), { kind: 'new-host', crate: '.', style: 'libloading' });
  assert.deepEqual(parseArgs(['new-host', 'plugin', '--style=dlopen2', '--output', 'api.rs']), { kind: 'new-host', crate: 'plugin', style: 'dlopen2', output: 'api.rs' });
  assert.throws(() => parseArgs(['new-host', '--style', 'raw']), /--style is `libloading` or `dlopen2`/);
  assert.throws(() => parseArgs(['new-host', 'a', 'b']), UsageError);
});
