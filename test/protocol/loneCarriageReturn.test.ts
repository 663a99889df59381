// A lone `\r` ends a line for LSP (and for the server's line index) but not for tree-sitter or rustc. The
// editor gets positions in LSP numbering, the CLI prints rustc's numbering: both are pinned here, LSP against
// vscode-languageserver-textdocument (the reference implementation of LSP positions), the CLI against rustc.
// Run `npm run build` first.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver/node';
import { documentEditsOf } from '../support/clientDocument';
import { rustcDiagnostics } from '../support/rustc';
import { startForTest, writeTempTree } from '../support/lspClient';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');

// Lone CRs in a line comment (rustc and tree-sitter keep it one comment), between items, inside a block
// comment on the finding's own line, in a function body; a CRLF line and an emoji (one character for
// rustc, two UTF-16 code units for LSP) before the findings.
const SOURCE = [
  '// A plugin written on an old Mac editor.\rIts lines end in CR.',
  'pub struct Config {\r    pub level: u32,\r}\r',
  '#[no_mangle]\rpub extern "C" fn plugin_key(/* 😀 */ c: char, /* \r */ config: Config) -> u32 {',
  '    let parsed: u32 = "7".parse().unwrap();\r    c as u32 + config.level + parsed',
  '}',
  '',
].join('\n');

/** The LSP range of the `occurrence`-th `needle`, by the reference implementation. */
function lspRange(document: TextDocument, needle: string, occurrence = 0) {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = document.getText().indexOf(needle, at + 1);
  assert.ok(at >= 0, `no ${needle}`);
  return { start: document.positionAt(at), end: document.positionAt(at + needle.length) };
}

describe('lone carriage returns', () => {
  test('LSP: diagnostics, related locations and fixes in LSP lines (a lone CR ends a line)', async (t) => {
    const root = writeTempTree({ 'lib.rs': SOURCE });
    const { client } = await startForTest(t, { rootPath: root }, [root]);
    const uri = await client.didOpen(path.join(root, 'lib.rs'), SOURCE);
    const document = TextDocument.create(uri, 'rust', 1, SOURCE);
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'ffi-unsafe-type') && d.some((x) => x.code === 'missing-repr-c'), 10_000, 'the char and Config findings');
    const byRule = (rule: string): Diagnostic => diagnostics.find((d) => d.code === rule)!;

    const charRange = lspRange(document, 'char');
    assert.deepEqual(byRule('ffi-unsafe-type').range, charRange);
    assert.equal(charRange.start.line, 6, 'the reference counts the lone CRs as line breaks');
    assert.deepEqual(byRule('missing-repr-c').range, lspRange(document, 'Config', 1));
    const panic = byRule('panic-across-ffi');
    assert.ok(panic, JSON.stringify(diagnostics));
    const sites = (panic.relatedInformation ?? []).map((r) => r.location.range);
    assert.ok(sites.some((r) => r.start.line === lspRange(document, 'unwrap').start.line), `a related location on the unwrap line: ${JSON.stringify(panic)}`);

    // The quick fixes apply where the findings are.
    const actions = (await client.codeActions({ textDocument: { uri }, range: charRange, context: { diagnostics: [] } })) ?? [];
    const toU32 = actions.find((a) => a.title === 'Change `char` to `u32`');
    assert.ok(toU32, JSON.stringify(actions));
    const fixed = TextDocument.applyEdits(document, documentEditsOf(toU32).flatMap((d) => d.edits.map((e) => ({ range: e.range, newText: e.newText ?? '' }))));
    assert.equal(fixed, SOURCE.replace('c: char', 'c: u32'));

    const configRange = byRule('missing-repr-c').range;
    const repr = ((await client.codeActions({ textDocument: { uri }, range: configRange, context: { diagnostics: [] } })) ?? []).find((a) => a.title.includes('repr(C)'));
    assert.ok(repr, 'a repr(C) fix');
    const withRepr = TextDocument.applyEdits(document, documentEditsOf(repr).flatMap((d) => d.edits.map((e) => ({ range: e.range, newText: e.newText ?? '' }))));
    assert.ok(withRepr.includes('#[repr(C)]\rpub struct Config {') || withRepr.includes('#[repr(C)]\npub struct Config {'), JSON.stringify(withRepr.slice(0, 120)));
    assert.deepEqual(client.errorLogs, []);
  });

  test('CLI: file:line:col as rustc prints it for the same file (only \\n ends a line, columns in characters)', () => {
    const root = writeTempTree({ 'lib.rs': SOURCE });
    const file = path.join(root, 'lib.rs');
    const rustc = rustcDiagnostics(file, '2021').filter((d) => d.code?.code === 'improper_ctypes_definitions' && d.message.includes('`char`'));
    assert.equal(rustc.length, 1, 'rustc accepts lone CRs and warns about `char` once');
    const span = rustc[0].spans.find((s) => s.is_primary)!;
    assert.equal(span.line_start, 3, 'rustc counts only \\n');

    const result = spawnSync(process.execPath, [CLI, 'check', 'lib.rs'], { cwd: root, encoding: 'utf8' });
    const block = result.stdout.split('\n\n').find((b) => b.startsWith('warning[ffi-unsafe-type]') && b.includes('`char`'));
    assert.ok(block, result.stdout + result.stderr);
    assert.match(block, new RegExp(`--> lib\\.rs:${span.line_start}:${span.column_start}\\n`));
    // The quoted line is rustc's line 3 (its lone CRs shown as ␍), with carets under `char`.
    const [, quoted, carets] = /\n3 \| (.*)\n {2}\| ( *\^+)/.exec(block) ?? [];
    assert.ok(quoted?.startsWith('#[no_mangle]\u240dpub extern "C" fn plugin_key(/* 😀 */ c: char'), block);
    assert.equal(carets, `${' '.repeat(span.column_start - 1)}^^^^`);
  });
});
