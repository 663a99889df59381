// wit-signature-mismatch and wit-unknown-export (issue 14, a Rust guest against its world), with their fixes:
// each fix is applied to the text and the crate checked again must be silent.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { Finding } from '../../server/src/engine/types';
import { applyEdits } from '../support/edits';
import { testEngine, writeTree } from '../support/engine';

const MANIFEST = '[package]\nname = "guest"\nversion = "0.1.0"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n\n[dependencies]\nwit-bindgen = "0.36"\n';
const WIT = `package demo:shapes@0.1.0;

interface types {
  record point { x: s32, y: s32 }
}

interface shapes {
  use types.{point};
  type id = u64;
  enum kind { square, circle }
  /// The area of a shape.
  area: func(kind: kind, size: f64) -> f64;
  centre: func(points: list<point>) -> option<point>;
  name-of: func(id: id, tags: list<string>) -> result<string, u32>;
  check: func(data: list<u8>) -> result;
  pair: func() -> tuple<u32, bool>;
}

world shapes-world {
  export shapes;
  export version: func() -> u32;
  export greet: func(name: string) -> string;
}
`;

const GENERATE = 'wit_bindgen::generate!({ world: "shapes-world", path: "wit" });\n\nstruct Component;\nexport!(Component);\n';
const WORLD_IMPL = `impl Guest for Component {
    fn version() -> u32 { 1 }
    fn greet(name: String) -> String { name }
}
`;
const SHAPES_IMPL = `use exports::demo::shapes::shapes::{Guest as ShapesGuest, Kind, Point};

impl ShapesGuest for Component {
    fn area(kind: Kind, size: f64) -> f64 { let _ = kind; size }
    fn centre(points: Vec<Point>) -> Option<Point> { points.into_iter().next() }
    fn name_of(id: u64, tags: Vec<String>) -> Result<String, u32> { let _ = (id, tags); Ok(String::new()) }
    fn check(data: Vec<u8>) -> Result<(), ()> { let _ = data; Ok(()) }
    fn pair() -> (u32, bool) { (1, true) }
}
`;
const COMPLETE = `${GENERATE}\n${WORLD_IMPL}\n${SHAPES_IMPL}`;
const RULES = new Set(['wit-signature-mismatch', 'wit-unknown-export', 'wit-missing-implementation']);

async function check(lib: string, wit = WIT): Promise<{ file: string; text: string; findings: Finding[] }> {
  const root = writeTree({ 'Cargo.toml': MANIFEST, 'src/lib.rs': lib, 'wit/shapes.wit': wit });
  const file = path.join(root, 'src', 'lib.rs');
  const { findings } = await (await testEngine()).check([root]);
  return { file, text: lib, findings: findings.filter((f) => RULES.has(f.rule)) };
}

function lines(found: { text: string; findings: Finding[] }): string[] {
  const all = found.text.split('\n');
  return found.findings.map((f) => `${f.rule} ${f.range.start.line + 1}: ${all[f.range.start.line].slice(f.range.start.character, f.range.end.line === f.range.start.line ? f.range.end.character : undefined)}`);
}

/** Applies the finding's one fix, writes the file back and checks the crate again: every guest rule silent. */
async function fixAndRecheck(found: { file: string; text: string; findings: Finding[] }, index = 0): Promise<string> {
  const fix = found.findings[index].fixes[0];
  assert.ok(fix, `a fix for ${found.findings[index].message}`);
  assert.ok(fix.edits.every((e) => e.file === found.file));
  const fixed = applyEdits(found.text, fix.edits);
  const root = path.dirname(path.dirname(found.file));
  const again = writeTree({ 'Cargo.toml': readFileSync(path.join(root, 'Cargo.toml'), 'utf8'), 'src/lib.rs': fixed, 'wit/shapes.wit': readFileSync(path.join(root, 'wit', 'shapes.wit'), 'utf8') });
  const { findings } = await (await testEngine()).check([again]);
  assert.deepEqual(findings.map((f) => `${f.rule}: ${f.message}`), [], `silent after the fix:\n${fixed}`);
  return fixed;
}

