// rustc as the oracle for `missing-repr-c`: on every fixture crate, our findings must be exactly rustc's
// "has unspecified layout" / "no representation hint" warnings for local types (plus, at the very same
// range, the ones rustc only reports after the first is fixed), and after our quick fixes rustc is silent.
import assert from 'node:assert/strict';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { Finding, TextEdit } from '../../server/src/engine/types';
import { applyEdits } from '../support/edits';
import { tempDir, testEngine } from '../support/engine';
import { isMissingReprReason, rustcFfiWarnings, type RustcFfiWarning } from '../support/rustc';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'repr');
const MAX_ROUNDS = 6;

function editionOf(name: string): string {
  return name.includes('2024') ? '2024' : '2021';
}

function sameRange(f: Finding, w: RustcFfiWarning): boolean {
  return f.range.start.line + 1 === w.line && f.range.start.character + 1 === w.column && f.range.end.line + 1 === w.endLine && f.range.end.character + 1 === w.endColumn;
}

/** rustc writes `shapes::Point` or `Wrapper<Inner>`; we name the item: compare the bare name. */
function bareName(type: string): string {
  return type.replace(/<.*$/s, '').split('::').pop() ?? type;
}

function typeNameOf(f: Finding): string {
  return /^`([^`]+)`/.exec(f.message)?.[1] ?? '';
}


async function ourFindings(file: string): Promise<Finding[]> {
  const engine = await testEngine();
  engine.files.invalidate(file);
  const { findings } = await engine.analyzeFile(file);
  return findings.filter((f) => f.rule === 'missing-repr-c');
}

const fixtures = readdirSync(FIXTURES).filter((name) => name.endsWith('.rs')).sort();

describe('missing-repr-c agrees with rustc', () => {
  for (const name of fixtures) {
    test(name, async () => {
      const dir = tempDir('rpg-oracle-');
      const file = path.join(dir, 'lib.rs');
      copyFileSync(path.join(FIXTURES, name), file);
      const edition = editionOf(name);
      const suppressed = readFileSync(file, 'utf8').startsWith('// rust-plugin-guard: allow(missing-repr-c)');
      let confirmed = 0;
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const { warnings, errors } = rustcFfiWarnings(file, edition);
        assert.deepEqual(errors, [], `${name}: rustc reports errors, the fixture must compile`);
        const rustcLayout = warnings.filter(isMissingReprReason);
        const ours = await ourFindings(file);
        if (suppressed) {
          assert.ok(rustcLayout.length > 0, `${name}: rustc should still warn in a suppressed file`);
          assert.deepEqual(ours, [], `${name}: the file-level allow comment must silence every finding`);
          return;
        }
        for (const w of rustcLayout) {
          assert.ok(
            ours.some((f) => sameRange(f, w) && typeNameOf(f) === bareName(w.type)),
            `${name} round ${round}: rustc warns about \`${w.type}\` at ${w.line}:${w.column}-${w.endColumn}, we do not`,
          );
        }
        for (const f of ours) {
          const atSameRange = warnings.some((w) => sameRange(f, w));
          assert.ok(atSameRange, `${name} round ${round}: we report \`${typeNameOf(f)}\` at ${f.range.start.line + 1}:${f.range.start.character + 1} where rustc reports nothing`);
        }
        confirmed += rustcLayout.length;
        if (rustcLayout.length === 0) {
          assert.deepEqual(ours.map((f) => f.message), [], `${name}: rustc is satisfied but we still report`);
          break;
        }
        // Fix what rustc reported this round with our own quick fixes, one edit per type.
        const text = readFileSync(file, 'utf8');
        const edits = new Map<string, TextEdit[]>();
        for (const w of rustcLayout) {
          const finding = ours.find((f) => sameRange(f, w) && typeNameOf(f) === bareName(w.type))!;
          const preferred = finding.fixes.find((fix) => fix.isPreferred);
          assert.ok(preferred, `${name}: no preferred fix for \`${w.type}\``);
          edits.set(w.type, preferred.edits);
        }
        writeFileSync(file, applyEdits(text, [...edits.values()].flat()));
        assert.ok(round < MAX_ROUNDS - 1, `${name}: still not clean after ${MAX_ROUNDS} rounds of fixes`);
      }
      const final = rustcFfiWarnings(file, edition);
      assert.deepEqual(final.errors, [], `${name}: the fixed file must compile`);
      assert.deepEqual(final.warnings.filter(isMissingReprReason), [], `${name}: rustc still warns after our fixes`);
      if (name === 'correct.rs') assert.equal(confirmed, 0, 'correct code must produce no rustc layout warning');
    });
  }
});
