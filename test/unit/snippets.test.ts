// snippets/rust.json: each snippet, expanded with its defaults, compiles with rustc (editions 2021 and 2024,
// warnings denied) and raises no finding of the engine. Host-side snippets compile against local stand-ins
// of libloading and dlopen2 (test/fixtures/snippet-stand-ins), since crates.io is not reachable offline.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { expandSnippet } from '../support/snippetSyntax';
import { tempDir, testEngine, writeTree } from '../support/engine';

const root = path.join(__dirname, '..', '..');
const standIns = path.join(root, 'test', 'fixtures', 'snippet-stand-ins');
const EDITIONS = ['2021', '2024'] as const;

interface Snippet {
  prefix: string;
  description: string;
  body: string[];
}
const snippets = JSON.parse(readFileSync(path.join(root, 'snippets', 'rust.json'), 'utf8')) as Record<string, Snippet>;

describe('snippet syntax expansion', () => {
  test('placeholders insert their default and mirrors repeat it', () => {
    assert.equal(expandSnippet('fn ${1:name}() { $1(); ${2} }$0'), 'fn name() { name();  }');
  });
  test('a mirror before its placeholder still takes the default, nested placeholders expand', () => {
    assert.equal(expandSnippet('$1 = ${1:${2:a}b} + $2'), 'ab = ab + a');
  });
  test('choices take their first option, escaped commas and pipes kept', () => {
    assert.equal(expandSnippet('${1|x\\,y,z|} $1 ${2|a\\|b|}'), 'x,y x,y a|b');
  });
  test('variables resolve from the map, else their default, else their name', () => {
    assert.equal(expandSnippet('$TM_FILENAME_BASE ${CLIPBOARD:none} ${UNKNOWN}', { TM_FILENAME_BASE: 'lib' }), 'lib none UNKNOWN');
  });
  test('escapes and literal dollars', () => {
    assert.equal(expandSnippet('\\$1 \\} \\\\ $ ${1:a\\}b} b"\\0"'), '$1 } \\ $ a}b b"\\0"');
  });
  test('unsupported or malformed syntax is an error, not silent text', () => {
    assert.throws(() => expandSnippet('${1:open'), /unclosed placeholder/);
    assert.throws(() => expandSnippet('${TM_FILENAME/(.*)/$1/}'), /transforms are not supported/);
    assert.throws(() => expandSnippet('${1:$1}'), /refers to itself/);
  });
});

/** Builds the stand-in crates once; returns the rustc arguments that link them. */
let externArgs: string[] | undefined;
function standInExterns(): string[] {
  if (externArgs) return externArgs;
  const out = tempDir('rpg-standins-');
  const build = (args: string[]): void => {
    const result = spawnSync('rustc', ['--edition', '2021', '--out-dir', out, ...args], { encoding: 'utf8' });
    assert.equal(result.status, 0, `stand-in build failed: ${result.stderr}`);
  };
  build(['--crate-type', 'proc-macro', '--crate-name', 'dlopen2_derive', path.join(standIns, 'dlopen2_derive.rs')]);
  const derive = path.join(out, 'libdlopen2_derive.so');
  build(['--crate-type', 'lib', '--crate-name', 'dlopen2', '--extern', `dlopen2_derive=${derive}`, path.join(standIns, 'dlopen2.rs')]);
  build(['--crate-type', 'lib', '--crate-name', 'libloading', path.join(standIns, 'libloading.rs')]);
  externArgs = ['-L', out, '--extern', `libloading=${path.join(out, 'liblibloading.rlib')}`, '--extern', `dlopen2=${path.join(out, 'libdlopen2.rlib')}`];
  return externArgs;
}

function rustc(source: string, edition: string, crateType: string, extra: string[]): void {
  const dir = tempDir('rpg-snippet-');
  const file = path.join(dir, 'lib.rs');
  writeFileSync(file, source);
  const result = spawnSync('rustc', ['--crate-type', crateType, '--edition', edition, '-D', 'warnings', '--out-dir', dir, ...extra, file], { encoding: 'utf8' });
  if (result.error) throw new Error(`cannot run rustc (${result.error.message})`);
  assert.equal(result.status, 0, `rustc --edition ${edition} --crate-type ${crateType} rejected:\n${source}\n${result.stderr}`);
}

describe('snippets/rust.json', () => {
  test('package.json contributes the snippets for Rust', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { snippets?: { language: string; path: string }[] } };
    assert.deepEqual(manifest.contributes.snippets, [{ language: 'rust', path: './snippets/rust.json' }]);
  });

  test('covers the plugin and host boilerplate with distinct prefixes', () => {
    const prefixes = Object.values(snippets).map((s) => s.prefix);
    assert.deepEqual([...prefixes].sort(), ['ffi-cstring', 'ffi-export', 'ffi-handle', 'ffi-struct', 'ffi-vtable', 'host-dlopen2', 'host-libloading']);
  });

  for (const [name, snippet] of Object.entries(snippets)) {
    const source = expandSnippet(snippet.body, { TM_FILENAME_BASE: 'lib' });
    const host = snippet.prefix.startsWith('host-');
    for (const edition of EDITIONS) {
      test(`${snippet.prefix} compiles as a ${host ? 'lib against the stand-ins' : 'cdylib'} (edition ${edition}) and has no finding`, async () => {
        rustc(source, edition, host ? 'lib' : 'cdylib', host ? standInExterns() : []);
        const crateType = host ? 'lib' : 'cdylib';
        const dir = writeTree({
          'Cargo.toml': `[package]\nname = "snippet"\nversion = "0.1.0"\nedition = "${edition}"\n\n[lib]\npath = "src/lib.rs"\ncrate-type = ["${crateType}"]\n`,
          'src/lib.rs': source,
        });
        const engine = await testEngine();
        const { findings } = await engine.analyzeFile(path.join(dir, 'src', 'lib.rs'), {});
        assert.deepEqual(findings.map((f) => `${f.rule}: ${f.message}`), [], `${name} raises findings`);
      });
    }
  }
});