describe('wit-signature-mismatch', () => {
  test('silent: every signature as wit-bindgen generates it (owned String/Vec, Option, Result<(), ()>, tuples, generated and used types, an alias written as its target)', async () => {
    assert.deepEqual((await check(COMPLETE)).findings, []);
    // Any path to a generated type, and the alias `id` by its own name.
    const qualified = COMPLETE.replace('fn area(kind: Kind,', 'fn area(kind: exports::demo::shapes::shapes::Kind,').replace('fn name_of(id: u64,', 'fn name_of(id: exports::demo::shapes::shapes::Id,');
    assert.deepEqual((await check(qualified)).findings, []);
  });

  test('reported: `&str` for a string parameter, on the parameter type, with the WIT declaration as related information; "Fix signature" makes it silent', async () => {
    const found = await check(COMPLETE.replace('fn greet(name: String)', 'fn greet(name: &str)').replace('{ name }', '{ name.to_string() }'));
    assert.deepEqual(lines(found), ['wit-signature-mismatch 8: &str']);
    const [finding] = found.findings;
    assert.match(finding.message, /^Parameter `name` of `greet` is `&str`, but wit-bindgen passes the WIT type `string` as `String` \(`greet: func\(name: string\) -> string` in the world `shapes-world`\)/);
    assert.equal(finding.severity, 'error');
    assert.equal(path.basename(finding.related[0].location.file), 'shapes.wit');
    assert.deepEqual(finding.related[0].location.range, { start: { line: 21, character: 9 }, end: { line: 21, character: 14 } });
    assert.equal(finding.fixes[0].title, 'Fix signature: `greet` as wit-bindgen generates it');
    const fixed = await fixAndRecheck(found);
    assert.match(fixed, /fn greet\(name: String\) -> String \{ name\.to_string\(\) \}/);
  });

  test('reported: a wrong integer, a wrong element type, a wrong result, a missing result, an extra result, a wrong count; one fix rewrites each', async () => {
    const wrong = COMPLETE.replace('fn area(kind: Kind, size: f64) -> f64', 'fn area(kind: Kind, size: f32) -> f64')
      .replace('fn centre(points: Vec<Point>) -> Option<Point>', 'fn centre(points: Vec<i32>) -> Option<Point>')
      .replace('-> Result<String, u32>', '-> Result<String, i32>')
      .replace('fn version() -> u32 { 1 }', 'fn version() { }')
      .replace('fn pair() -> (u32, bool) { (1, true) }', 'fn pair(extra: u8) -> (u32, bool) { let _ = extra; (1, true) }')
      .replace('fn check(data: Vec<u8>) -> Result<(), ()> { let _ = data; Ok(()) }', 'fn check(data: Vec<u8>) -> Result<u8, ()> { let _ = data; Ok(0) }');
    const found = await check(wrong);
    assert.deepEqual(lines(found), [
      'wit-signature-mismatch 7: version',
      'wit-signature-mismatch 14: f32',
      'wit-signature-mismatch 15: Vec<i32>',
      'wit-signature-mismatch 16: Result<String, i32>',
      'wit-signature-mismatch 17: Result<u8, ()>',
      'wit-signature-mismatch 18: (extra: u8)',
    ]);
    assert.match(found.findings[0].message, /^`version` returns nothing, but `version: func\(\) -> u32` in the world `shapes-world` returns `u32`/);
    assert.match(found.findings[5].message, /^`pair` takes 1 parameter, but `pair: func\(\) -> tuple<u32, bool>` in the interface `demo:shapes\/shapes` takes 0/);
    // Fix them one by one: each leaves its function silent; the last leaves the crate silent.
    let text = wrong;
    for (let i = 0; i < 6; i++) {
      const now = await check(text);
      const fix = now.findings[0].fixes[0];
      assert.ok(fix, now.findings[0].message);
      text = applyEdits(text, fix.edits);
    }
    assert.deepEqual((await check(text)).findings, []);
    assert.match(text, /fn version\(\) -> u32 \{ \}/);
    assert.match(text, /fn pair\(\) -> \(u32, bool\)/);
  });

  test('silent: names the text cannot settle (a type alias, a `use … as` rename, std aliases like c_uint, io::Result), resources', async () => {
    const aliased = `${GENERATE}
type Text = String;
use std::os::raw::c_uint as Count;
impl Guest for Component {
    fn version() -> Count { 1 }
    fn greet(name: Text) -> Text { name }
}
${SHAPES_IMPL.replace('-> Result<String, u32>', '-> std::io::Result<String>')}`;
    assert.deepEqual(lines(await check(aliased)), []);
    // `use types.{point as pt}`: wit-bindgen's `Pt` is an alias of `Point`, so either is right; `Kind` is not.
    const renamed = WIT.replace('use types.{point};', 'use types.{point as pt};').replace('list<point>) -> option<point>', 'list<pt>) -> option<pt>');
    assert.deepEqual(lines(await check(COMPLETE, renamed)), []);
    assert.deepEqual(lines(await check(COMPLETE.replace('-> Option<Point>', '-> Option<Kind>'), renamed)), ['wit-signature-mismatch 15: Option<Kind>']);
    const withResource = WIT.replace('  pair: func() -> tuple<u32, bool>;', '  resource blob { size: func() -> u32; }\n  pair: func(b: blob) -> tuple<u32, bool>;');
    const resourceImpl = COMPLETE.replace('fn pair() -> (u32, bool) { (1, true) }', 'fn pair(b: String) -> (u32, bool) { let _ = b; (1, true) }').replace('impl ShapesGuest for Component {', 'impl ShapesGuest for Component {\n    type Blob = ();');
    assert.deepEqual(lines(await check(resourceImpl, withResource)), []);
  });

  test('with `with: { … }` remappings no generated type name is judged; primitives and strings still are', async () => {
    const remapped = COMPLETE.replace('path: "wit" }', 'path: "wit", with: { "demo:shapes/types/point": crate::MyPoint } }').replace('Vec<Point>) -> Option<Point>', 'Vec<MyPoint>) -> Option<MyPoint>').replace('fn greet(name: String)', 'fn greet(name: &str)');
    assert.deepEqual(lines(await check(`${remapped}\nstruct MyPoint;\n`)), ['wit-signature-mismatch 8: &str']);
  });

  test('silent: not a guest, an unreadable world', async () => {
    assert.deepEqual((await check('pub fn greet(name: &str) {}\n')).findings, []);
    assert.deepEqual((await check(COMPLETE.replace('fn greet(name: String)', 'fn greet(name: &str)'), 'package demo:shapes;\nworld shapes-world {\n')).findings, []);
  });
});

