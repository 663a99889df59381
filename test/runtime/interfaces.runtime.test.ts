// Runtime truth for the declared-interface rules: the mismatch fixture is built with cargo and loaded by a C
// host compiled against its header; the host sees exactly the wrong values the findings predict, and the
// right ones once the engine's fixes (and the documented layout corrections) are applied to a copy.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import type { Finding } from '../../server/src/engine/types';
import { applyEdits } from '../support/edits';
import { tempDir, testEngine } from '../support/engine';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'interfaces');
const INTERFACE_RULES = new Set(['signature-mismatch', 'layout-mismatch', 'missing-export', 'abi-version-mismatch']);
const work = tempDir('rpg-interfaces-runtime-');
let host = '';

before(() => {
  host = path.join(work, 'mismatch_host');
  const result = spawnSync('cc', ['-Wall', '-o', host, path.join(FIXTURES, 'hosts', 'mismatch_host.c'), '-I', path.join(FIXTURES, 'mismatch', 'include'), '-ldl'], { encoding: 'utf8' });
  assert.equal(result.status, 0, `cc failed: ${result.stderr}`);
});

function build(crateDir: string): string {
  const targetDir = path.join(work, 'target');
  const result = spawnSync('cargo', ['build', '--lib', '--quiet', '--offline', '--manifest-path', path.join(crateDir, 'Cargo.toml'), '--target-dir', targetDir], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`cargo build of ${crateDir} failed:\n${result.stderr}`);
  return path.join(targetDir, 'debug', process.platform === 'darwin' ? 'libmismatch_plugin.dylib' : 'libmismatch_plugin.so');
}

/** The host's output as `key=value` pairs. */
function runHost(library: string): Map<string, string> {
  const result = spawnSync(host, [library], { encoding: 'utf8', timeout: 10_000 });
  assert.equal(result.status, 0, `host failed (${result.status}): ${result.stderr}`);
  return new Map(result.stdout.trim().split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

async function interfaceFindings(crateDir: string): Promise<Finding[]> {
  const engine = await testEngine();
  const lib = path.join(crateDir, 'src', 'lib.rs');
  engine.files.invalidate(lib);
  const { findings } = await engine.analyzeFile(lib);
  return findings.filter((f) => INTERFACE_RULES.has(f.rule));
}

describe('runtime truth: declared interfaces', () => {
  test('a C host reads the shifted enum, the short array, the cut-off int64_t and the wrong version the findings predict; fixed, it reads the declared ones', async () => {
    const crateDir = path.join(tempDir('rpg-interfaces-crate-'), 'mismatch');
    cpSync(path.join(FIXTURES, 'mismatch'), crateDir, { recursive: true });
    const libRs = path.join(crateDir, 'src', 'lib.rs');
    const findings = await interfaceFindings(crateDir);

    // What the findings predict. `Info` is returned for code 200 and `Error` for 500 (see the fixture).
    // One finding for the inserted `Trace`; each value it shifts is named in its related information.
    const valueOf = (variant: string) => {
      const said = findings.filter((f) => f.rule === 'layout-mismatch').flatMap((f) => [f.message, ...f.related.map((r) => r.message)]).find((m) => m.includes(`\`${variant}\` is `));
      assert.ok(said, `a layout-mismatch finding on \`${variant}\``);
      const [, rust, declared] = /`\w+` is (\d+) in Rust but `\w+` is (\d+) in the declaration/.exec(said.slice(said.indexOf(`\`${variant}\` is `))) ?? [];
      return { rust, declared };
    };
    const info = valueOf('Info');
    const error = valueOf('Error');
    assert.ok(findings.some((f) => f.rule === 'layout-mismatch' && /field `ratios` is `\[f32; 3\]`, declared `float\[4\]`/.test(f.message)));
    const version = findings.find((f) => f.rule === 'abi-version-mismatch');
    assert.match(version?.message ?? '', /reports version 2, but `PLUGIN_ABI_VERSION` is 3/);
    assert.ok(findings.some((f) => f.rule === 'missing-export' && f.message.startsWith('`plugin_shutdown`')));
    // `plugin_total` reads a declared `int64_t` as `i32`: the host's 5000000000 arrives cut to its low bits.
    const total = findings.find((f) => f.rule === 'signature-mismatch' && f.message.startsWith('`plugin_total`'));
    const [, declaredBits, rustBits] = /`int64_t` is (\d+) bits wide, `i32` is (\d+)/.exec(total?.message ?? '') ?? [];
    assert.equal(declaredBits, '64');
    const predictedTotal = BigInt.asIntN(Number(rustBits), 5_000_000_000n) * 2n;

    const drifted = runHost(build(crateDir));
    // Rust's `Info` (2) is the header's `LEVEL_ERROR`: the host takes a 200 for an error.
    assert.equal(drifted.get('level_for(200)'), `${info.rust} LEVEL_ERROR`);
    assert.equal(drifted.get('level_for(500)'), `${error.rust} not a Level`);
    assert.equal(drifted.get('ratios'), '0.5,0.5,0.5,-1', 'the fourth declared ratio is never written');
    assert.equal(drifted.get('abi_version'), '2 (header: 3)');
    assert.equal(drifted.get('plugin_shutdown'), 'missing');
    assert.equal(drifted.get('total(5000000000)'), String(predictedTotal));
    assert.notEqual(predictedTotal, 10_000_000_000n);

    // Every fix the engine offers (`plugin_total`'s retyping included), then the corrections docs/interfaces.md
    // gives for the layouts: drop `Trace`, four ratios.
    // (`missing-export`'s summary on the crate root offers the same stub again: it is left out.)
    const fixes = findings.filter((f) => f.severity !== 'information').flatMap((f) => f.fixes.slice(0, 1));
    assert.deepEqual(fixes.map((f) => f.title).sort(), [
      'Add `plugin_shutdown` stub',
      'Change to `3` to match `plugin.h:7`',
      'Change to `Option<&mut Stats>` to match `plugin.h:34` (NULL becomes `None`)',
      'Change to `c_int` to match `plugin.h:32`',
      'Change to `i64` to match `plugin.h:37`',
    ]);
    let text = applyEdits(readFileSync(libRs, 'utf8'), fixes.flatMap((f) => f.edits.filter((e) => e.file === libRs)));
    text = text.replace('    Trace,\n', '').replace('pub ratios: [f32; 3]', 'pub ratios: [f32; 4]').replace('[0.5; 3]', '[0.5; 4]');
    writeFileSync(libRs, text);
    const remaining = await interfaceFindings(crateDir);
    assert.deepEqual(remaining.map((f) => f.message), []);

    const fixed = runHost(build(crateDir));
    assert.equal(fixed.get('level_for(200)'), `${info.declared} LEVEL_INFO`);
    assert.equal(fixed.get('level_for(500)'), `${error.declared} LEVEL_ERROR`);
    assert.equal(fixed.get('ratios'), '0.5,0.5,0.5,0.5');
    assert.equal(fixed.get('abi_version'), '3 (header: 3)');
    assert.equal(fixed.get('plugin_shutdown'), 'found');
    assert.equal(fixed.get('total(5000000000)'), '10000000000');
  });
});
