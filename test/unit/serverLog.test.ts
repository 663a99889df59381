// The lines the server writes to the "Rust Plugin Guard" output channel: short, one per event, errors with
// their cause and where they were thrown, never a stack trace.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../../server/src/engine/types';
import { analysisLine, crateLabel, describeError, findingCounts } from '../../server/src/lsp/logging';

const finding = (severity: Finding['severity']) => ({ severity }) as Finding;
const manifest = (packageName: string) => ({ packageName }) as never;

test('an error with its cause on one line, naming the source frame', () => {
  const cause = new Error('EACCES: permission denied, open \'/w/plugin/Cargo.toml\'');
  const error = new TypeError('cannot read the manifest', { cause });
  const line = describeError(error);
  assert.match(line, /^TypeError: cannot read the manifest \(at .*serverLog\.test\.ts:\d+:\d+\); caused by: Error: EACCES: permission denied, open '\/w\/plugin\/Cargo\.toml' \(at /);
  assert.ok(!line.includes('\n'), line);
  assert.equal(describeError('a plain string'), 'a plain string');
});

test('crates by package name and kind; findings counted by severity', () => {
  assert.equal(crateLabel({ name: 'greeter_plugin', manifest: manifest('greeter-plugin'), crateTypes: ['cdylib'], rootFile: '/w/plugin/src/lib.rs' }), 'greeter-plugin (cdylib)');
  assert.equal(crateLabel({ name: 'greeter_host', manifest: manifest('greeter-host'), crateTypes: ['bin'], rootFile: '/w/host/src/main.rs' }), 'greeter-host (bin)');
  assert.equal(crateLabel({ name: 'scratch', manifest: undefined, crateTypes: [], rootFile: '/w/scratch.rs' }), 'scratch (file)');
  assert.equal(crateLabel({ name: 'greeter_host', manifest: manifest('greeter-host'), crateTypes: ['bin'], rootFile: '/w/host/src/main.rs' }, 'host'), 'greeter-host (bin, host/)');
  assert.equal(crateLabel({ name: 'scratch', manifest: undefined, crateTypes: [], rootFile: '/w/scratch.rs' }, 'scratch.rs'), 'scratch (file, scratch.rs)');
  assert.equal(findingCounts([]), 'no findings');
  assert.equal(findingCounts([finding('warning'), finding('error'), finding('error'), finding('information')]), '2 errors, 1 warning, 1 info');
  assert.equal(
    analysisLine({ name: 'p', manifest: manifest('p'), crateTypes: ['cdylib', 'rlib'], rootFile: '/w/src/lib.rs' }, 3, 14.4, [finding('hint')]),
    'checked p (cdylib, rlib), 3 files, in 14 ms: 1 hint',
  );
});
