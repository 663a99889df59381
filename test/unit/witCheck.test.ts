// Diagnostics of `.wit` files (server/src/wit/check.ts): ranges, names resolved across the package's files and
// `deps/`, duplicates, the import/export warning, and the CLI's `.wit` paths.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { checkWitPaths } from '../../server/src/wit/cliCheck';
import { WitWorkspace } from '../../server/src/wit/packageFiles';
import { INVALID_WIT, unmark, VALID_WIT } from '../support/witCases';

const root = mkdtempSync(path.join(tmpdir(), 'rpg-wit-'));
after(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;

/** Writes `files` into a new folder; returns the folder. */
function packageFolder(files: Record<string, string>): string {
  const folder = path.join(root, `p${folders++}`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    writeFileSync(path.join(folder, name), text);
  }
  return folder;
}

function findings(file: string, unsaved?: string) {
  return new WitWorkspace((f) => (f === file ? unsaved : undefined)).check(file).map((f) => `${f.rule} ${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${f.severity}`);
}

describe('WIT diagnostics', () => {
  test('the valid sources have none but the import/export warning', () => {
    for (const [name, source] of Object.entries(VALID_WIT)) {
      const folder = packageFolder({ 'a.wit': source });
      const expected = name.startsWith('import and export') ? ['wit-import-export-conflict 4:9-4:10 hint'] : [];
      assert.deepEqual(findings(path.join(folder, 'a.wit')), expected, name);
    }
  });

  test('each invalid source has an error on its marked token', () => {
    for (const [name, marked] of Object.entries(INVALID_WIT)) {
      const { text, mark } = unmark(marked);
      const folder = packageFolder({ 'a.wit': text });
      const result = new WitWorkspace().check(path.join(folder, 'a.wit'));
      assert.ok(result.length > 0, name);
      const lines = text.slice(0, mark!.start).split('\n');
      assert.deepEqual(result[0].range.start, { line: lines.length - 1, character: lines[lines.length - 1].length }, `${name}: ${result[0].message}`);
      assert.ok(result.every((f) => f.severity === 'error'), name);
    }
  });

  test('ranges are UTF-16 columns after non-ASCII text', () => {
    const folder = packageFolder({ 'a.wit': 'package a:b;\n// 😀 é\ninterface i { /* 😀 */ f: func(x: nope); }\n' });
    assert.deepEqual(findings(path.join(folder, 'a.wit')), ['wit-unknown-type 2:34-2:38 error']);
  });

  test('names resolve across the files of the folder; the unsaved text of the edited file counts', () => {
    const folder = packageFolder({
      'types.wit': 'package my:pkg;\ninterface types { record point { x: u32 } }\n',
      'world.wit': 'interface api {\n  use types.{point};\n  at: func() -> point;\n}\nworld w { export api; }\n',
    });
    assert.deepEqual(findings(path.join(folder, 'world.wit')), []);
    // The same file with an edit that names a type `types` does not define.
    assert.deepEqual(findings(path.join(folder, 'world.wit'), 'interface api {\n  use types.{pointy};\n}\n'), ['wit-unknown-type 1:13-1:19 error']);
  });

  test('an interface or world defined in two files of the package is reported in the later file, pointing at the first', () => {
    const folder = packageFolder({ 'a.wit': 'package my:pkg;\ninterface api {}\n', 'b.wit': 'interface api {}\n' });
    assert.deepEqual(findings(path.join(folder, 'a.wit')), []);
    const result = new WitWorkspace().check(path.join(folder, 'b.wit'));
    assert.deepEqual(result.map((f) => [f.rule, f.related[0]?.location.file]), [['wit-duplicate-name', path.join(folder, 'a.wit')]]);
  });

  test('no `package` declaration in any file of the folder', () => {
    const folder = packageFolder({ 'a.wit': 'interface api {}\n' });
    assert.deepEqual(findings(path.join(folder, 'a.wit')), ['wit-syntax 0:10-0:13 error']);
  });

  test('foreign packages resolve through deps/ (folders and single files); a package not found is reported only when there is a deps/', () => {
    const folder = packageFolder({
      'world.wit': 'package my:app;\nworld w {\n  import wasi:io/streams@0.2.0;\n  import wasi:io/nope@0.2.0;\n  import other:pkg/thing;\n  import x:y/z;\n}\n',
      'deps/io/streams.wit': 'package wasi:io@0.2.0;\ninterface streams { use poll.{pollable}; }\n',
      'deps/io/poll.wit': 'interface poll { resource pollable; }\n',
      'deps/other.wit': 'package other:pkg;\ninterface thing {}\n',
    });
    assert.deepEqual(findings(path.join(folder, 'world.wit')), ['wit-unknown-interface 3:9-3:27 error', 'wit-unknown-interface 5:9-5:14 error']);
    // Without deps/, the package may come from a registry: silent.
    const alone = packageFolder({ 'world.wit': 'package my:app;\nworld w {\n  import x:y/z;\n}\n' });
    assert.deepEqual(findings(path.join(alone, 'world.wit')), []);
    // A file of a dependency sees its own package's other files and its sibling deps.
    assert.deepEqual(findings(path.join(folder, 'deps', 'io', 'streams.wit')), []);
  });

  test('duplicates inside items: fields, cases, flags, parameters, resource functions, world imports and exports', () => {
    const folder = packageFolder({
      'a.wit': `package a:b;
interface i {
  record r { a: u8, a: u8 }
  variant v { x, x(u8) }
  enum e { p, p }
  flags f { q, q }
  resource res { m: func(); m: func(); }
  g: func(k: u8, k: u8);
}
world w {
  import h: func();
  import h: func();
  export i;
  export i;
}
`,
    });
    assert.deepEqual(findings(path.join(folder, 'a.wit')), [
      'wit-duplicate-name 2:20-2:21 error',
      'wit-duplicate-name 3:17-3:18 error',
      'wit-duplicate-name 4:14-4:15 error',
      'wit-duplicate-name 5:15-5:16 error',
      'wit-duplicate-name 6:28-6:29 error',
      'wit-duplicate-name 7:17-7:18 error',
      'wit-duplicate-name 11:9-11:10 error',
      'wit-duplicate-name 13:9-13:10 error',
    ]);
  });

  test('CLI: a `.wit` file is checked here; a folder is searched (deps/ skipped) and still passed on for crates', () => {
    const folder = packageFolder({ 'wit/a.wit': 'package a:b;\ninterface i { f: func(x: nope); }\n', 'wit/deps/d/d.wit': 'broken' });
    const single = checkWitPaths([path.join(folder, 'wit', 'a.wit')]);
    assert.deepEqual([single.findings.map((f) => f.rule), single.otherPaths], [['wit-unknown-type'], []]);
    const walked = checkWitPaths([folder]);
    assert.deepEqual([walked.findings.map((f) => path.relative(folder, f.file)), walked.otherPaths], [[path.join('wit', 'a.wit')], [folder]]);
  });
});
