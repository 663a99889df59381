// Whole WIT packages (a folder of `.wit` files, with `deps/`) against the reference: wit-parser through jco's
// path-based `componentEmbed({ witPath })`. preview2-shim starts with no file system, so the folder is preopened
// explicitly (`_addPreopen` of the shim instance jco's wasm-tools imports). The folder is accepted by the
// reference exactly when none of its files has an error of ours, and an accepted folder's worlds have the same
// imports and exports in both.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, test } from 'node:test';
import { elaborateWorld } from '../../server/src/wit/elaborate';
import { homeOf } from '../../server/src/wit/packages';
import { WitWorkspace, witFilesIn } from '../../server/src/wit/packageFiles';
import { seededRandom } from '../support/seededRandom';

interface Jco {
  componentEmbed(opts: { witPath: string; dummy: boolean; world?: string }): Promise<Uint8Array>;
  componentNew(bytes: Uint8Array): Promise<Uint8Array>;
  print(bytes: Uint8Array): Promise<string>;
}
interface Shim {
  _addPreopen(virtualPath: string, hostPath: string): void;
}
const jco = import('@bytecodealliance/jco') as Promise<Jco>;
const jcoRoot = path.dirname(path.dirname(require.resolve('@bytecodealliance/jco')));
const scratch = mkdtempSync(path.join(tmpdir(), 'rpg-wit-folders-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
/** Virtual path → host folder. wasm-tools reads the preopens once, at its first file access: set them first. */
const MOUNTS: [string, string][] = [['/scratch', scratch], ['/jco', jcoRoot]];
// The preview2-shim that jco-transpile's wasm-tools build imports (it may be a nested copy).
const shim = (async () => {
  const wasmTools = createRequire(__filename).resolve('@bytecodealliance/jco-transpile/wasm-tools');
  const filesystem = createRequire(wasmTools).resolve('@bytecodealliance/preview2-shim/filesystem');
  const fs = (await import(pathToFileURL(filesystem).href)) as Shim;
  for (const [virtual, host] of MOUNTS) fs._addPreopen(virtual, host);
  return fs;
})();

async function reference(folder: string, world: string): Promise<{ error?: string; imports: string[]; exports: string[] }> {
  await shim;
  const { componentEmbed, componentNew, print } = await jco;
  const mount = MOUNTS.find(([, host]) => folder.startsWith(host + path.sep));
  assert.ok(mount, `${folder} is under a preopened folder`);
  const witPath = `${mount[0]}/${path.relative(mount[1], folder).split(path.sep).join('/')}`;
  try {
    const wat = await print(await componentNew(await componentEmbed({ witPath, dummy: true, world })));
    const names = (kind: string) => [...wat.matchAll(new RegExp(`^  \\(${kind} [^\\n]*?"([^"]+)" \\((instance|func)`, 'gm'))].map((m) => m[1]).sort();
    return { imports: names('import'), exports: names('export') };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error), imports: [], exports: [] };
  }
}

/** Our errors in every file of the folder, and each world of it with its elaborated imports and exports. */
function ours(folder: string) {
  const workspace = new WitWorkspace();
  const errors: string[] = [];
  const worlds: { name: string; imports: string[]; exports: string[] }[] = [];
  for (const file of witFilesIn(folder)) {
    errors.push(...workspace.check(file).filter((f) => f.severity === 'error').map((f) => `${path.basename(file)}:${f.range.start.line + 1}: ${f.message}`));
    const context = workspace.context(file)!;
    for (const world of context.doc.ast.root.worlds) {
      const shape = elaborateWorld(context.set, homeOf(context.set, context.doc.ast.root), context.doc, world);
      worlds.push({ name: world.name.text, imports: [...shape.imports].sort(), exports: [...shape.exports].sort() });
    }
  }
  return { errors, worlds };
}

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(scratch, 'p-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const VALID: Record<string, Record<string, string>> = {
  'two files, a use across them': {
    'types.wit': 'package my:plugin@1.0.0;\ninterface types { record config { name: string } }\n',
    'world.wit': 'interface api { use types.{config}; init: func(c: config); }\nworld plugin { export api; }\n',
  },
  'a dependency folder and a dependency file': {
    'world.wit': 'package my:app;\nworld app { import wasi:io/streams@0.2.0; import other:pkg/thing; export run: func(); }\n',
    'deps/io/streams.wit': 'package wasi:io@0.2.0;\ninterface streams { use poll.{pollable}; read: func(p: borrow<pollable>); }\n',
    'deps/io/poll.wit': 'interface poll { resource pollable; }\n',
    'deps/other.wit': 'package other:pkg;\ninterface thing { f: func(); }\n',
  },
};

const INVALID: Record<string, Record<string, string>> = {
  'an interface defined in two files': {
    'a.wit': 'package my:plugin;\ninterface api {}\nworld w { import api; }\n',
    'b.wit': 'interface api {}\n',
  },
  'a type the other file does not define': {
    'types.wit': 'package my:plugin;\ninterface types {}\n',
    'world.wit': 'interface api { use types.{config}; }\nworld w { import api; }\n',
  },
  'an interface the dependency does not have': {
    'world.wit': 'package my:app;\nworld w { import wasi:io/nope@0.2.0; }\n',
    'deps/io/streams.wit': 'package wasi:io@0.2.0;\ninterface streams {}\n',
  },
  'no package declaration in any file': {
    'a.wit': 'interface api {}\nworld w { import api; }\n',
  },
};

