// Half-typed and malformed input against the built server (dist/server.js): it keeps answering, keeps
// running, and reports positions in UTF-16 code units. Run `npm run build` first.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CodeActionKind, type TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { messageText, positionAt, startForTest, writeTempTree } from '../support/lspClient';

const EMOJI_LINE = '/* 😀 */ pub extern "C" fn g(s: S) {}';
const MALFORMED = [
  'pub struct S;',
  EMOJI_LINE,
  'pub extern "C" fn f(x: Conf',
  '}}} ]] ) fn fn ( extern "C" struct {{ #[repr(',
  'impl<\'a S for {',
  'r#"never closed',
].join('\n');

describe('protocol: robustness', () => {
  test('a malformed, half-typed file: diagnostics in UTF-16 columns, the server keeps answering', async (t) => {
    const root = writeTempTree({ 'lib.rs': MALFORMED });
    const { client } = await startForTest(t, { rootPath: root }, [root]);
    const uri = await client.didOpen(path.join(root, 'lib.rs'), MALFORMED);
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.length > 0, 10_000, 'a diagnostic for `S` in `g`');

    const onG = diagnostics.filter((d) => d.range.start.line === 1);
    assert.equal(onG.length, 1, JSON.stringify(diagnostics, null, 2));
    const character = EMOJI_LINE.indexOf(': S)') + 2;
    assert.equal(character, 32, 'the emoji counts as two UTF-16 code units');
    assert.deepEqual(onG[0].range, { start: { line: 1, character }, end: { line: 1, character: character + 1 } });
    assert.ok(messageText(onG[0]).includes('`S` crosses the C boundary in `g`'), messageText(onG[0]));

    // A code action request on the malformed part gets an answer.
    const garbage = { start: { line: 3, character: 0 }, end: { line: 5, character: 4 } };
    const none = await client.codeActions({ textDocument: { uri }, range: garbage, context: { diagnostics: [], only: [CodeActionKind.QuickFix] } });
    assert.deepEqual(none ?? [], []);
    const onS = await client.codeActions({ textDocument: { uri }, range: onG[0].range, context: { diagnostics: [onG[0]], only: [CodeActionKind.QuickFix] } });
    assert.ok(Array.isArray(onS) && onS.length === 1, JSON.stringify(onS));

    assert.ok(client.alive, 'the server process should still be running');
    assert.deepEqual(client.errorLogs, []);
  });

  test('garbage edits, out-of-range positions and odd documents do not break the server', async (t) => {
    const root = writeTempTree({ 'lib.rs': MALFORMED });
    const { client } = await startForTest(t, { rootPath: root }, [root]);
    const uri = await client.didOpen(path.join(root, 'lib.rs'), MALFORMED);
    await client.waitForDiagnostics(uri, () => true, 10_000, 'the first publication');

    // Edits that split the emoji's surrogate pair, insert NUL and lone surrogates, and unbalance everything.
    const emojiAt = EMOJI_LINE.indexOf('😀');
    const edits: TextDocumentContentChangeEvent[][] = [
      [{ range: { start: { line: 1, character: emojiAt + 1 }, end: { line: 1, character: emojiAt + 1 } }, text: 'x' }],
      [{ range: { start: { line: 1, character: emojiAt }, end: { line: 1, character: emojiAt + 3 } }, text: '😀' }],
      [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\u0000\ud800{{{ "' }],
      [{ range: { start: { line: 2, character: 5 }, end: { line: 4, character: 2 } }, text: '\r\n\r\n' }],
      [{ range: { start: { line: 0, character: 3 }, end: { line: 0, character: 1 } }, text: '' }],
    ];
    // The last one has its end before its start.
    for (const change of edits) await client.didChange(uri, change);
    // Past the end of the document (clients should not send it, but a server must survive it).
    await client.didChange(uri, [{ range: { start: { line: 99, character: 0 }, end: { line: 120, character: 7 } }, text: 'fn' }]);
    const answer = await client.codeActions({ textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 500, character: 0 } }, context: { diagnostics: [] } });
    assert.ok(answer === null || Array.isArray(answer), JSON.stringify(answer));

    // Non-Rust and non-file documents are ignored, not analysed.
    await client.didOpen(path.join(root, 'notes.txt'), 'pub extern "C" fn f(s: S) {}', 'plaintext');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'untitled:Untitled-1', languageId: 'rust', version: 1, text: 'pub struct S;\npub extern "C" fn f(s: S) {}' } });
    const untitled = await client.codeActions({ textDocument: { uri: 'untitled:Untitled-1' }, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } }, context: { diagnostics: [] } });
    assert.deepEqual(untitled ?? [], []);

    // Then the whole text is replaced by a correct file: the server is still analysing.
    const correct = '#[repr(C)] pub struct S { a: u8 }\npub extern "C" fn g(s: S) {}\n';
    await client.didChange(uri, [{ text: correct }]);
    assert.deepEqual(await client.waitForDiagnostics(uri, (d) => d.length === 0, 10_000, 'an empty list for the correct text'), []);
    await client.didChange(uri, [{ range: { start: positionAt(correct, 0), end: positionAt(correct, 11) }, text: '' }]);
    const last = await client.waitForDiagnostics(uri, (d) => d.length === 1, 10_000, 'one diagnostic after removing the repr');
    assert.deepEqual(last[0].range, { start: { line: 1, character: 23 }, end: { line: 1, character: 24 } });

    assert.ok(client.alive, 'the server process should still be running');
    assert.deepEqual(client.errorLogs, []);
  });
});

