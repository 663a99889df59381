// The custom request `rustPluginGuard/newPluginFromHeader` over real LSP (stdio). Run `npm run build` first.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { NEW_PLUGIN_REQUEST, type NewPluginResult } from '../../server/src/protocol/newPlugin';
import { fileUri, startForTest, writeTempTree } from '../support/lspClient';

const DEMO = path.resolve(__dirname, '../fixtures/interfaces/new_plugin/demo.h');

describe('protocol: new plugin from header', () => {
  test('the crate\'s files for a header on disk, for the editor\'s unsaved text, and errors as results', async (t) => {
    const root = writeTempTree({ 'include/demo.h': readFileSync(DEMO, 'utf8') });
    const header = path.join(root, 'include', 'demo.h');
    const { client } = await startForTest(t, { rootPath: root }, [root]);
    const fromDisk = (await client.connection.sendRequest(NEW_PLUGIN_REQUEST, { header: fileUri(header) })) as NewPluginResult;
    assert.ok('files' in fromDisk, JSON.stringify(fromDisk));
    assert.equal(fromDisk.crateName, 'demo');
    assert.deepEqual(Object.keys(fromDisk.files).sort(), ['Cargo.toml', 'include/demo.h', 'src/lib.rs']);
    assert.match(fromDisk.files['src/lib.rs'], /pub unsafe extern "C" fn demo_engine_new\(config: \*const c_char\) -> \*mut demo_engine \{/);
    assert.ok(fromDisk.implemented.includes('demo_engine_free'));
    assert.ok(fromDisk.skipped.some((s) => s.startsWith('demo_printf (demo.h:19): variadic')));

    // Unsaved edits count: a function typed into the open header is implemented, under the name asked for.
    const typed = `${readFileSync(DEMO, 'utf8')}\nint32_t demo_typed_now(int32_t x);\n`;
    const unsaved = (await client.connection.sendRequest(NEW_PLUGIN_REQUEST, { header: fileUri(header), text: typed, crateName: 'my-demo' })) as NewPluginResult;
    assert.ok('files' in unsaved, JSON.stringify(unsaved));
    assert.equal(unsaved.crateName, 'my-demo');
    assert.match(unsaved.files['Cargo.toml'], /name = "my-demo"/);
    assert.match(unsaved.files['src/lib.rs'], /pub extern "C" fn demo_typed_now\(x: i32\) -> i32 \{/);

    assert.deepEqual(await client.connection.sendRequest(NEW_PLUGIN_REQUEST, { header: fileUri(path.join(root, 'gone.h')) }), { error: `${path.join(root, 'gone.h')}: cannot be read` });
    assert.deepEqual(await client.connection.sendRequest(NEW_PLUGIN_REQUEST, { header: 'untitled:Untitled-1' }), { error: 'untitled:Untitled-1: not a file on disk; open or save the header first' });
    assert.deepEqual(await client.connection.sendRequest(NEW_PLUGIN_REQUEST, { header: fileUri(header), crateName: 'no spaces' }), { error: '`no spaces` is not a crate name (letters, digits, `_` and `-`)' });
  });
});
