// Declared interfaces from host-side Rust: each reader (dlopen2 `WrapperApi`, libloading lookups, vtables) on
// small workspaces, the fixture workspace's plugins (positive and silent), and host edits re-checking the plugin.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Finding } from '../../server/src/engine/types';
import { symbolName, tolerated, turbofishOf } from '../../server/src/interface/rustHost/libloading';
import { asFunctionText } from '../../server/src/interface/rustHost/vtables';
import { DependentFiles } from '../../server/src/lsp/dependentFiles';
import { applyEdits } from '../support/edits';
import { testEngine, writeTree } from '../support/engine';
import { rustcDiagnostics } from '../support/rustc';

const WORKSPACE = path.join(__dirname, '..', 'fixtures', 'interfaces', 'rust-host-workspace');
const OUR_RULES = new Set(['signature-mismatch', 'layout-mismatch', 'missing-export', 'abi-version-mismatch']);

/** Our findings, without `missing-export`'s summary on the crate root (each missing symbol is also reported at its declaration). */
const ours = (findings: Finding[]) => findings.filter((f) => OUR_RULES.has(f.rule) && !(f.rule === 'missing-export' && f.severity === 'information'));
const summary = (findings: Finding[]) => ours(findings).map((f) => `${f.rule}@${f.range.start.line + 1}`).sort();

/** A workspace with one plugin (`plugin/src/lib.rs`) and one host (`host/src/main.rs`). */
function workspace(plugin: string, host: string): string {
  return writeTree({
    'Cargo.toml': '[workspace]\nmembers = ["plugin", "host"]\nresolver = "2"\n',
    'plugin/Cargo.toml': '[package]\nname = "plugin"\nversion = "0.1.0"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n',
    'plugin/src/lib.rs': plugin,
    'host/Cargo.toml': '[package]\nname = "host"\nversion = "0.1.0"\nedition = "2021"\n',
    'host/src/main.rs': host,
  });
}

async function analyse(root: string) {
  const engine = await testEngine();
  return engine.analyzeFile(path.join(root, 'plugin', 'src', 'lib.rs'));
}

test('fixture workspace: the bad plugin gets each predicted finding, at the predicted line', async () => {
  const engine = await testEngine();
  const { findings } = await engine.analyzeFile(path.join(WORKSPACE, 'plugin-bad', 'src', 'lib.rs'));
  // Both hosts declare `plugin_shutdown`, `plugin_scale` and `PLUGIN_ABI_VERSION`: each problem is reported once.
  assert.deepEqual(summary(findings), [
    'layout-mismatch@13', // its own EventVTable copy: `on_event` is fn(u8) -> u8, the host's fn(c_int) -> c_int
    'missing-export@16', // plugin_shutdown, required by both hosts: reported at the first host's declaration
    'signature-mismatch@19', // PLUGIN_ABI_VERSION is a function, both hosts read a u32 there
    'signature-mismatch@30', // plugin_scale(f32) -> f32 where both hosts declare c_double, parameter and return
    'signature-mismatch@30',
    'signature-mismatch@36', // on_event stored in the vtable: parameter and return
    'signature-mismatch@36',
  ]);
  const at = (rule: string, line: number) => ours(findings).filter((f) => f.rule === rule && f.range.start.line === line - 1);
  const relatedLines = (f: Finding) => f.related.map((r) => `${path.relative(WORKSPACE, r.location.file)}:${r.location.range.start.line + 1}`);
  const [missing] = at('missing-export', 16);
  assert.equal(missing.message, "`plugin_shutdown` is declared here and at `main.rs:32` but `plugin_bad` does not export it: the host's lookup of `plugin_shutdown` fails (or the plugin does not load at all).");
  assert.equal(path.relative(WORKSPACE, missing.file), 'host-dlopen2/src/main.rs');
  assert.deepEqual(relatedLines(missing), ['plugin-bad/src/lib.rs:1', 'host-libloading/src/main.rs:32']);
  // One summary on the plugin's crate root points to it.
  const summaries = findings.filter((f) => f.rule === 'missing-export' && f.severity === 'information');
  assert.deepEqual(summaries.map((f) => `${path.relative(WORKSPACE, f.file)}:${f.range.start.line + 1} ${f.message}`), ["plugin-bad/src/lib.rs:1 1 declared function is not exported by `plugin_bad` (`plugin_shutdown`): the host's lookups of them fail. Each is reported at its declaration."]);
  const [version] = at('signature-mismatch', 19);
  assert.equal(version.message, "`PLUGIN_ABI_VERSION` does not match `main.rs:19` and `main.rs:30`: the host reads `PLUGIN_ABI_VERSION` as data (a `u32` at the symbol's address), but the plugin exports a function. The host reads the function's machine code as the value.");
  assert.equal(version.help, 'export a static instead: `#[no_mangle] pub static PLUGIN_ABI_VERSION: …` of the declared type `u32`');
  assert.deepEqual(relatedLines(version), ['host-dlopen2/src/main.rs:19', 'host-libloading/src/main.rs:30']);
  const [scaleParam] = at('signature-mismatch', 30);
  assert.equal(scaleParam.message, '`plugin_scale` has `f32` where `main.rs:15` and `main.rs:19` declare `c_double`: parameter 1: `c_double` is a 64-bit float, `f32` is a 32-bit float. The host calls it as declared, so arguments and results are read wrongly (garbage values or a crash).');
  assert.equal(scaleParam.related.length, 2);
  const [vtable] = at('signature-mismatch', 36);
  assert.equal(vtable.message, '`on_event` has `u8` where `main.rs:11` declares `c_int`: parameter 1: `c_int` is 32 bits wide, `u8` is 8. The host calls it as declared, so arguments and results are read wrongly (garbage values or a crash).');
  assert.equal(path.basename(vtable.related![0].location.file), 'main.rs');
});

