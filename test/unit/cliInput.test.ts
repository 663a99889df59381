// Input the CLI must not pass over in silence (issue 18): a missing crate root, a file with syntax errors, an
// invalid cbindgen.toml, single-file mode with --interfaces, a plugin compared with nothing. Runs the built
// dist/cli.js (run `npm run build` first).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { writeTree } from '../support/engine';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');
const CDYLIB = (name: string) => `[package]\nname = "${name}"\nversion = "0.1.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n`;

function run(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('a package whose src/lib.rs (or [lib] path) is missing is an input error (exit 2), also in JSON', () => {
  const root = writeTree({ 'p/Cargo.toml': CDYLIB('p'), 'q/Cargo.toml': '[package]\nname = "q"\nversion = "0.1.0"\n', 'r/Cargo.toml': `${CDYLIB('r')}path = "src/plugin.rs"\n`, 'r/src/lib.rs': '' });
  const p = run(['check', 'p'], root);
  assert.equal(p.code, 2);
  assert.equal(p.stdout, '');
  assert.match(p.stderr, /p\/src\/lib\.rs: the crate root does not exist; create it, or point `\[lib\] path`/);
  const q = run(['check', 'q'], root);
  assert.equal(q.code, 2);
  assert.match(q.stderr, /package `q` has no `src\/lib\.rs` \(or `\[lib\] path`\) and no binary, so there is nothing to check/);
  assert.equal(run(['check', 'r'], root).code, 2);
  const json = run(['check', 'p', '--format', 'json'], root);
  assert.equal(json.code, 2);
  const report = JSON.parse(json.stdout);
  assert.deepEqual(report.diagnostics, []);
  assert.equal(report.errors.length, 1);
  assert.match(report.errors[0], /crate root does not exist/);
});

test('a .rs file with syntax errors: what parses is analysed, one line names the first error, never "no problems found"', () => {
  const root = writeTree({
    'p/Cargo.toml': CDYLIB('p'),
    'p/src/lib.rs': 'pub struct Config { a: u32 }\n#[no_mangle]\npub extern "C" fn init(c: Config) {}\nfn broken( {\n',
    'q/Cargo.toml': CDYLIB('q'),
    'q/src/lib.rs': '#[no_mangle]\npub extern "C" fn ok() -> i32 { 1 }\nfn broken( {\n',
  });
  const p = run(['check', 'p'], root);
  assert.equal(p.code, 2);
  assert.match(p.stdout, /^error\[missing-repr-c\]: `Config` crosses the C boundary in `init`/, 'the parts that parse are checked');
  const lines = p.stdout.split('\n').filter((l) => /syntax error/.test(l));
  assert.deepEqual(lines, ['warning: p/src/lib.rs:4:1: syntax error (unexpected input): the file was analysed only as far as it parses, so findings in it may be missing']);
  const q = run(['check', 'q'], root);
  assert.equal(q.code, 2);
  assert.doesNotMatch(q.stdout, /^no problems found$/m);
  assert.match(q.stdout, /no problems found in the code that parsed \(1 file has syntax errors\)\n$/);
  const json = JSON.parse(run(['check', 'q', '--format', 'json'], root).stdout);
  assert.deepEqual(json.notes.filter((n: { kind: string }) => n.kind === 'syntax-error').map((n: { file: string; position: unknown }) => [n.file, n.position]), [['q/src/lib.rs', { line: 2, character: 0 }]]);
  // A clean file says nothing of the kind.
  const clean = writeTree({ 'p/Cargo.toml': CDYLIB('p'), 'p/src/lib.rs': '#[no_mangle]\npub extern "C" fn ok() -> i32 { 1 }\n', 'p/include/p.h': 'int ok(void);\n' });
  const ok = run(['check', 'p'], clean);
  assert.equal(ok.code, 0);
  assert.equal(ok.stdout, 'no problems found\n');
});

test("edition 2024's `safe fn` in an `unsafe extern` block is no syntax error; the README's `npm start` (check examples) exits 1, not 2", () => {
  const root = writeTree({
    'p/Cargo.toml': CDYLIB('p').replace('edition = "2021"', 'edition = "2024"'),
    'p/src/lib.rs': 'use std::ffi::c_int;\nunsafe extern "C" {\n    safe fn host_log(level: c_int);\n}\n#[unsafe(no_mangle)]\npub extern "C" fn ok() -> i32 { host_log(1); 1 }\n',
    'p/include/p.h': 'int ok(void);\n',
  });
  const p = run(['check', 'p'], root);
  assert.equal(p.stdout, 'no problems found\n');
  assert.equal(p.code, 0);
  const example = run(['check', 'examples'], path.join(__dirname, '..', '..'));
  assert.equal(example.code, 1, example.stdout);
  assert.doesNotMatch(example.stdout, /syntax error/);
});

test('an invalid cbindgen.toml is reported in one line and names are compared as written; JSON has it in its document', () => {
  const root = writeTree({ 'p/Cargo.toml': CDYLIB('p'), 'p/cbindgen.toml': '[export\nprefix = "X"\n', 'p/include/p.h': 'int f(int a);\n', 'p/src/lib.rs': '#[no_mangle]\npub extern "C" fn f(a: i64) -> i32 { a as i32 }\n' });
  const text = run(['check', 'p'], root);
  assert.equal(text.code, 1, 'the comparison went on and found the error');
  assert.match(text.stdout, /^error\[signature-mismatch\]: `f` has `i64` where `p\.h:1` declares `int`/);
  assert.equal(text.stdout.split('\n').filter((l) => /cbindgen\.toml/.test(l)).length, 1);
  assert.match(text.stdout, /^warning: .*p\/cbindgen\.toml: not valid TOML \(.*\); type names are compared as they are$/m);
  const json = run(['check', 'p', '--format', 'json'], root);
  assert.equal(json.code, 1);
  const report = JSON.parse(json.stdout);
  assert.deepEqual(report.diagnostics.map((d: { rule: string }) => d.rule), ['signature-mismatch']);
  assert.deepEqual(report.notes.map((n: { kind: string }) => n.kind), ['interface-error']);
});

test('single-file mode honours --interfaces (a lone file, and a file of a plugin package)', () => {
  const root = writeTree({
    'api/api.h': 'int g(int a);\n',
    'lone.rs': '#[no_mangle]\npub extern "C" fn g(a: u8) -> i32 { a as i32 }\n',
    'p/Cargo.toml': CDYLIB('p'),
    'p/src/lib.rs': '#[no_mangle]\npub extern "C" fn g(a: u8) -> i32 { a as i32 }\n',
  });
  for (const file of ['lone.rs', 'p/src/lib.rs']) {
    const result = run(['check', file, '--interfaces', 'api/*.h'], root);
    assert.equal(result.code, 1, file);
    assert.match(result.stdout, /^error\[signature-mismatch\]: `g` has `u8` where `api\.h:1` declares `int`/, file);
    assert.equal(run(['check', file], root).code, 0, `${file} without --interfaces`);
  }
});

test('a plugin compared with nothing is said in one line; one with a header is not', () => {
  const root = writeTree({ 'p/Cargo.toml': CDYLIB('p'), 'p/src/lib.rs': '#[no_mangle]\npub extern "C" fn ok() -> i32 { 1 }\n', 'lib/Cargo.toml': '[package]\nname = "lib"\nversion = "0.1.0"\n', 'lib/src/lib.rs': 'pub fn f() {}\n', 'api/p.h': 'int ok(void);\n' });
  const p = run(['check', 'p'], root);
  assert.equal(p.code, 0);
  assert.deepEqual(p.stdout.split('\n').filter((l) => /compared with no declared interface/.test(l)), ['note: `p` was compared with no declared interface (no header in the crate or named by build.rs, and no host crate of its workspace declares its symbols the ways this checker reads: dlopen2 `WrapperApi`, libloading or `dlsym` lookups, vtable structs); pass `--interfaces GLOB` to check its exports against the host\'s header']);
  assert.doesNotMatch(run(['check', 'lib'], root).stdout, /compared with no declared interface/, 'not a plugin');
  assert.match(run(['check', 'p', '--interfaces', 'p/src/*.h'], root).stdout, /compared with no declared interface/, 'a glob that matches nothing compares with nothing');
  assert.equal(run(['check', 'p', '--interfaces', 'api/*.h'], root).stdout, 'no problems found\n');
});

test('a WebAssembly component guest is compared with its WIT world: no header note; a note when the world cannot be read', () => {
  const lib = '#[no_mangle]\npub unsafe extern "C" fn cabi_realloc(_o: *mut u8, _s: usize, _a: usize, _n: usize) -> *mut u8 { std::ptr::null_mut() }\n#[export_name = "version"]\npub extern "C" fn version() -> u32 { 1 }\n';
  const root = writeTree({ 'g/Cargo.toml': CDYLIB('g'), 'g/src/lib.rs': lib, 'g/wit/plugin.wit': 'package my:g;\nworld plugin { export version: func() -> u32; }\n', 'bare/Cargo.toml': CDYLIB('bare'), 'bare/src/lib.rs': lib });
  assert.equal(run(['check', 'g'], root).stdout, 'no problems found\n');
  const bare = run(['check', 'bare'], root).stdout;
  assert.doesNotMatch(bare, /--interfaces GLOB/);
  assert.match(bare, /^note: `bare` is a WebAssembly component guest, but its WIT world could not be read, so its exports were compared with nothing: wit: cannot be read/m);
});
