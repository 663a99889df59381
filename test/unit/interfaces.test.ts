// Declared interfaces from C headers: the header parser, and each rule on fixture crates (positive and silent).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { evaluateIntegerExpression } from '../../server/src/interface/constExpr';
import { loadCParser, parseHeader } from '../../server/src/interface/cHeader/parseHeader';
import { platformMacros, preprocess } from '../../server/src/interface/cHeader/preprocessor';
import { parseCbindgenConfig } from '../../server/src/interface/cbindgenConfig';
import { applyEdits } from '../support/edits';
import { nodeModulesAssets, testEngine, writeTree } from '../support/engine';
import { rustcDiagnostics } from '../support/rustc';
import { readFileSync, writeFileSync } from 'node:fs';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'interfaces');
const OUR_RULES = new Set(['signature-mismatch', 'layout-mismatch', 'missing-export', 'abi-version-mismatch']);

async function header(text: string) {
  return parseHeader(await loadCParser(nodeModulesAssets), '/virtual/plugin.h', text);
}

test('enum values: implicit, explicit, and expressions of earlier enumerators and macros', async () => {
  const parsed = await header('#define BASE 0x10\nenum E { A, B = BASE + 1, C, D = B << 2, E_ = \'a\', F = -1, G };');
  assert.deepEqual(parsed.enums.get('E')!.variants.map((v) => [v.name, v.value]), [['A', 0n], ['B', 17n], ['C', 18n], ['D', 68n], ['E_', 97n], ['F', -1n], ['G', 0n]]);
});

test('#if branches: the platform branch is taken, the other never counts (no duplicate)', async () => {
  const parsed = await header('#if defined(_WIN32)\nint f(void);\n#elif defined(__linux__) || defined(__APPLE__)\nlong f(void);\n#else\nshort f(void);\n#endif\n#ifdef NOT_DEFINED\nvoid g(void);\n#endif');
  assert.deepEqual(parsed.functions.map((f) => f.name), ['f']);
  const expected = process.platform === 'win32' ? 'int' : 'long';
  assert.equal(parsed.functions[0].returnType.spelling, expected);
});

test('preprocessing keeps every position: blanked text has the same lines and length', () => {
  const source = '#ifdef X\nint a;\n#else\nint b;\n#endif\n';
  const { text } = preprocess(source, platformMacros('linux', 'x64'));
  assert.equal(text.length, source.length);
  assert.equal(text.split('\n').length, source.split('\n').length);
  assert.match(text, /int b;/);
  assert.doesNotMatch(text, /int a;/);
});

test('export macros, extern "C" guards, typedef chains and function-pointer typedefs', async () => {
  const parsed = await header(`#define API __attribute__((visibility("default")))
#ifdef __cplusplus
extern "C" {
#endif
typedef int base_t;
typedef base_t status_t;
typedef void (*cb_t)(const char *msg, size_t n);
API status_t init(cb_t cb, const char *const *argv);
UNKNOWN_EXPORT unsigned long long big(void);
#ifdef __cplusplus
}
#endif`);
  assert.deepEqual(parsed.functions.map((f) => f.name), ['init', 'big']);
  const init = parsed.functions[0];
  assert.deepEqual(init.returnType, { kind: 'int', bits: 32, signed: true, spelling: 'status_t' });
  const cb = init.params[0].type;
  assert.ok(cb.kind === 'pointer' && cb.pointee.kind === 'function' && cb.pointee.params.length === 2);
  const argv = init.params[1].type;
  assert.ok(argv.kind === 'pointer' && argv.constPointee && argv.pointee.kind === 'pointer' && argv.pointee.constPointee);
  assert.deepEqual(parsed.functions[1].returnType, { kind: 'int', bits: 64, signed: false, spelling: 'unsigned long long' });
});

test('structs: named, typedef\'d, opaque; #define integer constants', async () => {
  const parsed = await header('#define N (2 * 3)\n#define VERSION 4u\n#define NAME "x"\ntypedef struct Opaque Opaque;\ntypedef struct { int a[N]; struct Opaque *o; } Holder;');
  assert.equal(parsed.records.get('Opaque')!.fields, undefined);
  const holder = parsed.records.get('Holder')!;
  assert.deepEqual(holder.fields!.map((f) => f.name), ['a', 'o']);
  assert.ok(holder.fields![0].type.kind === 'array' && holder.fields![0].type.length === 6);
  assert.deepEqual(parsed.constants.map((c) => [c.name, c.value]), [['N', 6n], ['VERSION', 4n]]);
});

