// Hosts that load a plugin with the C library's own `dlopen`/`dlsym` (std only, as the bundled example's host
// does): each `dlsym` + `transmute` is a declaration of the symbol with the transmuted type (issue 15).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { cSymbolName } from '../../server/src/interface/rustHost/dlsym';
import { testEngine, writeTree } from '../support/engine';

const PLUGIN = `use std::ffi::c_int;
#[no_mangle] pub extern "C" fn plugin_add(a: c_int, b: c_int) -> c_int { a + b }
#[no_mangle] pub extern "C" fn plugin_scale(x: f64) -> f64 { x * 2.0 }
`;

const HOST = `use std::ffi::{c_char, c_int, c_void};
unsafe extern "C" {
    fn dlopen(filename: *const c_char, flags: c_int) -> *mut c_void;
    fn dlsym(handle: *mut c_void, symbol: *const c_char) -> *mut c_void;
}
type Add = unsafe extern "C" fn(c_int, c_int) -> c_int;
fn main() {
    let handle = unsafe { dlopen(c"target/debug/libplugin.so".as_ptr(), 2) };
    let add = unsafe { dlsym(handle, c"plugin_add".as_ptr()) };
    if add.is_null() { std::process::exit(1); }
    let add: Add = unsafe { std::mem::transmute(add) };
    let scale = unsafe { dlsym(handle, b"plugin_scale\\0".as_ptr() as *const c_char) };
    let scale = unsafe { std::mem::transmute::<*mut c_void, unsafe extern "C" fn(f32) -> f64>(scale) };
    let init = unsafe { dlsym(handle, c"plugin_init".as_ptr()) };
    let _init: unsafe extern "C" fn() -> c_int = unsafe { std::mem::transmute(init) };
    let probe = unsafe { dlsym(handle, c"plugin_extra".as_ptr()) };
    if !probe.is_null() {
        let extra: unsafe extern "C" fn() = unsafe { std::mem::transmute(probe) };
        unsafe { extra() };
    }
    let libm = unsafe { dlopen(c"libm.so.6".as_ptr(), 2) };
    let cos = unsafe { dlsym(libm, c"cos".as_ptr()) };
    let _cos: unsafe extern "C" fn(f64) -> f64 = unsafe { std::mem::transmute(cos) };
    println!("{}", unsafe { add(1, 2) } as f64 + unsafe { scale(1.0) });
}
`;

describe('hosts using dlopen/dlsym', () => {
  test('a transmuted type is the declaration: a wrong parameter, a missing required symbol; probes and other libraries are not required', async () => {
    const root = writeTree({
      'Cargo.toml': '[workspace]\nmembers = ["plugin", "host"]\nresolver = "2"\n',
      'plugin/Cargo.toml': '[package]\nname = "plugin"\nversion = "0.1.0"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n',
      'plugin/src/lib.rs': PLUGIN,
      'host/Cargo.toml': '[package]\nname = "host"\nversion = "0.1.0"\nedition = "2024"\n',
      'host/src/main.rs': HOST,
    });
    const { findings } = await (await testEngine()).check([path.join(root, 'plugin')]);
    const interfaceFindings = findings.filter((f) => (f.rule === 'signature-mismatch' || f.rule === 'missing-export') && f.severity !== 'information').map((f) => `${f.rule} ${path.basename(f.file)}:${f.range.start.line + 1} ${/`(\w+)`/.exec(f.message)?.[1]}`);
    assert.deepEqual(interfaceFindings.sort(), [
      // `plugin_init` is required (no null check) and not exported; `plugin_extra` is probed; `cos` is libm's.
      'missing-export main.rs:14 plugin_init',
      // The host transmutes `plugin_scale` to take an `f32`.
      'signature-mismatch lib.rs:3 plugin_scale',
    ]);
    const mismatch = findings.find((f) => f.rule === 'signature-mismatch')!;
    assert.equal(path.basename(mismatch.related[0].location.file), 'main.rs');
    assert.equal(mismatch.related[0].location.range.start.line, 11);
  });

  test('symbol names as C strings', () => {
    assert.equal(cSymbolName('c"plugin_add".as_ptr()'), 'plugin_add');
    assert.equal(cSymbolName('b"plugin_add\\0".as_ptr() as *const c_char'), 'plugin_add');
    assert.equal(cSymbolName('"plugin_add\\0".as_ptr().cast()'), 'plugin_add');
    assert.equal(cSymbolName('name.as_ptr()'), undefined);
  });
});