describe('WIT packages (folders) against wit-parser (jco, path-based)', () => {
  for (const [name, files] of Object.entries(VALID)) {
    test(`accepted: ${name}`, async () => {
      const dir = folder(files);
      const mine = ours(dir);
      assert.deepEqual(mine.errors, []);
      for (const world of mine.worlds) assert.deepEqual({ name: world.name, ...(await reference(dir, world.name)) }, world);
    });
  }

  for (const [name, files] of Object.entries(INVALID)) {
    test(`rejected: ${name}`, async () => {
      const dir = folder(files);
      const result = await reference(dir, 'w');
      assert.ok(result.error, 'the reference rejects it');
      assert.ok(ours(dir).errors.length > 0, `we report an error too (reference: ${result.error})`);
    });
  }

  test("jco's own multi-file packages: wasi-tls with deps/, and jco's node interfaces (21 files) through a probe world", async () => {
    const tls = path.join(jcoRoot, 'lib', 'wit', 'builtin', 'wasi-tls-0.2.0-draft');
    const mine = ours(tls);
    assert.deepEqual(mine.errors, []);
    assert.deepEqual(mine.worlds.map((w) => w.name), ['imports']);
    assert.deepEqual({ name: 'imports', ...(await reference(tls, 'imports')) }, mine.worlds[0]);
    // The node package has interfaces only: a copy with one more file whose world imports every interface.
    const node = path.join(jcoRoot, 'lib', 'wit', 'builtin', 'jco-node-0.1.0');
    const files = Object.fromEntries(readdirSync(node).filter((f) => f.endsWith('.wit')).map((f) => [f, readFileSync(path.join(node, f), 'utf8')]));
    assert.ok(Object.keys(files).length >= 20, 'the node package ships');
    const names = [...Object.values(files).join('\n').matchAll(/^\s*interface\s+(%?[a-z][a-z0-9-]*)\s*\{/gm)].map((m) => m[1]);
    assert.ok(names.length >= 20, `interfaces: ${names.length}`);
    // Its dependencies, as deps/ folders (wasi:io 0.2.12, wasi:tls 0.2.0-draft), from jco's other folders.
    const builtin = path.join(jcoRoot, 'lib', 'wit', 'builtin');
    const deps = {
      'deps/io/package.wit': readFileSync(path.join(builtin, '0.2.12', 'wasi-io', 'package.wit'), 'utf8'),
      'deps/tls/world.wit': readFileSync(path.join(tls, 'world.wit'), 'utf8'),
      'deps/tls/types.wit': readFileSync(path.join(tls, 'types.wit'), 'utf8'),
    };
    const copy = folder({ ...files, ...deps, 'zz-probe.wit': `world oracle-probe { ${names.map((n) => `import ${n};`).join(' ')} }\n` });
    const probe = ours(copy);
    assert.deepEqual(probe.errors, []);
    const world = probe.worlds.find((w) => w.name === 'oracle-probe')!;
    assert.deepEqual({ name: world.name, ...(await reference(copy, world.name)) }, world);
    console.log(`jco's node package: ${names.length} interfaces, ${world.imports.length} imports equal`);
  });

  test('differential: 200 seeded edits of one file of a two-file package with deps/: rejected by us exactly when the reference rejects', async () => {
    const base: Record<string, string> = {
      'types.wit': 'package my:plugin@1.0.0;\ninterface types {\n  record config { name: string }\n  type id = u32;\n  resource handle { constructor(); get: func() -> id; }\n}\n',
      'api.wit': 'interface api {\n  use types.{config, id, handle};\n  init: func(c: config) -> result<id, string>;\n  open: func(h: borrow<handle>);\n}\nworld plugin {\n  import types;\n  export api;\n  import wasi:io/streams@0.2.0;\n}\n',
      'deps/io/streams.wit': 'package wasi:io@0.2.0;\ninterface streams {\n  use poll.{pollable};\n  read: func(p: borrow<pollable>);\n}\n',
      'deps/io/poll.wit': 'interface poll {\n  resource pollable;\n}\n',
    };
    const pieces = ['{', '}', ';', ',', ':', 'types', 'api', 'config', 'id', 'handle', 'poll', 'pollable', 'streams', 'package my:plugin;', 'package other:x;', 'interface api {}', 'interface types {}', 'world plugin {}', 'use types.{id};', 'u8', 'x', '\n'];
    const random = seededRandom(14);
    const disagreements: string[] = [];
    let judged = 0;
    for (let round = 0; round < 200; round++) {
      const files = { ...base };
      const names = Object.keys(files);
      const which = names[Math.floor(random() * names.length)];
      const lines = files[which].split('\n');
      const at = Math.floor(random() * lines.length);
      const mode = random();
      if (mode < 0.3) files[which] = [...lines.slice(0, at), ...lines.slice(at + 1)].join('\n');
      else if (mode < 0.5) files[which] = [...lines.slice(0, at), files[names[Math.floor(random() * names.length)]].split('\n')[Math.floor(random() * 4)], ...lines.slice(at)].join('\n');
      else {
        const text = files[which];
        const offset = Math.floor(random() * (text.length + 1));
        files[which] = text.slice(0, offset) + pieces[Math.floor(random() * pieces.length)] + text.slice(offset + (random() < 0.5 ? Math.floor(random() * 5) : 0));
      }
      const dir = folder(files);
      const result = await reference(dir, 'plugin');
      // An edit that renamed or broke the world leaves nothing to compare.
      if (result.error && /world .*not found|not found in package|no world/i.test(result.error)) continue;
      judged++;
      const mine = [...ours(dir).errors, ...ours(path.join(dir, 'deps', 'io')).errors];
      if ((result.error === undefined) !== (mine.length === 0)) disagreements.push(`${which}: reference ${result.error ?? 'accepted'}; ours ${mine[0] ?? 'none'}\n${files[which]}`);
    }
    assert.deepEqual(disagreements, []);
    assert.ok(judged > 150, `judged: ${judged}`);
    console.log(`folder differential: ${judged} of 200 edited packages judged, 0 disagreements`);
  });
});
