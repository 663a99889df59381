import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { evaluateCfg, type CfgContext } from '../../server/src/crate/cfg';
import { hostTargetCfg, hostTriple, targetCfg } from '../../server/src/crate/targetCfg';

/** `rustc --print cfg --target T` as key → values (bare names under the key ""). rustc prints this for any built-in target, std or not. */
function rustcCfg(triple: string): Map<string, Set<string>> {
  const result = spawnSync('rustc', ['--print', 'cfg', '--target', triple], { encoding: 'utf8' });
  if (result.error || result.status !== 0) throw new Error(`rustc --print cfg --target ${triple} failed: ${result.error?.message ?? result.stderr}`);
  const cfg = new Map<string, Set<string>>();
  for (const line of result.stdout.split('\n').filter(Boolean)) {
    const pair = /^(\w+)="(.*)"$/.exec(line);
    const [key, value] = pair ? [pair[1], pair[2]] : ['', line];
    cfg.set(key, (cfg.get(key) ?? new Set()).add(value));
  }
  return cfg;
}

const TRIPLES = [
  'x86_64-unknown-linux-gnu', 'x86_64-unknown-linux-musl', 'i686-unknown-linux-gnu', 'aarch64-unknown-linux-gnu',
  'armv7-unknown-linux-gnueabihf', 'arm-unknown-linux-gnueabi', 'riscv64gc-unknown-linux-gnu', 'powerpc64le-unknown-linux-gnu',
  's390x-unknown-linux-gnu', 'x86_64-pc-windows-msvc', 'x86_64-pc-windows-gnu', 'i686-pc-windows-msvc', 'aarch64-pc-windows-msvc',
  'x86_64-apple-darwin', 'aarch64-apple-darwin', 'aarch64-apple-ios', 'aarch64-linux-android', 'armv7-linux-androideabi',
  'x86_64-unknown-freebsd', 'x86_64-unknown-netbsd', 'wasm32-unknown-unknown', 'wasm32-unknown-emscripten', 'wasm32-wasip1',
  'x86_64-unknown-linux-gnux32', 'thumbv7em-none-eabihf', 'x86_64-unknown-illumos',
];

describe('target cfg against rustc', () => {
  test('every key we claim to know for a triple has exactly the values rustc prints', () => {
    let compared = 0;
    for (const triple of TRIPLES) {
      const ours = targetCfg(triple);
      const theirs = rustcCfg(triple);
      for (const [key, values] of ours.values) {
        assert.deepEqual([...values].sort(), [...(theirs.get(key) ?? [])].sort(), `${triple}: ${key}`);
        compared++;
      }
      for (const name of ours.names) assert.ok(theirs.get('')?.has(name), `${triple}: ${name} is set`);
      for (const name of ours.unsetNames) assert.ok(!theirs.get('')?.has(name), `${triple}: ${name} is not set`);
      // The keys every plugin's cfg tests use must be known for these common targets.
      for (const key of ['target_os', 'target_arch', 'target_pointer_width', 'target_endian', 'target_family']) assert.ok(ours.values.has(key), `${triple}: ${key} known`);
    }
    assert.ok(compared >= TRIPLES.length * 6, `compared ${compared} keys`);
  });

  test('the host triple is rustc\'s host', () => {
    const host = /^host: (\S+)$/m.exec(spawnSync('rustc', ['-vV'], { encoding: 'utf8' }).stdout)?.[1];
    assert.equal(hostTriple(), host);
  });

  test('each predicate evaluates as `cfg!(..)` does in a program rustc builds for the host', () => {
    const predicates = [
      'unix', 'windows', 'debug_assertions', 'test', 'miri', 'doc', 'target_os = "linux"', 'target_os = "macos"', 'target_os = "windows"',
      'target_family = "unix"', 'target_family = "windows"', 'target_family = "wasm"', 'target_arch = "x86_64"', 'target_arch = "aarch64"',
      'target_arch = "x86"', 'target_pointer_width = "64"', 'target_pointer_width = "32"', 'target_endian = "little"', 'target_endian = "big"',
      'target_env = "gnu"', 'target_env = "musl"', 'target_env = "msvc"', 'target_env = ""', 'target_vendor = "unknown"', 'target_vendor = "apple"',
      'target_vendor = "pc"', 'panic = "unwind"', 'panic = "abort"', 'feature = "on"', 'feature = "off"', 'not(unix)', 'not(windows)',
      'all(unix, target_pointer_width = "64")', 'all(unix, not(target_os = "macos"))', 'any(windows, target_os = "macos")', 'any()', 'all()',
      'any(feature = "on", windows)', 'all(feature = "on", not(feature = "off"))', 'not(any(target_os = "ios", target_os = "android"))',
    ];
    const dir = mkdtempSync(path.join(tmpdir(), 'rpg-cfg-'));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    const source = path.join(dir, 'cfgs.rs');
    writeFileSync(source, `fn main() {\n${predicates.map((p) => `    println!("{}", cfg!(${p}));`).join('\n')}\n}\n`);
    const binary = path.join(dir, 'cfgs');
    // A dev build: debug assertions on, panic unwinding; feature "on" given as cargo passes enabled features.
    const build = spawnSync('rustc', ['--edition', '2021', '-C', 'debug-assertions=on', '--cfg', 'feature="on"', '-o', binary, source], { encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    const printed = spawnSync(binary, { encoding: 'utf8' }).stdout.trim().split('\n');
    assert.equal(printed.length, predicates.length);
    const context: CfgContext = { target: hostTargetCfg(), features: new Set(['on']), panic: 'unwind' };
    const unknown: string[] = [];
    predicates.forEach((predicate, i) => {
      const ours = evaluateCfg(predicate, context);
      if (ours === undefined) unknown.push(predicate);
      else assert.equal(String(ours), printed[i], `cfg!(${predicate})`);
    });
    assert.deepEqual(unknown, [], 'every predicate of this list is known on the host');
  });
});
