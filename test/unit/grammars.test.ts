// syntaxes/: the report grammar and the FFI-marker injection into Rust, tokenised with vscode-textmate and
// vscode-oniguruma (the engine VS Code uses). The injection is tested over a small stand-in `source.rust`
// that only knows comments and strings: enough to prove the `-comment -string` exclusion.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar } from 'vscode-textmate';

const root = path.join(__dirname, '..', '..');
const REPORT = 'source.rust-plugin-guard-report';
const INJECTION = 'source.rust.ffi-markers';

const baseRust = JSON.stringify({
  scopeName: 'source.rust',
  patterns: [
    { match: '//.*$', name: 'comment.line.double-slash.rust' },
    { begin: '"', end: '"', name: 'string.quoted.double.rust' },
  ],
});

const files: Record<string, string> = {
  [REPORT]: 'syntaxes/rust-plugin-guard-report.tmLanguage.json',
  [INJECTION]: 'syntaxes/rust-ffi-markers.injection.tmLanguage.json',
};

const registry = new Registry({
  onigLib: (async () => {
    await oniguruma.loadWASM(readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer as ArrayBuffer);
    return { createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns), createOnigString: (s: string) => new oniguruma.OnigString(s) };
  })(),
  loadGrammar: async (scopeName) => {
    if (scopeName === 'source.rust') return parseRawGrammar(baseRust, 'rust.json');
    const file = files[scopeName];
    return file ? parseRawGrammar(readFileSync(path.join(root, file), 'utf8'), path.join(root, file)) : null;
  },
  getInjections: (scopeName) => (scopeName === 'source.rust' ? [INJECTION] : undefined),
});

async function grammar(scopeName: string): Promise<IGrammar> {
  const loaded = await registry.loadGrammar(scopeName);
  assert.ok(loaded, `grammar ${scopeName} did not load`);
  return loaded;
}

/** Each token of one line as `text => innermost scope`, whitespace-only tokens left out. */
async function tokens(scopeName: string, line: string): Promise<string[]> {
  const { tokens: list } = (await grammar(scopeName)).tokenizeLine(line, INITIAL);
  return list.map((t) => `${line.slice(t.startIndex, t.endIndex)} => ${t.scopes[t.scopes.length - 1]}`).filter((t) => !/^\s* =>/.test(t));
}

describe('FFI marker injection into Rust', () => {
  test('repr(C) and unsafe(no_mangle)', async () => {
    assert.deepEqual(await tokens('source.rust', '#[repr(C)] #[unsafe(no_mangle)]'), [
      '#[ => source.rust',
      'repr => keyword.other.attribute.repr.ffi.rust',
      '( => punctuation.brackets.round.rust',
      'C => storage.modifier.repr-c.ffi.rust',
      ')] #[unsafe( => source.rust',
      'no_mangle => keyword.other.attribute.no-mangle.ffi.rust',
      ')] => source.rust',
    ]);
  });
  test('export_name and extern "C" / "C-unwind"', async () => {
    assert.deepEqual(await tokens('source.rust', '#[export_name = "sym"] pub extern "C-unwind" fn f() {}'), [
      '#[ => source.rust',
      'export_name => keyword.other.attribute.export-name.ffi.rust',
      ' =  => source.rust',
      '" => string.quoted.double.rust',
      'sym => string.quoted.double.rust',
      '" => string.quoted.double.rust',
      '] pub  => source.rust',
      'extern => keyword.other.extern.ffi.rust',
      '"C-unwind" => string.quoted.double.abi.ffi.rust',
      ' fn f() {} => source.rust',
    ]);
  });
  test('not in comments or strings, not repr(Rust) or extern "Rust", not export_name as a plain identifier', async () => {
    for (const line of ['// #[repr(C)] no_mangle extern "C"', 'let s = "no_mangle extern \\"C\\"";', '#[repr(Rust)] extern "Rust" fn f() {} let export_name = 1;']) {
      const scoped = (await tokens('source.rust', line)).filter((t) => t.includes('.ffi.'));
      assert.deepEqual(scoped, [], line);
    }
  });
});

describe('load report grammar', () => {
  test('labels, verdicts and numbers with units', async () => {
    assert.deepEqual(await tokens(REPORT, 'status: failed in 12.5 ms'), [
      'status => variable.other.property.label.rust-plugin-guard-report',
      ': => punctuation.separator.key-value.rust-plugin-guard-report',
      'failed => markup.deleted.verdict.failed.rust-plugin-guard-report',
      ' in  => source.rust-plugin-guard-report',
      '12.5 => constant.numeric.rust-plugin-guard-report',
      ' => source.rust-plugin-guard-report',
      'ms => keyword.other.unit.rust-plugin-guard-report',
    ].filter((t) => !/^\s* =>/.test(t)));
  });
  test('symbols in backticks, signals, paths and ok / not-run verdicts', async () => {
    const line = '  probe `greeter_new` ok, `greeter_free` not-run: SIGSEGV in /tmp/libgreeter.so';
    const scoped = (await tokens(REPORT, line)).filter((t) => !t.endsWith('=> source.rust-plugin-guard-report') && !t.includes('punctuation'));
    assert.deepEqual(scoped, [
      'greeter_new => entity.name.function.symbol.rust-plugin-guard-report',
      'ok => markup.inserted.verdict.ok.rust-plugin-guard-report',
      'greeter_free => entity.name.function.symbol.rust-plugin-guard-report',
      'not-run => markup.changed.verdict.skipped.rust-plugin-guard-report',
      'SIGSEGV => constant.language.signal.rust-plugin-guard-report',
      '/tmp/libgreeter.so => string.unquoted.path.rust-plugin-guard-report',
    ]);
  });
  test('headings', async () => {
    assert.deepEqual(await tokens(REPORT, '## Probes'), ['##  => markup.heading.rust-plugin-guard-report', 'Probes => entity.name.section.rust-plugin-guard-report']);
  });
});

test('package.json contributes the report language and both grammars', () => {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    contributes: { languages?: { id: string }[]; grammars?: { scopeName: string; path: string; language?: string; injectTo?: string[] }[] };
  };
  assert.ok(manifest.contributes.languages?.some((l) => l.id === 'rust-plugin-guard-report'));
  const grammars = manifest.contributes.grammars ?? [];
  assert.deepEqual(grammars.find((g) => g.scopeName === REPORT), { language: 'rust-plugin-guard-report', scopeName: REPORT, path: `./${files[REPORT]}` });
  assert.deepEqual(grammars.find((g) => g.scopeName === INJECTION), { scopeName: INJECTION, path: `./${files[INJECTION]}`, injectTo: ['source.rust'] });
});
