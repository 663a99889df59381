// Differential test against rustc on generated crates (fixed seeds): where rustc's improper_ctypes* lints
// warn and where `ffi-unsafe-type` ∪ `missing-repr-c` report must be the same sites. `npm run fuzz:rustc`
// runs many more seeds.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareWithRustc } from '../support/differential';

const SEEDS = Array.from({ length: 12 }, (_, i) => 1000 + i);

test(`generated crates agree with rustc site by site (seeds ${SEEDS[0]}–${SEEDS[SEEDS.length - 1]})`, async (t) => {
  let compared = 0;
  for (const seed of SEEDS) {
    const result = await compareWithRustc(seed);
    assert.deepEqual(result.rustcErrors, [], `seed ${seed}: the generated crate must compile`);
    assert.deepEqual({ onlyRustc: result.onlyRustc, onlyUs: result.onlyUs }, { onlyRustc: [], onlyUs: [] }, `seed ${seed}`);
    compared += result.compared;
  }
  assert.ok(compared > 100, `only ${compared} sites compared: the generator produces too few boundary sites`);
  t.diagnostic(`${compared} sites compared, all agreed`);
});
