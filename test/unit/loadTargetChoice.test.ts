// Which crate "Load plugin" loads without asking (the active editor's cdylib crate), and how it lists crates
// when it must ask (package names, not folder names).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { chooseCrate, packageNameOf, type ManifestFile } from '../../client/src/loadCommand/crateRoots';

const ws = path.join(path.sep, 'ws');
const at = (...parts: string[]) => path.join(ws, ...parts);
const cdylib = (name: string) => `[package]\nname = "${name}"\nversion = "0.1.0"\n\n[lib]\ncrate-type = ["cdylib"]\n`;
const MANIFESTS: ManifestFile[] = [
  { path: at('Cargo.toml'), text: '[workspace]\nmembers = ["host", "plugin", "plugin/tools", "other"]\n' },
  { path: at('host', 'Cargo.toml'), text: '[package]\nname = "greeter-host"\nversion = "0.1.0"\n' },
  { path: at('plugin', 'Cargo.toml'), text: cdylib('greeter-plugin') },
  // A package nested in the plugin's folder that is not a cdylib.
  { path: at('plugin', 'tools', 'Cargo.toml'), text: '[package]\nname = "plugin-tools"\nversion = "0.1.0"\n' },
  { path: at('other', 'Cargo.toml'), text: cdylib('audio-filter') },
];

describe('Load plugin: which crate', () => {
  test('a file of a cdylib crate picks that crate, whichever module or the manifest itself', () => {
    for (const file of [at('plugin', 'src', 'lib.rs'), at('plugin', 'src', 'events', 'mod.rs'), at('plugin', 'Cargo.toml'), at('plugin', 'build.rs')]) {
      assert.deepEqual(chooseCrate(file, MANIFESTS).chosen, { manifest: at('plugin', 'Cargo.toml'), label: 'greeter-plugin' }, file);
    }
    assert.equal(chooseCrate(at('other', 'src', 'lib.rs'), MANIFESTS).chosen?.label, 'audio-filter');
  });

  test('no choice without a cdylib of its own: a host file, a nested non-cdylib package, a file outside, no editor', () => {
    for (const file of [at('host', 'src', 'main.rs'), at('plugin', 'tools', 'src', 'main.rs'), at('README.md'), path.join(path.sep, 'elsewhere', 'lib.rs'), undefined]) {
      assert.equal(chooseCrate(file, MANIFESTS).chosen, undefined, String(file));
    }
    // A sibling folder whose name starts like the crate's is not inside it.
    assert.equal(chooseCrate(at('plugin-old', 'src', 'lib.rs'), MANIFESTS).chosen, undefined);
  });

  test('when it asks: every cdylib by package name, sorted; a manifest that does not parse shows its folder', () => {
    const broken = { path: at('broken', 'Cargo.toml'), text: '[package\nname = "x"\n[lib]\ncrate-type = ["cdylib"]\n' };
    assert.deepEqual(
      chooseCrate(at('host', 'src', 'main.rs'), [...MANIFESTS, broken]).choices.map((c) => [c.label, path.relative(ws, c.manifest)]),
      [
        ['audio-filter', path.join('other', 'Cargo.toml')],
        ['broken', path.join('broken', 'Cargo.toml')],
        ['greeter-plugin', path.join('plugin', 'Cargo.toml')],
      ],
    );
  });

  test('package names', () => {
    assert.equal(packageNameOf(cdylib('greeter-plugin')), 'greeter-plugin');
    assert.equal(packageNameOf('[workspace]\nmembers = []\n'), undefined);
    assert.equal(packageNameOf('[package\n'), undefined);
  });
});
