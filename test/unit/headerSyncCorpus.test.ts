// Header sync on the real crates of the precision corpus whose headers cbindgen wrote (some kept by hand
// since): reading each committed header, update mode finds nothing to change where the header is the crate's
// boundary, and exactly the real drift where it is not. Nothing is written (existing text in, edits out).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { loadCParser } from '../../server/src/interface/cHeader/parseHeader';
import { headerConfigOf, syncHeader } from '../../server/src/headerSync/headerSync';
import { nodeModulesAssets, testEngine } from '../support/engine';

const CORPUS = path.join(__dirname, '..', 'corpus');

async function update(crateDir: string, header: string, tomlExtra = '') {
  const engine = await testEngine();
  const manifest = await engine.discovery.readManifest(path.join(CORPUS, crateDir, 'Cargo.toml'));
  const crate = await engine.crateOf(manifest!.libPath!);
  const file = path.join(CORPUS, crateDir, header);
  const read = (f: string) => {
    try {
      return readFileSync(f, 'utf8') + (f.endsWith('cbindgen.toml') ? tomlExtra : '');
    } catch {
      return undefined;
    }
  };
  return syncHeader(crate!, await loadCParser(nodeModulesAssets), file, readFileSync(file, 'utf8'), headerConfigOf(crate!, read));
}

for (const [crateDir, header] of [
  ['rustls-ffi/librustls', 'src/rustls.h'], // cbindgen 0.27+: C23 enum bases, #if + doc comments, prefix_with_name + ScreamingSnakeCase, [export] include, usize_is_size_t
  ['symbolic-cabi/symbolic-cabi', 'include/symbolic.h'], // QualifiedScreamingSnakeCase
  ['lightningcss-c/c', 'lightningcss.h'],
]) {
  test(`${crateDir}: the committed ${path.basename(header)} is the crate's boundary (no change)`, async () => {
    const result = await update(crateDir, header);
    assert.deepEqual(result.changes, []);
    assert.deepEqual(result.edits, []);
  });
}

test('gifski: refused until RGB8 (another crate\'s type) is given a C name; then its hand-kept header (opaque handle, no const, prefixed variants) is the boundary', async () => {
  await assert.rejects(update('gifski', 'gifski.h'), /`c_api::gifski_add_frame_rgb` uses `\*const RGB8`.*\[export\.rename\] "RGB8" = "unsigned char"/);
  // Appended to gifski's cbindgen.toml, whose last table is `[export.rename]`.
  const result = await update('gifski', 'gifski.h', '"RGB8" = "unsigned char"\n');
  assert.deepEqual(result.changes, []);
});

test('resvg: the real drift — `SVGZ_UNSUPPORTED` is in the Rust enum but not in resvg.h, shifting every later value — and nothing else', async () => {
  const result = await update('resvg-capi/crates/c-api', 'resvg.h');
  assert.deepEqual(result.changes.map((c) => c.key), ['enum resvg_error']);
  assert.match(result.changes[0].was ?? '', /RESVG_ERROR_FILE_OPEN_FAILED = 2/);
  assert.match(result.changes[0].now ?? '', /RESVG_ERROR_SVGZ_UNSUPPORTED = 2, RESVG_ERROR_FILE_OPEN_FAILED = 3/);
  assert.equal(result.edits.length, 1, 'one declaration rewritten');
});