test('constant expressions: casts, ternaries, Rust literals, unknown names', () => {
  assert.equal(evaluateIntegerExpression('((uint32_t)1 << 4) | 0b1_01', () => undefined), 21n);
  assert.equal(evaluateIntegerExpression('X > 2 ? 10 : 20', (n) => (n === 'X' ? 3n : undefined)), 10n);
  assert.equal(evaluateIntegerExpression('1_000u32', () => undefined), 1000n);
  assert.equal(evaluateIntegerExpression('Y + 1', () => undefined), undefined);
  assert.equal(evaluateIntegerExpression('1 / 0', () => undefined), undefined);
});

test('cbindgen.toml: prefix, renames (overriding the prefix or not), and a clear error for bad TOML', () => {
  const config = parseCbindgenConfig('/c/cbindgen.toml', '[export]\nprefix = "Gx"\n[export.rename]\n"Handle" = "PluginHandle"\n');
  assert.equal(config.names.declaredNameOf('Mode'), 'GxMode');
  assert.equal(config.names.declaredNameOf('Handle'), 'GxPluginHandle');
  const overriding = parseCbindgenConfig('/c/cbindgen.toml', '[export]\nprefix = "Gx"\nrenaming_overrides_prefixing = true\n[export.rename]\n"Handle" = "PluginHandle"\n');
  assert.equal(overriding.names.declaredNameOf('Handle'), 'PluginHandle');
  assert.match(parseCbindgenConfig('/c/cbindgen.toml', '[export\n').error ?? '', /^\/c\/cbindgen\.toml: not valid TOML/);
});

test('a drifted plugin: each rule fires where the mismatch is', async () => {
  const engine = await testEngine();
  const { findings, errors } = await engine.check([path.join(FIXTURES, 'mismatch')]);
  assert.deepEqual(errors, []);
  const ours = findings.filter((f) => OUR_RULES.has(f.rule)).map((f) => `${f.rule} ${f.severity} ${path.basename(f.file)}:${f.range.start.line + 1}`);
  assert.deepEqual(ours, [
    'missing-export error plugin.h:36',
    'missing-export information lib.rs:1',
    'layout-mismatch error lib.rs:8', // `Trace` inserted: one finding, the shifted `Info` and `Error` related
    'layout-mismatch error lib.rs:17',
    'abi-version-mismatch error lib.rs:22',
    'signature-mismatch error lib.rs:26',
    'signature-mismatch warning lib.rs:36',
    'signature-mismatch error lib.rs:49',
  ]);
  const scale = findings.find((f) => f.rule === 'signature-mismatch' && f.severity === 'error')!;
  assert.equal(scale.fixes[0].title, 'Change to `c_int` to match `plugin.h:32`');
  assert.equal(scale.related[0].location.file, path.join(FIXTURES, 'mismatch', 'include', 'plugin.h'));
  const missing = findings.find((f) => f.rule === 'missing-export')!;
  assert.match(missing.message, /^`plugin_shutdown` is declared here but `mismatch_plugin` does not export it/);
  const inserted = findings.find((f) => f.rule === 'layout-mismatch' && f.range.start.line === 7)!;
  assert.match(inserted.message, /`Trace` \(= 1\) is not declared, which shifts the value of 2 later variants \(`Info`, `Error`\) against the declaration/);
  assert.deepEqual(inserted.related.slice(1).map((r) => `${r.location.range.start.line + 1}: ${r.message}`), ['9: `Info` is 2 in Rust but `LEVEL_INFO` is 1 in the declaration', '10: `Error` is 3 in Rust but `LEVEL_ERROR` is 2 in the declaration']);
});

test('a correct cbindgen-style pair (prefix, rename, opaque type, #if sections, repr(u8) enum): silent', async () => {
  const engine = await testEngine();
  const { findings, errors } = await engine.check([path.join(FIXTURES, 'cbindgen_clean')]);
  assert.deepEqual(errors, []);
  assert.deepEqual(findings.filter((f) => OUR_RULES.has(f.rule)).map((f) => `${f.rule}: ${f.message}`), []);
});

