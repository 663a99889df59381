// A component guest over real LSP against the built server (dist/server.js; run `npm run build` first), on
// test/fixtures/wit-guests/greeter: the signature diagnostic with the WIT declaration as related information,
// "Fix signature" applied and the diagnostic gone, "Implement missing world exports" for a removed method, hover
// with the WIT declaration and its doc comment, and Go to Definition into the `.wit` file.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { CodeAction, Hover, Location } from 'vscode-languageserver/node';
import { applyTextEdits, editsFor, fileUri, rangeOf, startForTest, writeTempTree } from '../support/lspClient';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'wit-guests', 'greeter');
const FILES = ['Cargo.toml', 'src/lib.rs', 'wit/greeter.wit'];

function guestTree(): { root: string; lib: string; text: string } {
  const root = writeTempTree(Object.fromEntries(FILES.map((f) => [f, readFileSync(path.join(FIXTURE, f), 'utf8')])));
  const lib = path.join(root, 'src', 'lib.rs');
  return { root, lib, text: readFileSync(lib, 'utf8') };
}

function hoverText(hover: Hover | null): string {
  assert.ok(hover, 'expected a hover');
  const { contents } = hover;
  return typeof contents === 'object' && 'value' in contents ? contents.value : JSON.stringify(contents);
}

describe('protocol: a WebAssembly component guest against its WIT world', () => {
  test('the signature diagnostic with the WIT declaration; "Fix signature" clears it', async (t) => {
    const { root, lib, text } = guestTree();
    const { client } = await startForTest(t, { rootPath: root }, [root]);
    const uri = await client.didOpen(lib, text);
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'wit-signature-mismatch'), 15_000, 'the signature mismatch');
    const guest = diagnostics.filter((d) => String(d.code).startsWith('wit-'));
    assert.deepEqual(guest.map((d) => [d.code, d.range, d.severity]), [['wit-signature-mismatch', rangeOf(text, '&str'), 1]]);
    const related = guest[0].relatedInformation ?? [];
    assert.equal(related[0]?.location.uri, fileUri(path.join(root, 'wit', 'greeter.wit')));
    assert.deepEqual(related[0]?.location.range, { start: { line: 4, character: 2 }, end: { line: 4, character: 7 } });

    const actions = (await client.codeActions({ textDocument: { uri }, range: guest[0].range, context: { diagnostics: [guest[0]], only: ['quickfix'] } })) as CodeAction[];
    const fix = actions.find((a) => a.title.startsWith('Fix signature'));
    assert.ok(fix, `offered among ${actions.map((a) => a.title).join(' | ')}`);
    const fixed = applyTextEdits(text, editsFor(fix.edit, uri));
    assert.ok(fixed.includes('fn greet(name: String) -> String {'));
    await client.didChange(uri, [{ text: fixed }]);
    const after = await client.waitForDiagnostics(uri, (d) => !d.some((x) => String(x.code).startsWith('wit-')), 15_000, 'cleared by the fix');
    assert.deepEqual(after.filter((d) => String(d.code).startsWith('wit-')), []);

    // A method removed as you type: "Implement missing world exports" puts it back with its mapped signature.
    const removed = fixed.replace(/\n {4}fn set_language[\s\S]*?\n {4}}\n/, '\n');
    await client.didChange(uri, [{ text: removed }]);
    const missing = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'wit-missing-implementation'), 15_000, 'the missing method');
    const lacking = missing.find((d) => d.code === 'wit-missing-implementation')!;
    assert.deepEqual(lacking.range, rangeOf(removed, 'GreetGuest', 1));
    const stubs = (await client.codeActions({ textDocument: { uri }, range: lacking.range, context: { diagnostics: [lacking], only: ['quickfix'] } })) as CodeAction[];
    const implement = stubs.find((a) => a.title === 'Implement missing world exports');
    assert.ok(implement, `offered among ${stubs.map((a) => a.title).join(' | ')}`);
    const implemented = applyTextEdits(removed, editsFor(implement.edit, uri));
    assert.ok(implemented.includes('    fn set_language(code: Option<String>) -> Result<(), String> {\n        todo!()\n    }\n'), implemented);
    await client.didChange(uri, [{ text: implemented }]);
    await client.waitForDiagnostics(uri, (d) => !d.some((x) => String(x.code).startsWith('wit-')), 15_000, 'cleared by the stub');
  });

  test('hover on an implementation shows the WIT declaration and its doc comment; Go to Definition jumps to it', async (t) => {
    const { root, lib, text } = guestTree();
    const { client } = await startForTest(t, { rootPath: root }, [root]);
    const uri = await client.didOpen(lib, text);
    await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'wit-signature-mismatch'), 15_000, 'the analysis');
    const greet = hoverText(await client.hover(uri, rangeOf(text, 'greet(name').start));
    assert.match(greet, /^`greet` implements `greet` of the interface `demo:greeter\/greet` \(wit\/greeter\.wit:5\):/);
    assert.ok(greet.includes('```wit\n/// Greets `name` in the language set by `set-language`.\ngreet: func(name: string) -> string;\n```'), greet);
    assert.ok(greet.includes('```rust\nfn greet(name: String) -> String\n```'), greet);
    const version = hoverText(await client.hover(uri, rangeOf(text, 'version').start));
    assert.ok(version.includes('```wit\n/// The version of the greeting rules.\nexport version: func() -> u32;\n```'), version);
    assert.equal(await client.hover(uri, rangeOf(text, 'format!').start), null);

    const found = (await client.definition(uri, rangeOf(text, 'set_language').start)) as Location[];
    assert.deepEqual(found, [{ uri: fileUri(path.join(root, 'wit', 'greeter.wit')), range: { start: { line: 5, character: 2 }, end: { line: 5, character: 14 } } }]);
    assert.equal(await client.definition(uri, rangeOf(text, 'Component').start), null);
  });
});