test('fixture workspace: the plugin that matches both hosts is silent (another plugin is no host)', async () => {
  const engine = await testEngine();
  const { crate, findings } = await engine.analyzeFile(path.join(WORKSPACE, 'plugin-good', 'src', 'lib.rs'));
  assert.deepEqual(summary(findings), []);
  const sources = (crate?.interfaces ?? []).map((i) => `${i.source}:${path.relative(WORKSPACE, i.file)}`);
  assert.ok(sources.length >= 3 && sources.every((s) => s.startsWith('rust-host:host-')), sources.join());
});

test('WrapperApi: fields are symbols, Option is optional, a reference is a static, dlopen2_name renames', async () => {
  const root = workspace(
    'use std::os::raw::c_int;\n#[no_mangle]\npub extern "C" fn open_it(flags: c_int) -> c_int { flags }\n',
    `use std::os::raw::{c_int, c_long};
#[derive(WrapperApi)]
struct Api<'a> {
    open_it: unsafe extern "C" fn(flags: c_int) -> c_int,
    #[dlopen2_name = "close_it"]
    close: unsafe extern "C" fn(handle: *mut Handle) -> c_long,
    probe: Option<unsafe extern "C" fn()>,
    counter: &'a u32,
    table: *const u8,
}
pub struct Handle;
fn main() {}
`,
  );
  const { crate, findings } = await analyse(root);
  const [api] = crate!.interfaces!;
  assert.equal(api.source, 'rust-host');
  assert.equal(api.reason, 'host-crate');
  assert.deepEqual(api.functions.map((f) => `${f.name}${f.optional ? '?' : ''}(${f.params.length})`), ['open_it(1)', 'close_it(1)', 'probe?(0)']);
  assert.deepEqual(api.statics!.map((s) => `${s.name}:${s.type.kind}`), ['counter:int', 'table:int']);
  const close = api.functions[1];
  assert.equal(close.returnType.kind === 'int' && close.returnType.bits, 64);
  assert.match(close.origin.text, /^close: unsafe extern "C" fn/);
  assert.equal(close.origin.range.start.line, 5);
  assert.deepEqual(
    ours(findings).filter((f) => f.rule === 'missing-export').map((f) => /`(\w+)`/.exec(f.message)![1]).sort(),
    ['close_it', 'counter', 'table'],
    'a missing function or data symbol is reported, the optional probe is not',
  );
});

