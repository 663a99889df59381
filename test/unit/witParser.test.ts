// The WIT parser (server/src/wit/parser.ts): the tree it builds, error positions, recovery, and that it survives
// any input. The oracle test (test/oracle/wit.oracle.test.ts) checks the same sources against wit-parser.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { packageText, usePathText, type TypeRef } from '../../server/src/wit/ast';
import { tokenize } from '../../server/src/wit/lexer';
import { MAX_TYPE_DEPTH } from '../../server/src/wit/parseTypes';
import { parseWit } from '../../server/src/wit/parser';
import { seededRandom } from '../support/seededRandom';
import { INVALID_WIT, shippedWitFiles, unmark, VALID_WIT } from '../support/witCases';

function typeText(type: TypeRef): string {
  switch (type.kind) {
    case 'builtin':
      return type.name;
    case 'named':
      return type.name.text;
    case 'list':
      return `list<${typeText(type.element)}${type.size === undefined ? '' : `, ${type.size}`}>`;
    case 'option':
      return `option<${typeText(type.inner)}>`;
    case 'result':
      return type.ok || type.err ? `result<${type.ok ? typeText(type.ok) : '_'}${type.err ? `, ${typeText(type.err)}` : ''}>` : 'result';
    case 'tuple':
      return `tuple<${type.items.map(typeText).join(', ')}>`;
    case 'handle':
      return `${type.own ? 'own' : 'borrow'}<${type.resource.text}>`;
    case 'map':
      return `map<${typeText(type.key)}, ${typeText(type.value)}>`;
    default:
      return type.inner ? `${type.kind}<${typeText(type.inner)}>` : type.kind;
  }
}

describe('WIT parser: the tree', () => {
  test('package, interfaces, functions and every kind of type definition', () => {
    const ast = parseWit(VALID_WIT['functions and records']);
    assert.deepEqual(ast.errors, []);
    assert.equal(packageText(ast.root.name!), 'my:plugin@1.0.0');
    const [host, guest] = ast.root.interfaces;
    assert.deepEqual(host.funcs.map((f) => `${f.name.text}(${f.params.map((p) => `${p.name.text}: ${typeText(p.type)}`).join(', ')})`), ['log(level: level, message: string)']);
    assert.deepEqual(guest.uses.map((u) => `${usePathText(u.path)}.{${u.names.map((n) => n.name.text).join(',')}}`), ['host.{level}']);
    assert.deepEqual(guest.types.map((t) => `${t.kind} ${t.name.text}`), ['record config', 'variant error-code', 'flags caps']);
    assert.deepEqual(
      guest.funcs.map((f) => `${f.name.text} -> ${f.result ? typeText(f.result) : '()'}`),
      ['init -> result<_, string>', 'run -> result<list<u8>, error-code>', 'capabilities -> caps', 'pair -> tuple<string>'],
    );
    const config = guest.types[0];
    assert.ok(config.kind === 'record');
    assert.deepEqual(config.fields.map((f) => `${f.name.text}: ${typeText(f.type)}`), ['name: string', 'verbosity: level', 'tags: list<string>', 'limit: option<u32>']);
    const [world] = ast.root.worlds;
    assert.deepEqual(world.externs.map((e) => `${e.direction} ${e.target.kind === 'path' ? usePathText(e.target.path) : e.target.name.text}`), ['import host', 'export guest']);
  });

  test('resources (constructor, methods, static), handles, async, future/stream, fixed-size lists, inline interfaces', () => {
    const ast = parseWit(VALID_WIT['resources, handles and async']);
    assert.deepEqual(ast.errors, []);
    const store = ast.root.interfaces[0];
    const blob = store.types[0];
    assert.ok(blob.kind === 'resource');
    assert.deepEqual(blob.funcs.map((f) => `${f.kind} ${f.name.text}${f.async ? ' async' : ''}`), ['constructor constructor', 'method size', 'static merge', 'method read async']);
    assert.deepEqual(blob.funcs[2].params.map((p) => typeText(p.type)), ['borrow<blob>', 'borrow<blob>']);
    assert.equal(typeText(blob.funcs[2].result!), 'own<blob>');
    assert.equal(typeText(blob.funcs[3].result!), 'future<list<u8>>');
    assert.deepEqual(store.funcs.map((f) => (f.result ? typeText(f.result) : f.params.map((p) => typeText(p.type)).join())), ['result<blob>', 'stream<string>', 'error-context', 'list<u8, 32>']);
    const world = ast.root.worlds[0];
    assert.deepEqual(world.externs.map((e) => `${e.direction} ${e.target.kind}`), ['import path', 'export func', 'import interface', 'export interface']);
  });

  test('gates, world uses and type definitions, include, nested packages, top-level use with `as`', () => {
    const gated = parseWit(VALID_WIT['gates, uses and includes']);
    assert.deepEqual(gated.errors, []);
    assert.deepEqual(gated.root.interfaces[0].gates.map((g) => `${g.kind}=${g.value}`), ['since=0.2.0']);
    assert.deepEqual(gated.root.interfaces[0].funcs.map((f) => f.gates.map((g) => `${g.kind}=${g.value}`).join(' ')), ['unstable=experimental', 'since=0.2.0 deprecated=0.2.1']);
    const full = gated.root.worlds[1];
    assert.deepEqual([full.includes.map((i) => usePathText(i.path)), full.uses.length, full.types.map((t) => t.name.text)], [['base'], 1, ['alias']]);
    const nested = parseWit(VALID_WIT['nested packages and top-level use']);
    assert.deepEqual(nested.errors, []);
    assert.deepEqual(nested.nested.map((b) => `${packageText(b.name!)}: ${b.interfaces.map((i) => i.name.text)}`), ['ext:lib@1.2.3: util']);
    assert.deepEqual(nested.topUses.map((u) => `${usePathText(u.path)} as ${u.as?.text}`), ['ext:lib/util@1.2.3 as geometry']);
    const include = parseWit('package a:b;\nworld v { import f: func(); }\nworld w { include v with { f as g, } }');
    assert.deepEqual(include.root.worlds[1].includes[0].with.map((w) => `${w.from.text}->${w.to.text}`), ['f->g']);
  });

  test('explicit `%` ids may spell keywords; names keep their spans', () => {
    const source = VALID_WIT['explicit ids, comments and upper case'];
    const ast = parseWit(source);
    assert.deepEqual(ast.errors, []);
    const iface = ast.root.interfaces[0];
    assert.equal(iface.name.text, 'interface');
    assert.equal(source.slice(iface.name.span.start, iface.name.span.end), '%interface');
    assert.deepEqual(iface.funcs.map((f) => f.name.text), ['type', 'ALL-CAPS', 'v2-api']);
  });

  test("every `.wit` file jco ships (WASI 0.2.10, 0.2.12, 0.3.0, wasi-tls, jco's node world) parses with zero errors", () => {
    const files = shippedWitFiles();
    assert.ok(files.length >= 40);
    let functions = 0;
    for (const file of files) {
      const ast = parseWit(readFileSync(file, 'utf8'));
      assert.deepEqual(ast.errors, [], file);
      functions += [ast.root, ...ast.nested].flatMap((b) => b.interfaces).reduce((n, i) => n + i.funcs.length + i.types.reduce((m, t) => m + (t.kind === 'resource' ? t.funcs.length : 0), 0), 0);
    }
    assert.ok(functions > 300, `functions read: ${functions}`);
  });
});

