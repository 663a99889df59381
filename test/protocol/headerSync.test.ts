// "Update header" / "Create header" over real LSP (stdio): source actions on the crate root and on the header,
// workspace/executeCommand, and the versioned workspace edit the server sends with workspace/applyEdit (applied
// here as an editor would). Run `npm run build` first.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { ApplyWorkspaceEditParams, CodeAction, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { applyEdits } from '../support/edits';
import { fileUri, startForTest, writeTempTree } from '../support/lspClient';

const MANIFEST = (name: string) => `[package]\nname = "${name}"\nversion = "0.1.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n`;
const LIB = `#[repr(C)]
pub struct Sample { pub value: f32, pub count: u64 }
#[no_mangle]
pub extern "C" fn sample_total(s: *const Sample) -> u32 { 0 }
#[no_mangle]
pub extern "C" fn sample_reset(s: *mut Sample) {}
`;
const HEADER = `/* The sampler's API: hand-written notes stay. */
#include <stdint.h>

typedef struct Sample {
  float value;
  uint32_t count;
} Sample;

/* Sums the sample. */
uint32_t sample_total(const Sample *s);
`;

describe('protocol: header sync', () => {
  test('update: a source action on the crate root, the command, a versioned edit of the open header that patches only what differs', async (t) => {
    const root = writeTempTree({ 'sampler/Cargo.toml': MANIFEST('sampler'), 'sampler/src/lib.rs': LIB, 'sampler/include/sampler.h': HEADER, 'fresh/Cargo.toml': MANIFEST('fresh'), 'fresh/src/lib.rs': LIB, 'bad/Cargo.toml': MANIFEST('bad'), 'bad/src/lib.rs': 'mod a { #[repr(C)] pub struct Config { pub x: i32 } }\nmod b { #[repr(C)] pub struct Config { pub y: f64 } }\n#[no_mangle]\npub extern "C" fn f(a: a::Config, b: b::Config) {}\n' });
    const { client, initializeResult } = await startForTest(t, { rootPath: root, snippetEdits: true }, [root]);
    assert.deepEqual(initializeResult.capabilities.executeCommandProvider?.commands, ['rustPluginGuard.updateHeader', 'rustPluginGuard.createHeader']);
    const applied: ApplyWorkspaceEditParams[] = [];
    const texts = new Map<string, string>();
    client.connection.onRequest('workspace/applyEdit', (params: ApplyWorkspaceEditParams) => {
      applied.push(params);
      // As an editor would: create files, apply each document's edits to its text.
      for (const change of params.edit.documentChanges ?? []) {
        if ('kind' in change) {
          if (change.kind === 'create') texts.set(change.uri, '');
          continue;
        }
        const edit = change as TextDocumentEdit;
        texts.set(edit.textDocument.uri, applyEdits(texts.get(edit.textDocument.uri) ?? '', edit.edits.map((e) => ({ file: edit.textDocument.uri, range: e.range, newText: 'newText' in e ? e.newText : '' }))));
      }
      return { applied: true };
    });

    const lib = path.join(root, 'sampler', 'src', 'lib.rs');
    const header = path.join(root, 'sampler', 'include', 'sampler.h');
    await client.didOpen(lib, LIB);
    // The header is open with an unsaved edit: the edit is computed for that text and carries its version.
    const unsaved = HEADER.replace('/* Sums the sample. */', '/* Sums the sample (unsaved note). */');
    const headerUri = await client.didOpen(header, unsaved, 'c', 7);
    texts.set(headerUri, unsaved);

    const onRoot = (await client.codeActions({ textDocument: { uri: fileUri(lib) }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source'] } })) as CodeAction[];
    const update = onRoot.find((a) => a.title === 'Update header include/sampler.h from `sampler`');
    assert.ok(update, JSON.stringify(onRoot));
    assert.equal(update.kind, 'source.rustPluginGuard.header');
    assert.equal(update.command?.command, 'rustPluginGuard.updateHeader');
    // Quick-fix requests (the lightbulb) do not get it.
    const quickFixes = (await client.codeActions({ textDocument: { uri: fileUri(lib) }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['quickfix'] } })) as CodeAction[];
    assert.equal(quickFixes.some((a) => a.kind === 'source.rustPluginGuard.header'), false);
    // The header itself offers the same command.
    const onHeader = (await client.codeActions({ textDocument: { uri: headerUri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source'] } })) as CodeAction[];
    assert.deepEqual(onHeader.map((a) => a.command?.command), ['rustPluginGuard.updateHeader']);

    const result = (await client.connection.sendRequest('workspace/executeCommand', { command: update.command.command, arguments: update.command.arguments })) as { applied: boolean; mode: string; changes: string[] };
    assert.deepEqual(result.changes.sort(), ['added function sample_reset', 'changed record Sample']);
    assert.equal(result.applied, true);
    assert.equal(result.mode, 'update');
    assert.equal(applied.length, 1);
    const [documentEdit] = applied[0].edit.documentChanges as TextDocumentEdit[];
    assert.deepEqual(documentEdit.textDocument, { uri: headerUri, version: 7 });
    assert.equal(applied[0].label, 'Update header sampler.h');
    const updated = texts.get(headerUri)!;
    assert.match(updated, /^\/\* The sampler's API: hand-written notes stay\. \*\//);
    assert.match(updated, /\/\* Sums the sample \(unsaved note\)\. \*\/\nuint32_t sample_total\(const Sample \*s\);/);
    assert.match(updated, /typedef struct Sample \{\n {2}float value;\n {2}uint64_t count;\n\} Sample;/);
    assert.match(updated, /void sample_reset\(struct Sample \*s\);/);
    assert.equal(readFileSync(header, 'utf8'), HEADER, 'the edit goes through the editor, not to disk');

    // The editor's text now matches: the command says it is up to date and sends no edit.
    await client.didChange(headerUri, [{ text: updated }], 8);
    const again = (await client.connection.sendRequest('workspace/executeCommand', { command: 'rustPluginGuard.updateHeader', arguments: [{ uri: fileUri(lib) }] })) as { upToDate?: boolean };
    assert.equal(again.upToDate, true);
    assert.equal(applied.length, 1);

    // Create: a crate without a header; from the palette (no arguments) the active editor's crate is meant.
    const freshLib = path.join(root, 'fresh', 'src', 'lib.rs');
    await client.didOpen(freshLib, LIB);
    const onFresh = (await client.codeActions({ textDocument: { uri: fileUri(freshLib) }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source'] } })) as CodeAction[];
    assert.deepEqual(onFresh.map((a) => [a.title, a.command?.command]), [['Create header include/fresh.h from `fresh`', 'rustPluginGuard.createHeader']]);
    const created = (await client.connection.sendRequest('workspace/executeCommand', { command: 'rustPluginGuard.createHeader' })) as { applied: boolean; mode: string };
    assert.equal(created.mode, 'create');
    const freshUri = fileUri(path.join(root, 'fresh', 'include', 'fresh.h'));
    assert.deepEqual(applied[1].edit.documentChanges?.[0], { kind: 'create', uri: freshUri, options: { ignoreIfExists: false, overwrite: false } });
    assert.match(texts.get(freshUri) ?? '', /#include <stdint\.h>[\s\S]*uint32_t sample_total\(const struct Sample \*s\);/);
    assert.equal(existsSync(path.join(root, 'fresh', 'include')), false);

    // A header that would be wrong: an error result and an error message naming the items, no edit.
    const badLib = path.join(root, 'bad', 'src', 'lib.rs');
    const refused = (await client.connection.sendRequest('workspace/executeCommand', { command: 'rustPluginGuard.createHeader', arguments: [{ uri: fileUri(badLib) }] })) as { error?: string };
    assert.match(refused.error ?? '', /the header is not written: src\/lib\.rs:2: `b::Config` and `a::Config` both cross the C boundary as `Config`/);
    assert.ok(client.logs.some((l) => l.type === 1 && l.message.includes('both cross the C boundary')));
    assert.equal(applied.length, 2);
    assert.deepEqual(client.errorLogs.filter((m) => !m.includes('both cross the C boundary')), []);
  });
});
