// syntaxes/wit.tmLanguage.json tokenised with vscode-textmate and vscode-oniguruma (the engine VS Code uses), and
// the `wit` language contribution of package.json.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar, type StateStack } from 'vscode-textmate';
import { VALID_WIT } from '../support/witCases';

const root = path.join(__dirname, '..', '..');
const GRAMMAR = 'syntaxes/wit.tmLanguage.json';

const registry = new Registry({
  onigLib: (async () => {
    await oniguruma.loadWASM(readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer as ArrayBuffer);
    return { createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns), createOnigString: (s: string) => new oniguruma.OnigString(s) };
  })(),
  loadGrammar: async (scopeName) => (scopeName === 'source.wit' ? parseRawGrammar(readFileSync(path.join(root, GRAMMAR), 'utf8'), path.join(root, GRAMMAR)) : null),
});

async function grammar(): Promise<IGrammar> {
  const loaded = await registry.loadGrammar('source.wit');
  assert.ok(loaded, 'the WIT grammar did not load');
  return loaded;
}

/** Each token of `text` as `text => innermost scope` (without `.wit`), line by line, whitespace-only tokens left out. */
async function tokens(text: string): Promise<string[]> {
  const wit = await grammar();
  let state: StateStack = INITIAL;
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const result = wit.tokenizeLine(line, state);
    state = result.ruleStack;
    for (const t of result.tokens) {
      const piece = line.slice(t.startIndex, t.endIndex);
      if (piece.trim() === '') continue;
      out.push(`${piece.trim()} => ${t.scopes[t.scopes.length - 1].replace(/\.wit$/, '')}`);
    }
  }
  return out;
}

async function scopeOf(text: string, piece: string): Promise<string[]> {
  return (await tokens(text)).filter((t) => t.startsWith(`${piece} => `)).map((t) => t.slice(piece.length + 4));
}

