// Findings inside macro_rules! expansions through the editor's path (real LSP over stdio): they arrive at the
// macro call inside the document, the quick fix edits the macro definition, and the fixed text clears them.
// Run `npm run build` first.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import type { CodeAction, CodeLens } from 'vscode-languageserver/node';
import { applyTextEdits, editsFor, messageText, startForTest, textIn, writeTempTree } from '../support/lspClient';

const SOURCE = `macro_rules! handle {
    ($name:ident) => {
        pub struct $name { pub width: u32 }
        #[no_mangle]
        pub extern "C" fn make(w: u32) -> $name { $name { width: w } }
    };
}

handle!(Config);
`;

test('protocol: a macro-written export is reported at the call; its fix edits the definition', async (t) => {
  const root = writeTempTree({ 'Cargo.toml': '[package]\nname = "plug"\nversion = "0.1.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n', 'src/lib.rs': SOURCE });
  const file = path.join(root, 'src', 'lib.rs');
  const { client } = await startForTest(t, { rootPath: root }, [root]);
  const uri = await client.didOpen(file, SOURCE);
  const diagnostics = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'missing-repr-c'), 10_000, 'missing-repr-c through the macro');
  const lineCount = SOURCE.split('\n').length;
  for (const d of diagnostics) assert.ok(d.range.end.line < lineCount, `${d.code} inside the document: ${JSON.stringify(d.range)}`);
  const repr = diagnostics.find((x) => x.code === 'missing-repr-c')!;
  // `Config` is the call's own token, where rustc points too.
  assert.equal(textIn(SOURCE, repr.range), 'Config');
  assert.match(messageText(repr), /\(in the expansion of `handle!`\)/);
  const actions = (await client.codeActions({ textDocument: { uri }, range: repr.range, context: { diagnostics: [repr], only: ['quickfix'] } })) as CodeAction[];
  const action = actions.find((a) => a.title === 'Add `#[repr(C)]` to `Config`');
  assert.ok(action, `offered among ${actions.map((a) => a.title).join(' | ')}`);
  const fixed = applyTextEdits(SOURCE, editsFor(action.edit, uri));
  assert.match(fixed, /\(\$name:ident\) => \{\n {8}#\[repr\(C\)\]\n {8}pub struct \$name/);
  await client.didChange(uri, [{ text: fixed }]);
  await client.waitForDiagnostics(uri, (d) => !d.some((x) => x.code === 'missing-repr-c'), 10_000, 'cleared by the fix');

});

test('protocol: the code lens of a macro-written export sits on the macro call', async (t) => {
  const lib = 'macro_rules! export {\n    ($name:ident) => {\n        #[no_mangle]\n        pub extern "C" fn $name(flags: i32) -> i32 { flags }\n    };\n}\nexport!(plugin_init);\n';
  const root = writeTempTree({
    'Cargo.toml': '[package]\nname = "plug"\nversion = "0.1.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n',
    'src/lib.rs': lib,
    'include/plugin.h': '#include <stdint.h>\nint32_t plugin_init(int32_t flags);\n',
  });
  const { client } = await startForTest(t, { rootPath: root }, [root]);
  const uri = await client.didOpen(path.join(root, 'src', 'lib.rs'), lib);
  const lenses = (await client.codeLenses(uri)) as CodeLens[];
  assert.deepEqual(lenses.map((l) => [textIn(lib, l.range), l.command?.title]), [['plugin_init', 'implements plugin.h:2']]);
});
