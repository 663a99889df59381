// Oracles for header sync. cbindgen (Debian's, 0.24.3): on fixture crates where it is right, our header and
// its header declare the same things by C meaning (both read with our C header reader: names, types, fields,
// values), and updating cbindgen's header changes nothing; where it is silently wrong, it writes a header and
// we refuse. The C compiler: our header compiles (C, and C++ where asked), and a C host built against it links
// to the cargo-built plugin and gets the values the Rust code returns.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { HeaderRefusal } from '../../server/src/headerSync/headerSync';
import { tempDir, writeTree } from '../support/engine';
import { headerOf, meaningsOf, PLUGIN_MANIFEST } from '../support/headerSync';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'headerSync');
const work = tempDir('rpg-header-oracle-');

function cbindgen(crateDir: string): string {
  const out = path.join(work, `${path.basename(crateDir)}-${Math.random().toString(36).slice(2)}.cbindgen.h`);
  const config = path.join(crateDir, 'cbindgen.toml');
  const args = [...(existsSync(config) ? ['--config', config] : []), '--lang', 'c', '--quiet', '-o', out, crateDir];
  const result = spawnSync('cbindgen', args, { encoding: 'utf8', cwd: crateDir });
  assert.equal(result.status, 0, `cbindgen ${args.join(' ')} failed: ${result.stderr}`);
  return readFileSync(out, 'utf8');
}