describe('guest impls outside the generate! module', () => {
  test('an interface impl through a glob import in a submodule is judged, and its fix spells types by the glob; a bare `Guest` beside another glob is not taken for the world\'s', async () => {
    const lib = `${GENERATE}\n${WORLD_IMPL}
mod shapes_impl {
    use crate::exports::demo::shapes::shapes::*;
    impl Guest for super::Component {
        fn area(kind: Kind, size: f64) -> f64 { let _ = kind; size }
        fn centre(points: Vec<Point>) -> Option<Point> { points.into_iter().next() }
        fn name_of(id: Id, tags: Vec<String>) -> Result<String, u32> { let _ = (id, tags); Ok(String::new()) }
        fn check(data: &[u8]) -> Result<(), ()> { let _ = data; Ok(()) }
        fn pair() -> (u32, bool) { (1, true) }
    }
}
`;
    const found = await check(lib);
    assert.deepEqual(lines(found), ['wit-signature-mismatch 17: &[u8]']);
    await fixAndRecheck(found);
    const other = `${GENERATE}\n${WORLD_IMPL}\n${SHAPES_IMPL}\nmod elsewhere {\n    use std::collections::*;\n    pub trait Guest { fn unrelated(); }\n    impl Guest for super::Component { fn unrelated() {} }\n}\n`;
    assert.deepEqual(lines(await check(other)), []);
    assert.deepEqual(lines(await check(other.replace('    use std::collections::*;\n', ''))), [], 'the module\'s own trait Guest');
  });
});

