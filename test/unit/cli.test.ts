// The CLI as a user runs it: the built dist/cli.js in a child process (run `npm run build` first).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import Ajv from 'ajv';
import { writeTree } from '../support/engine';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');
const BAD = 'pub struct Config { a: u32 }\n#[no_mangle]\npub extern "C" fn plugin_init(c: Config) {}\n';

function run(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('cli', () => {
  const root = writeTree({ 'plugin/Cargo.toml': '[package]\nname = "p"\nversion = "0.1.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n', 'plugin/src/lib.rs': BAD, 'good/lib.rs': '#[repr(C)] pub struct S { a: u8 }\npub extern "C" fn f(s: S) {}\n' });

  test('text output reads like rustc and exits 1 on errors', () => {
    const { code, stdout } = run(['check', 'plugin'], root);
    assert.equal(code, 1);
    assert.match(stdout, /^error\[missing-repr-c\]: `Config` crosses the C boundary in `plugin_init`/);
    assert.match(stdout, / --> plugin\/src\/lib\.rs:3:34\n/);
    assert.match(stdout, /3 \| pub extern "C" fn plugin_init\(c: Config\) \{\}\n {2}\| {34}\^{6}\n/);
    assert.match(stdout, /= help: add `#\[repr\(C\)\]` to `Config`/);
    assert.match(stdout, /1 error\n$/);
  });

  test('json output has exactly the documented shape', () => {
    const { code, stdout } = run(['check', 'plugin/src/lib.rs', '--format', 'json'], root);
    assert.equal(code, 1);
    const report = JSON.parse(stdout);
    assert.deepEqual(Object.keys(report), ['version', 'diagnostics']);
    assert.equal(report.version, 1);
    assert.deepEqual(report.diagnostics[0], {
      file: 'plugin/src/lib.rs',
      rule: 'missing-repr-c',
      severity: 'error',
      message: report.diagnostics[0].message,
      range: { start: { line: 2, character: 33 }, end: { line: 2, character: 39 } },
      related: [{ file: 'plugin/src/lib.rs', range: { start: { line: 0, character: 11 }, end: { line: 0, character: 17 } }, message: '`Config` is defined here without a C-compatible `repr`' }],
      fixes: ['Add `#[repr(C)]` to `Config`'],
    });
  });

  test('sarif output is valid SARIF 2.1.0', () => {
    const { code, stdout } = run(['check', '--format=sarif', '.'], root);
    assert.equal(code, 1);
    const log = validSarif(stdout);
    const result = log.runs[0].results![0];
    assert.equal(result.ruleId, 'missing-repr-c');
    assert.equal(result.level, 'error');
    assert.deepEqual(result.locations![0].physicalLocation!.region, { startLine: 3, startColumn: 34, endLine: 3, endColumn: 40 });
    assert.equal(result.locations![0].physicalLocation!.artifactLocation!.uri, 'plugin/src/lib.rs');
  });

  test('sarif of a .wit file: the wit-* rules are described in the driver, with their fixes', () => {
    const wit = writeTree({ 'wit/api.wit': 'package my:plugin;\ninterface api {\n  record config { name: string }\n  init: func(c: confg);\n}\n' });
    const { code, stdout } = run(['check', '--format=sarif', 'wit/api.wit'], wit);
    assert.equal(code, 1);
    const log = validSarif(stdout);
    const [result] = log.runs[0].results!;
    const rule = log.runs[0].tool.driver.rules![result.ruleIndex!];
    assert.equal(rule.id, 'wit-unknown-type');
    assert.match(rule.helpUri ?? '', /docs\/wasm\.md#rules$/);
    assert.equal(rule.defaultConfiguration?.level, 'error');
    assert.deepEqual(result.fixes?.map((f) => f.description?.text), ['Change to `config`']);
  });

  test('exit 0 on clean code, 2 with a one-line message on bad input', () => {
    assert.equal(run(['check', 'good'], root).code, 0);
    const missing = run(['check', 'nowhere'], root);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, 'rust-plugin-guard: nowhere: no such file or folder\n');
    const format = run(['check', '--format', 'xml'], root);
    assert.equal(format.code, 2);
    assert.match(format.stderr, /^rust-plugin-guard: --format takes text, json or sarif \(got `xml`\)/);
    assert.doesNotMatch(format.stderr, /\bat .*\.js:\d+/, 'no stack trace');
    assert.equal(run(['frobnicate'], root).code, 2);
  });
});

/** The log, checked against the published SARIF 2.1.0 schema. */
function validSarif(stdout: string): import('sarif').Log {
  const log = JSON.parse(stdout) as import('sarif').Log;
  const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
  // The published schema is written for draft-04 (`id`); ajv 8 reads `$id`.
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  // One pattern in the schema is not valid with the `u` flag ajv 8 uses by default.
  const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  return log;
}
