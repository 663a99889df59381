// Two analyses at once (an edit's and the workspace pass interleave at every await): each reports the internal
// errors that happened in it, and neither takes or drops the other's.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { Engine } from '../../server/src/engine/engine';
import type { Rule } from '../../server/src/rules/rule';
import { StaleDocumentError } from '../../server/src/crate/fileStore';
import { nodeModulesAssets, writeTree } from '../support/engine';

const MANIFEST = (name: string) => `[package]\nname = "${name}"\nversion = "0.1.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n`;

test('concurrent analyses: each gets exactly the internal errors of its own crate', async () => {
  const root = writeTree({
    'a/Cargo.toml': MANIFEST('a'), 'a/src/lib.rs': 'pub fn a() {}\n',
    'b/Cargo.toml': MANIFEST('b'), 'b/src/lib.rs': 'pub fn b() {}\n',
  });
  // Fails on crate a only; the others let the analyses interleave (each rule is preceded by an await).
  const failing: Rule = {
    id: 'test-failing', defaultSeverity: 'warning', summary: 'fails on crate a',
    check: (crate) => {
      if (crate.rootFile.includes(`${path.sep}a${path.sep}`)) throw new Error('boom in a');
      return [];
    },
  };
  const quiet = (id: string): Rule => ({ id, defaultSeverity: 'warning', summary: 'nothing', check: () => [] });
  // Starts b's analysis from inside a's, right after a's failure was recorded.
  let startB: (() => void) | undefined;
  const trigger: Rule = { id: 'test-trigger', defaultSeverity: 'warning', summary: 'starts b', check: () => (startB?.(), (startB = undefined), []) };
  const engine = await Engine.create({ assets: nodeModulesAssets, rules: [quiet('q1'), failing, trigger, quiet('q2'), quiet('q3')] });
  for (const when of ['before a', 'inside a, after its failure']) {
    let b: ReturnType<Engine['analyzeFile']> | undefined;
    const analyseB = () => (b = engine.analyzeFile(path.join(root, 'b', 'src', 'lib.rs')));
    if (when === 'before a') analyseB();
    else startB = analyseB;
    const ra = await engine.analyzeFile(path.join(root, 'a', 'src', 'lib.rs'));
    const rb = await b!;
    assert.deepEqual(ra.internalErrors.map((e) => [e.part, e.message]), [['rule test-failing', 'boom in a']], `b started ${when}: a reports its own failure`);
    assert.deepEqual(rb.internalErrors, [], `b started ${when}: b had none`);
  }
  engine.dispose();
});

test('an analysis told its result is stale stops before the next rule (StaleDocumentError), running no more rules', async () => {
  const root = writeTree({ 'a/Cargo.toml': MANIFEST('a'), 'a/src/lib.rs': 'pub fn a() {}\n' });
  let ran = 0;
  let current = true;
  const counting = (id: string): Rule => ({ id, defaultSeverity: 'warning', summary: 'counts', check: () => (ran++, (current = ran < 2), []) });
  const engine = await Engine.create({ assets: nodeModulesAssets, rules: [counting('r1'), counting('r2'), counting('r3'), counting('r4')] });
  await assert.rejects(engine.analyzeFile(path.join(root, 'a', 'src', 'lib.rs'), {}, () => current), StaleDocumentError);
  assert.equal(ran, 2, 'the rule during which the edit came finished; none after it ran');
  engine.dispose();
});
