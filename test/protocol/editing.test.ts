// Incremental text synchronisation against the built server (dist/server.js): range edits, several
// changes in one notification, and typing character by character. Run `npm run build` first.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { Diagnostic, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { applyContentChanges, messageText, positionAt, rangeOf, startForTest, textIn, writeTempTree } from '../support/lspClient';

const CORRECT = '#[repr(C)] pub struct S { a: u8 }\npub extern "C" fn f(s: S) {}\n';

/** Range, severity, code and first message line: what must not depend on the file's path or history. */
function shape(diagnostics: Diagnostic[]): unknown[] {
  return diagnostics.map((d) => ({ range: d.range, severity: d.severity, code: d.code, message: messageText(d), related: d.relatedInformation?.map((r) => [r.location.range, r.message]) }));
}

describe('protocol: incremental edits', () => {
  test('range edits remove and restore #[repr(C)]; several changes in one didChange apply in order', async (t) => {
    // A lone lib.rs (no Cargo.toml above it) is a crate on its own.
    const root = writeTempTree({ 'lib.rs': CORRECT });
    const { client } = await startForTest(t, { rootPath: root }, [root]);
    let text = CORRECT;
    const uri = await client.didOpen(path.join(root, 'lib.rs'), text);
    assert.deepEqual(await client.waitForDiagnostics(uri, () => true, 10_000, 'the first publication'), []);

    // Version 2: delete `#[repr(C)] ` with a range edit.
    const remove: TextDocumentContentChangeEvent[] = [{ range: rangeOf(text, '#[repr(C)] '), text: '' }];
    assert.equal(await client.didChange(uri, remove, 2), 2);
    text = applyContentChanges(text, remove);
    assert.equal(text, 'pub struct S { a: u8 }\npub extern "C" fn f(s: S) {}\n');
    const missing = await client.waitForDiagnostics(uri, (d) => d.length > 0, 10_000, 'a diagnostic after removing #[repr(C)]');
    assert.equal(missing.length, 1, JSON.stringify(missing, null, 2));
    assert.equal(missing[0].code, 'missing-repr-c');
    assert.deepEqual(missing[0].range, rangeOf(text, 'S', 1));
    assert.deepEqual(missing[0].range, { start: { line: 1, character: 23 }, end: { line: 1, character: 24 } });
    assert.deepEqual(missing[0].relatedInformation?.[0].location.range, rangeOf(text, 'S'));

    // Version 3: insert it again at the start of the file.
    const restore: TextDocumentContentChangeEvent[] = [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '#[repr(C)] ' }];
    await client.didChange(uri, restore, 3);
    text = applyContentChanges(text, restore);
    assert.equal(text, CORRECT);
    assert.deepEqual(await client.waitForDiagnostics(uri, (d) => d.length === 0, 10_000, 'an empty list after restoring #[repr(C)]'), []);

    // Version 4: two changes in one notification; the second one's range is in the text after the first
    // (line 2 only exists once the first change added a line).
    const two: TextDocumentContentChangeEvent[] = [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'pub struct T { b: u16 }\n' },
      { range: { start: { line: 2, character: 20 }, end: { line: 2, character: 24 } }, text: 's: S, t: T' },
    ];
    await client.didChange(uri, two, 4);
    text = applyContentChanges(text, two);
    assert.equal(text, 'pub struct T { b: u16 }\n#[repr(C)] pub struct S { a: u8 }\npub extern "C" fn f(s: S, t: T) {}\n');
    const afterTwo = await client.waitForDiagnostics(uri, (d) => d.length > 0, 10_000, 'a diagnostic for `T`');
    assert.equal(afterTwo.length, 1, JSON.stringify(afterTwo, null, 2));
    assert.deepEqual(afterTwo[0].range, { start: { line: 2, character: 29 }, end: { line: 2, character: 30 } });
    assert.equal(textIn(text, afterTwo[0].range), 'T');
    assert.ok(messageText(afterTwo[0]).includes('`T` crosses the C boundary in `f`'), messageText(afterTwo[0]));
    assert.deepEqual(afterTwo[0].relatedInformation?.[0].location.range, rangeOf(text, 'T'));

    // Version 5: three changes: add a repr to T, then delete S's repr, then rename the parameter (ranges again
    // relative to the text after the previous change).
    const three: TextDocumentContentChangeEvent[] = [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '#[repr(C)]\n' },
      { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 11 } }, text: '' },
      { range: { start: { line: 3, character: 20 }, end: { line: 3, character: 21 } }, text: 'state' },
    ];
    await client.didChange(uri, three, 5);
    text = applyContentChanges(text, three);
    assert.equal(text, '#[repr(C)]\npub struct T { b: u16 }\npub struct S { a: u8 }\npub extern "C" fn f(state: S, t: T) {}\n');
    const afterThree = await client.waitForDiagnostics(uri, (d) => d.length === 1 && messageText(d[0]).includes('`S`'), 10_000, 'one diagnostic for `S`');
    assert.deepEqual(afterThree[0].range, rangeOf(text, 'S', 1));
    assert.deepEqual(afterThree[0].range, { start: { line: 3, character: 27 }, end: { line: 3, character: 28 } });

    // Version 6: a full-text change after range edits.
    await client.didChange(uri, [{ text: CORRECT }], 6);
    assert.deepEqual(await client.waitForDiagnostics(uri, (d) => d.length === 0, 10_000, 'an empty list after a full-text change'), []);
    assert.deepEqual(client.errorLogs, []);
    assert.ok(client.alive);
  });

  test('typing a file character by character ends with the same diagnostics as opening it fresh', async (t) => {
    // Typed in random order (deterministic), one character per didChange, with multi-byte characters on
    // the lines so UTF-16 columns and tree-sitter's byte offsets have to be told apart.
    const target = [
      '/* é 😀 */ pub struct S { a: u8 }',
      '#[repr(C)] pub struct T { b: u16 }',
      'pub enum E { A, B }',
      'pub extern "C" fn f(s: S, t: T, /* ü */ e: E) {}',
      '',
    ].join('\n');
    const rootTyped = writeTempTree({ 'lib.rs': '' });
    const rootFresh = writeTempTree({ 'lib.rs': target });
    const { client } = await startForTest(t, {}, [rootTyped, rootFresh]);
    const typedUri = await client.didOpen(path.join(rootTyped, 'lib.rs'), '');

    // Insert the characters of `target` in a shuffled order, each at its place among those already typed.
    const units = [...target].map((ch, i) => ({ ch, i }));
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let i = units.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [units[i], units[j]] = [units[j], units[i]];
    }
    const typed: { ch: string; i: number }[] = [];
    let text = '';
    for (const unit of units) {
      let at = typed.findIndex((u) => u.i > unit.i);
      if (at < 0) at = typed.length;
      const offset = typed.slice(0, at).reduce((n, u) => n + u.ch.length, 0);
      const position = positionAt(text, offset);
      const change: TextDocumentContentChangeEvent = { range: { start: position, end: position }, text: unit.ch };
      await client.didChange(typedUri, [change]);
      text = applyContentChanges(text, [change]);
      typed.splice(at, 0, unit);
    }
    assert.equal(text, target);

    const freshUri = await client.didOpen(path.join(rootFresh, 'lib.rs'), target);
    const fresh = await client.waitForDiagnostics(freshUri, () => true, 10_000, 'the diagnostics of the freshly opened file');
    assert.equal(fresh.length, 2, JSON.stringify(fresh, null, 2));
    assert.deepEqual(fresh.map((d) => textIn(target, d.range)), ['S', 'E']);
    assert.deepEqual(fresh[0].range, { start: { line: 3, character: 23 }, end: { line: 3, character: 24 } });

    // The last publication for the typed file must describe the final text exactly like the fresh one.
    const wanted = JSON.stringify(shape(fresh));
    const typedDiagnostics = await client.waitForDiagnostics(typedUri, (d) => JSON.stringify(shape(d)) === wanted, 10_000, `the fresh file's diagnostics ${wanted}`);
    assert.deepEqual(shape(typedDiagnostics), shape(fresh));
    assert.deepEqual(client.errorLogs, []);
  });
});
