// Every export and FFI-type rule through the editor's path: the diagnostic arrives, its quick fix is offered,
// the fixed (unsaved) text clears it, and rustc compiles the fixed file without the matching lint.
// Run `npm run build` first.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { CodeAction } from 'vscode-languageserver/node';
import { rustcDiagnostics, type RustcDiagnostic } from '../support/rustc';
import { applyTextEdits, editsFor, startForTest, writeTempTree } from '../support/lspClient';

interface Case {
  rule: string;
  edition: '2021' | '2024';
  source: string;
  fixTitle: string;
  /** rustc's lint name or error message for the same problem, when rustc has the check: the fix silences it too. */
  rustcSays?: string;
}

const CASES: Case[] = [
  {
    rule: 'ffi-unsafe-type',
    edition: '2021',
    source: '#[no_mangle]\npub extern "C" fn plugin_key(c: char) -> u32 {\n    c as u32\n}\n',
    fixTitle: 'Change `char` to `u32`',
    rustcSays: 'improper_ctypes_definitions',
  },
  {
    rule: 'ffi-unsafe-type',
    edition: '2021',
    source: '#[no_mangle]\npub extern "C" fn plugin_register(callback: fn(i32) -> i32) -> i32 {\n    callback(1)\n}\n',
    fixTitle: 'Make it an `extern "C" fn` pointer',
    rustcSays: 'improper_ctypes_definitions',
  },
  {
    rule: 'unsafe-attribute',
    edition: '2024',
    source: '#[no_mangle]\npub extern "C" fn plugin_init() -> i32 {\n    0\n}\n',
    fixTitle: 'Wrap in `unsafe(...)`: `#[unsafe(no_mangle)]`',
    rustcSays: 'unsafe attribute used without unsafe',
  },
  {
    rule: 'unsafe-extern-block',
    edition: '2024',
    source: 'extern "C" {\n    fn host_log(level: i32);\n}\n\n#[unsafe(no_mangle)]\npub extern "C" fn plugin_run() {\n    unsafe { host_log(1) }\n}\n',
    fixTitle: 'Add `unsafe` to the `extern` block',
    rustcSays: 'extern blocks must be unsafe',
  },
  {
    rule: 'generic-export',
    edition: '2021',
    source: '#[no_mangle]\npub extern "C" fn plugin_size<T>() -> usize {\n    std::mem::size_of::<T>()\n}\n',
    fixTitle: 'Remove `#[no_mangle]`',
    rustcSays: 'no_mangle_generic_items',
  },
  {
    rule: 'no-mangle-rust-abi',
    edition: '2021',
    source: '#[no_mangle]\npub fn plugin_version() -> u32 {\n    1\n}\n',
    fixTitle: 'Add `extern "C"`',
  },
  {
    rule: 'missing-no-mangle',
    edition: '2024',
    source: 'pub extern "C" fn plugin_shutdown() {}\n',
    fixTitle: 'Add `#[unsafe(no_mangle)]`',
  },
];

/** rustc's diagnostics that are the same problem (by lint name or message), and every error. */
function rustcSaying(file: string, edition: string, says: string | undefined): string[] {
  return rustcDiagnostics(file, edition)
    .filter((d) => d.level === 'error' || (says !== undefined && sameProblem(d, says)))
    .map((d) => `${d.level}: ${d.message}`);
}

function sameProblem(d: RustcDiagnostic, says: string): boolean {
  return d.code?.code === says || d.message.includes(says);
}

describe('protocol: quick fixes of the export and FFI-type rules', () => {
  test('each fix clears its diagnostic and compiles', async (t) => {
    const root = writeTempTree({});
    const { client } = await startForTest(t, { rootPath: root }, [root]);
    for (const [index, c] of CASES.entries()) {
      const label = `${c.rule} (${c.fixTitle})`;
      const crate = path.join(root, `case${index}`);
      const manifest = `[package]\nname = "case${index}"\nversion = "0.1.0"\nedition = "${c.edition}"\n\n[lib]\ncrate-type = ["cdylib"]\n`;
      const file = path.join(crate, 'src', 'lib.rs');
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(path.join(crate, 'Cargo.toml'), manifest);
      writeFileSync(file, c.source);
      if (c.rustcSays) assert.ok(rustcDiagnostics(file, c.edition).some((d) => sameProblem(d, c.rustcSays!)), `${label}: rustc sees the problem too`);
      const uri = await client.didOpen(file, c.source);
      const diagnostics = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === c.rule), 10_000, `${label}: the diagnostic`);
      const diagnostic = diagnostics.find((x) => x.code === c.rule)!;
      const actions = (await client.codeActions({ textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix'] } })) as CodeAction[];
      const action = actions.find((a) => a.title === c.fixTitle);
      assert.ok(action, `${label}: offered among ${actions.map((a) => a.title).join(' | ')}`);
      const fixed = applyTextEdits(c.source, editsFor(action.edit, uri));
      await client.didChange(uri, [{ text: fixed }]);
      await client.waitForDiagnostics(uri, (d) => !d.some((x) => x.code === c.rule), 10_000, `${label}: cleared by the fix`);
      writeFileSync(file, fixed);
      assert.deepEqual(rustcSaying(file, c.edition, c.rustcSays), [], `${label}: rustc on the fixed file`);
      await client.didClose(uri);
    }
  });
});