describe('wit-unknown-export', () => {
  test('reported: a method the world does not declare, as a warning pointing at the world', async () => {
    const found = await check(COMPLETE.replace('    fn greet(name: String) -> String { name }\n', '    fn greet(name: String) -> String { name }\n    fn farewell() {}\n'));
    assert.deepEqual(lines(found), ['wit-unknown-export 9: farewell']);
    const [finding] = found.findings;
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /^`farewell` is not a function of the world `shapes-world`: wit-bindgen's `Guest` trait has no such method \(E0407\); it has `version`, `greet`\.$/);
    assert.deepEqual(finding.related[0].location.range, { start: { line: 18, character: 6 }, end: { line: 18, character: 18 } });
  });

  test('reported in an interface impl; silent for a method gated out with @unstable, a keyword name, an inherent impl, another trait', async () => {
    const extra = COMPLETE.replace('    fn pair() -> (u32, bool) { (1, true) }\n', '    fn pair() -> (u32, bool) { (1, true) }\n    fn perimeter() -> f64 { 0.0 }\n');
    assert.deepEqual(lines(await check(extra)), ['wit-unknown-export 19: perimeter']);
    const gated = WIT.replace('  pair: func() -> tuple<u32, bool>;', '  pair: func() -> tuple<u32, bool>;\n  @unstable(feature = extras)\n  perimeter: func() -> f64;\n  %type: func() -> u8;');
    const keyword = extra.replace('    fn perimeter() -> f64 { 0.0 }\n', '    fn perimeter() -> f64 { 0.0 }\n    fn type_() -> u8 { 0 }\n');
    assert.deepEqual(lines(await check(keyword, gated)), []);
    const others = `${COMPLETE}\nimpl Component { fn helper() {} }\ntrait Other { fn other(); }\nimpl Other for Component { fn other() {} }\n`;
    assert.deepEqual(lines(await check(others)), []);
  });
});

describe('Implement missing world exports', () => {
  test('adds the missing methods to an impl, with the mapped signatures and todo!() bodies', async () => {
    const found = await check(COMPLETE.replace('    fn centre(points: Vec<Point>) -> Option<Point> { points.into_iter().next() }\n', '').replace('    fn greet(name: String) -> String { name }\n', ''));
    assert.deepEqual(lines(found).map((l) => l.split(':')[0]), ['wit-missing-implementation 6', 'wit-missing-implementation 12']);
    assert.equal(found.findings[0].fixes[0].title, 'Implement missing world exports');
    assert.equal(applyEdits(found.text, found.findings[0].fixes[0].edits).includes('    fn version() -> u32 { 1 }\n    fn greet(name: String) -> String {\n        todo!()\n    }\n}\n'), true);
    const shapes = applyEdits(found.text, found.findings[1].fixes[0].edits);
    assert.match(shapes, / {4}fn centre\(points: Vec<Point>\) -> Option<Point> \{\n {8}todo!\(\)\n {4}\}\n\}\n$/);
    await fixAndRecheck({ ...found, text: applyEdits(found.text, found.findings[0].fixes[0].edits), findings: [found.findings[1]] });
  });

  test('a new impl block for an interface with none, its types spelled by path; not offered when a type cannot be spelled', async () => {
    const found = await check(`${GENERATE}\n${WORLD_IMPL}`);
    assert.deepEqual(lines(found).map((l) => l.split(':')[0]), ['wit-missing-implementation 1']);
    const fixed = await fixAndRecheck(found);
    assert.match(fixed, /\nimpl exports::demo::shapes::shapes::Guest for Component \{\n {4}fn area\(kind: exports::demo::shapes::shapes::Kind, size: f64\) -> f64 \{\n {8}todo!\(\)\n {4}\}\n/);
    assert.match(fixed, /fn name_of\(id: exports::demo::shapes::shapes::Id, tags: Vec<String>\) -> Result<String, u32>/);
    const withResource = WIT.replace('  pair: func() -> tuple<u32, bool>;', '  resource blob { size: func() -> u32; }\n  pair: func() -> tuple<u32, bool>;');
    const noFix = await check(`${GENERATE}\n${WORLD_IMPL}`, withResource);
    assert.deepEqual(noFix.findings.map((f) => f.fixes.length), [0]);
  });
});
