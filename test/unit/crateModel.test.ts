import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { namespaceOf } from '../../server/src/crate/crateModel';
import { resolvePath } from '../../server/src/crate/resolve';
import { testEngine, writeTree } from '../support/engine';

const MANIFEST = '[package]\nname = "my-plugin"\nversion = "0.1.0"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n';

describe('crate model', () => {
  test('module tree: mod.rs, nested files, #[path], inline modules', async () => {
    const root = writeTree({
      'Cargo.toml': MANIFEST,
      'src/lib.rs': 'mod a;\nmod b;\n#[path = "custom/place.rs"] mod c;\nmod inline { mod d; }\n',
      'src/a.rs': 'pub mod nested;\n',
      'src/a/nested.rs': 'pub struct N;\n',
      'src/b/mod.rs': 'pub struct B;\n',
      'src/custom/place.rs': 'pub struct C;\n',
      'src/inline/d.rs': 'pub struct D;\n',
    });
    const engine = await testEngine();
    const crate = (await engine.crateOf(path.join(root, 'src/lib.rs')))!;
    assert.equal(crate.name, 'my_plugin');
    assert.deepEqual(crate.crateTypes, ['cdylib']);
    assert.equal(crate.edition, '2021');
    const modulePaths = crate.modules.map((m) => `${m.path.join('::')} @ ${path.relative(root, m.file)}`).sort();
    assert.deepEqual(modulePaths, [
      'crate @ src/lib.rs',
      'crate::a @ src/a.rs',
      'crate::a::nested @ src/a/nested.rs',
      'crate::b @ src/b/mod.rs',
      'crate::c @ src/custom/place.rs',
      'crate::inline @ src/lib.rs',
      'crate::inline::d @ src/inline/d.rs',
    ]);
    assert.deepEqual(crate.missingModules, []);
    // A file inside the module tree belongs to the same crate.
    const fromChild = await engine.crateOf(path.join(root, 'src/a/nested.rs'));
    assert.equal(fromChild?.rootFile, crate.rootFile);
  });

  test('name resolution through use, renames, globs, super, crate and aliases', async () => {
    const root = writeTree({
      'Cargo.toml': MANIFEST,
      'src/lib.rs': [
        'mod types;',
        'mod api;',
        'use types::Config as Settings;',
        'use types::*;',
        'pub type Alias = types::inner::Deep;',
      ].join('\n'),
      'src/types.rs': 'pub struct Config;\npub enum Mode { A }\npub mod inner { pub struct Deep; }\n',
      'src/api.rs': 'use super::Settings;\nuse crate::types::{inner::{self, Deep as D}, Mode};\n',
    });
    const engine = await testEngine();
    const crate = (await engine.crateOf(path.join(root, 'src/lib.rs')))!;
    const api = crate.modules.find((m) => m.path.join('::') === 'crate::api')!;
    const name = (segments: string[], module = crate.root) => {
      const r = resolvePath(module, segments);
      return r.kind === 'adt' || r.kind === 'alias' ? `${r.kind}:${r.item.name}` : r.kind === 'external' ? `external:${r.path.join('::')}` : r.kind;
    };
    assert.equal(name(['Settings']), 'adt:Config');
    assert.equal(name(['Mode']), 'adt:Mode');
    assert.equal(name(['Alias']), 'alias:Alias');
    assert.equal(name(['crate', 'types', 'inner', 'Deep']), 'adt:Deep');
    assert.equal(name(['Settings'], api), 'adt:Config');
    assert.equal(name(['D'], api), 'adt:Deep');
    assert.equal(name(['inner', 'Deep'], api), 'adt:Deep');
    assert.equal(name(['Mode'], api), 'adt:Mode');
    assert.equal(name(['String'], api), 'external:String');
    assert.equal(name(['std', 'ffi', 'CString']), 'external:std::ffi::CString');
    assert.equal(name(['types', 'Missing']), 'unresolved');
    assert.ok(namespaceOf(crate.root).globs.length === 1);
  });

  test('use cycles terminate', async () => {
    const root = writeTree({ 'lib.rs': 'mod a { pub use super::b::*; }\nmod b { pub use super::a::*; }\nuse a::Nothing;\n' });
    const engine = await testEngine();
    const crate = (await engine.crateOf(path.join(root, 'lib.rs')))!;
    assert.equal(resolvePath(crate.root, ['Nothing']).kind, 'unresolved');
  });

  test('edition from the workspace, a file outside any package, a broken manifest', async () => {
    const root = writeTree({
      'Cargo.toml': '[workspace]\nmembers = ["p"]\n[workspace.package]\nedition = "2024"\n',
      'p/Cargo.toml': '[package]\nname = "p"\nversion = "0.1.0"\nedition.workspace = true\n',
      'p/src/lib.rs': 'pub struct S;\n',
      'loose/one.rs': 'pub struct L;\n',
      'broken/Cargo.toml': '[package\nname = ',
      'broken/src/lib.rs': 'pub struct B;\n',
    });
    const engine = await testEngine();
    assert.equal((await engine.crateOf(path.join(root, 'p/src/lib.rs')))?.edition, '2024');
    const loose = await engine.crateOf(path.join(root, 'loose/one.rs'));
    assert.equal(loose?.rootFile, path.join(root, 'loose/one.rs'));
    const broken = await engine.crateOf(path.join(root, 'broken/src/lib.rs'));
    assert.equal(broken?.rootFile, path.join(root, 'broken/src/lib.rs'), 'a broken manifest falls back to a one-file crate');
    const result = await engine.check([path.join(root, 'broken')]);
    assert.match(result.errors[0] ?? '', /broken\/Cargo\.toml: invalid TOML/);
  });
});