test('libloading: turbofish, Symbol<T>, annotated let, aliases, and probes are optional', async () => {
  const root = workspace(
    '#[no_mangle]\npub extern "C" fn a(x: i32) -> i32 { x }\n',
    `use libloading::{Library, Symbol};
use std::os::raw::c_int;
type BFn = unsafe extern "C" fn(c_int, c_int) -> c_int;
type DSym<'l> = Symbol<'l, unsafe extern "C" fn() -> u64>;
fn main() {
    unsafe {
        let lib = Library::new("x").unwrap();
        let a = lib.get::<unsafe extern "C" fn(c_int) -> c_int>(b"a\\0").unwrap();
        let b: Symbol<BFn> = lib.get(b"b\\0")?;
        let c = lib.get::<Symbol<extern "C" fn(f64)>>(b"c").expect("c");
        let d: DSym = lib.get(b"d\\0").unwrap();
        if let Ok(e) = lib.get::<unsafe extern "C" fn()>(b"e\\0") { e(); }
        let f = lib.get::<unsafe extern "C" fn()>(b"f\\0").ok();
        match lib.get::<unsafe extern "C" fn()>(b"g\\0") { Ok(_) => {}, Err(_) => {} }
        let h = unsafe { lib.get::<unsafe extern "C" fn()>(b"h\\0") }.is_ok();
        let v: Symbol<*mut u32> = lib.get(b"VERSION\\0").unwrap();
    }
}
`,
  );
  const { crate } = await analyse(root);
  const [lookups] = crate!.interfaces!;
  assert.deepEqual(
    lookups.functions.map((f) => `${f.name}${f.optional ? '?' : ''}(${f.params.length})`),
    ['a(1)', 'b(2)', 'c(1)', 'd(0)', 'e?(0)', 'f?(0)', 'g?(0)', 'h?(0)'],
  );
  assert.deepEqual(lookups.statics!.map((s) => s.name), ['VERSION']);
  const d = lookups.functions[3];
  assert.ok(d.returnType.kind === 'int' && d.returnType.bits === 64 && d.returnType.signed === false);
});

test('libloading helpers: symbol names, turbofish with nested generics and arrows, tolerated lookups', () => {
  assert.equal(symbolName('b"plugin_init\\0"'), 'plugin_init');
  assert.equal(symbolName('b"plain"'), 'plain');
  assert.equal(symbolName('name'), undefined);
  assert.equal(turbofishOf('lib.get::<Symbol<unsafe extern "C" fn(c_int) -> *mut X>>(b"x")'), 'Symbol<unsafe extern "C" fn(c_int) -> *mut X>');
  assert.equal(turbofishOf('lib.get(b"x")'), undefined);
  const text = 'let a = lib.get(b"a").ok()?; let b = lib.get(b"b").ok();';
  const at = (name: string) => [text.indexOf(`lib.get(b"${name}")`), text.indexOf(`lib.get(b"${name}")`) + 'lib.get(b"a")'.length] as const;
  assert.equal(tolerated(text, ...at('a')), false, '`.ok()?` propagates the failure');
  assert.equal(tolerated(text, ...at('b')), true);
});

test('vtables: a static initializer is read at its real position; None and missing fields where the host calls unconditionally', async () => {
  const source = 'pub static VT: Table = Table { f: g };';
  const rewritten = asFunctionText(source);
  assert.equal(rewritten.length, source.length);
  assert.equal(rewritten.indexOf('Table {'), source.indexOf('Table {'));
  const root = workspace(
    `#[repr(C)]
pub struct Table { pub run: Option<extern "C" fn(i32) -> i32>, pub stop: Option<extern "C" fn()> }
extern "C" fn run(x: i32) -> i32 { x }
#[no_mangle]
pub extern "C" fn make() -> Table { Table { run: Some(run), stop: None } }
#[no_mangle]
pub extern "C" fn make_partial() -> Table { Table { run: Some(run), ..Default::default() } }
`,
    `#[repr(C)]
pub struct Table { pub run: extern "C" fn(i32) -> i32, pub stop: extern "C" fn() }
fn main() {}
`,
  );
  const { findings } = await analyse(root);
  const signature = ours(findings).filter((f) => f.rule === 'signature-mismatch');
  assert.equal(signature.length, 1, signature.map((f) => f.message).join('\n'));
  assert.equal(signature[0].message, '`make` does not match `main.rs:2`: the host declares `Table.stop` as `extern "C" fn()`, a pointer it calls without checking for NULL, and `None` stores NULL there. When the host calls it, it jumps to address 0 and crashes.');
  assert.equal(signature[0].help, 'store an `extern "C" fn` of type `extern "C" fn()` in `stop`, or make the host\'s field `Option<…>` and check it before calling');
  assert.equal(signature[0].range.start.line, 4);
  // The plugin's copy declares the fields nullable where the host does not: a layout difference too? No:
  // `Option<fn>` and `fn` have the same layout, so layout-mismatch stays silent.
  assert.deepEqual(ours(findings).filter((f) => f.rule === 'layout-mismatch'), []);
});

