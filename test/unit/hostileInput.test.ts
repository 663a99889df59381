// Issue 20: input that used to overflow the stack, freeze the parser or make output quadratic. Each shape sits
// beside an ordinary export whose finding must still be reported; failures cost only their own part.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { bodyStats } from '../../server/src/bodies';
import { Engine } from '../../server/src/engine/engine';
import { NOT_ANALYSED } from '../../server/src/engine/notAnalysed';
import { MAX_RELATED } from '../../server/src/engine/types';
import { RustSource } from '../../server/src/parsing/rustSource';
import { createRustParser, parseWithBudget } from '../../server/src/parsing/treeSitter';
import { RULES } from '../../server/src/rules/registry';
import type { Rule } from '../../server/src/rules/rule';
import { nodeModulesAssets, testEngine, writeTree } from '../support/engine';
import { deepShapes, duplicateExports, GOOD_EXPORT, GOOD_EXPORT_LINE, slowToParse } from '../support/hostileInputs';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');
const MANIFEST = '[package]\nname = "p"\nversion = "0.1.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n';

async function checkFile(text: string) {
  const file = path.join(writeTree({ 'lib.rs': text }), 'lib.rs');
  const result = await (await testEngine()).check([file]);
  return { file, ...result };
}

const goodFinding = (findings: { rule: string; range: { start: { line: number } } }[]) =>
  findings.filter((f) => f.rule === 'ffi-unsafe-type' && f.range.start.line === GOOD_EXPORT_LINE);

describe('deep nesting', () => {
  for (const depth of [2_000, 10_000]) {
    for (const [shape, item] of Object.entries(deepShapes(depth))) {
      test(`${shape}, ${depth.toLocaleString('en-US')} deep: the other export's finding is still reported, no false alarm`, async () => {
        const { findings, errors } = await checkFile(GOOD_EXPORT + item);
        assert.deepEqual(errors, []);
        assert.equal(goodFinding(findings).length, 1, JSON.stringify(findings.map((f) => f.rule)));
        // Nothing is reported on the deep item itself, except the note that part of the file was not read.
        const onItem = findings.filter((f) => f.range.start.line > GOOD_EXPORT_LINE + 1);
        assert.deepEqual(onItem.map((f) => f.rule), []);
      });
    }
  }

  test('what is deeper than the walkers read is said on the file; shallower nesting is read whole', async () => {
    const deep = await checkFile(GOOD_EXPORT + deepShapes(2_000)['nested modules']);
    assert.deepEqual(deep.findings.filter((f) => f.rule === NOT_ANALYSED).map((f) => [f.severity, f.range.start.line]), [['information', 0]]);
    assert.deepEqual(deep.internalErrors, [], 'a depth limit is said on the file, not an internal error');
    // 100 levels are read: the inner export's `String` parameter is found.
    const shallow = await checkFile(GOOD_EXPORT + deepShapes(100)['nested modules']);
    assert.deepEqual(shallow.internalErrors, []);
    assert.deepEqual(shallow.findings.map((f) => [f.rule, f.range.start.line]), [['ffi-unsafe-type', 1], ['ffi-unsafe-type', 2]]);
  });

  test('an item the extractor fails on costs only that item, and rules that need the whole crate stay silent', async () => {
    const { findings, internalErrors } = await checkFile(GOOD_EXPORT + deepShapes(2_000)['nested use tree']);
    assert.equal(goodFinding(findings).length, 1);
    assert.deepEqual(internalErrors.map((e) => e.part), ['reading the item at line 3']);
    assert.match(internalErrors[0].message, /nested too deeply/);
    assert.ok(!internalErrors[0].message.includes('\n    at '), 'no stack trace');
  });

  test('a rule that throws costs only its own findings, and the failure names the crate', async () => {
    const broken: Rule = { id: 'broken', defaultSeverity: 'error', summary: 'throws', check: () => { throw new RangeError('Maximum call stack size exceeded'); } };
    const engine = await Engine.create({ assets: nodeModulesAssets, rules: [broken, ...RULES] });
    try {
      const file = path.join(writeTree({ 'lib.rs': GOOD_EXPORT }), 'lib.rs');
      const { findings, internalErrors } = await engine.check([file]);
      assert.equal(goodFinding(findings).length, 1);
      assert.deepEqual(internalErrors, [{ file, part: 'rule broken', message: 'the code is nested too deeply for the analysis (stack overflow)' }]);
    } finally {
      engine.dispose();
    }
  });

  test('tree-sitter itself parses 10,000-deep nesting of every shape', async () => {
    const parser = await createRustParser(nodeModulesAssets);
    try {
      for (const item of Object.values(deepShapes(10_000))) {
        const source = RustSource.parse(parser, item);
        assert.equal(source.timedOut, false);
        assert.equal(source.tree.rootNode.hasError, false);
        source.dispose();
      }
    } finally {
      parser.delete();
    }
  });

  test('the CLI names the file of an internal error, prints the other findings and exits 3 (not 2)', () => {
    const root = writeTree({ 'Cargo.toml': MANIFEST, 'src/lib.rs': GOOD_EXPORT + deepShapes(2_000)['nested use tree'] });
    const result = spawnSync(process.execPath, [CLI, 'check', '.'], { cwd: root, encoding: 'utf8' });
    assert.equal(result.status, 3, result.stderr);
    assert.match(result.stderr, /^rust-plugin-guard: src\/lib\.rs: internal error in reading the item at line 3: the code is nested too deeply/m);
    assert.ok(!/\n\s+at /.test(result.stderr), result.stderr);
    assert.match(result.stdout, /\[ffi-unsafe-type\]/);
  });
});