describe('WIT parser: errors', () => {
  for (const [name, marked] of Object.entries(INVALID_WIT)) {
    const { text, mark } = unmark(marked);
    const syntax = parseWit(text).errors;
    // Only the syntactic ones: unknown and duplicate names are check.ts's (test/unit/witCheck.test.ts).
    if (syntax.length === 0) continue;
    test(`${name}: the first error is on the offending token`, () => {
      assert.deepEqual(syntax[0].span, mark, syntax[0].message);
    });
  }

  test('recovers after a broken item: later items are parsed and their errors reported too', () => {
    const ast = parseWit('package a:b;\ninterface i {\n  f: func(x: );\n  g: func();\n}\ninterface j { h: func() -> ; }\nworld w { import i; }\n');
    assert.deepEqual(ast.errors.map((e) => e.message), ['expected a type, found `)`', 'expected a type, found `;`']);
    assert.deepEqual(ast.root.interfaces.map((i) => `${i.name.text}: ${i.funcs.map((f) => f.name.text)}`), ['i: g', 'j: ']);
    assert.equal(ast.root.worlds.length, 1);
  });

  test('unexpected characters and an unterminated block comment', () => {
    assert.deepEqual(tokenize('a # b').errors.map((e) => [e.span.start, e.span.end]), [[2, 3]]);
    assert.deepEqual(tokenize('a /* b /* c */').errors.map((e) => e.message), ['unterminated block comment: close it with `*/`']);
  });

  test('types nested deeper than the limit are an error, not a stack overflow', () => {
    const depth = 200_000;
    const ast = parseWit(`package a:b;\ninterface i { type t = ${'list<'.repeat(depth)}u8${'>'.repeat(depth)}; f: func(); }\n`);
    assert.equal(ast.errors.length, 1);
    assert.match(ast.errors[0].message, new RegExp(`nested more than ${MAX_TYPE_DEPTH} deep`));
    assert.deepEqual(ast.root.interfaces[0].funcs.map((f) => f.name.text), ['f']);
  });

  test('never throws: 3,000 random edits of valid sources, each parse ends with the errors inside the text', () => {
    const random = seededRandom(14);
    const sources = [...Object.values(VALID_WIT), ...Object.values(INVALID_WIT).map((s) => unmark(s).text)];
    const pieces = ['{', '}', '(', ')', '<', '>', ';', ',', ':', '->', '@', '%', '/*', '*/', '//', '///', 'package ', 'world ', 'interface ', 'func', 'use ', 'as ', 'resource ', '1.0.0', '@since(version = 1.0.0)', '😀', '\r', '\u0000', '"'];
    for (let round = 0; round < 3000; round++) {
      let text = sources[Math.floor(random() * sources.length)];
      for (let edit = 0; edit < 1 + Math.floor(random() * 4); edit++) {
        const at = Math.floor(random() * (text.length + 1));
        const cut = random() < 0.5 ? Math.floor(random() * 12) : 0;
        text = text.slice(0, at) + (random() < 0.7 ? pieces[Math.floor(random() * pieces.length)] : '') + text.slice(at + cut);
      }
      const ast = parseWit(text);
      for (const error of ast.errors) assert.ok(error.span.start >= 0 && error.span.end <= text.length && error.span.start <= error.span.end, JSON.stringify({ text, error }));
    }
  });
});
