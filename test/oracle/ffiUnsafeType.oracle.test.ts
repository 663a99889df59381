// rustc as the oracle for `ffi-unsafe-type`: on every fixture, each rustc FFI warning for a reason other than
// a local type's missing repr is one of our findings at the same range, and we report nothing else.
import assert from 'node:assert/strict';
import { copyFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { tempDir, testEngine } from '../support/engine';
import { isMissingReprReason, rustcFfiWarnings } from '../support/rustc';

const FIXTURE_DIRS = ['ffi', 'repr'].map((d) => path.join(__dirname, '..', 'fixtures', d));

describe('ffi-unsafe-type agrees with rustc', () => {
  for (const dir of FIXTURE_DIRS) {
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.rs') && !n.startsWith('suppressed'))) {
      test(`${path.basename(dir)}/${name}`, async () => {
        const file = path.join(tempDir('rpg-ffi-'), 'lib.rs');
        copyFileSync(path.join(dir, name), file);
        const { warnings, errors } = rustcFfiWarnings(file, name.includes('2024') ? '2024' : '2021');
        assert.deepEqual(errors, []);
        const expected = warnings.filter((w) => !isMissingReprReason(w)).map((w) => `${w.line}:${w.column}-${w.endLine}:${w.endColumn} ${w.type}`);
        const engine = await testEngine();
        const { findings } = await engine.analyzeFile(file);
        const ours = findings.filter((f) => f.rule === 'ffi-unsafe-type').map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.line + 1}:${f.range.end.character + 1}`);
        assert.deepEqual(ours, expected.map((e) => e.split(' ')[0]), `rustc: ${expected.join('\n')}`);
      });
    }
  }
});
