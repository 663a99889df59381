// Quick fixes apply to the text they were computed for (built server, dist/server.js; run `npm run build`
// first): a code action requested right after an edit answers for the edited text or not at all, names
// that text's version when the client takes `documentChanges`, and every edit it returns, applied to the
// client's text, is exactly what the engine computes for that text and leaves it no more broken.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CodeActionKind } from 'vscode-languageserver/node';
import { ClientDocument, documentEditsOf } from '../support/clientDocument';
import { FixOracle, signature, type EditMode } from '../support/fixOracle';
import { startForTest, writeTempTree } from '../support/lspClient';
import { seededRandom } from '../support/seededRandom';
import { syntaxErrorCount } from '../support/syntaxErrors';

const ROOT = path.join(__dirname, '..', '..');
const KEY = '#[no_mangle]\npub extern "C" fn plugin_key(c: char) -> u32 {\n    c as u32\n}\n';

const quickFixes = (document: ClientDocument) => ({ textDocument: { uri: document.uri }, range: document.fullRange, context: { diagnostics: [], only: [CodeActionKind.QuickFix] } });

describe('protocol: code actions answer for the current text', () => {
  for (const mode of ['plain', 'snippets'] as const) {
    test(`a line inserted above a finding, code actions at once: the fix lands on the moved finding (${mode} edits)`, async (t) => {
      const root = writeTempTree({ 'lib.rs': KEY });
      const { client } = await startForTest(t, { rootPath: root, snippetEdits: mode === 'snippets' }, [root]);
      const document = await ClientDocument.open(client, path.join(root, 'lib.rs'), KEY);
      await client.waitForDiagnostics(document.uri, (d) => d.length === 1, 10_000, 'the `char` finding');

      // The user adds a line above the function and presses Ctrl+. before the next analysis.
      await document.replace(0, 0, '// Keys are Unicode scalar values.\n');
      const actions = (await client.codeActions(quickFixes(document))) ?? [];

      // "No action" would be allowed; this server waits for the analysis of version 2, so there is one.
      assert.equal(actions.length, 1, JSON.stringify(actions));
      assert.equal(actions[0].title, 'Change `char` to `u32`');
      const [edits] = documentEditsOf(actions[0]);
      assert.equal(edits.uri, document.uri);
      assert.equal(edits.version, mode === 'snippets' ? 2 : undefined, 'documentChanges name the version the fix was computed for');
      assert.equal(edits.edits.length, 1);
      const { range } = edits.edits[0];
      assert.equal(document.text.slice(document.offsetAt(range.start), document.offsetAt(range.end)), 'char');
      assert.equal(range.start.line, 2);
      assert.ok(document.applied([{ range, newText: 'u32' }]).includes('fn plugin_key(c: u32) -> u32'));
    });
  }

  test('random edits interleaved with code action requests: every fix is the one computed for the text it is applied to', async (t) => {
    const bases = ['test/fixtures/repr/nested.rs', 'test/fixtures/ffi/unsafe_types.rs', 'test/fixtures/dangling/locals.rs', 'test/fixtures/plugins/ownership/panicky/src/lib.rs'].map((f) =>
      readFileSync(path.join(ROOT, f), 'utf8'),
    );
    const oracle = await FixOracle.create();
    let requests = 0;
    let answered = 0;
    let applied = 0;
    for (const seed of [1, 2, 3, 4]) {
      const mode: EditMode = seed % 2 === 0 ? 'snippets' : 'plain';
      const random = seededRandom(seed);
      const base = bases[seed % bases.length];
      const root = writeTempTree({ 'lib.rs': base });
      const { client } = await startForTest(t, { rootPath: root, snippetEdits: mode === 'snippets' }, [root]);
      const document = await ClientDocument.open(client, path.join(root, 'lib.rs'), base);
      await client.waitForDiagnostics(document.uri, () => true, 10_000, 'the first publication');

      const history: string[] = [];
      for (let step = 0; step < 14; step++) {
        history.push(await randomEdit(document, random, base));
        const where = `seed ${seed} step ${step} (${mode}, after ${history.join('; ')})`;
        if (random() < 0.4) await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 300)));
        const requested = random() < 0.7 ? document.fullRange : lineRange(document, Math.floor(random() * document.lineCount));
        const actions = (await client.codeActions({ textDocument: { uri: document.uri }, range: requested, context: { diagnostics: [] } })) ?? [];
        requests++;
        if (actions.length === 0) continue;
        answered++;
        const expected = await oracle.fixes(document.text, mode);
        const before = await syntaxErrorCount(document.text);
        for (const action of actions) {
          const perDocument = documentEditsOf(action);
          assert.deepEqual(perDocument.map((d) => d.uri), [document.uri], `${where}: a one-file crate's fix edits only that file`);
          const [{ version, edits }] = perDocument;
          assert.equal(version, mode === 'snippets' ? document.version : undefined, `${where}: the version the fix was computed for`);
          for (const edit of edits) assert.ok(document.containsRange(edit.range), `${where}: ${JSON.stringify(edit.range)} is inside the document`);
          assert.ok(expected.has(signature(action.title, edits)), `${where}: "${action.title}" ${JSON.stringify(edits)} is not a fix of the current text; the engine computes ${[...expected.keys()].join('\n')}`);
          const after = await syntaxErrorCount(document.applied(expected.get(signature(action.title, edits)) ?? []));
          assert.ok(after <= before, `${where}: "${action.title}" adds syntax errors (${before} → ${after})`);
        }
        // Sometimes the user takes the first fix: the next edit and request start from the fixed text.
        if (random() < 0.3) {
          const [{ edits }] = documentEditsOf(actions[0]);
          await document.change([{ range: document.fullRange, text: document.applied(expected.get(signature(actions[0].title, edits)) ?? []) }]);
          applied++;
        }
      }
      assert.ok(client.alive, `seed ${seed}: the server keeps running`);
      assert.deepEqual(client.errorLogs, [], `seed ${seed}: no analysis failed`);
    }
    // Most requests must get an answer: a server that answers nothing would pass the checks above.
    assert.ok(answered >= requests * 0.6, `only ${answered} of ${requests} requests got code actions`);
    assert.ok(applied > 0);
  });
});

