// rustc as the oracle for findings inside macro expansions: rustc reports a problem in a macro's output at
// the macro call (its JSON gives the span inside the macro with the call as `expansion`), or at the call's
// own tokens when they were passed in. Our findings must sit at that outermost call site.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Finding } from '../../server/src/engine/types';
import { compareWithRustc, outermostCallSite } from '../support/differential';
import { testEngine, writeTree } from '../support/engine';
import { rustcDiagnostics, type RustcDiagnostic } from '../support/rustc';

function manifest(edition: string): string {
  return `[package]\nname = "plug"\nversion = "0.1.0"\nedition = "${edition}"\n[lib]\ncrate-type = ["cdylib"]\n`;
}

function site(d: RustcDiagnostic): string {
  const s = outermostCallSite(d.spans.find((span) => span.is_primary)!);
  return `${s.line_start}:${s.column_start}-${s.line_end}:${s.column_end}`;
}

function ours(f: Finding): string {
  return `${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.line + 1}:${f.range.end.character + 1}`;
}

const EXPORT_PLUGIN = `pub struct Descriptor {
    pub version: u32,
}

macro_rules! export_plugin {
    ($name:ident, $ret:ty) => {
        #[no_mangle]
        pub extern "C" fn plugin_name() -> String {
            String::from(stringify!($name))
        }
        #[no_mangle]
        pub static PLUGIN_DESCRIPTOR: Descriptor = Descriptor { version: 1 };
        #[no_mangle]
        pub extern "C" fn plugin_value() -> $ret { Default::default() }
    };
}

export_plugin!(demo, Vec<u8>);
`;

test('the issue\'s export_plugin! crate: our FFI findings sit where rustc reports, plus the descriptor static at the call', async () => {
  const dir = writeTree({ 'Cargo.toml': manifest('2021'), 'src/lib.rs': EXPORT_PLUGIN });
  const file = path.join(dir, 'src/lib.rs');
  const diagnostics = rustcDiagnostics(file, '2021');
  assert.deepEqual(diagnostics.filter((d) => d.level === 'error').map((d) => d.message), []);
  const rustc = diagnostics.filter((d) => d.code?.code === 'improper_ctypes_definitions').map(site).sort();
  // `String` is written in the macro (rustc: inside it, expanded from line 18); `Vec<u8>` is the call's own.
  assert.deepEqual(rustc, ['18:1-18:30', '18:22-18:29']);
  const { findings } = await (await testEngine()).analyzeFile(file);
  const ffi = findings.filter((f) => f.rule === 'ffi-unsafe-type').map(ours).sort();
  assert.deepEqual(ffi, rustc);
  // rustc does not lint the type of a static; the missing repr of the exported descriptor is ours, at the call.
  assert.deepEqual(findings.filter((f) => f.rule === 'missing-repr-c').map((f) => `${ours(f)} ${/^`(\w+)`/.exec(f.message)?.[1]}`), ['18:1-18:30 Descriptor']);
});

test('edition 2024: unsafe attributes and extern blocks written in a macro are reported at its call, as rustc does', async () => {
  const source = `macro_rules! export_plugin {
    ($name:ident) => {
        #[no_mangle]
        pub extern "C" fn $name() -> u32 { 0 }
        extern "C" { fn host_log(x: u32); }
    };
}
export_plugin!(plugin_version);
`;
  const dir = writeTree({ 'Cargo.toml': manifest('2024'), 'src/lib.rs': source });
  const file = path.join(dir, 'src/lib.rs');
  const errors = rustcDiagnostics(file, '2024').filter((d) => d.level === 'error' && /unsafe attribute used without unsafe|extern blocks must be unsafe/.test(d.message));
  assert.equal(errors.length, 2);
  const { findings } = await (await testEngine()).analyzeFile(file);
  const unsafeRules = findings.filter((f) => f.rule === 'unsafe-attribute' || f.rule === 'unsafe-extern-block');
  assert.deepEqual(unsafeRules.map(ours).sort(), errors.map(site).sort());
  // The fix edits the macro definition (the attribute is written there), never the expansion.
  const attribute = unsafeRules.find((f) => f.rule === 'unsafe-attribute')!;
  assert.deepEqual(attribute.fixes[0]?.edits.map((e) => [e.range.start.line, e.newText]), [[2, 'unsafe('], [2, ')']]);
});

