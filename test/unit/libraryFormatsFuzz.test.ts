// Seeded corruption of real and byte-built libraries: the readers must return or throw LibraryFormatError,
// never anything else, and never hang (the fuzzer runs in a child process with a hard timeout).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';
import { tempDir } from '../support/engine';
import { builtFormatsFixture } from '../support/formatsFixture';
import type { FuzzSummary } from '../support/libraryFuzzer';
import { buildFat, buildMachO, CPU } from '../support/machOBuilder';
import { buildPe, MACHINE } from '../support/peBuilder';

const SEED = 0xf022;
const ITERATIONS = 3000;
const TIMEOUT_MS = 120_000;

it(`survives ${ITERATIONS} seeded mutations of ELF, Mach-O and PE files with only the typed error`, () => {
  const dir = tempDir('rpg-fuzz-');
  const built = (name: string, bytes: Uint8Array) => {
    const file = path.join(dir, name);
    writeFileSync(file, bytes);
    return file;
  };
  const names = ['_plugin_init', '_plugin_free', '_plugin', '_abc'];
  const files = [
    builtFormatsFixture().library,
    ...['/usr/lib/x86_64-linux-gnu/libz.so.1', '/usr/lib/x86_64-linux-gnu/libBrokenLocale.so.1'].filter((f) => existsSync(f)),
    built('trie.dylib', buildMachO({ cpu: CPU.arm64, trie: names, symbols: [{ name: '_s', type: 0x0f }] })),
    built('symtab.dylib', buildMachO({ cpu: CPU.x64, symbols: names.map((name) => ({ name, type: 0x0f })) })),
    built('fat.dylib', buildFat([{ cpu: CPU.x64, bytes: buildMachO({ cpu: CPU.x64, trie: names, trieCommand: 'exports-trie' }) }, { cpu: CPU.arm64, bytes: buildMachO({ cpu: CPU.arm64, trie: names }) }])),
    built('plugin64.dll', buildPe({ bits: 64, machine: MACHINE.x64, exports: [{ name: 'a' }, {}, { name: 'b', forwardTo: 'X.y' }] })),
    built('plugin32.dll', buildPe({ bits: 32, machine: MACHINE.ia32, exports: [{ name: 'a' }, { name: 'c' }] })),
  ];
  const fuzzer = path.resolve(__dirname, '../support/libraryFuzzer.ts');
  const run = spawnSync(process.execPath, ['--import', 'tsx', fuzzer, String(SEED), String(ITERATIONS), ...files], { encoding: 'utf8', timeout: TIMEOUT_MS, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(run.signal, null, `the fuzzer did not finish within ${TIMEOUT_MS / 1000} s (a reader loops?)`);
  assert.equal(run.status, 0, run.stderr);
  const summary = JSON.parse(run.stdout) as FuzzSummary;
  assert.deepEqual(summary.otherErrors, []);
  assert.equal(summary.runs, ITERATIONS);
  // Both outcomes occur, so the mutations reach past the magic numbers into the structures the readers walk.
  assert.ok(summary.read > ITERATIONS / 10 && summary.typedErrors > ITERATIONS / 10, JSON.stringify({ read: summary.read, typedErrors: summary.typedErrors }));
});
