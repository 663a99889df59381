// cfg-if's `cfg_if!` (macros/cfgIf.ts): the items of the branch the build selects are items of the module at
// their written positions, the other branches' are not, and findings and fixes land on the written text.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { LineIndex } from '../../server/src/parsing/lineIndex';
import { testEngine, writeTree } from '../support/engine';

const manifest = (features = '') => `[package]\nname = "plug"\nversion = "0.1.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n[dependencies]\ncfg-if = "1"\n${features}`;

async function analyse(source: string, features = '') {
  const dir = writeTree({ 'Cargo.toml': manifest(features), 'src/lib.rs': source });
  const engine = await testEngine();
  const file = path.join(dir, 'src/lib.rs');
  const { findings, crate } = await engine.analyzeFile(file);
  const lines = new LineIndex(source);
  const at = (f: (typeof findings)[number]) => `${f.rule} at ${source.slice(lines.offsetAt(f.range.start), lines.offsetAt(f.range.end))}`;
  return { findings: findings.filter((f) => f.file === file), at, crate: crate!, source };
}

function functionNames(crate: Awaited<ReturnType<typeof analyse>>['crate']): string[] {
  return crate.modules.flatMap((m) => m.syntax.items.filter((i) => i.kind === 'function').map((i) => i.name)).sort();
}

const PLATFORM = `use cfg_if::cfg_if;
cfg_if! {
    if #[cfg(target_os = "no-such-os")] {
        #[no_mangle]
        pub extern "C" fn plugin_path_sep() -> u8 { b'\\\\' }
    } else if #[cfg(unix)] {
        #[no_mangle]
        pub extern "C" fn plugin_path_sep() -> u8 { b'/' }
        #[no_mangle]
        pub extern "C" fn plugin_name(out: String) -> u8 { out.len() as u8 }
    } else {
        #[no_mangle]
        pub extern "C" fn plugin_path_sep() -> u8 { b'?' }
    }
}
`;

describe('cfg_if!', () => {
  test('the branch of this build is read, the others are not: one export, no duplicate-export', async () => {
    const { findings, crate, at } = await analyse(PLATFORM);
    assert.deepEqual(functionNames(crate), ['plugin_name', 'plugin_path_sep']);
    assert.deepEqual(findings.filter((f) => f.rule === 'duplicate-export'), []);
    // The unix branch's own items are checked where they are written.
    const unsafeType = findings.filter((f) => f.rule === 'ffi-unsafe-type').map(at);
    assert.deepEqual(unsafeType, ['ffi-unsafe-type at String']);
  });

  test('`cfg_if::cfg_if!` by path, nested calls, and a feature the build has', async () => {
    const source = `cfg_if::cfg_if! {
    if #[cfg(feature = "fast")] {
        cfg_if::cfg_if! {
            if #[cfg(unix)] {
                fn helper() -> u32 { 1 }
            }
        }
    } else {
        fn fallback() -> u32 { 2 }
    }
}
`;
    const on = await analyse(source, '[features]\ndefault = ["fast"]\nfast = []\n');
    assert.deepEqual(functionNames(on.crate), ['helper']);
    const off = await analyse(source, '[features]\nfast = []\n');
    assert.deepEqual(functionNames(off.crate), ['fallback']);
  });

  test('a fix on an item inside the call edits the written text', async () => {
    const source = `cfg_if::cfg_if! {
    if #[cfg(unix)] {
        pub struct Point { pub x: i32, pub y: i32 }
        #[no_mangle]
        pub extern "C" fn plugin_origin() -> Point { Point { x: 0, y: 0 } }
    }
}
`;
    const { findings, at } = await analyse(source);
    const missing = findings.filter((f) => f.rule === 'missing-repr-c');
    assert.deepEqual(missing.map(at), ['missing-repr-c at Point']);
    const edit = missing[0].fixes?.[0]?.edits[0];
    assert.ok(edit, 'missing-repr-c offers its fix inside cfg_if!');
    assert.equal(edit.range.start.line, 2);
    assert.match(edit.newText, /#\[repr\(C\)\]/);
  });

  test('input that is not the if/else form stays unread (silent), and a workspace macro named cfg_if wins', async () => {
    const odd = await analyse(`cfg_if::cfg_if! { #[cfg(unix)] fn a() {} }\n`);
    assert.deepEqual(functionNames(odd.crate), []);
    const own = await analyse(`macro_rules! cfg_if { ($($t:tt)*) => { fn mine() {} }; }\ncfg_if! { if #[cfg(unix)] { fn theirs() {} } }\n`);
    assert.deepEqual(functionNames(own.crate), ['mine']);
  });
});
