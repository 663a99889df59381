// The generated stub library itself, built by the real rustc and called through koffi: every kind of
// parameter is recorded as documented and every kind of return is zero.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import * as koffi from 'koffi';
import { hostCallsOf } from '../../client/src/loader/hostCalls';
import { hostStubLibrary, STUB_CACHE_ENV } from '../../client/src/loader/hostStubBuild';
import { FLUSH_SYMBOL, HOST_CALLS_ENV } from '../../client/src/loader/hostStubSource';
import type { HostImport } from '../../server/src/protocol/loader';
import { tempDir } from '../support/engine';

const at = 'src/lib.rs:1';
const IMPORTS: HostImport[] = [
  { symbol: 'rpg_test_mix', declaredAt: at, params: [{ kind: 'scalar', rust: 'i64' }, { kind: 'scalar', rust: 'f64' }, { kind: 'scalar', rust: 'bool' }, { kind: 'c-string' }, { kind: 'pointer' }, { kind: 'c-string' }], returns: { kind: 'scalar', rust: 'f64' } },
  { symbol: 'rpg_test_flag', declaredAt: at, params: [{ kind: 'scalar', rust: 'std::ffi::c_uchar' }], returns: { kind: 'scalar', rust: 'bool' } },
  { symbol: 'rpg_test_alloc', declaredAt: at, params: [{ kind: 'scalar', rust: 'usize' }], returns: { kind: 'pointer' } },
  { symbol: 'rpg_test_name', declaredAt: at, params: [], returns: { kind: 'c-string' } },
];

describe('stub library', () => {
  test('records scalars, C strings (escaped, capped) and pointers; returns zero, false and NULL', async () => {
    const dir = tempDir('rpg-stub-lib-');
    const build = await hostStubLibrary(IMPORTS, { ...process.env, [STUB_CACHE_ENV]: path.join(dir, 'cache') });
    assert.ok('library' in build, JSON.stringify(build));
    assert.equal(build.built, true);
    const callsFile = path.join(dir, 'calls.log');
    process.env[HOST_CALLS_ENV] = callsFile;
    try {
      const lib = koffi.load(build.library);
      const mix = lib.func('double rpg_test_mix(int64_t, double, bool, const char *, void *, const char *)');
      assert.equal(mix(-5, 1.5, true, 'line\nbreak "quoted"', null, null), 0);
      assert.equal(mix(2 ** 40, -0.25, false, 'x'.repeat(300), Buffer.alloc(8), ''), 0);
      assert.equal(lib.func('bool rpg_test_flag(uint8_t)')(255), false);
      assert.equal(lib.func('void *rpg_test_alloc(size_t)')(16), null);
      assert.equal(lib.func('void *rpg_test_name(void)')(), null);
      lib.func(`void ${FLUSH_SYMBOL}(void)`)();
    } finally {
      delete process.env[HOST_CALLS_ENV];
    }
    const [mix, flag, alloc, name] = hostCallsOf(IMPORTS, [callsFile]).functions;
    assert.equal(mix.calls, 2);
    assert.deepEqual(mix.arguments[0], ['-5', '1.5', 'true', '"line\\nbreak \\"quoted\\""', 'NULL', 'NULL']);
    const second = mix.arguments[1];
    assert.deepEqual(second.slice(0, 3), ['1099511627776', '-0.25', 'false']);
    assert.equal(second[3], `"${'x'.repeat(256)}"…`, 'a C string argument is capped at 256 bytes');
    assert.match(second[4], /^0x[0-9a-f]+$/);
    assert.equal(second[5], '""');
    assert.deepEqual([flag.calls, flag.arguments], [1, [['255']]]);
    assert.deepEqual([alloc.calls, alloc.arguments, name.calls, name.arguments], [1, [['16']], 1, [[]]]);
    // The same signature set again: the cached library, not a new build.
    const again = await hostStubLibrary(IMPORTS, { ...process.env, [STUB_CACHE_ENV]: path.join(dir, 'cache') });
    assert.deepEqual(again, { library: build.library, built: false });
  });
});