const SEEDS = Array.from({ length: 12 }, (_, i) => 1000 + i);

test(`generated crates with macro-written exports agree with rustc site by site (seeds ${SEEDS[0]}–${SEEDS.at(-1)})`, async (t) => {
  let compared = 0;
  for (const seed of SEEDS) {
    const result = await compareWithRustc(seed, { macros: true });
    assert.deepEqual(result.rustcErrors, [], `seed ${seed}: the generated crate must compile`);
    assert.deepEqual({ onlyRustc: result.onlyRustc, onlyUs: result.onlyUs }, { onlyRustc: [], onlyUs: [] }, `seed ${seed}`);
    compared += result.compared;
  }
  assert.ok(compared > 150, `only ${compared} sites compared`);
  t.diagnostic(`${compared} sites compared, all agreed`);
});

test('a macro of a local dependency (`#[macro_export]`, `$crate`): findings at the call in the plugin (cargo hides lints of another crate\'s macros)', async () => {
  const dir = writeTree({
    'Cargo.toml': '[workspace]\nmembers = ["api", "plugin"]\nresolver = "2"\n',
    'api/Cargo.toml': '[package]\nname = "api"\nversion = "0.1.0"\nedition = "2021"\n',
    'api/src/lib.rs': `pub struct Descriptor {
    pub version: u32,
}

#[macro_export]
macro_rules! declare_plugin {
    ($name:literal) => {
        #[no_mangle]
        pub extern "C" fn plugin_name() -> String {
            String::from($name)
        }
        #[no_mangle]
        pub static PLUGIN_DESCRIPTOR: $crate::Descriptor = $crate::Descriptor { version: 1 };
    };
}
`,
    'plugin/Cargo.toml': '[package]\nname = "plugin"\nversion = "0.1.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n[dependencies]\napi = { path = "../api" }\n',
    'plugin/src/lib.rs': 'api::declare_plugin!("demo");\n',
  });
  const plugin = path.join(dir, 'plugin/src/lib.rs');
  const targetDir = path.join(dir, 'target');
  const result = spawnSync('cargo', ['check', '--offline', '--message-format=json', '--quiet', '-p', 'plugin'], { cwd: dir, encoding: 'utf8', env: { ...process.env, CARGO_TARGET_DIR: targetDir } });
  const messages = result.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { reason: string; message?: RustcDiagnostic });
  const lints = messages.flatMap((m) => (m.reason === 'compiler-message' && m.message?.code?.code === 'improper_ctypes_definitions' ? [m.message] : []));
  // rustc does not report improper_ctypes inside an external crate's macro; the crate is the user's own
  // (a path dependency), so we do, at the call, as for a macro of the plugin itself.
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(lints.map(site), []);
  const { findings } = await (await testEngine()).analyzeFile(plugin);
  assert.deepEqual(findings.filter((f) => f.rule === 'ffi-unsafe-type').map((f) => `${path.relative(dir, f.file)} ${ours(f)}`), ['plugin/src/lib.rs 1:1-1:29']);
  // `$crate::Descriptor` is the dependency's type: the repr fix edits api/src/lib.rs, at its real place.
  const repr = findings.find((f) => f.rule === 'missing-repr-c')!;
  assert.equal(ours(repr), '1:1-1:29');
  assert.deepEqual(repr.fixes[0].edits.map((e) => [path.relative(dir, e.file), e.range.start.line, e.newText]), [['api/src/lib.rs', 0, '#[repr(C)]\n']]);
});
