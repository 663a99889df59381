// The real-world precision corpus (docs/precision.md): the built CLI (`npm run build` first) must make exactly the
// reviewed findings of test/corpus/findings.json, each with a verdict. After a rule change, `npm run corpus:update`
// and review the new entries.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { collectFindings, compareWithSnapshot, CORPUS, describeFinding, digest, loadProjects, loadSnapshot, VERDICTS } from '../../scripts/corpusFindings';

const LICENCE = /^(LICEN[CS]E|COPYING|.*_license$)/i;

describe('real-world corpus', () => {
  const projects = loadProjects();

  test('every project folder is listed, names its source and keeps its licence', () => {
    const folders = readdirSync(CORPUS).filter((name) => statSync(path.join(CORPUS, name)).isDirectory());
    assert.deepEqual(folders.sort(), projects.map((p) => p.name).sort());
    assert.ok(projects.length >= 12, `${projects.length} projects`);
    for (const p of projects) {
      const folder = path.join(CORPUS, p.name);
      const source = readFileSync(path.join(folder, 'SOURCE.md'), 'utf8');
      assert.ok(source.includes(p.repo) && source.includes(p.commit), `${p.name}/SOURCE.md names ${p.repo} at ${p.commit}`);
      assert.match(source, /Licence: /, `${p.name}/SOURCE.md names the licence`);
      const kept = readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((file) => LICENCE.test(path.basename(file)));
      assert.ok(kept.length > 0 && kept.every((file) => source.includes(path.basename(file))), `${p.name} keeps its licence files, named in SOURCE.md`);
      for (const glob of p.interfaces) assert.ok(existsSync(path.join(CORPUS, path.dirname(glob))), `${p.name}: the folder of ${glob} exists`);
    }
  });

  test('every snapshot entry is reviewed: a verdict and a one-line reason', () => {
    const unreviewed = loadSnapshot().filter((e) => !(VERDICTS as readonly string[]).includes(e.verdict) || e.reason.trim() === '' || e.reason.includes('\n'));
    assert.equal(unreviewed.length, 0, `review these entries of test/corpus/findings.json:\n${unreviewed.map(describeFinding).join('\n')}`);
  });

  test('a finding that appears, vanishes, changes its message or its runs is drift', () => {
    const finding = { project: 'p', rule: 'panic-across-ffi', file: 'p/src/lib.rs', line: 3, column: 8, digest: digest('can panic'), message: 'can panic', runs: ['plain' as const] };
    const entry = { ...finding, verdict: 'true-positive' as const, reason: 'r' };
    assert.deepEqual(compareWithSnapshot([entry], [finding]), { appeared: [], vanished: [], runsChanged: [] });
    const reworded = { ...finding, message: 'may panic', digest: digest('may panic') };
    assert.deepEqual(compareWithSnapshot([entry], [reworded]), { appeared: [reworded], vanished: [entry], runsChanged: [] });
    const both = { ...finding, runs: ['plain' as const, 'configured' as const] };
    assert.deepEqual(compareWithSnapshot([entry], [both]).runsChanged, [{ entry, runs: both.runs }]);
    assert.deepEqual(compareWithSnapshot([entry], []).vanished, [entry]);
  });

  test('the CLI makes exactly the findings of the snapshot', async () => {
    const drift = compareWithSnapshot(loadSnapshot(), await collectFindings(projects));
    const lines = [
      ...drift.appeared.map((f) => `appeared: ${describeFinding(f)}`),
      ...drift.vanished.map((e) => `vanished (${e.verdict}): ${describeFinding(e)}`),
      ...drift.runsChanged.map(({ entry, runs }) => `now in runs [${runs.join(', ')}]: ${describeFinding(entry)}`),
    ];
    assert.equal(lines.length, 0, `findings on test/corpus changed; run \`npm run corpus:update\` and review the new entries:\n${lines.join('\n')}`);
  });
});
