// panic-across-ffi and leaked-ownership through the built server (dist/server.js) over stdio: the diagnostic with
// its related locations, the quick fix, the fixed (unsaved) text clearing it, and rustc compiling the fixed file.
// Run `npm run build` first.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CodeActionKind, DiagnosticSeverity, type CodeAction, type Diagnostic, type SnippetTextEdit, type TextDocumentEdit } from 'vscode-languageserver/node';
import { applyTextEdits, editsFor, messageText, rangeOf, startForTest, writeTempTree, type LspClient } from '../support/lspClient';
import { rustcDiagnostics } from '../support/rustc';
import { expandSnippet } from '../support/snippetSyntax';

const MANIFEST = '[package]\nname = "p"\nversion = "0.1.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n';
const ofRule = (rule: string) => (d: Diagnostic) => d.code === rule;

/** The quick fix titled `title` for `diagnostic`, applied to `text`. */
async function applyFix(client: LspClient, uri: string, text: string, diagnostic: Diagnostic, title: string): Promise<string> {
  const actions = (await client.codeActions({ textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: [CodeActionKind.QuickFix] } })) as CodeAction[];
  const action = actions.find((a) => a.title === title);
  assert.ok(action, `offered among ${JSON.stringify(actions.map((a) => a.title))}`);
  return applyTextEdits(text, editsFor(action.edit, uri));
}

/** A crate of one `lib.rs` opened in a fresh server, and the first diagnostic of `rule` on it. */
async function openWith(t: Parameters<typeof startForTest>[0], lib: string, rule: string) {
  const root = writeTempTree({ 'Cargo.toml': MANIFEST, 'src/lib.rs': lib });
  const file = path.join(root, 'src', 'lib.rs');
  const { client } = await startForTest(t, { rootPath: root }, [root]);
  const uri = await client.didOpen(file, lib);
  const diagnostics = await client.waitForDiagnostics(uri, (d) => d.some(ofRule(rule)), 10_000, `a ${rule} diagnostic`);
  return { client, uri, file, diagnostic: diagnostics.find(ofRule(rule))! };
}

function rustcErrors(file: string, text: string): string[] {
  writeFileSync(file, text);
  return rustcDiagnostics(file, '2021')
    .filter((d) => d.level === 'error')
    .map((d) => d.message);
}

