// rustc as the oracle for dangling-pointer: where rustc's `dangling_pointers_from_temporaries` or
// `dangling_pointers_from_locals` warns, the rule reports at the same line and column; where the rule goes
// further (pointers into locals dropped at return, which rustc does not see), the fixture line says so.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { applyEdits } from '../support/edits';
import type { Finding } from '../../server/src/engine/types';
import { checkSource, testEngine, writeTree } from '../support/engine';
import { rustcDiagnostics } from '../support/rustc';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'dangling');
const LINTS = new Set(['dangling_pointers_from_temporaries', 'dangling_pointers_from_locals']);

/** "line:column" (1-based) of rustc's dangling-pointer warnings. */
function rustcSites(file: string, edition = '2021'): string[] {
  const diagnostics = rustcDiagnostics(file, edition);
  assert.deepEqual(diagnostics.filter((d) => d.level === 'error').map((d) => d.message), [], 'the fixture compiles');
  return diagnostics
    .filter((d) => LINTS.has(d.code?.code ?? ''))
    .map((d) => d.spans.find((s) => s.is_primary)!)
    .map((s) => `${s.line_start}:${s.column_start}`)
    .sort();
}

function markedLines(text: string, marker: string): number[] {
  return text.split('\n').flatMap((line, i) => (!line.trimStart().startsWith('//') && line.trimEnd().endsWith(`// ${marker}`) ? [i + 1] : []));
}

for (const name of ['temporaries.rs', 'locals.rs']) {
  describe(`dangling-pointer against rustc: ${name}`, () => {
    test('same place as every rustc warning; any other finding is on a line marked `beyond rustc`', async () => {
      const file = path.join(FIXTURES, name);
      const text = readFileSync(file, 'utf8');
      const { findings } = await checkSource(text);
      const ours = findings.filter((f) => f.rule === 'dangling-pointer').map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1}`).sort();
      const rustc = rustcSites(file);
      assert.deepEqual(rustc.map((s) => Number(s.split(':')[0])), markedLines(text, 'rustc'), 'the fixture marks where rustc warns');
      for (const site of rustc) assert.ok(ours.includes(site), `rustc warns at ${site}; the rule reports at ${ours.join(', ')}`);
      const beyond = ours.filter((s) => !rustc.includes(s)).map((s) => Number(s.split(':')[0]));
      assert.deepEqual(beyond, markedLines(text, 'beyond rustc'));
    });
  });
}

/** Findings for `source` as the `src/lib.rs` of a cdylib crate of `edition`. */
async function danglingIn(source: string, edition: string): Promise<Finding[]> {
  const root = writeTree({ 'Cargo.toml': `[package]\nname = "p"\nversion = "0.1.0"\nedition = "${edition}"\n\n[lib]\ncrate-type = ["cdylib"]\n`, 'src/lib.rs': source });
  const { findings } = await (await testEngine()).analyzeFile(path.join(root, 'src', 'lib.rs'));
  return findings.filter((f) => f.rule === 'dangling-pointer');
}

describe('dangling-pointer fixes compile', () => {
  for (const edition of ['2021', '2024']) {
    test(`edition ${edition}: into_raw and the generated free build without errors or dangling warnings`, async () => {
      const attribute = edition === '2024' ? '#[unsafe(no_mangle)]' : '#[no_mangle]';
      const source = `use std::ffi::{c_char, CString};\n\n${attribute}\npub extern "C" fn plugin_name() -> *const c_char {\n    CString::new("demo").unwrap_or_default().as_ptr()\n}\n\n${attribute}\npub extern "C" fn plugin_label(id: u32, out: *mut *const c_char) {\n    let label = CString::new(id.to_string()).unwrap_or_default();\n    unsafe { *out = label.as_ptr() };\n}\n`;
      const dangling = await danglingIn(source, edition);
      assert.equal(dangling.length, 2);
      let fixed = applyEdits(source, dangling[1].fixes[0].edits);
      fixed = applyEdits(fixed, (await danglingIn(fixed, edition))[0].fixes[0].edits);
      // One destructor reclaims every CString: the second fix does not add another.
      assert.match(fixed, /fn plugin_label_free/);
      assert.doesNotMatch(fixed, /fn plugin_name_free/);
      const root = writeTree({ 'lib.rs': fixed });
      const diagnostics = rustcDiagnostics(path.join(root, 'lib.rs'), edition);
      assert.deepEqual(diagnostics.map((d) => `${d.level}: ${d.message}`), [], fixed);
    });
  }
});
