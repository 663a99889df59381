import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { bodyOf, bodyStats, calleesOf, crateFunctions } from '../../server/src/bodies';
import type { FunctionItem } from '../../server/src/syntax/items';
import { testEngine, writeTree } from '../support/engine';

const MANIFEST = '[package]\nname = "p"\nversion = "0.1.0"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n';

const LIB = `mod util;
use util::helper;

pub struct Config { pub n: u32 }

impl Config {
    fn check(&self) -> u32 { self.n }
    fn run(&self) -> u32 { self.check() + Self::make().n }
    fn make() -> Config { Config { n: 1 } }
}

#[no_mangle]
pub extern "C" fn config_new(out: *mut *mut Config, d: u32) -> i32 {
    let v = vec![1, 2, 3];
    let x = v[d as usize] / d;
    let c = Box::new(Config { n: x });
    unsafe { *out = Box::into_raw(c); }
    let r = std::panic::catch_unwind(|| helper().unwrap());
    if x > 1 { 0 } else { util::other(x) }
}
`;

const UTIL = `pub fn helper() -> Option<u32> { None }
pub fn other(x: u32) -> i32 { x as i32 }
`;

async function fixture() {
  const root = writeTree({ 'Cargo.toml': MANIFEST, 'src/lib.rs': LIB, 'src/util.rs': UTIL });
  const engine = await testEngine();
  const crate = (await engine.crateOf(path.join(root, 'src/lib.rs')))!;
  const functions = crateFunctions(crate);
  const byName = (name: string) => functions.find((f) => f.fn.name === name)!;
  return { root, crate, byName };
}

describe('body facts', () => {
  test('calls, macros, lets, deref assignments, indexing, division and catch_unwind, in file positions', async () => {
    const { crate, byName } = await fixture();
    const target = byName('config_new');
    const facts = bodyOf(crate, target.fn, target.file);
    const text = crate.files.get(target.file)!.text.split('\n');
    const at = (range: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
      text[range.start.line].slice(range.start.character, range.start.line === range.end.line ? range.end.character : undefined);

    const intoRaw = facts.calls.find((c) => c.expr.callee.join('::') === 'Box::into_raw')!;
    assert.equal(at(intoRaw.range), 'Box::into_raw(c)');
    assert.equal(intoRaw.expr.args[0].text, 'c');
    const unwrap = facts.methodCalls.find((c) => c.expr.method === 'unwrap')!;
    assert.equal(unwrap.inCatchUnwind, true);
    assert.equal(unwrap.inClosure, true);
    assert.deepEqual(facts.macros.map((m) => [m.name, m.tokens]), [['vec', '1, 2, 3']]);
    assert.equal(facts.indexes.length, 1);
    assert.equal(at(facts.indexes[0].range), 'v[d as usize]');
    assert.equal(facts.divisions[0].right.text, 'd');
    const assignment = facts.assignments[0];
    assert.equal(assignment.throughDeref, true);
    assert.equal(assignment.target.text, 'out');
    assert.equal(assignment.value.kind, 'call');
    assert.deepEqual(facts.lets.map((l) => l.name), ['v', 'x', 'c', 'r']);
    assert.deepEqual(facts.params.map((p) => [p.name, p.type]), [['out', '*mut *mut Config'], ['d', 'u32']]);
    const tail = facts.returns.find((r) => r.isTail)!;
    assert.equal(tail.value.kind, 'branches');
    assert.deepEqual(tail.value.kind === 'branches' && tail.value.values.map((v) => v.text), ['0', 'util::other(x)']);
  });

  test('call graph: local, imported, module-qualified, Self:: and self.method()', async () => {
    const { crate, byName } = await fixture();
    const names = (name: string) => calleesOf(crate, byName(name)).map((c) => c.target.fn.name).sort();
    assert.deepEqual(names('config_new'), ['helper', 'other']);
    assert.deepEqual(names('run'), ['check', 'make']);
  });

  test('an unchanged function is not parsed again; an edited one is', async () => {
    const { root, crate, byName } = await fixture();
    const engine = await testEngine();
    const first = byName('config_new');
    bodyOf(crate, first.fn, first.file);
    bodyOf(crate, byName('run').fn, byName('run').file);
    // Insert a line at the top and edit only `run`'s body: config_new moves but keeps its text.
    const file = path.join(root, 'src/lib.rs');
    engine.files.openDocument(file, '// moved\n' + LIB.replace('self.check() + Self::make().n', 'self.check()'));
    try {
      const edited = (await engine.crateOf(file))!;
      const functions = crateFunctions(edited);
      const find = (name: string): FunctionItem => functions.find((f) => f.fn.name === name)!.fn;
      const before = bodyStats.parses;
      const moved = bodyOf(edited, find('config_new'), file);
      assert.equal(bodyStats.parses, before, 'config_new was parsed again');
      assert.equal(moved.calls.find((c) => c.expr.callee.join('::') === 'Box::into_raw')!.range.start.line, first.fn.range.start.line + 1 + 4);
      bodyOf(edited, find('run'), file);
      assert.equal(bodyStats.parses, before + 1);
    } finally {
      engine.files.closeDocument(file);
    }
  });
});