test('signature-mismatch by C meaning: equal spellings are silent, each kind of difference is reported', async () => {
  const h = `#include <stdint.h>
void by_int(int a, unsigned int b, size_t c, _Bool d, const char *e);
void by_ptr(const int *p, int *q, void (*cb)(int));
int32_t ret_never(void);
void nul(int *p);`;
  const rs = `use std::ffi::{c_char, c_int, c_uint};
#[no_mangle] pub extern "C" fn by_int(a: c_int, b: c_uint, c: usize, d: bool, e: *const c_char) {}
#[no_mangle] pub extern "C" fn by_ptr(p: Option<&i32>, q: *mut u32, cb: Option<extern "C" fn(i32)>) {}
#[no_mangle] pub extern "C" fn ret_never() -> i64 { 0 }
#[no_mangle] pub unsafe extern "C" fn nul(p: *mut i32) {}
`;
  const dir = writeTree({ 'Cargo.toml': '[package]\nname = "p"\nversion = "0.1.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n', 'src/lib.rs': rs, 'plugin.h': h });
  const { findings } = await (await testEngine()).analyzeFile(path.join(dir, 'src', 'lib.rs'));
  const lines = rs.split('\n');
  const ours = findings.filter((f) => f.rule === 'signature-mismatch').map((f) => `${f.severity} ${lines[f.range.start.line].slice(f.range.start.character, f.range.end.character)}`);
  // q: `int *` vs `*mut u32` (signedness of the pointee); ret_never: 32 vs 64 bits; nul: raw pointers are nullable.
  assert.deepEqual(ours, ['error *mut u32', 'error i64']);
});