/** The header included from a source file (as a host would), compiled with every warning an error. */
function compile(header: string, language: 'c' | 'c++'): void {
  const name = `check-${Math.random().toString(36).slice(2)}`;
  writeFileSync(path.join(work, `${name}.h`), header);
  const main = path.join(work, `${name}.${language === 'c' ? 'c' : 'cpp'}`);
  // Twice when the header has an include guard or `#pragma once`, which must then make the second one empty.
  const guarded = /^#(?:ifndef \w+\n#define|pragma once)/m.test(header);
  writeFileSync(main, `${`#include "${name}.h"\n`.repeat(guarded ? 2 : 1)}int main(void) { return 0; }\n`);
  const result = spawnSync(language === 'c' ? 'cc' : 'c++', ['-fsyntax-only', '-Wall', '-Wextra', '-Werror', main], { encoding: 'utf8' });
  assert.equal(result.status, 0, `${language} -fsyntax-only failed:\n${result.stderr}\n${header}`);
}

before(() => {
  const version = spawnSync('cbindgen', ['--version'], { encoding: 'utf8' });
  assert.equal(version.status, 0, 'cbindgen is not installed: `apt-get install -y cbindgen` (.ci/run does)');
});

describe('header sync against cbindgen', () => {
  for (const fixture of ['basic', 'configured']) {
    test(`${fixture}: the same declarations as cbindgen's by C meaning; updating cbindgen's header changes nothing`, async () => {
      const crateDir = path.join(FIXTURES, fixture);
      const theirs = cbindgen(crateDir);
      const ours = await headerOf(crateDir);
      assert.equal(ours.mode, 'create');
      const [ourMeanings, theirMeanings] = await Promise.all([meaningsOf(ours.text), meaningsOf(theirs)]);
      assert.ok(theirMeanings.size >= 10, `cbindgen declared ${theirMeanings.size} things`);
      assert.deepEqual(Object.fromEntries([...ourMeanings].sort()), Object.fromEntries([...theirMeanings].sort()));
      const update = await headerOf(crateDir, theirs);
      assert.deepEqual(update.changes, []);
      assert.equal(update.text, theirs);
    });
  }

  test('where cbindgen is silently wrong it writes a header; we refuse, naming the items', async () => {
    const cases: { lib: string; wrong: (header: string, meanings: Map<string, string>) => void; refusal: RegExp }[] = [
      {
        // One `Config` in cbindgen's header stands for both types: `f`'s second parameter is declared wrong.
        lib: 'pub mod a { #[repr(C)] pub struct Config { pub x: i32 } }\npub mod b { #[repr(C)] pub struct Config { pub y: f64, pub z: f64 } }\n#[no_mangle]\npub extern "C" fn f(a: a::Config, b: b::Config) {}\n',
        wrong: (_, m) => assert.deepEqual([...m.keys()].filter((k) => k.startsWith('record ')), ['record Config']),
        refusal: /`b::Config` and `a::Config` both cross the C boundary as `Config`/,
      },
      {
        // A C enum holding 5000000000: C makes it 8 bytes (a GNU extension) or rejects it; Rust's repr(C) says `int`.
        lib: '#[repr(C)]\npub enum Big { Small = 1, Huge = 5000000000 }\n#[no_mangle]\npub extern "C" fn g(b: Big) {}\n',
        wrong: (header) => assert.match(header, /Huge = 5000000000/),
        refusal: /`Big::Huge` = 5000000000/,
      },
      {
        // An import declared with another signature than the export of the same symbol: cbindgen writes the export's.
        lib: 'mod host { extern "C" { pub fn plugin_run(x: i64); } }\n#[no_mangle]\npub extern "C" fn plugin_run(x: i32) {}\n',
        wrong: (_, m) => assert.equal(m.get('function plugin_run'), 'void (int32_t)'),
        refusal: /`plugin_run` is declared in an `extern` block as `void \(int64_t\)` but exported at src\/lib\.rs:3 as `void \(int32_t\)`/,
      },
    ];
    for (const { lib, wrong, refusal } of cases) {
      const crateDir = writeTree({ 'Cargo.toml': PLUGIN_MANIFEST('wrong'), 'src/lib.rs': lib });
      const theirs = cbindgen(crateDir);
      wrong(theirs, await meaningsOf(theirs));
      await assert.rejects(headerOf(crateDir), (error: unknown) => error instanceof HeaderRefusal && refusal.test(error.message));
    }
  });
});

describe('header sync: the compiler as oracle', () => {
  test('the written headers compile as C (and as C++ with cpp_compat, or language = "C++")', async () => {
    compile((await headerOf(path.join(FIXTURES, 'basic'))).text, 'c');
    const configured = (await headerOf(path.join(FIXTURES, 'configured'))).text;
    compile(configured, 'c');
    compile(configured, 'c++');
    const cppCrate = path.join(work, 'basic-cpp');
    cpSync(path.join(FIXTURES, 'basic'), cppCrate, { recursive: true });
    writeFileSync(path.join(cppCrate, 'cbindgen.toml'), 'language = "C++"\npragma_once = true\n');
    compile((await headerOf(cppCrate)).text, 'c++');
  });

  test('a C host built against the written header links to the cargo-built plugin and reads what Rust returns', async () => {
    const crateDir = path.join(FIXTURES, 'basic');
    const include = path.join(work, 'include');
    mkdirSync(include, { recursive: true });
    writeFileSync(path.join(include, 'hs_basic.h'), (await headerOf(crateDir)).text);
    const target = path.join(work, 'target');
    const built = spawnSync('cargo', ['build', '--lib', '--quiet', '--offline', '--manifest-path', path.join(crateDir, 'Cargo.toml'), '--target-dir', target], { encoding: 'utf8' });
    assert.equal(built.status, 0, `cargo build failed:\n${built.stderr}`);
    const libDir = path.join(target, 'debug');
    const host = path.join(work, 'basic_host');
    const cc = spawnSync('cc', ['-Wall', '-Werror', '-o', host, path.join(FIXTURES, 'hosts', 'basic_host.c'), '-I', include, '-L', libDir, '-lhs_basic', `-Wl,-rpath,${libDir}`], { encoding: 'utf8' });
    assert.equal(cc.status, 0, `cc failed:\n${cc.stderr}`);
    const run = spawnSync(host, [], { encoding: 'utf8', timeout: 10_000 });
    assert.equal(run.status, 0, `host failed: ${run.stderr}`);
    const values = new Map(run.stdout.trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    assert.equal(values.get('abi_version'), '4');
    assert.equal(values.get('ABI_VERSION'), '4');
    assert.equal(values.get('area'), '12.0');
    assert.equal(values.get('level(1)'), '10', 'Level::Info = 10');
    assert.equal(values.get('level(-5)'), '-1', 'Level::Trace = -1');
    assert.equal(values.get('kind_of'), String(9 + 60000), 'Kind::Text = 9, Wide::High = 60000');
    assert.equal(values.get('stats'), '1,1');
    assert.equal(values.get('stats(NULL)'), '0');
    assert.equal(values.get('number'), '2.5');
    assert.equal(values.get('limit'), '8');
    assert.equal(values.get('kind'), '1');
    // Data-carrying enums built on the C side arrive as the variants Rust matches on.
    assert.equal(values.get('shape_area'), '10.0,12.0,-1.0');
    assert.equal(values.get('event_code'), '304,42,-1');
    const [cSizes, rustSizes] = (values.get('enum_sizes') ?? '').split(',');
    assert.equal(cSizes, rustSizes, 'sizeof(Shape) * 100 + sizeof(Event), C and Rust');
    // The header's layouts are Rust's: sizeof of Config, Stats, Kind, Level, Number, Rect against size_of.
    assert.equal(values.get('c_sizes'), values.get('rust_sizes'));
    assert.match(values.get('c_sizes') ?? '', /^\d+,\d+,1,4,8,16$/);
  });
});
