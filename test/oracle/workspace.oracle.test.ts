// rustc (through `cargo check`) as the oracle for types that come from another crate of the workspace: our
// findings in the plugin and the host sit exactly where cargo warns, and after our fixes (which edit the
// shared crate) cargo is silent and so are we.
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Finding, TextEdit } from '../../server/src/engine/types';
import { applyEdits } from '../support/edits';
import { tempDir, testEngine } from '../support/engine';
import { cargoFfiWarnings } from '../support/rustc';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'workspaces', 'shared-types');
const FFI_RULES = new Set(['missing-repr-c', 'ffi-unsafe-type']);

function key(file: string, line: number, column: number, endLine: number, endColumn: number): string {
  return `${file}:${line}:${column}-${endLine}:${endColumn}`;
}

function findingKey(f: Finding): string {
  return key(f.file, f.range.start.line + 1, f.range.start.character + 1, f.range.end.line + 1, f.range.end.character + 1);
}

async function ourFindings(workspace: string): Promise<Finding[]> {
  const engine = await testEngine();
  const { findings, errors } = await engine.check([workspace]);
  assert.deepEqual(errors, []);
  return findings.filter((f) => FFI_RULES.has(f.rule));
}

test('types from a workspace crate: same sites as cargo check, fixed in the defining crate', async () => {
  const workspace = tempDir('rpg-workspace-');
  cpSync(FIXTURE, workspace, { recursive: true });

  const before = cargoFfiWarnings(workspace);
  assert.deepEqual(before.errors, [], 'the fixture workspace must compile');
  const ours = await ourFindings(workspace);
  const cargoSites = new Set(before.warnings.map((w) => key(w.file, w.line, w.column, w.endLine, w.endColumn)));
  assert.equal(cargoSites.size, 5, 'cargo warns at five sites of the plugin and the host');
  assert.deepEqual(new Set(ours.map(findingKey)), cargoSites);
  for (const f of ours) assert.equal(f.rule, 'missing-repr-c', `${findingKey(f)}: every problem here is a missing repr`);

  // Every fix edits the shared crate, where the types are defined, never the crate that uses them.
  const shared = path.join(workspace, 'shared');
  const edits = new Map<string, TextEdit>();
  for (const f of ours) {
    const fix = f.fixes.find((candidate) => candidate.isPreferred);
    assert.ok(fix, `${findingKey(f)}: a preferred fix`);
    for (const edit of fix.edits) {
      assert.ok(edit.file.startsWith(shared + path.sep), `${fix.title} edits ${edit.file}, not the shared crate`);
      edits.set(`${edit.file}:${edit.range.start.line}`, edit);
    }
  }
  const byFile = new Map<string, TextEdit[]>();
  for (const edit of edits.values()) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  for (const [file, fileEdits] of byFile) writeFileSync(file, applyEdits(readFileSync(file, 'utf8'), fileEdits));
  const engine = await testEngine();
  for (const file of byFile.keys()) engine.files.invalidate(file);

  const after = cargoFfiWarnings(workspace);
  assert.deepEqual(after.errors, [], 'the fixed workspace must compile');
  assert.deepEqual(after.warnings, [], 'cargo is silent after our fixes');
  assert.deepEqual(await ourFindings(workspace), []);
});
