// Options of declared interfaces: `rustPluginGuard.versionNames` (which names carry a version) and the CLI's
// `check --interfaces <glob>` (a header outside the crate). The CLI runs built: `npm run build` first.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseArgs, UsageError } from '../../server/src/cli/args';
import { normalizeSettings } from '../../server/src/protocol/settings';
import { testEngine, writeTree } from '../support/engine';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');
const MANIFEST = '[package]\nname = "p"\nversion = "0.1.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n';

test('versionNames: a configured word makes a constant a version; the defaults then no longer apply', async () => {
  const dir = writeTree({
    'Cargo.toml': MANIFEST,
    'src/lib.rs': '#[no_mangle]\npub extern "C" fn plugin_protocol_rev() -> u32 { 2 }\n#[no_mangle]\npub extern "C" fn plugin_abi_version() -> u32 { 1 }\n',
    'include/plugin.h': '#define PLUGIN_PROTOCOL_REV 3\n#define PLUGIN_ABI_VERSION 4\nunsigned plugin_protocol_rev(void);\nunsigned plugin_abi_version(void);\n',
  });
  const engine = await testEngine();
  const lib = path.join(dir, 'src', 'lib.rs');
  const versions = async () => (await engine.analyzeFile(lib)).findings.filter((f) => f.rule === 'abi-version-mismatch').map((f) => f.message.split(':')[0]);
  try {
    assert.deepEqual(await versions(), ['`plugin_abi_version` reports version 1, but `PLUGIN_ABI_VERSION` is 4 at `plugin.h']);
    engine.interfaces.configure({}, normalizeSettings({ versionNames: ['PROTOCOL_REV', 'not a word', 7] }).versionNames);
    assert.deepEqual(await versions(), ['`plugin_protocol_rev` reports version 2, but `PLUGIN_PROTOCOL_REV` is 3 at `plugin.h']);
    engine.interfaces.configure({}, []);
    assert.deepEqual(await versions(), []);
  } finally {
    engine.interfaces.configure({});
  }
  assert.deepEqual(normalizeSettings({}).versionNames, ['ABI_VERSION', 'API_VERSION', 'INTERFACE_VERSION']);
});

test('check --interfaces: parsed (repeatable, = form) and a missing glob is a usage error', () => {
  assert.deepEqual(parseArgs(['check', 'crate', '--interfaces', 'a/*.h', '--interfaces=b.h']), { kind: 'check', paths: ['crate'], format: 'text', interfaces: ['a/*.h', 'b.h'] });
  assert.throws(() => parseArgs(['check', '--interfaces']), UsageError);
});

test('check --interfaces: a host header outside the crate is checked against the plugin (built CLI)', () => {
  const root = writeTree({
    'plugin/Cargo.toml': MANIFEST,
    'plugin/src/lib.rs': '#[no_mangle]\npub extern "C" fn plugin_scale(value: i64) -> i32 { value as i32 }\n',
    'host/include/api.h': 'int plugin_scale(int value);\nvoid plugin_stop(void);\n',
  });
  const run = (...extra: string[]) => spawnSync(process.execPath, [CLI, 'check', 'plugin', '--format', 'json', ...extra], { cwd: root, encoding: 'utf8' });
  const without = run();
  assert.equal(without.status, 0, without.stderr);
  const withHeader = run('--interfaces', 'host/include/*.h');
  assert.equal(withHeader.status, 1, withHeader.stderr);
  const rules = (JSON.parse(withHeader.stdout) as { diagnostics: { rule?: string; code?: string; severity: string; file: string }[] }).diagnostics.map((d) => `${d.rule ?? d.code} ${d.severity} ${d.file}`).sort();
  // `plugin_stop` is reported at its declaration in the host's header, with one summary on the plugin's root.
  assert.deepEqual(rules, ['missing-export error host/include/api.h', 'missing-export information plugin/src/lib.rs', 'signature-mismatch error plugin/src/lib.rs']);
});