describe('parse time budget', () => {
  test('a parse over budget returns no tree, and the parser starts afresh on the next text', async () => {
    const parser = await createRustParser(nodeModulesAssets);
    try {
      assert.equal(parseWithBudget(parser, slowToParse(), null, 50), undefined);
      const next = parseWithBudget(parser, 'fn ok() {}');
      assert.equal(next?.rootNode.toString(), '(source_file (function_item name: (identifier) parameters: (parameters) body: (block)))');
      next?.delete();
    } finally {
      parser.delete();
    }
  });

  test('a file that cannot be parsed in time gets one information note; the rest of the crate is checked', async () => {
    const root = writeTree({ 'Cargo.toml': MANIFEST, 'src/lib.rs': `mod slow;\n${GOOD_EXPORT}`, 'src/slow.rs': slowToParse() });
    const engine = await testEngine();
    const { findings, internalErrors } = await engine.check([root]);
    assert.deepEqual(internalErrors, []);
    const notes = findings.filter((f) => f.rule === NOT_ANALYSED);
    assert.deepEqual(notes.map((f) => [path.basename(f.file), f.severity, f.range.start.line]), [['slow.rs', 'information', 0]]);
    assert.match(notes[0].message, /could not be analysed in time/);
    assert.deepEqual(findings.filter((f) => f.rule === 'ffi-unsafe-type').map((f) => [path.basename(f.file), f.range.start.line]), [['lib.rs', 2]]);
  });

  test('an open document that timed out is analysed again once an edit makes it parse', async () => {
    const engine = await Engine.create({ assets: nodeModulesAssets });
    try {
      const file = path.join(writeTree({ 'lib.rs': '' }), 'lib.rs');
      const slow = slowToParse();
      engine.files.openDocument(file, slow + GOOD_EXPORT);
      assert.deepEqual((await engine.analyzeFile(file)).findings.map((f) => f.rule), [NOT_ANALYSED]);
      // Close the raw string: `"####;` right after the opening quote ends it at once.
      engine.files.changeDocument(file, [{ range: { start: { line: 0, character: slow.indexOf('"') + 1 }, end: { line: 0, character: slow.length } }, text: '"####;\n' }]);
      assert.deepEqual((await engine.analyzeFile(file)).findings.map((f) => [f.rule, f.range.start.line]), [['ffi-unsafe-type', 2]]);
    } finally {
      engine.dispose();
    }
  });
});

describe('quadratic output', () => {
  test('3,000 copies of an export: each reported once, pointing at the first, related information capped', async () => {
    const { findings } = await checkFile(duplicateExports(3_000));
    const duplicates = findings.filter((f) => f.rule === 'duplicate-export');
    assert.equal(duplicates.length, 3_000);
    assert.ok(duplicates.every((f) => f.related.length <= MAX_RELATED));
    const [first, ...extras] = duplicates;
    assert.equal(first.related.length, MAX_RELATED);
    assert.ok(extras.every((f) => f.related.length === 1 && f.related[0].location.range.start.line === first.range.start.line), 'each extra points at the first');
    assert.match(first.message, /2,999 other items/);
  });
});

describe('body cache', () => {
  test('a crate of 4,500 exports (more than the old 4,000 entries) is parsed once; an edit re-parses one body', async () => {
    const lines = Array.from({ length: 4_500 }, (_, i) => `#[no_mangle] pub extern "C" fn f${i}(v: u32) -> u32 { v / ${i + 1} }`);
    const text = `${lines.join('\n')}\n`;
    const engine = await Engine.create({ assets: nodeModulesAssets });
    try {
      const file = path.join(writeTree({ 'lib.rs': '' }), 'lib.rs');
      engine.files.openDocument(file, text);
      await engine.analyzeFile(file);
      let before = bodyStats.parses;
      await engine.analyzeFile(file);
      assert.equal(bodyStats.parses - before, 0, 'an unchanged crate re-parses no body');
      const at = { line: 0, character: lines[0].indexOf('/ 1') + 2 }; // `v / 1` becomes `v / 01`
      engine.files.changeDocument(file, [{ range: { start: at, end: at }, text: '0' }]);
      before = bodyStats.parses;
      await engine.analyzeFile(file);
      assert.equal(bodyStats.parses - before, 1, 'only the edited function');
    } finally {
      engine.dispose();
    }
  });
});

test('a parse with a freed parser throws a clear error instead of reading freed wasm memory', async () => {
  const { createRustParser, freeParser, parseWithBudget } = await import('../../server/src/parsing/treeSitter');
  const parser = await createRustParser(nodeModulesAssets);
  parseWithBudget(parser, 'fn f() {}')?.delete();
  freeParser(parser);
  assert.throws(() => parseWithBudget(parser, 'fn g() {}'), /parser already freed: an analysis outlived its engine/);
  freeParser(parser); // twice is harmless
});
