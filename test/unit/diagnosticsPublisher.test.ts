// A file two crates report on (a header two plugins implement): the editor shows both crates' findings, and each
// crate's later analysis replaces or withdraws only its own part (server/src/lsp/diagnosticsPublisher.ts).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import type { CrateModel } from '../../server/src/crate/crateModel';
import type { Finding } from '../../server/src/engine/types';
import { DiagnosticsPublisher } from '../../server/src/lsp/diagnosticsPublisher';
import { pathToUri } from '../../server/src/lsp/convert';

const HEADER = path.resolve('/shared/include/plugin.h');
const A = path.resolve('/a/src/lib.rs');
const B = path.resolve('/b/src/lib.rs');
const crateOf = (root: string) => ({ rootFile: root, files: new Map([[root, {}]]) }) as unknown as CrateModel;

function onHeader(line: number, message: string): Finding {
  const range = { start: { line, character: 0 }, end: { line, character: 10 } };
  return { rule: 'signature-mismatch', severity: 'error', file: HEADER, range, message, related: [], fixes: [] };
}

function setUp() {
  const shown = new Map<string, string[]>();
  const publisher = new DiagnosticsPublisher((uri, diagnostics) => shown.set(uri, diagnostics.map((d) => (typeof d.message === 'string' ? d.message : d.message.value))));
  return { publisher, header: () => shown.get(pathToUri(HEADER)) ?? [] };
}

test('two crates report on one header: both are shown; a crate that fixed its part withdraws only that', () => {
  const { publisher, header } = setUp();
  const open = () => true;
  publisher.publish(A, crateOf(A), [onHeader(3, 'a: mismatch')], open, new Map());
  publisher.publish(B, crateOf(B), [onHeader(7, 'b: mismatch')], open, new Map());
  assert.deepEqual(header(), ['a: mismatch', 'b: mismatch'], 'the second publication keeps the first crate’s findings');
  assert.equal(publisher.findingsIn(HEADER).length, 2, 'code actions see both parts');
  publisher.publish(A, crateOf(A), [], open, new Map());
  assert.deepEqual(header(), ['b: mismatch']);
  publisher.publish(B, crateOf(B), [onHeader(7, 'b: mismatch'), onHeader(9, 'b: another')], open, new Map());
  assert.deepEqual(header(), ['b: mismatch', 'b: another']);
  publisher.closed(B);
  assert.deepEqual(header(), [], 'b had the last part');
  assert.deepEqual(publisher.findingsIn(HEADER), []);
});

test('a finding both crates report (a module both include) is shown once', () => {
  const { publisher, header } = setUp();
  // The workspace pass: no open document.
  publisher.publish(undefined, crateOf(A), [onHeader(3, 'same')], () => false, new Map());
  publisher.publish(undefined, crateOf(B), [onHeader(3, 'same')], () => false, new Map());
  assert.deepEqual(header(), ['same']);
  publisher.clearUnopenedCrates((key) => key === B);
  assert.deepEqual(header(), ['same'], 'b still reports it');
  assert.equal(publisher.findingsIn(HEADER).length, 1, 'only b’s part is left');
  publisher.clearUnopenedCrates();
  assert.deepEqual(header(), []);
});
