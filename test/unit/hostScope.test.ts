// Which host-side declarations are requirements of a plugin (issue 18 "Host scope", issue 11): the library a
// lookup is made on, tolerated lookups, plugin crates only, Rust-ABI host types, dlopen2 optional sub-APIs and
// data symbols read by address.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Finding } from '../../server/src/engine/types';
import { libraryBaseName, libraryOfReceiver } from '../../server/src/interface/rustHost/libraryScope';
import { applyEdits } from '../support/edits';
import { testEngine, writeTree } from '../support/engine';

const OUR_RULES = new Set(['signature-mismatch', 'layout-mismatch', 'missing-export', 'abi-version-mismatch']);
const PLUGIN = '[package]\nname = "plugin"\nversion = "0.1.0"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n';

function workspace(plugin: string, host: string, extra: Record<string, string> = {}): string {
  return writeTree({
    'Cargo.toml': '[workspace]\nmembers = ["plugin", "host"]\nresolver = "2"\n',
    'plugin/Cargo.toml': PLUGIN,
    'plugin/src/lib.rs': plugin,
    'host/Cargo.toml': '[package]\nname = "host"\nversion = "0.1.0"\nedition = "2021"\n',
    'host/src/main.rs': host,
    ...extra,
  });
}

async function ours(root: string): Promise<Finding[]> {
  const { findings } = await (await testEngine()).analyzeFile(path.join(root, 'plugin', 'src', 'lib.rs'));
  return findings.filter((f) => OUR_RULES.has(f.rule) && f.severity !== 'information');
}

const missingNames = (findings: Finding[]) => findings.filter((f) => f.rule === 'missing-export' && f.severity === 'error').map((f) => /^`(\w+)`/.exec(f.message)![1]).sort();

test('library names: path, prefix, extension and version suffix; the receiver\'s `Library::new`', () => {
  assert.equal(libraryBaseName('./target/debug/libmy-plugin.so'), 'my_plugin');
  assert.equal(libraryBaseName('libc.so.6'), 'c');
  assert.equal(libraryBaseName('C:\\plugins\\Plugin.dll'), 'plugin');
  assert.equal(libraryBaseName('liblibfoo.so'), 'libfoo', 'a crate named `libfoo` builds liblibfoo.so');
  assert.equal(libraryBaseName('libfoo'), 'libfoo', 'a bare name is the crate\'s');
  const fn = (body: string) => `fn main() { ${body} }`;
  assert.equal(libraryOfReceiver('lib', fn('let lib = unsafe { Library::new("libc.so.6") }.unwrap();'), ''), 'c');
  assert.equal(libraryOfReceiver('lib', fn('let lib = Library::new(libloading::library_filename("plugin"))?;'), ''), 'plugin');
  assert.equal(libraryOfReceiver('lib', fn('let p = dir.join("libplugin.dylib"); let lib = Library::new(&p)?;'), ''), 'plugin');
  assert.equal(libraryOfReceiver('lib', fn('let lib = Library::new(PATH)?;'), 'const PATH: &str = "target/release/libplugin.so";'), 'plugin');
  assert.equal(libraryOfReceiver('lib', fn('let lib = Library::new(std::env::args().nth(1).unwrap())?;'), ''), undefined);
  assert.equal(libraryOfReceiver('lib', fn('let lib = Library::new(format!("lib{}.so", name))?;'), ''), undefined);
  assert.equal(libraryOfReceiver('self.lib', fn(''), ''), undefined);
});

test('a lookup belongs to the plugin only when its Library was opened on the plugin\'s library', async () => {
  const host = `use libloading::{Library, Symbol};
fn main() -> Result<(), Box<dyn std::error::Error>> {
    unsafe {
        let libc = Library::new("libc.so.6")?;
        let _getpid: Symbol<unsafe extern "C" fn() -> i32> = libc.get(b"getpid\\0")?;
        let other = Library::new("target/debug/libother_plugin.so")?;
        let _f = other.get::<unsafe extern "C" fn()>(b"plugin_start\\0")?;
        let _g = other.get::<unsafe extern "C" fn()>(b"other_only\\0")?;
        let lib = Library::new(libloading::library_filename("plugin"))?;
        let _s = lib.get::<unsafe extern "C" fn()>(b"plugin_start\\0")?;
        let _n = lib.get::<unsafe extern "C" fn()>(b"plugin_needed\\0")?;
    }
    Ok(())
}
`;
  const findings = await ours(workspace('#[no_mangle]\npub extern "C" fn plugin_start() {}\n', host));
  assert.deepEqual(missingNames(findings), ['plugin_needed']);
  // Opened on a path the host's code does not name: it could be this plugin, so its lookups count.
  const unknown = host.replace('Library::new(libloading::library_filename("plugin"))', 'Library::new(std::env::args().nth(1).unwrap())');
  assert.deepEqual(missingNames(await ours(workspace('#[no_mangle]\npub extern "C" fn plugin_start() {}\n', unknown))), ['plugin_needed']);
});

