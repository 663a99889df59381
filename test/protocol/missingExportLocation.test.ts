// `missing-export` over real LSP (stdio): the finding is published on the header's prototype (with the plugin
// as related information), one summary on the plugin's crate root, and the header diagnostic's quick fix adds
// the typed stub to lib.rs. Run `npm run build` first.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CodeActionKind, type CodeAction } from 'vscode-languageserver/node';
import { fileUri, messageText, rangeOf, startForTest, writeTempTree } from '../support/lspClient';

const CARGO = '[package]\nname = "p"\nversion = "0.1.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n';
const HEADER = 'int plugin_start(void);\nvoid plugin_stop(int code);\n';
const LIB = '#[no_mangle]\npub extern "C" fn plugin_start() -> i32 { 0 }\n';

describe('protocol: missing-export at the declaration', () => {
  test('published on the header prototype and summarised on lib.rs; the quick fix on the header adds the stub to lib.rs', async (t) => {
    const root = writeTempTree({ 'Cargo.toml': CARGO, 'include/p.h': HEADER, 'src/lib.rs': LIB }, 'rpg-missing-export-');
    const lib = path.join(root, 'src', 'lib.rs');
    const header = path.join(root, 'include', 'p.h');
    const { client } = await startForTest(t, { rootPath: root }, [root]);
    const libUri = await client.didOpen(lib, LIB);
    const headerUri = fileUri(header);
    const [atHeader] = await client.waitForDiagnostics(headerUri, (list) => list.some((d) => d.code === 'missing-export'));
    assert.deepEqual(atHeader.range.start, rangeOf(HEADER, 'void plugin_stop').start);
    assert.match(messageText(atHeader), /^`plugin_stop` is declared here but `p` does not export it/);
    assert.equal(atHeader.relatedInformation?.[0].location.uri, libUri);
    const onLib = await client.waitForDiagnostics(libUri, (list) => list.some((d) => d.code === 'missing-export'));
    const summary = onLib.filter((d) => d.code === 'missing-export');
    assert.equal(summary.length, 1);
    assert.match(messageText(summary[0]), /^1 declared function is not exported by `p` \(`plugin_stop`\)/);
    // The user follows the diagnostic into the header: code actions are asked for the open header.
    await client.didOpen(header, HEADER, 'c');
    const actions = (await client.codeActions({ textDocument: { uri: headerUri }, range: atHeader.range, context: { diagnostics: [atHeader], only: [CodeActionKind.QuickFix] } })) as CodeAction[];
    const stub = actions.find((a) => a.title === 'Add `plugin_stop` stub');
    assert.ok(stub, `offered: ${actions.map((a) => a.title).join(', ')}`);
    // `changes` or versioned `documentChanges`, whichever the server sends for lib.rs.
    const texts = [
      ...(stub.edit?.changes?.[libUri] ?? []).map((e) => e.newText),
      ...(stub.edit?.documentChanges ?? []).flatMap((change) => ('textDocument' in change && change.textDocument.uri === libUri ? change.edits.map((e) => ('newText' in e ? e.newText : '')) : [])),
    ];
    assert.ok(texts.some((text) => /pub extern "C" fn plugin_stop\(_code: core::ffi::c_int\)/.test(text)), JSON.stringify(stub.edit));
  });
});
