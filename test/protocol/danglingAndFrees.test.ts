// dangling-pointer and mismatched-free through the built server (dist/server.js) over stdio: the diagnostics with
// their related locations, the into_raw quick fix (with the generated free), and an edit that matches the reclaim.
// Run `npm run build` first.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CodeActionKind, DiagnosticSeverity, type CodeAction, type Diagnostic } from 'vscode-languageserver/node';
import { applyTextEdits, editsFor, messageText, rangeOf, startForTest, writeTempTree } from '../support/lspClient';

const MANIFEST = '[package]\nname = "p"\nversion = "0.1.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n';
const ofRule = (rule: string) => (d: Diagnostic) => d.code === rule;

describe('protocol: dangling-pointer and mismatched-free', () => {
  test('dangling-pointer: error on `as_ptr`, related drop site; the quick fix hands ownership out and adds the free', async (t) => {
    const lib = 'use std::ffi::{c_char, CString};\n\n#[no_mangle]\npub extern "C" fn plugin_name() -> *const c_char {\n    let name = CString::new("demo").unwrap_or_default();\n    name.as_ptr()\n}\n';
    const root = writeTempTree({ 'Cargo.toml': MANIFEST, 'src/lib.rs': lib });
    const { client } = await startForTest(t, { rootPath: root }, [root]);
    const uri = await client.didOpen(path.join(root, 'src', 'lib.rs'), lib);
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.some(ofRule('dangling-pointer')), 10_000, 'a dangling-pointer diagnostic');
    const diagnostic = diagnostics.find(ofRule('dangling-pointer'))!;
    assert.equal(diagnostic.severity, DiagnosticSeverity.Error);
    assert.deepEqual(diagnostic.range, rangeOf(lib, 'as_ptr'));
    assert.match(messageText(diagnostic), /local `name` \(a `CString`\)/);
    assert.deepEqual(diagnostic.relatedInformation?.map((r) => r.location.range.start), [{ line: 6, character: 0 }]);

    const actions = (await client.codeActions({ textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: [CodeActionKind.QuickFix] } })) as CodeAction[];
    const action = actions.find((a) => a.title === 'Hand ownership out with `into_raw` and generate `plugin_name_free`');
    assert.ok(action, JSON.stringify(actions.map((a) => a.title)));
    const fixed = applyTextEdits(lib, editsFor(action.edit, uri));
    assert.match(fixed, /name\.into_raw\(\)/);
    assert.match(fixed, /pub unsafe extern "C" fn plugin_name_free\(ptr: \*mut std::ffi::c_char\)/);
    await client.didChange(uri, [{ text: fixed }]);
    const after = await client.waitForDiagnostics(uri, (d) => !d.some(ofRule('dangling-pointer')), 10_000, 'no dangling-pointer after the fix');
    assert.deepEqual(after.filter((d) => d.code === 'leaked-ownership' || d.code === 'mismatched-free'), [], 'the generated free reclaims what into_raw hands out');
    assert.deepEqual(client.errorLogs, []);
  });

  test('mismatched-free: error on the reclaim with the handout as related information; gone once the types match', async (t) => {
    const lib = 'use std::ffi::c_void;\n\npub struct Small { pub id: u32 }\npub struct Large { pub id: u32, pub label: String }\n\n#[no_mangle]\npub extern "C" fn small_new(id: u32) -> *mut c_void {\n    Box::into_raw(Box::new(Small { id })) as *mut c_void\n}\n\n#[no_mangle]\npub unsafe extern "C" fn small_free(p: *mut c_void) {\n    if p.is_null() {\n        return;\n    }\n    drop(unsafe { Box::from_raw(p as *mut Large) });\n}\n';
    const root = writeTempTree({ 'Cargo.toml': MANIFEST, 'src/lib.rs': lib });
    const { client } = await startForTest(t, { rootPath: root }, [root]);
    const uri = await client.didOpen(path.join(root, 'src', 'lib.rs'), lib);
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.some(ofRule('mismatched-free')), 10_000, 'a mismatched-free diagnostic');
    const diagnostic = diagnostics.find(ofRule('mismatched-free'))!;
    assert.equal(diagnostic.severity, DiagnosticSeverity.Error);
    assert.deepEqual(diagnostic.range, rangeOf(lib, 'Box::from_raw(p as *mut Large)'));
    assert.match(messageText(diagnostic), /`Box::<Large>::from_raw`.*`Box<Small>`/);
    assert.deepEqual(diagnostic.relatedInformation?.map((r) => r.location.range), [rangeOf(lib, 'Box::into_raw(Box::new(Small { id }))')]);

    await client.didChange(uri, [{ text: lib.replace('*mut Large', '*mut Small') }]);
    const after = await client.waitForDiagnostics(uri, (d) => !d.some(ofRule('mismatched-free')), 10_000, 'no mismatched-free once the reclaim matches');
    assert.deepEqual(after.filter(ofRule('mismatched-free')), []);
    assert.deepEqual(client.errorLogs, []);
  });
});
