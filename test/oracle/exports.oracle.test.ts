// rustc as the oracle for the export rules: same places as rustc's edition-2024 errors and its
// `no_mangle_generic_items` warning, and after our quick fixes rustc no longer complains.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { Finding, Range } from '../../server/src/engine/types';
import { applyEdits } from '../support/edits';
import { testEngine, writeTree } from '../support/engine';
import { rustcDiagnostics, type RustcSpan } from '../support/rustc';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'exports');

function spanRange(span: RustcSpan): Range {
  return { start: { line: span.line_start - 1, character: span.column_start - 1 }, end: { line: span.line_end - 1, character: span.column_end - 1 } };
}


/** The fixture as `src/lib.rs` of a crate with the given edition (the engine reads the edition from Cargo.toml). */
async function analyse(fixture: string, edition: string) {
  const root = writeTree({
    'Cargo.toml': `[package]\nname = "fixture"\nversion = "0.1.0"\nedition = "${edition}"\n\n[lib]\ncrate-type = ["cdylib"]\n`,
    'src/lib.rs': readFileSync(path.join(FIXTURES, fixture), 'utf8'),
  });
  const file = path.join(root, 'src', 'lib.rs');
  const engine = await testEngine();
  const findings = async (rules: string[]): Promise<Finding[]> => {
    engine.files.invalidate(file);
    return (await engine.analyzeFile(file)).findings.filter((f) => rules.includes(f.rule));
  };
  return { file, findings };
}

function applyAllFixes(file: string, findings: Finding[]): void {
  const edits = findings.flatMap((f) => f.fixes.find((fix) => fix.isPreferred)?.edits ?? []);
  writeFileSync(file, applyEdits(readFileSync(file, 'utf8'), edits));
}

describe('export rules agree with rustc', () => {
  test('unsafe-attribute and unsafe-extern-block on edition 2024', async () => {
    const { file, findings } = await analyse('unsafe_attributes_2024.rs', '2024');
    const rules = ['unsafe-attribute', 'unsafe-extern-block'];
    const ours = await findings(rules);
    const errors = rustcDiagnostics(file, '2024').filter((d) => d.level === 'error');
    assert.ok(errors.length >= 2);
    for (const error of errors) {
      const primary = spanRange(error.spans.find((s) => s.is_primary)!);
      if (error.message === 'unsafe attribute used without unsafe') {
        assert.ok(ours.some((f) => f.rule === 'unsafe-attribute' && JSON.stringify(f.range) === JSON.stringify(primary)), `unsafe attribute at ${JSON.stringify(primary)}`);
      } else if (error.message === 'extern blocks must be unsafe') {
        assert.ok(ours.some((f) => f.rule === 'unsafe-extern-block' && JSON.stringify(f.range.start) === JSON.stringify(primary.start)), `extern block at ${JSON.stringify(primary.start)}`);
      } else {
        assert.fail(`unexpected rustc error: ${error.message}`);
      }
    }
    assert.equal(ours.length, errors.length, 'one finding per rustc error');
    applyAllFixes(file, ours);
    assert.deepEqual(rustcDiagnostics(file, '2024').filter((d) => d.level === 'error').map((d) => d.message), []);
    assert.deepEqual(await findings(rules), []);
  });

  test('the same file on edition 2021 is accepted by rustc and by default by us', async () => {
    const { file, findings } = await analyse('unsafe_attributes_2024.rs', '2021');
    assert.deepEqual(rustcDiagnostics(file, '2021').filter((d) => d.level === 'error').map((d) => d.message), []);
    assert.deepEqual(await findings(['unsafe-attribute', 'unsafe-extern-block']), []);
  });

  test('generic-export where rustc warns no_mangle_generic_items', async () => {
    const { file, findings } = await analyse('generic_exports.rs', '2021');
    const ours = await findings(['generic-export']);
    const warnings = rustcDiagnostics(file, '2021').filter((d) => d.code?.code === 'no_mangle_generic_items');
    assert.ok(warnings.length >= 2);
    for (const warning of warnings) {
      const attribute = warning.children.flatMap((c) => c.spans).find((s) => s.text?.[0]?.text.includes('no_mangle'))!;
      // rustc's "remove this attribute" span runs to the next line; it starts where the attribute does.
      const range = spanRange(attribute);
      assert.ok(ours.some((f) => JSON.stringify(f.range.start) === JSON.stringify(range.start)), `generic export at ${JSON.stringify(range.start)}`);
    }
    assert.equal(ours.length, warnings.length, 'one finding per rustc warning');
    applyAllFixes(file, ours);
    const after = rustcDiagnostics(file, '2021');
    assert.deepEqual(after.filter((d) => d.code?.code === 'no_mangle_generic_items' || d.level === 'error').map((d) => d.message), []);
    assert.deepEqual(await findings(['generic-export']), []);
  });
});

describe('duplicate-export agrees with rustc', () => {
  test('every symbol rustc finds defined twice is reported there', async () => {
    const { file, findings } = await analyse('duplicate_exports.rs', '2021');
    const ours = await findings(['duplicate-export']);
    // The clash only shows up in codegen: build the library, not just its metadata.
    const errors = rustcDiagnostics(file, '2021', { codegen: true }).filter((d) => /^symbol `.*` is already defined$/.test(d.message));
    assert.ok(errors.length >= 1, 'rustc finds a duplicate symbol');
    for (const error of errors) {
      const line = error.spans.find((s) => s.is_primary)!.line_start - 1;
      const symbol = /`(.*)`/.exec(error.message)![1];
      assert.ok(ours.some((f) => f.range.start.line === line && f.message.includes(`symbol \`${symbol}\``)), `${symbol} at line ${line + 1}`);
    }
    assert.deepEqual(ours.map((f) => f.range.start.line + 1), [4, 7, 9, 12]);
  });
});
