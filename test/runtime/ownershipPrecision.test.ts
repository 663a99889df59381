// Runtime truth for the precision cases of issue 11 (fixture test/fixtures/plugins/ownership/opaque): what the
// rules leave silent runs clean, what they report misbehaves. Built with cargo, called through koffi.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { Finding } from '../../server/src/engine/types';
import { tempDir, testEngine } from '../support/engine';
import { runMallinfoChild } from '../support/mallinfoChild';

const CRATE = path.join(__dirname, '..', 'fixtures', 'plugins', 'ownership', 'opaque');
const KOFFI = require.resolve('koffi');
const targetDir = tempDir('rpg-opaque-target-');

function build(): string {
  const result = spawnSync('cargo', ['build', '--lib', '--quiet', '--manifest-path', path.join(CRATE, 'Cargo.toml'), '--target-dir', targetDir], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`cargo build of ${CRATE} failed:\n${result.stderr}`);
  return path.join(targetDir, 'debug', 'libopaque.so');
}

async function findings(): Promise<Finding[]> {
  const { findings: all } = await (await testEngine()).analyzeFile(path.join(CRATE, 'src', 'lib.rs'));
  return all.filter((f) => ['leaked-ownership', 'mismatched-free', 'panic-across-ffi', 'dangling-pointer'].includes(f.rule));
}

/** Bytes in use (glibc mallinfo2) per call of `call`, the quietest of three rounds; and what the calls printed. */
function perCall(library: string, setup: string, call: string): { perCall: number; stdout: string; status: number | null; signal: string | null; stderr: string } {
  // \`round(n)\` and \`i\` are the loop's names: \`setup\` and \`call\` must not use them for their own.
  const result = runMallinfoChild(library, `
${setup}
const round = (n) => { for (let i = 0; i < n; i++) { ${call} } };
round(1000);
const perRound = [0, 1, 2].map(() => { const before = inUse(); round(20000); return (inUse() - before) / 20000; });
console.log(JSON.stringify({ perCall: Math.min(...perRound) }));
`, 60_000);
  const last = result.stdout.trim().split('\n').pop() ?? '{}';
  return { perCall: result.status === 0 ? (JSON.parse(last) as { perCall: number }).perCall : NaN, stdout: result.stdout, status: result.status, signal: result.signal, stderr: result.stderr };
}

describe('runtime truth: precision cases', () => {
  test('the rules report only the per-call leak; it leaks at run time, the opaque Arc pair, the once-leak and the guarded panic do not misbehave', async () => {
    assert.deepEqual((await findings()).map((f) => `${f.rule}:${f.range.start.line + 1}`), ['leaked-ownership:43']);
    const library = build();

    const leaked = perCall(library, "const v = lib.func('version_leaked', 'const char *', []);", "if (v() !== '1.2.3') throw new Error('bad version');");
    assert.equal(leaked.status, 0, leaked.stderr);
    // A 6-byte CStr leaks a (minimum) 32-byte malloc chunk per call.
    assert.ok(leaked.perCall >= 16, JSON.stringify(leaked));

    const once = perCall(library, "const v = lib.func('version_once', 'const char *', []);", "if (v() !== '1.2.3') throw new Error('bad version');");
    assert.equal(once.status, 0, once.stderr);
    assert.ok(once.perCall < 8, JSON.stringify(once));

    const pair = perCall(
      library,
      "const encNew = lib.func('encoder_new', 'void *', ['uint32_t']); const encLevel = lib.func('encoder_level', 'uint32_t', ['void *']); const encFree = lib.func('encoder_free', 'void', ['void *']);",
      "const e = encNew(i % 7); if (encLevel(e) !== i % 7) throw new Error('bad level'); encFree(e);",
    );
    assert.equal(pair.status, 0, pair.stderr);
    assert.ok(pair.perCall < 8, `Arc::from_raw of the inner type frees what Arc::into_raw handed out: ${JSON.stringify(pair)}`);

    const guarded = spawnSync(process.execPath, ['-e', `const lib = require(${JSON.stringify(KOFFI)}).load(${JSON.stringify(library)}); const p = lib.func('parse_digit', 'int32_t', ['uint8_t']); console.log(p(55), p(120));`], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(guarded.status, 0, `the panic is caught inside the helper: ${guarded.stderr}`);
    assert.equal(guarded.stdout.trim(), '7 -1');
  });
});