describe('protocol: panic-across-ffi and leaked-ownership', () => {
  test('panic-across-ffi: warning on the export name, each panic site related; "Wrap body in `catch_unwind`" clears it and compiles', async (t) => {
    const lib = '#[no_mangle]\npub extern "C" fn parse_digit(text: *const u8, len: usize) -> i32 {\n    let bytes = unsafe { std::slice::from_raw_parts(text, len) };\n    let s = std::str::from_utf8(bytes).unwrap();\n    s.parse::<i32>().unwrap() / bytes[0] as i32\n}\n';
    const { client, uri, file, diagnostic } = await openWith(t, lib, 'panic-across-ffi');
    assert.equal(diagnostic.severity, DiagnosticSeverity.Warning);
    assert.deepEqual(diagnostic.range, rangeOf(lib, 'parse_digit'));
    assert.match(messageText(diagnostic), /`parse_digit` can panic \(`.unwrap\(\)` panics on `None`\/`Err`, line 4, and 3 more places\)/);
    assert.deepEqual(
      diagnostic.relatedInformation?.map((r) => r.location.range),
      // In source order: `.unwrap()`, the division (it starts the line), `.unwrap()`, `bytes[0]`.
      [rangeOf(lib, 'unwrap', 0), rangeOf(lib, 's.parse::<i32>().unwrap() / bytes[0] as i32'), rangeOf(lib, 'unwrap', 1), rangeOf(lib, 'bytes[0]')],
    );
    assert.ok(diagnostic.relatedInformation?.every((r) => r.location.uri === uri));

    const fixed = await applyFix(client, uri, lib, diagnostic, 'Wrap body in `catch_unwind`');
    assert.match(fixed, /std::panic::catch_unwind\(std::panic::AssertUnwindSafe\(move \|\| \{/);
    assert.match(fixed, /\.unwrap_or_else\(\|_\| -1 \/\* rust-plugin-guard/);
    await client.didChange(uri, [{ text: fixed }]);
    await client.waitForDiagnostics(uri, (d) => !d.some(ofRule('panic-across-ffi')), 10_000, 'no panic-across-ffi after the fix');
    assert.deepEqual(rustcErrors(file, fixed), []);
    assert.deepEqual(client.errorLogs, []);
  });

  test('panic-across-ffi: to a client that applies snippet edits, the error value to confirm is a selected tab stop', async (t) => {
    const lib = '#[no_mangle]\npub extern "C" fn parse_digit(byte: u8) -> i32 {\n    (byte as char).to_digit(10).unwrap() as i32\n}\n';
    const root = writeTempTree({ 'Cargo.toml': MANIFEST, 'src/lib.rs': lib });
    const { client } = await startForTest(t, { rootPath: root, snippetEdits: true }, [root]);
    const uri = await client.didOpen(path.join(root, 'src', 'lib.rs'), lib);
    const [diagnostic] = await client.waitForDiagnostics(uri, (d) => d.some(ofRule('panic-across-ffi')), 10_000, 'the panic-across-ffi diagnostic');
    const actions = (await client.codeActions({ textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: [CodeActionKind.QuickFix] } })) as CodeAction[];
    const edit = actions.find((a) => a.title === 'Wrap body in `catch_unwind`')?.edit;
    const [documentEdit] = (edit?.documentChanges ?? []) as TextDocumentEdit[];
    assert.equal(documentEdit?.textDocument.uri, uri, JSON.stringify(edit));
    const [snippetEdit] = documentEdit.edits as SnippetTextEdit[];
    assert.equal(snippetEdit.snippet.kind, 'snippet');
    assert.match(snippetEdit.snippet.value, /\.unwrap_or_else\(\|_\| \$\{1:-1\} \/\* rust-plugin-guard: the value returned after a panic/);
    // Expanded with its default, the snippet is exactly the plain fix other clients get.
    const plain = applyTextEdits(lib, [{ range: snippetEdit.range, newText: expandSnippet(snippetEdit.snippet.value) }]);
    assert.match(plain, /\.unwrap_or_else\(\|_\| -1 \/\* rust-plugin-guard/);
    assert.match(plain, /^#\[no_mangle\]\npub extern "C" fn parse_digit\(byte: u8\) -> i32 \{\n {4}std::panic::catch_unwind/);
  });

  test('leaked-ownership: warning on `Box::into_raw`, the export related; "Generate `config_free`" clears it and compiles', async (t) => {
    const lib = 'pub struct Config {\n    pub level: u32,\n}\n\n#[no_mangle]\npub extern "C" fn config_new(level: u32) -> *mut Config {\n    Box::into_raw(Box::new(Config { level }))\n}\n';
    const { client, uri, file, diagnostic } = await openWith(t, lib, 'leaked-ownership');
    assert.equal(diagnostic.severity, DiagnosticSeverity.Warning);
    assert.deepEqual(diagnostic.range, rangeOf(lib, 'Box::into_raw(Box::new(Config { level }))'));
    assert.match(messageText(diagnostic), /`config_new` hands ownership of a `Box<Config>` to the host \(returned\)/);
    assert.deepEqual(diagnostic.relatedInformation?.map((r) => r.location.range), [rangeOf(lib, 'config_new')]);

    const fixed = await applyFix(client, uri, lib, diagnostic, 'Generate `config_free`');
    assert.match(fixed, /pub unsafe extern "C" fn config_free\(ptr: \*mut Config\) \{\n {4}if ptr\.is_null\(\) \{/);
    await client.didChange(uri, [{ text: fixed }]);
    const after = await client.waitForDiagnostics(uri, (d) => !d.some(ofRule('leaked-ownership')), 10_000, 'no leaked-ownership after the fix');
    assert.deepEqual(after.filter(ofRule('mismatched-free')), [], 'the generated destructor matches the handout and checks for null');
    assert.deepEqual(rustcErrors(file, fixed), []);
    assert.deepEqual(client.errorLogs, []);
  });
});
