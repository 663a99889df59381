// Code actions answer only for the documents' current versions, waiting a bounded time for a pending analysis
// (server/src/lsp/codeActions.ts with the real scheduler, publisher and version table).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import type { CrateModel } from '../../server/src/crate/crateModel';
import type { Finding } from '../../server/src/engine/types';
import { AnalysisScheduler } from '../../server/src/lsp/analysisScheduler';
import { codeActionsFor, type CodeActionSources } from '../../server/src/lsp/codeActions';
import { DiagnosticsPublisher } from '../../server/src/lsp/diagnosticsPublisher';
import { DocumentVersions } from '../../server/src/lsp/documentVersions';

const FILE = path.resolve('/plugin/src/lib.rs');
const HEADER = path.resolve('/plugin/include/plugin.h');
const range = (line: number) => ({ start: { line, character: 20 }, end: { line, character: 24 } });
const NO_CONTEXT = { diagnostics: [] };
const crate = { rootFile: FILE, files: new Map([[FILE, {}]]) } as unknown as CrateModel;

function finding(line: number, editedFile = FILE): Finding {
  const edit = { file: editedFile, range: range(line), newText: 'u32' };
  return { rule: 'ffi-unsafe-type', severity: 'warning', file: FILE, range: range(line), message: '`char` has no C equivalent', related: [], fixes: [{ title: 'Change `char` to `u32`', isPreferred: true, edits: [edit] }] };
}

function setUp(run: (file: string) => Promise<void>): CodeActionSources & { scheduler: AnalysisScheduler } {
  const scheduler = new AnalysisScheduler(10, run, (_, error) => assert.fail(String(error)));
  return { publisher: new DiagnosticsPublisher(() => undefined), scheduler, versions: new DocumentVersions(), support: { documentChanges: true, snippetEdits: false } };
}

test('an edit after the last analysis: the answer waits for the analysis of the new version', async () => {
  const sources = setUp(async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    sources.publisher.publish(FILE, crate, [finding(3)], () => true, sources.versions.snapshot());
  });
  sources.versions.set(FILE, 1);
  sources.publisher.publish(FILE, crate, [finding(2)], () => true, sources.versions.snapshot());
  // A line inserted above: version 2, analysis scheduled, not yet run.
  sources.versions.set(FILE, 2);
  sources.scheduler.schedule(FILE);
  const actions = await codeActionsFor(FILE, range(3), NO_CONTEXT, sources);
  assert.equal(actions.length, 1);
  const [change] = actions[0].edit?.documentChanges ?? [];
  assert.ok(change && 'textDocument' in change);
  assert.deepEqual(change.textDocument.version, 2);
  assert.deepEqual(change.edits[0].range, range(3));
  void sources.scheduler.stop();
});

test('an analysis that does not finish in time: no actions, after the bound', async () => {
  const sources = setUp(() => new Promise<void>(() => undefined));
  sources.versions.set(FILE, 1);
  sources.publisher.publish(FILE, crate, [finding(2)], () => true, sources.versions.snapshot());
  sources.versions.set(FILE, 2);
  sources.scheduler.schedule(FILE, 0);
  const started = Date.now();
  assert.deepEqual(await codeActionsFor(FILE, range(2), NO_CONTEXT, sources, 300), []);
  const waited = Date.now() - started;
  assert.ok(waited >= 290 && waited < 2000, `waited ${waited} ms`);
});

test('nothing pending (the analysis failed): stale findings give no actions at once', async () => {
  const sources = setUp(async () => undefined);
  sources.versions.set(FILE, 1);
  sources.publisher.publish(FILE, crate, [finding(2)], () => true, sources.versions.snapshot());
  sources.versions.set(FILE, 2);
  const started = Date.now();
  assert.deepEqual(await codeActionsFor(FILE, range(2), NO_CONTEXT, sources), []);
  assert.ok(Date.now() - started < 500);
});

test('a fix that edits another document changed since the analysis is left out; one for a closed file says version null', async () => {
  const sources = setUp(async () => undefined);
  sources.versions.set(FILE, 1);
  sources.versions.set(HEADER, 4);
  sources.publisher.publish(FILE, crate, [finding(2, HEADER), finding(5, path.resolve('/plugin/Cargo.toml'))], () => true, sources.versions.snapshot());
  sources.versions.set(HEADER, 5);
  const actions = await codeActionsFor(FILE, { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } }, NO_CONTEXT, sources);
  assert.equal(actions.length, 1, JSON.stringify(actions));
  const [change] = actions[0].edit?.documentChanges ?? [];
  assert.ok(change && 'textDocument' in change);
  assert.equal(change.textDocument.version, null);
  assert.ok(change.textDocument.uri.endsWith('/plugin/Cargo.toml'));
});