test('vtables: a field the literal leaves out is reported; a plugin function of the declared type is silent', async () => {
  const root = workspace(
    `#[repr(C)]
pub struct Ops { pub open: extern "C" fn(u32) -> u32 }
extern "C" fn open(x: u32) -> u32 { x }
static OPS: Ops = Ops { open };
#[no_mangle]
pub extern "C" fn ops() -> *const Ops { &OPS }
`,
    `#[repr(C)]
pub struct Ops { pub open: extern "C" fn(u32) -> u32, pub close: extern "C" fn() }
fn main() {}
`,
  );
  const { findings } = await analyse(root);
  const signature = ours(findings).filter((f) => f.rule === 'signature-mismatch');
  assert.equal(signature.length, 1, signature.map((f) => f.message).join('\n'));
  assert.equal(signature[0].message, '`OPS` does not match `main.rs:2`: the host declares `Ops.close` as `extern "C" fn()`, a pointer it calls without checking for NULL, and this `Ops` does not set it. When the host calls it, it jumps to address 0 and crashes.');
  assert.equal(signature[0].range.start.line, 3);
});

test('a host that loads only other symbols does not apply; configured .rs files always do', async () => {
  const root = workspace(
    '#[no_mangle]\npub extern "C" fn mine() {}\n',
    '#[derive(WrapperApi)]\nstruct Other { theirs: unsafe extern "C" fn() }\nfn main() {}\n',
  );
  const engine = await testEngine();
  const plugin = path.join(root, 'plugin', 'src', 'lib.rs');
  assert.deepEqual((await engine.analyzeFile(plugin)).crate!.interfaces, []);
  const extra = writeTree({ 'api.rs': '#[derive(WrapperApi)]\nstruct Api { mine: unsafe extern "C" fn(), needed: unsafe extern "C" fn() }\n' });
  engine.interfaces.configure({ plugin: [path.join(extra, '*.rs')] });
  try {
    const { crate, findings } = await engine.analyzeFile(plugin);
    assert.deepEqual(crate!.interfaces!.map((i) => i.reason), ['configured']);
    assert.deepEqual(summary(findings), ['missing-export@2']); // `needed`, at its field in api.rs
  } finally {
    engine.interfaces.configure({});
  }
});

test('editing the host (an open document) re-checks the plugin, and the LSP records the host as its dependency', async () => {
  const host = 'use std::os::raw::c_int;\n#[derive(WrapperApi)]\nstruct Api { f: unsafe extern "C" fn(c_int) -> c_int }\nfn main() {}\n';
  const root = workspace('#[no_mangle]\npub extern "C" fn f(x: i32) -> i32 { x }\n', host);
  const engine = await testEngine();
  const plugin = path.join(root, 'plugin', 'src', 'lib.rs');
  const hostFile = path.join(root, 'host', 'src', 'main.rs');
  const first = await engine.analyzeFile(plugin);
  assert.deepEqual(summary(first.findings), []);
  const dependents = new DependentFiles();
  dependents.record(plugin, first.crate!);
  assert.deepEqual(dependents.dependentsOf(hostFile), [plugin]);
  engine.files.openDocument(hostFile, host.replace('fn(c_int) -> c_int', 'fn(i64) -> c_int'));
  try {
    assert.deepEqual(summary((await engine.analyzeFile(plugin)).findings), ['signature-mismatch@2']);
  } finally {
    engine.files.closeDocument(hostFile);
  }
});

test('a broken Cargo.toml elsewhere in the workspace never stops the plugin analysis', async () => {
  const root = workspace('#[no_mangle]\npub extern "C" fn f() {}\n', '#[derive(WrapperApi)]\nstruct Api { f: unsafe extern "C" fn(), g: unsafe extern "C" fn() }\nfn main() {}\n');
  const engine = await testEngine();
  mkdirSync(path.join(root, 'half'), { recursive: true });
  writeFileSync(path.join(root, 'half', 'Cargo.toml'), '[package\nname = ');
  const { crate } = await engine.analyzeFile(path.join(root, 'plugin', 'src', 'lib.rs'));
  assert.deepEqual(crate!.interfaces, []);
});