test('tolerated lookups are optional: .err(), .is_err(), if let Ok, .ok(), unwrap_or, assert!(….is_err()); `?` is required', async () => {
  const host = `use libloading::{Library, Symbol};
type F = unsafe extern "C" fn();
fn main() -> Result<(), libloading::Error> {
    unsafe {
        let lib = Library::new(libloading::library_filename("plugin"))?;
        let _start = lib.get::<F>(b"plugin_start\\0")?;
        let _a = lib.get::<F>(b"opt_err\\0").err();
        if lib.get::<F>(b"opt_is_err\\0").is_err() { println!("no"); }
        if let Ok(f) = lib.get::<F>(b"opt_if_let\\0") { f(); }
        let _b = lib.get::<F>(b"opt_ok\\0").ok();
        let _c = lib.get::<F>(b"opt_unwrap_or\\0").map(|s| *s).unwrap_or(fallback);
        assert!(lib.get::<F>(b"opt_assert\\0").is_err());
        let _d = lib.get::<F>(b"required\\0")?;
    }
    Ok(())
}
extern "C" fn fallback() {}
`;
  assert.deepEqual(missingNames(await ours(workspace('#[no_mangle]\npub extern "C" fn plugin_start() {}\n', host))), ['required']);
});

test('--interfaces and `*` globs apply to plugin crates (cdylib, staticlib), or to a package named by the setting', async () => {
  const root = writeTree({
    'Cargo.toml': '[workspace]\nmembers = ["plugin", "util"]\nresolver = "2"\n',
    'plugin/Cargo.toml': PLUGIN,
    'plugin/src/lib.rs': '#[no_mangle]\npub extern "C" fn api_init() {}\n',
    'util/Cargo.toml': '[package]\nname = "util"\nversion = "0.1.0"\nedition = "2021"\n',
    'util/src/lib.rs': '#[no_mangle]\npub extern "C" fn util_helper() {}\n',
    'api/api.h': 'void api_init(void);\nvoid api_close(void);\n',
  });
  const engine = await testEngine();
  engine.interfaces.configure({ '*': [path.join(root, 'api', '*.h')] });
  try {
    const plugin = await engine.analyzeFile(path.join(root, 'plugin', 'src', 'lib.rs'));
    assert.deepEqual(missingNames(plugin.findings), ['api_close']);
    const util = await engine.analyzeFile(path.join(root, 'util', 'src', 'lib.rs'));
    assert.deepEqual(util.crate!.interfaces, []);
    engine.interfaces.configure({ util: [path.join(root, 'api', '*.h')] });
    const named = await engine.analyzeFile(path.join(root, 'util', 'src', 'lib.rs'));
    assert.deepEqual(named.crate!.interfaces!.map((i) => path.basename(i.file)), ['api.h']);
  } finally {
    engine.interfaces.configure({});
  }
});

test('a Rust-ABI host type for an extern "C" export is an ABI mismatch, in the host file, fixed by adding extern "C"', async () => {
  const host = `use libloading::{Library, Symbol};
fn main() -> Result<(), libloading::Error> {
    unsafe {
        let lib = Library::new(libloading::library_filename("plugin"))?;
        let version: Symbol<unsafe fn() -> u32> = lib.get(b"plugin_version\\0")?;
        let _tick = lib.get::<unsafe extern "C" fn()>(b"plugin_tick\\0")?;
        let _both: Symbol<fn()> = lib.get(b"plugin_rust\\0")?;
        println!("{}", version());
    }
    Ok(())
}
`;
  const plugin = '#[no_mangle]\npub extern "C" fn plugin_version() -> u32 { 1 }\n#[no_mangle]\npub extern "C" fn plugin_tick() {}\n#[no_mangle]\npub fn plugin_rust() {}\n';
  const root = workspace(plugin, host);
  const findings = await ours(root);
  assert.deepEqual(findings.map((f) => `${f.rule} ${path.relative(root, f.file)}:${f.range.start.line + 1}`), ['signature-mismatch host/src/main.rs:5']);
  const [abi] = findings;
  assert.match(abi.message, /the host declares it as a Rust-ABI `fn` \(no `extern "C"`\), but the plugin exports an `extern "C"` function\. The host calls it with the Rust calling convention/);
  assert.equal(path.relative(root, abi.related[0].location.file), 'plugin/src/lib.rs');
  assert.equal(abi.fixes[0].title, 'Add `extern "C"` to the host\'s function type');
  const fixed = applyEdits(readFileSync(path.join(root, 'host', 'src', 'main.rs'), 'utf8'), abi.fixes[0].edits);
  assert.match(fixed, /let version: Symbol<unsafe extern "C" fn\(\) -> u32> = lib\.get/);
});

