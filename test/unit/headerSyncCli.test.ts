// `rust-plugin-guard header`: creates the header, --check passes on it and fails (exit 1, saying what differs)
// once the crate changes, an update keeps the hand-written parts; a refusal exits 2 naming the items.
// Run `npm run build` first (the CLI is dist/cli.js).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { writeTree } from '../support/engine';
import { PLUGIN_MANIFEST } from '../support/headerSync';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');
const cli = (args: string[], cwd: string) => spawnSync(process.execPath, [CLI, 'header', ...args], { cwd, encoding: 'utf8' });

const LIB = `#[repr(C)]
pub struct Sample { pub value: f32, pub count: u32 }
#[no_mangle]
pub extern "C" fn sample_total(s: *const Sample) -> u32 { 0 }
`;

test('header: create, --check up to date, stale after a change (exit 1, what differs), update keeps hand edits', () => {
  const root = writeTree({ 'Cargo.toml': PLUGIN_MANIFEST('sampler'), 'src/lib.rs': LIB, 'cbindgen.toml': 'include_guard = "SAMPLER_H"\n' });
  const missing = cli(['--check'], root);
  assert.equal(missing.status, 1);
  assert.match(missing.stdout, /include\/sampler\.h is missing: run `rust-plugin-guard header` and commit it/);
  const created = cli([], root);
  assert.equal(created.status, 0, created.stderr);
  assert.match(created.stdout, /^wrote include\/sampler\.h: 2 declarations \(no header is named/);
  const file = path.join(root, 'include', 'sampler.h');
  const text = readFileSync(file, 'utf8');
  assert.match(text, /^#ifndef SAMPLER_H\n#define SAMPLER_H\n/);
  assert.match(text, /uint32_t sample_total\(const struct Sample \*s\);/);
  assert.equal(cli(['--check'], root).status, 0);
  // A hand-written comment, then a change in the crate.
  writeFileSync(file, text.replace('uint32_t sample_total', '/* Sums the sample. */\nuint32_t sample_total'));
  writeFileSync(path.join(root, 'src', 'lib.rs'), LIB.replace('pub count: u32', 'pub count: u64') + '#[no_mangle]\npub extern "C" fn sample_reset(s: *mut Sample) {}\n');
  const stale = cli(['--check'], root);
  assert.equal(stale.status, 1, stale.stderr);
  assert.match(stale.stdout, /include\/sampler\.h is not the crate's boundary any more \(2 declarations differ\)/);
  assert.match(stale.stdout, /changed record Sample:\n {6}header: struct \{ value: float; count: uint32_t \}\n {6}crate: {2}struct \{ value: float; count: uint64_t \}/);
  assert.match(stale.stdout, /missing: function sample_reset/);
  assert.equal(readFileSync(file, 'utf8').includes('uint64_t'), false, '--check writes nothing');
  const updated = cli([], root);
  assert.equal(updated.status, 0, updated.stderr);
  assert.match(updated.stdout, /updated include\/sampler\.h: 1 changed, 1 added, 0 removed/);
  const after = readFileSync(file, 'utf8');
  assert.match(after, /\/\* Sums the sample\. \*\/\nuint32_t sample_total/);
  assert.match(after, /uint64_t count;/);
  assert.match(after, /void sample_reset\(struct Sample \*s\);\n\n#endif {2}\/\* SAMPLER_H \*\//);
  assert.equal(cli(['--check'], root).status, 0);
});

test('header --output writes there; the header build.rs names for cbindgen is the default', () => {
  const root = writeTree({
    'Cargo.toml': PLUGIN_MANIFEST('named'),
    'src/lib.rs': LIB,
    'build.rs': 'fn main() { cbindgen::generate(".").unwrap().write_to_file("gen/named_api.h"); }\n',
  });
  const written = cli([], root);
  assert.equal(written.status, 0, written.stderr);
  assert.match(written.stdout, /^wrote gen\/named_api\.h: 2 declarations\n$/);
  const other = cli(['--output', 'out/other.h'], root);
  assert.equal(other.status, 0, other.stderr);
  assert.ok(existsSync(path.join(root, 'out', 'other.h')));
});

test('header refuses a header that would be wrong: exit 2, naming both types and what to do', () => {
  const root = writeTree({ 'Cargo.toml': PLUGIN_MANIFEST('clash'), 'src/lib.rs': 'pub mod a { #[repr(C)] pub struct Config { pub x: i32 } }\npub mod b { #[repr(C)] pub struct Config { pub y: f64 } }\n#[no_mangle]\npub extern "C" fn f(a: a::Config, b: b::Config) {}\n' });
  const refused = cli([], root);
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /rust-plugin-guard: the header is not written: src\/lib\.rs:2: `b::Config` and `a::Config` both cross the C boundary as `Config`/);
  assert.doesNotMatch(refused.stderr, /\n\s+at /, 'no stack trace');
  assert.equal(existsSync(path.join(root, 'include')), false);
});

test('header --help and usage errors', () => {
  const help = cli(['--help'], process.cwd());
  assert.equal(help.status, 0);
  assert.match(help.stdout, /rust-plugin-guard header \[CRATE\] \[--check\] \[--output FILE\]/);
  const bad = cli(['--frobnicate'], process.cwd());
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /header: unknown option `--frobnicate`/);
});

test('header --check --target: the header is read as that target\'s compiler reads it (cbindgen_clean declares gx_plugin_pid as uint32_t on Windows)', () => {
  const dir = path.join(__dirname, '..', 'fixtures', 'interfaces', 'cbindgen_clean');
  assert.equal(cli(['--check'], dir).status, 0);
  const windows = cli(['--check', '--target', 'x86_64-pc-windows-msvc'], dir);
  assert.equal(windows.status, 1, windows.stderr);
  assert.match(windows.stdout, /changed function gx_plugin_pid:\n {6}header: uint32_t \(void\)\n {6}crate: {2}int32_t \(void\)/);
});