test('missing data symbols: a dlopen2 `&u32` field gets a static stub that rustc compiles; a pointer-typed one gets none', async () => {
  const root = workspace(
    '#[no_mangle]\npub extern "C" fn start() {}\n',
    `#[derive(WrapperApi)]
struct Api<'a> {
    start: unsafe extern "C" fn(),
    plugin_flags: &'a u32,
    PLUGIN_NAME: &'a *const u8,
}
fn main() {}
`,
  );
  const { findings } = await analyse(root);
  const missing = ours(findings).filter((f) => f.rule === 'missing-export');
  assert.deepEqual(missing.map((f) => [f.message, f.fixes.map((x) => x.title)]), [
    ["`plugin_flags` is declared here but `plugin` does not export it: the host's lookup of this data symbol fails (or the plugin does not load at all).", ['Add `plugin_flags` static']],
    ["`PLUGIN_NAME` is declared here but `plugin` does not export it: the host's lookup of this data symbol fails (or the plugin does not load at all).", []],
  ]);
  const lib = path.join(root, 'plugin', 'src', 'lib.rs');
  const text = applyEdits(readFileSync(lib, 'utf8'), missing[0].fixes[0].edits);
  writeFileSync(lib, text);
  assert.deepEqual(rustcDiagnostics(lib, '2021').map((d) => d.message), []);
  (await testEngine()).files.invalidate(lib);
  assert.deepEqual(ours((await analyse(root)).findings).map((f) => /`(\w+)`/.exec(f.message)![1]), ['PLUGIN_NAME']);
});

test('abi-version-mismatch reads version constants of an applying host crate', async () => {
  const host = (version: number) => `pub const PLUGIN_ABI_VERSION: u32 = ${version};
pub const MAX_PLUGINS: u32 = 8;
#[derive(WrapperApi)]
struct Api { plugin_abi_version: unsafe extern "C" fn() -> u32 }
fn main() {}
`;
  const plugin = '#[no_mangle]\npub extern "C" fn plugin_abi_version() -> u32 {\n    3\n}\n';
  const newer = ours((await analyse(workspace(plugin, host(4)))).findings);
  assert.deepEqual(newer.map((f) => [f.rule, f.message, f.fixes.map((x) => x.title)]), [
    ['abi-version-mismatch', '`plugin_abi_version` reports version 3, but `PLUGIN_ABI_VERSION` is 4 at `main.rs:1`: a host checking the version refuses the plugin, or one that does not check uses it with the wrong interface.', ['Change to `4` to match `main.rs:1`']],
  ]);
  assert.deepEqual(ours((await analyse(workspace(plugin, host(3)))).findings), [], 'the same version (and a constant that is no version) is silent');
});

test('the host is read for the checked target: a `#[cfg(windows)]` declaration applies with --target windows only', async () => {
  const root = workspace(
    '#[no_mangle]\npub extern "C" fn plugin_init(x: u32) -> u32 { x }\n',
    [
      '#[derive(WrapperApi)]',
      '#[cfg(windows)]',
      'struct Api { plugin_init: unsafe extern "C" fn(x: u64) -> u32 }',
      '#[derive(WrapperApi)]',
      '#[cfg(not(windows))]',
      'struct Api { plugin_init: unsafe extern "C" fn(x: u32) -> u32 }',
      'fn main() {}',
      '',
    ].join('\n'),
  );
  const engine = await testEngine();
  try {
    assert.deepEqual(summary((await analyse(root)).findings), [], 'on Linux the host declares `u32`, as the plugin does');
    engine.setTarget('x86_64-pc-windows-msvc');
    assert.deepEqual(summary((await analyse(root)).findings), ['signature-mismatch@2'], 'for Windows the host declares `u64`');
  } finally {
    engine.setTarget(undefined);
  }
});

