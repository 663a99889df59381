// Preflight against a real cargo-built cdylib whose source changes after the build.
import assert from 'node:assert/strict';
import { readFileSync, utimesSync, writeFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { crateExports } from '../../server/src/boundary/crateExports';
import { compareExports, preflight, preflightCrate, type PreflightResult } from '../../client/src/loader/preflight';
import { preflightOutcome } from '../../client/src/loader/preflightStep';
import type { HostMachine } from '../../client/src/loader/formats';
import { testEngine, writeTree } from '../support/engine';
import { cargoBuildLibrary, copyFormatsFixture } from '../support/formatsFixture';

const HOST: HostMachine = { platform: 'linux', arch: 'x64', endianness: 'LE' };

async function crateAt(crateDir: string) {
  const engine = await testEngine();
  // The engine caches parsed files; forget them so an edit made by the test is seen.
  engine.files.invalidate(path.join(crateDir, 'src', 'lib.rs'));
  const crate = await engine.crateOf(path.join(crateDir, 'src', 'lib.rs'));
  assert.ok(crate, `no crate model for ${crateDir}`);
  return crate;
}

describe('crateExports', () => {
  it("lists the fixture's exported functions and statics under their symbol names, nothing else", async () => {
    const crate = await crateAt(copyFormatsFixture());
    const exports = crateExports(crate).map(({ symbol, kind, item }) => ({ symbol, kind, item }));
    assert.deepEqual(exports, [
      { symbol: 'plugin_abi_version', kind: 'function', item: 'plugin_abi_version' },
      { symbol: 'plugin_name', kind: 'function', item: 'plugin_name' },
      { symbol: 'plugin_add', kind: 'function', item: 'add' },
      { symbol: 'PLUGIN_FLAGS', kind: 'static', item: 'PLUGIN_FLAGS' },
    ]);
  });

  it('leaves out generic functions, methods of generic impls and trait methods, which export nothing', async () => {
    const dir = writeTree({
      'lib.rs': [
        '#[no_mangle] pub extern "C" fn kept() {}',
        '#[no_mangle] pub extern "C" fn generic<T>(_: T) {}',
        'pub struct W<T>(T);',
        'impl<T> W<T> { #[no_mangle] pub extern "C" fn in_generic_impl() {} }',
        'pub struct S;',
        'impl S { #[no_mangle] pub extern "C" fn in_impl() {} }',
        'pub trait Tr { #[no_mangle] extern "C" fn in_trait(); }',
      ].join('\n'),
    });
    const crate = (await (await testEngine()).crateOf(path.join(dir, 'lib.rs')))!;
    assert.deepEqual(crateExports(crate).map((e) => e.symbol), ['kept', 'in_impl']);
  });
});

describe('preflight', () => {
  it('a fresh build matches its source: nothing missing, nothing stale, loadable', async () => {
    const crateDir = copyFormatsFixture();
    const library = cargoBuildLibrary(crateDir);
    const result = await preflightCrate(library, await crateAt(crateDir), { host: HOST });
    assert.equal(result.error, undefined);
    assert.deepEqual(result.library?.exports, ['PLUGIN_FLAGS', 'plugin_abi_version', 'plugin_add', 'plugin_name']);
    assert.deepEqual({ missing: result.missingFromLibrary, notInSource: result.notInSource, required: result.missingRequired, stale: result.staleBuild, canLoad: result.canLoad }, { missing: [], notInSource: [], required: [], stale: undefined, canLoad: true });
  });

  it('after the source gains and loses exports: reports them, the stale build and a missing required symbol; a rebuild clears it', async () => {
    const crateDir = copyFormatsFixture();
    const library = cargoBuildLibrary(crateDir);
    const lib = path.join(crateDir, 'src', 'lib.rs');
    const edited = readFileSync(lib, 'utf8').replace('#[no_mangle]\npub extern "C" fn plugin_name', 'pub extern "C" fn plugin_name') + '\n#[no_mangle]\npub extern "C" fn plugin_reset() {}\n';
    writeFileSync(lib, edited);
    const later = statSync(library).mtimeMs / 1000 + 5;
    utimesSync(lib, later, later);

    const result = await preflightCrate(library, await crateAt(crateDir), { host: HOST, requiredSymbols: ['plugin_abi_version', 'plugin_destroy'] });
    assert.deepEqual(result.missingFromLibrary.map((m) => ({ symbol: m.symbol, file: m.file, line: m.range.start.line })), [{ symbol: 'plugin_reset', file: lib, line: edited.split('\n').indexOf('pub extern "C" fn plugin_reset() {}') }]);
    assert.match(result.missingFromLibrary[0].message, /^`plugin_reset` is in the source but not in the library: rebuild/);
    assert.deepEqual(result.notInSource.map((n) => n.symbol), ['plugin_name']);
    assert.deepEqual(result.missingRequired.map((n) => n.symbol), ['plugin_destroy']);
    assert.equal(result.staleBuild?.newestSource.file, lib);
    assert.match(result.staleBuild!.message, /stale build/);
    assert.equal(result.canLoad, true, 'a stale library can still be loaded');

    const rebuilt = await preflightCrate(cargoBuildLibrary(crateDir), await crateAt(crateDir), { host: HOST });
    assert.deepEqual([rebuilt.missingFromLibrary, rebuilt.notInSource], [[], []]);
  });

  it('a file that is not a library: the reason, no exception, not loadable', async () => {
    const dir = writeTree({ 'libplugin.so': 'not a library\n' });
    const file = path.join(dir, 'libplugin.so');
    const result = await preflight({ libraryPath: file, sourceExports: [], host: HOST });
    assert.equal(result.error?.kind, 'not-a-library');
    assert.ok(result.error?.message.startsWith(file));
    assert.equal(result.library, undefined);
    assert.equal(result.canLoad, false);
  });

  it('required symbols name where the interface declares them; one also in the source is reported once, as the source\'s', () => {
    const range = { start: { line: 3, character: 0 }, end: { line: 3, character: 9 } };
    const source = [{ symbol: 'plugin_init', kind: 'function' as const, item: 'plugin_init', file: '/c/src/lib.rs', range }];
    const compared = compareExports(['plugin_abi_version'], source, [{ symbol: 'plugin_init', declaredAt: 'plugin.h:5' }, { symbol: 'plugin_reset', declaredAt: 'plugin.h:6' }, 'plugin_abi_version', 'plugin_stop']);
    assert.deepEqual(compared.missingRequired.map((m) => [m.symbol, m.declaredAt]), [['plugin_init', 'plugin.h:5'], ['plugin_reset', 'plugin.h:6'], ['plugin_stop', undefined]]);
    assert.equal(compared.missingRequired[1].message, "`plugin_reset` is required by `plugin.h:6` but not exported by the library: the host's lookup fails; export it with `#[no_mangle]`");
    assert.match(compared.missingRequired[2].message, /^`plugin_stop` is required by the plugin interface but not exported/);
    const result: PreflightResult = { libraryPath: '/l.so', library: undefined, error: undefined, problems: [], staleBuild: undefined, canLoad: true, ...compared };
    const outcome = preflightOutcome(result);
    assert.deepEqual(outcome.missingSymbols?.map((m) => [m.name, m.requiredBy]), [['plugin_init', 'plugin.h:5'], ['plugin_reset', 'plugin.h:6'], ['plugin_stop', undefined]]);
    assert.match(outcome.missingSymbols![0].message, /^`plugin_init` is in the source but not in the library/);
  });
});