describe('WIT grammar', () => {
  test('package declaration: namespace, name, version', async () => {
    assert.deepEqual(await tokens('package wasi:io@0.2.12;'), [
      'package => keyword.other.package',
      'wasi => entity.name.namespace',
      ': => punctuation.separator.namespace',
      'io => entity.name.type.package',
      '@ => punctuation.separator.version',
      '0.2.12 => constant.numeric.version',
      '; => punctuation.terminator',
    ]);
  });

  test('comments: line, doc, block (nested) and doc block', async () => {
    assert.deepEqual(await tokens('// plain\n/// docs\n/* a /* nested */ still */ world w {}\n/** doc block */'), [
      '// plain => comment.line.double-slash',
      '/// docs => comment.line.documentation',
      '/* => comment.block',
      'a => comment.block',
      '/* => comment.block',
      'nested => comment.block',
      '*/ => comment.block',
      'still => comment.block',
      '*/ => comment.block',
      'world => storage.type.world',
      'w => entity.name.type.world',
      '{ => punctuation.brackets.curly',
      '} => punctuation.brackets.curly',
      '/** => comment.block.documentation',
      'doc block => comment.block.documentation',
      '*/ => comment.block.documentation',
    ]);
  });

  test('feature gates', async () => {
    assert.deepEqual(await tokens('@since(version = 0.2.0) @unstable(feature = fancy-io) @deprecated(version = 1.0.0-rc.1)'), [
      '@ => punctuation.definition.annotation',
      'since => storage.modifier.gate.since',
      '( => punctuation.brackets.round',
      'version => variable.parameter.gate',
      '= => keyword.operator.assignment',
      '0.2.0 => constant.numeric.version',
      ') => punctuation.brackets.round',
      '@ => punctuation.definition.annotation',
      'unstable => storage.modifier.gate.unstable',
      '( => punctuation.brackets.round',
      'feature => variable.parameter.gate',
      '= => keyword.operator.assignment',
      'fancy-io => entity.name.tag.feature',
      ') => punctuation.brackets.round',
      '@ => punctuation.definition.annotation',
      'deprecated => storage.modifier.gate.deprecated',
      '( => punctuation.brackets.round',
      'version => variable.parameter.gate',
      '= => keyword.operator.assignment',
      '1.0.0-rc.1 => constant.numeric.version',
      ') => punctuation.brackets.round',
    ]);
  });

  test('functions, types and brackets', async () => {
    const line = '  read: async func(len: u64, into: borrow<buffer>) -> result<list<u8>, stream-error>;';
    assert.deepEqual(await tokens(line), [
      'read => entity.name.function',
      ': => punctuation.separator.colon',
      'async => storage.modifier.async',
      'func => storage.type.function',
      '( => punctuation.brackets.round',
      'len => variable.other',
      ': => punctuation.separator.colon',
      'u64 => support.type.primitive',
      ', => punctuation.separator.comma',
      'into => variable.other',
      ': => punctuation.separator.colon',
      'borrow => support.type.builtin',
      '< => punctuation.brackets.angle',
      'buffer => variable.other',
      '> => punctuation.brackets.angle',
      ') => punctuation.brackets.round',
      '-> => keyword.operator.arrow',
      'result => support.type.builtin',
      '< => punctuation.brackets.angle',
      'list => support.type.builtin',
      '< => punctuation.brackets.angle',
      'u8 => support.type.primitive',
      '> => punctuation.brackets.angle',
      ', => punctuation.separator.comma',
      'stream-error => variable.other',
      '> => punctuation.brackets.angle',
      '; => punctuation.terminator',
    ]);
  });

  test('map<K, V> is a builtin type; a name containing it is not', async () => {
    assert.deepEqual(await tokens('  type by-id = map<u32, map-entry>;'), [
      'type => storage.type.type',
      'by-id => entity.name.type',
      '= => keyword.operator.assignment',
      'map => support.type.builtin',
      '< => punctuation.brackets.angle',
      'u32 => support.type.primitive',
      ', => punctuation.separator.comma',
      'map-entry => variable.other',
      '> => punctuation.brackets.angle',
      '; => punctuation.terminator',
    ]);
  });

  test('type definitions, resources and world items with package paths', async () => {
    const text = 'record point { x: s32 }\nresource blob { constructor(); merge: static func(); }\nworld w { import wasi:io/streams@0.2.0; export run: func(); include base; use types.{id as ident}; }';
    assert.deepEqual(await scopeOf(text, 'record'), ['storage.type.record']);
    assert.deepEqual(await scopeOf(text, 'point'), ['entity.name.type']);
    assert.deepEqual(await scopeOf(text, 'blob'), ['entity.name.type']);
    assert.deepEqual(await scopeOf(text, 'constructor'), ['entity.name.function.constructor']);
    assert.deepEqual(await scopeOf(text, 'static'), ['storage.modifier.static']);
    assert.deepEqual(await scopeOf(text, 'merge'), ['entity.name.function']);
    assert.deepEqual(await scopeOf(text, 'import'), ['keyword.control.import']);
    assert.deepEqual(await scopeOf(text, 'export'), ['keyword.control.export']);
    assert.deepEqual(await scopeOf(text, 'include'), ['keyword.control.include']);
    assert.deepEqual(await scopeOf(text, 'as'), ['keyword.control.as']);
    assert.deepEqual(await scopeOf(text, 'streams'), ['entity.name.type.interface']);
    assert.deepEqual(await scopeOf(text, '0.2.0'), ['constant.numeric.version']);
    assert.deepEqual(await scopeOf(text, 'run'), ['entity.name.function']);
  });

  test('keywords inside names and `%` names are names', async () => {
    assert.deepEqual(await tokens('string-list: func(%type: u8) -> list-of-things;'), [
      'string-list => entity.name.function',
      ': => punctuation.separator.colon',
      'func => storage.type.function',
      '( => punctuation.brackets.round',
      '%type => variable.other',
      ': => punctuation.separator.colon',
      'u8 => support.type.primitive',
      ') => punctuation.brackets.round',
      '-> => keyword.operator.arrow',
      'list-of-things => variable.other',
      '; => punctuation.terminator',
    ]);
  });

  test('every valid test source tokenises with no unscoped word', async () => {
    for (const [name, source] of Object.entries(VALID_WIT)) {
      const bare = (await tokens(source)).filter((t) => t.endsWith('=> source'));
      assert.deepEqual(bare, [], name);
    }
  });

  test('package.json contributes the `wit` language for `*.wit` with this grammar and its configuration', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { languages: { id: string; extensions?: string[]; configuration?: string }[]; grammars: { language?: string; scopeName: string; path: string }[] } };
    const language = manifest.contributes.languages.find((l) => l.id === 'wit');
    assert.deepEqual(language?.extensions, ['.wit']);
    const configuration = JSON.parse(readFileSync(path.join(root, language!.configuration!), 'utf8')) as { comments: unknown; brackets: string[][]; autoClosingPairs: { open: string }[] };
    assert.deepEqual(configuration.comments, { lineComment: '//', blockComment: ['/*', '*/'] });
    assert.deepEqual(configuration.brackets, [['{', '}'], ['(', ')'], ['<', '>']]);
    assert.deepEqual(configuration.autoClosingPairs.map((p) => p.open), ['{', '(', '<', '/*']);
    const contributed = manifest.contributes.grammars.find((g) => g.language === 'wit');
    assert.deepEqual(contributed, { language: 'wit', scopeName: 'source.wit', path: `./${GRAMMAR}` });
  });
});