test('a Rust host that loads a Rust-ABI `fn` and a `&str` static: no-mangle-rust-abi and ffi-unsafe-type stay silent on those symbols', async () => {
  const plugin = [
    '#[no_mangle]',
    'pub fn rust_add_one(x: i32) -> i32 { x + 1 }',
    '#[no_mangle]',
    'pub static RUST_NAME: &str = "plugin";',
    '#[no_mangle]',
    'pub fn nobody_declares(x: i32) -> i32 { x }',
    '',
  ].join('\n');
  const rustHost = `#[derive(WrapperApi)]\nstruct Api<'a> {\n    rust_add_one: fn(x: i32) -> i32,\n    #[dlopen2_name = "RUST_NAME"]\n    name: &'a &'static str,\n}\nfn main() {}\n`;
  const rules = (findings: Finding[]) => findings.filter((f) => f.rule === 'no-mangle-rust-abi' || f.rule === 'ffi-unsafe-type').map((f) => `${f.rule}@${f.range.start.line + 1}`).sort();
  assert.deepEqual(rules((await analyse(workspace(plugin, rustHost))).findings), ['no-mangle-rust-abi@6'], 'only the export no host declares');
  // A host that calls it as a C function: the Rust ABI is a real problem there.
  const cHost = rustHost.replace('rust_add_one: fn(', 'rust_add_one: unsafe extern "C" fn(');
  assert.deepEqual(rules((await analyse(workspace(plugin, cHost))).findings), ['no-mangle-rust-abi@2', 'no-mangle-rust-abi@6']);
});

test("a loader library's examples and integration tests are hosts too (examples/x.rs, examples/x/main.rs, tests/x.rs)", async () => {
  const root = writeTree({
    'Cargo.toml': '[workspace]\nmembers = ["plugin", "loader"]\nresolver = "2"\n',
    'plugin/Cargo.toml': '[package]\nname = "plugin"\nversion = "0.1.0"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n',
    'plugin/src/lib.rs': '#[no_mangle]\npub extern "C" fn add_one(x: u32) -> u32 { x + 1 }\n',
    'loader/Cargo.toml': '[package]\nname = "loader"\nversion = "0.1.0"\nedition = "2021"\n',
    'loader/src/lib.rs': 'pub fn load() {}\n',
    'loader/examples/simple.rs': '#[derive(WrapperApi)]\nstruct Api { add_one: unsafe extern "C" fn(x: u64) -> u32 }\nfn main() {}\n',
    'loader/examples/nested/main.rs': '#[derive(WrapperApi)]\nstruct Api { add_one: unsafe extern "C" fn(x: u32) -> u32, needed: unsafe extern "C" fn() }\nfn main() {}\n',
    'loader/tests/load.rs': '#[derive(WrapperApi)]\nstruct Api { add_one: unsafe extern "C" fn(x: u32) -> u32 }\n',
  });
  const { crate, findings } = await (await testEngine()).analyzeFile(path.join(root, 'plugin', 'src', 'lib.rs'));
  assert.deepEqual(crate!.interfaces!.map((i) => path.relative(root, i.file)).sort(), ['loader/examples/nested/main.rs', 'loader/examples/simple.rs', 'loader/tests/load.rs']);
  assert.deepEqual(summary(findings), ['missing-export@2', 'signature-mismatch@2']);
});

test('example targets are listed once; a file event under examples/ lists them again', async () => {
  const root = writeTree({
    'Cargo.toml': '[workspace]\nmembers = ["plugin", "loader"]\nresolver = "2"\n',
    'plugin/Cargo.toml': '[package]\nname = "plugin"\nversion = "0.1.0"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n',
    'plugin/src/lib.rs': '#[no_mangle]\npub extern "C" fn add_one(x: u32) -> u32 { x + 1 }\n',
    'loader/Cargo.toml': '[package]\nname = "loader"\nversion = "0.1.0"\nedition = "2021"\n',
    'loader/src/lib.rs': 'pub fn load() {}\n',
  });
  const engine = await testEngine();
  const plugin = path.join(root, 'plugin', 'src', 'lib.rs');
  assert.deepEqual((await engine.analyzeFile(plugin)).crate!.interfaces, []);
  const late = path.join(root, 'loader', 'examples', 'late.rs');
  mkdirSync(path.dirname(late), { recursive: true });
  writeFileSync(late, '#[derive(WrapperApi)]\nstruct Api { add_one: unsafe extern "C" fn(x: u32) -> u32 }\nfn main() {}\n');
  assert.deepEqual((await engine.analyzeFile(plugin)).crate!.interfaces, [], 'the listing is kept between analyses');
  engine.interfaces.invalidate(late);
  assert.deepEqual((await engine.analyzeFile(plugin)).crate!.interfaces!.map((i) => path.relative(root, i.file)), ['loader/examples/late.rs']);
});
