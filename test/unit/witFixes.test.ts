// Quick fixes of `.wit` findings (server/src/wit/witFixes.ts): each offered edit, applied to the text, leaves a
// file the checker accepts (or only the findings the edit did not address), and nothing far-fetched is offered.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import type { Finding } from '../../server/src/engine/types';
import { LineIndex } from '../../server/src/parsing/lineIndex';
import { WitWorkspace } from '../../server/src/wit/packageFiles';

const root = mkdtempSync(path.join(tmpdir(), 'rpg-witfix-'));
after(() => rmSync(root, { recursive: true, force: true }));
let count = 0;

function check(text: string): { file: string; findings: Finding[] } {
  const file = path.join(root, `f${count++}`, 'plugin.wit');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return { file, findings: new WitWorkspace(() => undefined).check(file) };
}

function apply(text: string, finding: Finding, title: string): string {
  const fix = finding.fixes.find((f) => f.title === title);
  assert.ok(fix, `"${title}" among ${JSON.stringify(finding.fixes.map((f) => f.title))}`);
  const lines = new LineIndex(text);
  const edits = [...fix.edits].sort((a, b) => lines.offsetAt(b.range.start) - lines.offsetAt(a.range.start));
  let out = text;
  for (const edit of edits) out = out.slice(0, lines.offsetAt(edit.range.start)) + edit.newText + out.slice(lines.offsetAt(edit.range.end));
  return out;
}

describe('WIT quick fixes', () => {
  test('an unknown type: the close names in scope and the close primitives, closest first; the fix checks clean', () => {
    const text = 'package my:plugin;\n\ninterface api {\n  record config { name: string }\n  init: func(c: confg, n: u23) -> sting;\n}\n';
    const { findings } = check(text);
    assert.deepEqual(findings.map((f) => [f.rule, f.fixes.map((x) => x.title)]), [
      ['wit-unknown-type', ['Change to `config`']],
      ['wit-unknown-type', ['Change to `u32`']],
      ['wit-unknown-type', ['Change to `string`']],
    ]);
    let fixed = apply(text, findings[0], 'Change to `config`');
    fixed = apply(fixed, check(fixed).findings[0], 'Change to `u32`');
    fixed = apply(fixed, check(fixed).findings[0], 'Change to `string`');
    assert.equal(fixed, text.replace('confg', 'config').replace('u23', 'u32').replace('sting', 'string'));
    assert.deepEqual(check(fixed).findings, []);
  });

  test('nothing offered for a name far from every visible one', () => {
    const { findings } = check('package my:plugin;\ninterface api {\n  run: func(x: frobnicator);\n}\n');
    assert.deepEqual(findings.map((f) => [f.rule, f.fixes.length]), [['wit-unknown-type', 0]]);
  });

  test('a world exporting what it imports: "Remove the import" deletes the import lines, gates included', () => {
    const text = 'package my:plugin@1.0.0;\n\ninterface log {\n  write: func(s: string);\n}\n\nworld plugin {\n  @since(version = 1.0.0)\n  import log;\n  export log; // provided\n}\n';
    const { findings } = check(text);
    assert.deepEqual(findings.map((f) => f.rule), ['wit-import-export-conflict']);
    const fixed = apply(text, findings[0], 'Remove the import of `log`');
    assert.equal(fixed, text.replace('  @since(version = 1.0.0)\n  import log;\n', ''));
    assert.deepEqual(check(fixed).findings, []);
  });
});
