// `new-plugin HEADER DIR` as a user runs it (dist/cli.js; `npm run build` first): the crate builds with cargo with
// warnings denied, our own `check` finds nothing in it, and a C host compiled against the header calls it.
// Headers: the fixture and seven real ones of the corpus (cbindgen-generated and hand-written).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { tempDir } from '../support/engine';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const CORPUS_HEADERS = [
  'regex-capi/regex-capi/include/rure.h',
  'gifski/gifski.h',
  'lightningcss-c/c/lightningcss.h',
  'resvg-capi/crates/c-api/resvg.h',
  'hyper-capi/capi/include/hyper.h',
  'symbolic-cabi/symbolic-cabi/include/symbolic.h',
  'rustls-ffi/librustls/src/rustls.h',
];

function cli(args: string[], cwd = ROOT): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
}

function cargoBuild(dir: string): void {
  const result = spawnSync('cargo', ['build', '--quiet', '--offline'], { cwd: dir, encoding: 'utf8', env: { ...process.env, RUSTFLAGS: '-D warnings', CARGO_TARGET_DIR: path.join(dir, 'target') } });
  assert.equal(result.status, 0, `cargo build failed in ${dir}:\n${result.stderr}`);
}

function findingsOf(dir: string): { rule: string; severity: string; message: string }[] {
  const result = cli(['check', dir, '--format', 'json']);
  assert.ok(result.status === 0 || result.status === 1, `check exited ${result.status}: ${result.stderr}`);
  return (JSON.parse(result.stdout) as { diagnostics: { rule: string; severity: string; message: string }[] }).diagnostics;
}

describe('new-plugin on real headers', () => {
  for (const header of CORPUS_HEADERS) {
    test(`${path.basename(header)}: builds with -D warnings, every function implemented, no finding`, () => {
      const dir = path.join(tempDir('rpg-newplugin-'), 'plugin');
      const made = cli(['new-plugin', path.join(ROOT, 'test/corpus', header), dir]);
      assert.equal(made.status, 0, made.stderr);
      assert.doesNotMatch(made.stdout, /Not generated/);
      cargoBuild(dir);
      assert.deepEqual(findingsOf(dir), []);
    });
  }
});

describe('new-plugin: the fixture header and a C host', () => {
  test('the C host calls the constructor, methods, the version and the destructor of the generated plugin', () => {
    const dir = path.join(tempDir('rpg-newplugin-'), 'demo');
    const made = cli(['new-plugin', path.resolve(__dirname, '../fixtures/interfaces/new_plugin/demo.h'), dir]);
    assert.equal(made.status, 0, made.stderr);
    assert.match(made.stdout, /Created demo .*: 8 function\(s\) implemented from demo\.h\./);
    assert.match(made.stdout, /demo_printf \(demo\.h:\d+\): variadic functions cannot be defined in stable Rust/);
    cargoBuild(dir);
    // Only the declarations the generator listed as not generated are missing.
    assert.deepEqual([...new Set(findingsOf(dir).filter((f) => f.severity === 'error').map((f) => `${f.rule} ${/`(\w+)`/.exec(f.message)?.[1]}`))].sort(), ['missing-export demo_engine_value', 'missing-export demo_name', 'missing-export demo_printf']);

    if (process.platform === 'win32') return;
    const host = path.join(dir, 'host.c');
    mkdirSync(path.dirname(host), { recursive: true });
    writeFileSync(
      host,
      `#include <stdio.h>
#include "demo.h"
int main(void) {
  demo_engine *e = demo_engine_new("config");
  if (!e) return 10;
  uint8_t data[3] = {1, 2, 3};
  demo_status s = demo_engine_run(e, data, sizeof data, NULL, NULL);
  demo_point p = demo_engine_origin(e);
  printf("version=%u run=%d origin=%d,%d ready=%d null_run=%d supported=%u\\n", demo_abi_version(), (int)s, p.x, p.y,
         (int)demo_engine_ready(e), (int)demo_engine_run(NULL, data, 3, NULL, NULL), (unsigned)DEMO_SUPPORTED[0]);
  demo_engine_free(e);
  demo_engine_free(NULL);
  return 0;
}
`,
    );
    const exe = path.join(dir, 'host');
    const libDir = path.join(dir, 'target', 'debug');
    const cc = spawnSync('cc', ['-Wall', '-Werror', '-o', exe, host, `-I${path.join(dir, 'include')}`, `-L${libDir}`, '-ldemo'], { encoding: 'utf8' });
    assert.equal(cc.status, 0, cc.stderr);
    const run = spawnSync(exe, [], { encoding: 'utf8', env: { ...process.env, LD_LIBRARY_PATH: libDir, DYLD_LIBRARY_PATH: libDir } });
    assert.equal(run.status, 0, run.stderr);
    // DEMO_OK from a stub, DEMO_ERR_INTERNAL (2) for the NULL handle, the header's version constant.
    assert.equal(run.stdout.trim(), 'version=3 run=0 origin=0,0 ready=0 null_run=2 supported=0');
  });

  test('refuses a folder that is not empty, and an unreadable header, naming each', () => {
    const dir = tempDir('rpg-newplugin-');
    writeFileSync(path.join(dir, 'keep.txt'), 'mine');
    const full = cli(['new-plugin', path.resolve(__dirname, '../fixtures/interfaces/new_plugin/demo.h'), dir]);
    assert.equal(full.status, 2);
    assert.match(full.stderr, /exists and is not empty; give a new folder/);
    const missing = cli(['new-plugin', path.join(dir, 'nope.h'), path.join(dir, 'out')]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /nope\.h: cannot be read; give the C header/);
    assert.doesNotMatch(missing.stderr + full.stderr, /\n\s+at /);
  });
});
