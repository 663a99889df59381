// The custom request `rustPluginGuard/probePlan` over real LSP (stdio). Run `npm run build` first.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { PROBE_PLAN_REQUEST, type ProbePlanResult } from '../../server/src/protocol/loader';
import { fileUri, startForTest, writeTempTree } from '../support/lspClient';

const MANIFEST = '[package]\nname = "plug"\nversion = "0.1.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n';
const LIB_RS = `mod config;
#[no_mangle] pub extern "C" fn plugin_abi_version() -> u32 { 3 }
#[no_mangle] pub extern "C" fn plugin_add(a: i32, b: i32) -> i32 { a + b }
`;
const CONFIG_RS = `pub struct Config { threads: u32 }
#[no_mangle] pub extern "C" fn config_new() -> *mut Config { Box::into_raw(Box::new(Config { threads: 1 })) }
#[no_mangle] pub unsafe extern "C" fn config_free(c: *mut Config) { drop(Box::from_raw(c)) }
`;

describe('protocol: probe plan request', () => {
  test('answers for the crate of a Cargo.toml or of any module, with locations; errors are results, not failures', async (t) => {
    const root = writeTempTree({ 'Cargo.toml': MANIFEST, 'src/lib.rs': LIB_RS, 'src/config.rs': CONFIG_RS });
    const { client } = await startForTest(t, { rootPath: root }, [root]);
    const fromManifest = (await client.connection.sendRequest(PROBE_PLAN_REQUEST, { uri: fileUri(path.join(root, 'Cargo.toml')) })) as ProbePlanResult;
    assert.ok('plan' in fromManifest, JSON.stringify(fromManifest));
    const { plan } = fromManifest;
    assert.equal(plan.crate, 'plug');
    assert.deepEqual(plan.probes.map((p) => p.declaration), ['uint32_t plugin_abi_version(void)']);
    assert.deepEqual(plan.pairs.map((p) => [p.constructor.symbol, p.destructor?.symbol]), [['config_new', 'config_free']]);
    assert.equal(plan.locations.config_new.file, path.join(root, 'src', 'config.rs'));
    assert.deepEqual(plan.locations.config_new.range.start, { line: 1, character: 31 });
    const fromModule = (await client.connection.sendRequest(PROBE_PLAN_REQUEST, { uri: fileUri(path.join(root, 'src', 'config.rs')) })) as ProbePlanResult;
    assert.deepEqual(fromModule, fromManifest);
    const bad = (await client.connection.sendRequest(PROBE_PLAN_REQUEST, { uri: 'untitled:Untitled-1' })) as ProbePlanResult;
    assert.deepEqual(bad, { error: 'untitled:Untitled-1: not a file on disk' });
    assert.deepEqual(plan.requiredSymbols, [], 'no declared interface, nothing required');
  });

  test('with a header in the crate: the required symbols and the declared version come in the same answer', async (t) => {
    const header = '#include <stdint.h>\n#define PLUGIN_ABI_VERSION 4\nuint32_t plugin_abi_version(void);\nvoid plugin_reset(void);\n';
    const root = writeTempTree({ 'Cargo.toml': MANIFEST, 'src/lib.rs': LIB_RS, 'src/config.rs': CONFIG_RS, 'include/plugin.h': header });
    const { client } = await startForTest(t, { rootPath: root }, [root]);
    const result = (await client.connection.sendRequest(PROBE_PLAN_REQUEST, { uri: fileUri(path.join(root, 'Cargo.toml')) })) as ProbePlanResult;
    assert.ok('plan' in result, JSON.stringify(result));
    assert.deepEqual(result.plan.requiredSymbols, [
      { symbol: 'plugin_abi_version', kind: 'function', declaredAt: 'plugin.h:3' },
      { symbol: 'plugin_reset', kind: 'function', declaredAt: 'plugin.h:4' },
    ]);
    assert.deepEqual(result.plan.probes.map((p) => [p.symbol, p.expected]), [['plugin_abi_version', { constant: 'PLUGIN_ABI_VERSION', value: '4', declaredAt: 'plugin.h:2' }]]);
  });
});