test('missing-export stub: typed and attributed for the edition, compiles into the crate', async () => {
  const dir = writeTree({
    'Cargo.toml': '[package]\nname = "p"\nversion = "0.1.0"\nedition = "2024"\n[lib]\ncrate-type = ["cdylib"]\n',
    'src/lib.rs': '#[unsafe(no_mangle)]\npub extern "C" fn present() {}\n',
    'plugin.h': 'typedef struct Ctx Ctx;\nvoid present(void);\nconst char *plugin_name(Ctx *ctx, unsigned len, double scale);\nvoid (*plugin_cb(void))(int);\n',
  });
  const file = path.join(dir, 'src', 'lib.rs');
  const { findings } = await (await testEngine()).analyzeFile(file);
  const missing = findings.filter((f) => f.rule === 'missing-export' && f.severity === 'error');
  assert.deepEqual(missing.map((f) => f.fixes[0]?.title), ['Add `plugin_name` stub', 'Add `plugin_cb` stub']);
  // Each is reported at its declaration in the header; the crate root gets one summary with both stubs.
  assert.deepEqual(missing.map((f) => `${path.basename(f.file)}:${f.range.start.line + 1}`), ['plugin.h:3', 'plugin.h:4']);
  const [summary] = findings.filter((f) => f.rule === 'missing-export' && f.severity === 'information');
  assert.equal(summary.file, file);
  assert.equal(summary.message, "2 declared functions are not exported by `p` (`plugin_name`, `plugin_cb`): the host's lookups of them fail. Each is reported at its declaration.");
  assert.equal(summary.fixes[0].title, 'Add stubs for the 2 missing symbols');
  assert.equal(applyEdits(readFileSync(file, 'utf8'), summary.fixes[0].edits), missing.reduce((text, f) => applyEdits(text, f.fixes[0].edits), readFileSync(file, 'utf8')));
  let text = readFileSync(file, 'utf8');
  for (const f of missing) text = applyEdits(text, f.fixes[0].edits);
  assert.match(text, /#\[unsafe\(no_mangle\)\]\npub extern "C" fn plugin_name\(_ctx: \*mut core::ffi::c_void, _len: core::ffi::c_uint, _scale: f64\) -> \*const core::ffi::c_char \{\n {4}core::ptr::null\(\)\n\}/);
  assert.match(text, /pub extern "C" fn plugin_cb\(\) -> Option<unsafe extern "C" fn\(core::ffi::c_int\)> \{\n {4}None\n\}/);
  assert.doesNotMatch(text, /todo!|unimplemented!/);
  // rustc is the oracle: the stubbed crate compiles without warnings.
  writeFileSync(file, text);
  assert.deepEqual(rustcDiagnostics(file, '2024').map((d) => d.message), []);
});

test('header data symbols and whole-function mismatches: exact messages; a missing `extern` variable gets a static stub that compiles', async () => {
  const h = `extern const int plugin_limit;
extern double plugin_ratio;
extern int (*plugin_hook)(void);
void rust_abi(int x);
void two(int a, int b);
void take(const char *name);
`;
  const rs = `#[no_mangle]
pub static plugin_ratio: f32 = 0.5;
#[no_mangle]
pub fn rust_abi(_x: i32) {}
#[no_mangle]
pub extern "C" fn two(_a: i32) {}
#[no_mangle]
pub extern "C" fn take(_name: &u8) {}
`;
  const dir = writeTree({ 'Cargo.toml': '[package]\nname = "p"\nversion = "0.1.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n', 'src/lib.rs': rs, 'plugin.h': h });
  const file = path.join(dir, 'src', 'lib.rs');
  const { findings } = await (await testEngine()).analyzeFile(file);
  const ours = findings.filter((f) => OUR_RULES.has(f.rule));
  assert.deepEqual(ours.map((f) => [f.rule, f.message, f.help]), [
    ['missing-export', "`plugin_limit` is declared here but `p` does not export it: the host's lookup of this data symbol fails (or the plugin does not load at all).", 'add `#[no_mangle] pub static plugin_limit: …` of the declared type to `p`, or remove it from the interface'],
    ['missing-export', "`plugin_hook` is declared here but `p` does not export it: the host's lookup of this data symbol fails (or the plugin does not load at all).", 'add `#[no_mangle] pub static plugin_hook: …` of the declared type to `p`, or remove it from the interface'],
    ['missing-export', "2 declared symbols are not exported by `p` (`plugin_limit`, `plugin_hook`): the host's lookups of them fail. Each is reported at its declaration.", 'export each with the declared signature, or remove it from the interface'],
    ['signature-mismatch', '`plugin_ratio` has `f32` where `plugin.h:2` declares `double`: the static\'s type: `double` is a 64-bit float, `f32` is a 32-bit float. The host reads the bytes at its address as the declared type, so it gets a wrong value.', 'change it to `f64`, or fix the declaration'],
    ['signature-mismatch', '`rust_abi` does not match `plugin.h:4`: it has the Rust ABI, the declaration is a C function. The host calls it as declared, so arguments and results are read wrongly (garbage values or a crash).', 'declare it `extern "C" fn rust_abi`'],
    ['signature-mismatch', '`two` does not match `plugin.h:5`: the declaration takes 2 parameter(s), the Rust function 1. The host calls it as declared, so arguments and results are read wrongly (garbage values or a crash).', 'give `two` the 2 declared parameter(s), or fix the declaration'],
    ['signature-mismatch', '`take` has `&u8` where `plugin.h:6` declares `const char *`: parameter 1 (`name`): `const char *` may be NULL, but `&u8` promises Rust it never is. The host may pass NULL, and a NULL reference is undefined behaviour in Rust.', 'take `Option<&u8>` and return early on `None`, or use a raw pointer'],
  ]);
  // `int (*)(void)` in a static is a pointer (not `Sync`): no stub. `const int` is, and rustc accepts it.
  assert.deepEqual(ours.filter((f) => f.rule === 'missing-export').map((f) => f.fixes.map((x) => x.title)), [['Add `plugin_limit` static'], [], ['Add `plugin_limit` static']]);
  assert.deepEqual(ours[0].related.map((r) => [path.basename(r.location.file), r.message]), [['lib.rs', '`p`, the plugin that must export it']]);
  const text = applyEdits(rs, ours[0].fixes[0].edits);
  assert.match(text, /#\[no_mangle\]\n#\[allow\(non_upper_case_globals\)\]\npub static plugin_limit: core::ffi::c_int = 0;\n$/);
  writeFileSync(file, text);
  assert.deepEqual(rustcDiagnostics(file, '2021').map((d) => d.message), []);
  (await testEngine()).files.invalidate(file);
  const after = (await (await testEngine()).analyzeFile(file)).findings;
  assert.ok(!after.some((f) => f.rule === 'missing-export' && f.message.startsWith('`plugin_limit`')));
});
