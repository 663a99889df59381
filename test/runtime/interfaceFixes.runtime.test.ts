// Every fix `signature-mismatch`, `missing-export` and `abi-version-mismatch` offer on the interface fixtures,
// applied alone to a copy: cargo builds the copy with no new warning, and the finding it fixes is gone.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { Finding, Fix } from '../../server/src/engine/types';
import { applyEdits } from '../support/edits';
import { tempDir, testEngine } from '../support/engine';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'interfaces');
const FIXED_RULES = new Set(['signature-mismatch', 'missing-export', 'abi-version-mismatch']);
const target = path.join(tempDir('rpg-interface-fixes-target-'), 'target');

interface Fixture {
  /** The folder copied (the crate, or the whole workspace). */
  root: string;
  /** The plugin's `lib.rs`, relative to `root`. */
  lib: string;
  /** `cargo build` arguments selecting the plugin. */
  select: (copy: string) => string[];
}

const FIXTURE_LIST: Record<string, Fixture> = {
  mismatch: { root: path.join(FIXTURES, 'mismatch'), lib: 'src/lib.rs', select: (copy) => ['--manifest-path', path.join(copy, 'Cargo.toml')] },
  'rust-host-workspace/plugin-bad': {
    root: path.join(FIXTURES, 'rust-host-workspace'),
    lib: 'plugin-bad/src/lib.rs',
    select: (copy) => ['--manifest-path', path.join(copy, 'Cargo.toml'), '-p', 'plugin-bad'],
  },
};

/** Builds the plugin in `copy`; the headlines of its warnings (`warning: unused variable: `x``). */
function build(fixture: Fixture, copy: string): string[] {
  const result = spawnSync('cargo', ['build', '--lib', '--offline', '--message-format', 'short', '--target-dir', target, ...fixture.select(copy)], { encoding: 'utf8' });
  assert.equal(result.status, 0, `cargo build failed:\n${result.stderr}`);
  return result.stderr.split('\n').filter((l) => /\bwarning: /.test(l) && !/generated \d+ warning/.test(l)).map((l) => l.replace(/^.*?warning: /, ''));
}

async function fixedFindings(lib: string): Promise<Finding[]> {
  const engine = await testEngine();
  engine.files.invalidate(lib);
  return (await engine.analyzeFile(lib)).findings.filter((f) => FIXED_RULES.has(f.rule));
}

/** A copy of the fixture with `fix` applied (its edits' paths moved into the copy). */
function applyToCopy(fixture: Fixture, fix: Fix): string {
  const copy = path.join(tempDir('rpg-interface-fix-'), path.basename(fixture.root));
  cpSync(fixture.root, copy, { recursive: true });
  const files = new Set(fix.edits.map((e) => e.file));
  for (const file of files) {
    const moved = path.join(copy, path.relative(fixture.root, file));
    writeFileSync(moved, applyEdits(readFileSync(moved, 'utf8'), fix.edits.filter((e) => e.file === file)));
  }
  return copy;
}

describe('interface fixes compile and silence their finding', () => {
  for (const [name, fixture] of Object.entries(FIXTURE_LIST)) {
    test(name, async () => {
      const original = await fixedFindings(path.join(fixture.root, fixture.lib));
      const offered = original.filter((f) => f.fixes.length > 0);
      // Each rule's fixes are exercised on each fixture (the list is not empty by accident).
      assert.ok(offered.length >= 4, offered.map((f) => f.message).join('\n'));
      const baseline = new Set(build(fixture, applyToCopy(fixture, { title: 'none', isPreferred: false, edits: [] })));
      for (const finding of offered) {
        for (const fix of finding.fixes) {
          const copy = applyToCopy(fixture, fix);
          const warnings = build(fixture, copy).filter((w) => !baseline.has(w));
          assert.deepEqual(warnings, [], `${fix.title}: new warnings`);
          const after = await fixedFindings(path.join(copy, fixture.lib));
          assert.ok(!after.some((f) => f.rule === finding.rule && f.message === finding.message), `${fix.title}: the finding remains: ${finding.message}`);
          assert.ok(after.filter((f) => f.rule === finding.rule).length < original.filter((f) => f.rule === finding.rule).length, `${fix.title}: no fewer ${finding.rule} findings`);
        }
      }
    });
  }
});
