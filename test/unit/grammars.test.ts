// syntaxes/: the report grammar and the FFI-marker injection into Rust, tokenised with vscode-textmate and
// vscode-oniguruma (the engine VS Code uses). The injection is tested over a small stand-in `source.rust`
// that only knows comments and strings: enough to prove the `-comment -string` exclusion.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar } from 'vscode-textmate';
import { formatReportText } from '../../client/src/loader/formatText';
import type { LoadReport } from '../../client/src/loader/report';

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

describe('load report grammar on a report made by formatReportText', () => {
  const S = '.rust-plugin-guard-report';
  const report: LoadReport = {
    version: 1,
    status: 'crashed',
    library: '/work/target/debug/libhealthy.so',
    crate: { name: 'healthy', manifest: '/work/healthy/Cargo.toml', profile: 'debug' },
    loadMs: 0.95,
    exports: ['config_free', 'config_new', 'plugin_abi_version', 'plugin_description'],
    missingSymbols: [{ name: 'plugin_reset', message: '`plugin_reset` is exported by the source but not by the library' }],
    staleSymbols: [],
    probes: [
      { name: 'plugin_abi_version', declaration: 'uint32_t plugin_abi_version(void)', status: 'ok', value: 3, ms: 0.01 },
      { name: 'plugin_description', declaration: 'char *plugin_description(void)', status: 'ok', value: 'a "quoted" text', freedWith: 'plugin_string_free', ms: 0.07 },
      { name: 'config_new', declaration: 'void *config_new(void)', status: 'ok', value: '0x55d0c3a2b2c0' },
      { name: 'session_new', declaration: 'void *session_new(void)', status: 'failed', value: null },
      { name: 'plugin_ready', declaration: 'bool plugin_ready(void)', status: 'ok', value: true },
      { name: 'plugin_scale', declaration: 'double plugin_scale(void)', status: 'not-run' },
      { name: 'plugin_init', declaration: 'int plugin_init(void)', status: 'crashed' },
    ],
    leaks: [
      { constructor: 'config_new', destructor: 'config_free', measure: 'mallinfo2', verdict: 'ok', iterations: 91561, roundBytesPerIteration: [5.74, 0.34, 0.04], bytesPerIteration: 0.04 },
      { constructor: 'session_new', destructor: 'session_free', measure: 'mallinfo2', verdict: 'leak', iterations: 2000, roundBytesPerIteration: [40, 32.01, 32.02], bytesPerIteration: 32.01 },
      { constructor: 'buffer_new', measure: 'rss', verdict: 'leak', iterations: 200, roundBytesPerIteration: [4200, 4149.04, 4150], bytesPerIteration: 4149.04 },
    ],
    crash: { kind: 'signal', signal: 'SIGABRT', step: 'call plugin_init', functions: ['plugin_init'], message: 'SIGABRT (panic) during call plugin_init', panic: 'panicked at src/lib.rs:12:9: no ABI version registered' },
    notes: ['plugin_add not called: takes arguments the loader cannot invent'],
    stderr: '',
    totalMs: 412,
  };
  const lines = formatReportText(report).split('\n');

  /** The line of the report that starts with `prefix` (the test fails if formatReportText stops writing it). */
  function line(prefix: string): string {
    const found = lines.find((l) => l.startsWith(prefix));
    assert.ok(found, `no line starting with "${prefix}" in:\n${lines.join('\n')}`);
    return found;
  }

  /** Asserts that each `text` is a token of `text` on that line, with that innermost scope (every occurrence). */
  async function expectScopes(text: string, expected: Record<string, string>): Promise<void> {
    const list = await tokens(REPORT, text);
    for (const [token, scope] of Object.entries(expected)) {
      const found = list.filter((t) => t.startsWith(`${token} => `));
      assert.ok(found.length > 0, `"${token}" is not one token of "${text}":\n${list.join('\n')}`);
      for (const t of found) assert.equal(t, `${token} => ${scope}${S}`, text);
    }
  }

  test('the header and the overall verdicts', async () => {
    await expectScopes(line('load report:'), { 'load report': 'keyword.other.report', crashed: 'markup.deleted.verdict.crashed' });
    const verdicts = { ok: 'markup.inserted.verdict.ok', failed: 'markup.deleted.verdict.failed', refused: 'markup.changed.verdict.refused' } as const;
    for (const [status, scope] of Object.entries(verdicts)) {
      const text = formatReportText({ ...report, status: status as LoadReport['status'] }).split('\n')[0]!;
      await expectScopes(text, { [status]: scope });
    }
  });

  test('library, crate and load time: paths, profile, numbers with units', async () => {
    await expectScopes(line('library:'), { library: 'keyword.other.library', '/work/target/debug/libhealthy.so': 'string.unquoted.path' });
    await expectScopes(line('crate:'), { healthy: 'entity.name.type.crate', debug: 'constant.other.profile', '/work/healthy/Cargo.toml': 'string.unquoted.path' });
    await expectScopes(line('loaded:'), { '0.95': 'constant.numeric', ms: 'keyword.other.unit' });
  });

  test('exported and missing symbols', async () => {
    await expectScopes(line('exports:'), { '4': 'constant.numeric', config_free: 'entity.name.function.symbol', config_new: 'entity.name.function.symbol', plugin_abi_version: 'entity.name.function.symbol', plugin_description: 'entity.name.function.symbol' });
    await expectScopes(line('missing:'), { missing: 'markup.deleted.verdict.failed', plugin_reset: 'entity.name.function.symbol' });
  });

  test('probes: verdicts, symbols and every kind of value', async () => {
    await expectScopes(line('probe ok: plugin_abi_version'), { ok: 'markup.inserted.verdict.ok', plugin_abi_version: 'entity.name.function.symbol', '3': 'constant.numeric', '0.01': 'constant.numeric', ms: 'keyword.other.unit' });
    await expectScopes(line('probe ok: plugin_description'), { '"a \\"quoted\\" text"': 'string.quoted.double', 'freed with': 'keyword.other.freed-with', plugin_string_free: 'entity.name.function.symbol' });
    await expectScopes(line('probe ok: config_new'), { '0x55d0c3a2b2c0': 'constant.numeric.hex.pointer' });
    await expectScopes(line('probe ok: plugin_ready'), { true: 'constant.language.boolean' });
    await expectScopes(line('probe failed:'), { failed: 'markup.deleted.verdict.failed', session_new: 'entity.name.function.symbol' });
    await expectScopes(line('probe not-run:'), { 'not-run': 'markup.changed.verdict.not-run', plugin_scale: 'entity.name.function.symbol' });
    await expectScopes(line('probe crashed:'), { crashed: 'markup.deleted.verdict.crashed', plugin_init: 'entity.name.function.symbol' });
  });

  test('leak check: ok and leak verdicts, pairs, the measure and the figures', async () => {
    await expectScopes(line('leak ok:'), { leak: 'keyword.other.leak', ok: 'markup.inserted.verdict.ok', config_new: 'entity.name.function.symbol', config_free: 'entity.name.function.symbol', mallinfo2: 'support.constant.measure', '0.04': 'constant.numeric', '5.74': 'constant.numeric', '91561': 'constant.numeric', 'B/iteration': 'keyword.other.unit' });
    const leaked = await tokens(REPORT, line('leak leak:'));
    assert.deepEqual(leaked.slice(0, 2), [`leak => keyword.other.leak${S}`, `leak => markup.deleted.verdict.failed${S}`]);
    assert.ok(leaked.includes(`32.01 => constant.numeric${S}`), leaked.join('\n'));
    await expectScopes(line('growth leak:'), { growth: 'keyword.other.leak', leak: 'markup.deleted.verdict.failed', buffer_new: 'entity.name.function.symbol', rss: 'support.constant.measure', '4149.04': 'constant.numeric' });
  });

  test('crash and panic: signal, step, source location', async () => {
    await expectScopes(line('crash:'), { crash: 'markup.deleted.verdict.crashed', SIGABRT: 'constant.language.signal', call: 'keyword.other.step', plugin_init: 'entity.name.function.symbol' });
    await expectScopes(line('panic:'), { 'panicked at': 'keyword.other.panic', 'src/lib.rs': 'string.unquoted.path', ':12:9': 'constant.numeric.line' });
    await expectScopes('crash: timed out after 5 s in call plugin_init; the process was killed', { '5': 'constant.numeric', s: 'keyword.other.unit', plugin_init: 'entity.name.function.symbol' });
    await expectScopes('crash: exited with code 101 during free config_free', { '101': 'constant.numeric', free: 'keyword.other.step', config_free: 'entity.name.function.symbol' });
  });

  test('summary and notes', async () => {
    await expectScopes(line('summary:'), { summary: 'keyword.other.summary', '412': 'constant.numeric', ok: 'markup.inserted.verdict.ok', failed: 'markup.deleted.verdict.failed', crashed: 'markup.deleted.verdict.crashed', missing: 'markup.deleted.verdict.failed' });
    await expectScopes(line('note:'), { note: 'keyword.other.report-key' });
    const refused = formatReportText({ ...report, status: 'refused', crash: undefined, refusal: 'koffi.load failed: Failed to load shared library: undefined symbol: host_log' });
    await expectScopes(refused.split('\n').find((l) => l.startsWith('refused:'))!, { refused: 'markup.changed.verdict.refused' });
    await expectScopes(refused.split('\n').find((l) => l.startsWith('summary:'))!, { 'not loaded': 'markup.changed.verdict.refused' });
  });

  test('suspicious probes, stubbed host functions and processes left running', async () => {
    const text = formatReportText({
      ...report,
      status: 'failed',
      crash: undefined,
      probes: [{ name: 'plugin_name', declaration: 'char *plugin_name(void)', status: 'suspicious', value: 'a\u0001b', ms: 0.02 }],
      hostStubs: { library: '/cache/stubs/x.so', functions: [{ symbol: 'host_log', declaredAt: 'src/lib.rs:19', calls: 2, arguments: [['2', '"plugin starting"']] }] },
      leftRunning: [4242],
    }).split('\n');
    const starting = (prefix: string) => text.find((l) => l.startsWith(prefix)) ?? assert.fail(`no line starting with "${prefix}" in:\n${text.join('\n')}`);
    await expectScopes(starting('probe suspicious:'), { suspicious: 'markup.changed.verdict.suspicious', plugin_name: 'entity.name.function.symbol' });
    await expectScopes(starting('host:'), { host: 'keyword.other.host', host_log: 'entity.name.function.symbol', '(src/lib.rs:19)': 'string.unquoted.path', '"plugin starting"': 'string.quoted.double' });
    await expectScopes(starting('processes:'), { processes: 'markup.deleted.verdict.failed', '4242': 'constant.numeric' });
  });

  test('words inside free text are not verdicts', async () => {
    // "failed" in a refusal message or a note is prose, not the line's status.
    const scoped = (await tokens(REPORT, 'refused: koffi.load failed: Failed to load shared library')).filter((t) => t.includes('verdict'));
    assert.deepEqual(scoped, [`refused => markup.changed.verdict.refused${S}`]);
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

describe('load report grammar on a WebAssembly guest report', () => {
  const S = '.rust-plugin-guard-report';
  const name = 'rpg:guest/text@0.1.0#first-word';
  const report: LoadReport = {
    version: 1, status: 'failed', library: '/work/guest.wasm', missingSymbols: [{ name: 'version', message: 'world `plugin` exports `version`' }], staleSymbols: [], notes: [], stderr: '', totalMs: 9,
    wrongSignatures: [{ name: 'rpg:guest/text@0.1.0#sum', message: 'the module exports it as (i32, i32) -> i32' }],
    probes: [{ name, declaration: 'first-word: func(text: string) -> option<string>', status: 'ok', arguments: ['"rpg-probe"'], valueText: 'some("rpg-probe")', ms: 1 }],
    leaks: [],
  };
  const lines = formatReportText(report).split('\n');

  test('component names are one symbol token on probe, missing and signature lines', async () => {
    const probe = await tokens(REPORT, lines.find((l) => l.startsWith('probe ok:'))!);
    assert.ok(probe.includes(`${name} => entity.name.function.symbol${S}`), probe.join('\n'));
    const signature = await tokens(REPORT, lines.find((l) => l.startsWith('signature:'))!);
    assert.ok(signature.includes(`signature => markup.deleted.verdict.failed${S}`), signature.join('\n'));
    assert.ok(signature.includes(`rpg:guest/text@0.1.0#sum => entity.name.function.symbol${S}`), signature.join('\n'));
    const missing = await tokens(REPORT, lines.find((l) => l.startsWith('missing:'))!);
    assert.ok(missing.includes(`version => entity.name.function.symbol${S}`), missing.join('\n'));
  });
});