test('dlopen2 WrapperMultiApi: an Option<SubApi> member is optional, a plain one required', async () => {
  const host = `use dlopen2::wrapper::{Container, WrapperApi, WrapperMultiApi};
#[derive(WrapperApi)]
struct Core { core_init: unsafe extern "C" fn(), core_close: unsafe extern "C" fn() }
#[derive(WrapperApi)]
struct Extras { extra_draw: unsafe extern "C" fn(), extra_flush: unsafe extern "C" fn() }
#[derive(WrapperMultiApi)]
struct Api { core: Core, extras: Option<Extras> }
fn main() {}
`;
  assert.deepEqual(missingNames(await ours(workspace('#[no_mangle]\npub extern "C" fn core_init() {}\n#[no_mangle]\npub extern "C" fn extra_draw() {}\n', host))), ['core_close']);
});

test('WrapperApi pointer and reference fields are the symbol\'s address: an exported array of their element type is correct', async () => {
  const host = `use std::os::raw::c_char;
#[derive(WrapperApi)]
struct Api { plugin_init: unsafe extern "C" fn(), PLUGIN_NAME: &'static c_char, PLUGIN_TAG: *const c_char, PLUGIN_WIDE: &'static u32 }
fn main() {}
`;
  const plugin = (wide: string) => `#[no_mangle]\npub extern "C" fn plugin_init() {}\n#[no_mangle]\npub static PLUGIN_NAME: [u8; 10] = *b"my-plugin\\0";\n#[no_mangle]\npub static PLUGIN_TAG: [i8; 4] = [1, 2, 3, 0];\n#[no_mangle]\npub static PLUGIN_WIDE: ${wide} = [0; 2];\n`;
  assert.deepEqual((await ours(workspace(plugin('[u32; 2]'), host))).map((f) => f.message), []);
  const wrong = await ours(workspace(plugin('[u8; 2]'), host));
  assert.deepEqual(wrong.map((f) => `${f.rule} ${f.range.start.line + 1}`), ['signature-mismatch 8']);
});

test('a vtable copied into the plugin whose one fn-pointer field drifted: reported on that field, the host\'s field related', async () => {
  const host = `use std::os::raw::c_int;
#[repr(C)]
pub struct Hooks { pub on_load: extern "C" fn() -> c_int, pub on_event: extern "C" fn(code: c_int) -> c_int }
fn main() {}
`;
  const plugin = `use std::os::raw::c_int;
#[repr(C)]
pub struct Hooks { pub on_load: extern "C" fn() -> c_int, pub on_event: extern "C" fn(code: i64) -> c_int }
extern "C" fn load() -> c_int { 0 }
extern "C" fn event(_code: i64) -> c_int { 0 }
#[no_mangle]
pub static HOOKS: Hooks = Hooks { on_load: load, on_event: event };
`;
  const root = workspace(plugin, host);
  const layout = (await ours(root)).filter((f) => f.rule === 'layout-mismatch');
  assert.equal(layout.length, 1);
  const [drift] = layout;
  const lines = readFileSync(path.join(root, 'plugin', 'src', 'lib.rs'), 'utf8').split('\n');
  assert.equal(lines[drift.range.start.line].slice(drift.range.start.character, drift.range.end.character), 'extern "C" fn(code: i64) -> c_int');
  assert.match(drift.message, /field `on_event`/);
  const related = drift.related[0].location;
  const hostLines = readFileSync(path.join(root, 'host', 'src', 'main.rs'), 'utf8').split('\n');
  assert.equal(hostLines[related.range.start.line].slice(related.range.start.character, related.range.end.character), 'extern "C" fn(code: c_int) -> c_int');
});
