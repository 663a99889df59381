// The cargo problem matcher against real `cargo build --message-format short` output of a broken crate.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { cargoBuild } from '../../client/src/loader/cargoLibrary';
import { parseCargoShort } from '../../client/src/loadCommand/cargoProblems';
import { tempDir, writeTree } from '../support/engine';

describe('cargo problem matcher', () => {
  test('errors and warnings of a failed build point at the right file, line and column', async () => {
    const root = writeTree({
      'broken plugin/Cargo.toml': '[package]\nname = "broken"\nversion = "0.1.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n',
      'broken plugin/src/lib.rs': 'mod util;\n#[no_mangle]\npub extern "C" fn plugin_version() -> u32 {\n    missing_value\n}\n',
      'broken plugin/src/util.rs': 'pub fn f() {\n    let unused = 1;\n}\n',
    });
    const manifest = path.join(root, 'broken plugin', 'Cargo.toml');
    let output = '';
    process.env.CARGO_TARGET_DIR = tempDir('rpg-cargo-target-');
    const code = await cargoBuild({ manifest, profile: 'debug' }, (text) => (output += text), { short: true });
    delete process.env.CARGO_TARGET_DIR;
    assert.notEqual(code, 0);
    const problems = parseCargoShort(output, path.dirname(manifest));
    const error = problems.find((p) => p.severity === 'error');
    assert.deepEqual([error?.file, error?.line, error?.column, error?.code], [path.join(root, 'broken plugin', 'src', 'lib.rs'), 4, 5, 'E0425']);
    assert.match(error?.message ?? '', /cannot find value `missing_value`/);
    const warning = problems.find((p) => p.severity === 'warning' && p.file.endsWith('util.rs'));
    assert.deepEqual([warning?.line, warning?.column], [2, 9]);
  });
});