/**
 * One random edit of the kinds that move findings: lines above, indentation, line breaks of every kind, damage.
 * Returns what it did, for failure messages.
 */
async function randomEdit(document: ClientDocument, random: () => number, base: string): Promise<string> {
  const text = document.text;
  const replace = async (start: number, end: number, inserted: string) => {
    await document.replace(start, end, inserted);
    return `${JSON.stringify(document.positionAt(start))}+${end - start}→${JSON.stringify(inserted)}`;
  };
  const lineStart = document.offsetAt({ line: Math.floor(random() * document.lineCount), character: 0 });
  const anywhere = Math.floor(random() * (text.length + 1));
  const choice = random();
  if (choice < 0.2) return replace(lineStart, lineStart, '// a comment with é and 😀\n');
  if (choice < 0.35) return replace(lineStart, lineStart, ['\n', '\r\n', '\r'][Math.floor(random() * 3)]);
  if (choice < 0.5) return replace(lineStart, lineStart, '    ');
  if (choice < 0.6) return replace(lineStart, lineStart, '/* \r */ ');
  if (choice < 0.7) {
    const at = text.indexOf(': u8', anywhere);
    if (at >= 0) return replace(at + 2, at + 4, random() < 0.5 ? 'char' : '&str');
  }
  if (choice < 0.8) return replace(anywhere, Math.min(text.length, anywhere + Math.floor(random() * 8)), '');
  if (choice < 0.9) return replace(anywhere, anywhere, ['{', '}', '(', ')', ' ', 'fn ', '#[repr(C)] '][Math.floor(random() * 7)]);
  // Back to the base text now and then, so damage does not pile up into a file with no findings left.
  await document.change([{ text: base }]);
  return 'base text';
}

function lineRange(document: ClientDocument, line: number) {
  return { start: { line, character: 0 }, end: document.positionAt(document.offsetAt({ line: line + 1, character: 0 })) };
}
