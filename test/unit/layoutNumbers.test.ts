// layout-mismatch by the numbers (issue 16: layouts feed layout-mismatch): fields that agree in type but sit at
// other offsets because one side is packed or over-aligned. Both layout models are checked against their compilers
// in test/oracle/layout.oracle.test.ts (rustc) and test/oracle/cLayout.oracle.test.ts (cc).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { testEngine, writeTree } from '../support/engine';

const MANIFEST = '[package]\nname = "p"\nversion = "0.1.0"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n';

async function layoutFindings(rust: string, header: string): Promise<string[]> {
  const root = writeTree({ 'Cargo.toml': MANIFEST, 'src/lib.rs': rust, 'include/p.h': `#include <stdint.h>\n${header}` });
  const { findings } = await (await testEngine()).analyzeFile(path.join(root, 'src/lib.rs'));
  return findings.filter((f) => f.rule === 'layout-mismatch').map((f) => `${f.range.start.line + 1}: ${f.message}`);
}

const RUST = (repr: string) => `#[repr(${repr})]
pub struct Header {
    pub tag: u8,
    pub len: u32,
}
#[no_mangle] pub extern "C" fn header_len(h: *const Header) -> u32 { if h.is_null() { 0 } else { unsafe { (*h).len } } }
`;
const C = (attribute: string) => `typedef struct ${attribute}Header { uint8_t tag; uint32_t len; } Header;\nuint32_t header_len(const Header *h);\n`;

describe('layout-mismatch: packing and alignment', () => {
  test('reported: packed in Rust only, packed in the header only, align(16) in Rust only; at the field that moved', async () => {
    const packedRust = await layoutFindings(RUST('C, packed'), C(''));
    assert.equal(packedRust.length, 1);
    assert.match(packedRust[0], /^4: `Header` does not match `Header` declared at `p\.h:2`: `Header` is 5 bytes with alignment 1 but `Header` is 8 bytes with alignment 4; field `len` is at offset 1 in Rust and 4 in C/);
    const packedC = await layoutFindings(RUST('C'), C('__attribute__((packed)) '));
    assert.equal(packedC.length, 1);
    assert.match(packedC[0], /`Header` is 8 bytes with alignment 4 but `Header` is 5 bytes with alignment 1; field `len` is at offset 4 in Rust and 1 in C/);
    const aligned = await layoutFindings(RUST('C, align(16)'), C(''));
    assert.equal(aligned.length, 1);
    assert.match(aligned[0], /^2: .*`Header` is 16 bytes with alignment 16 but `Header` is 8 bytes with alignment 4 \(the fields agree in type/);
  });

  test('silent: the same packing on both sides, no packing, and headers whose packing the model cannot read', async () => {
    assert.deepEqual(await layoutFindings(RUST('C, packed'), C('__attribute__((packed)) ')), []);
    assert.deepEqual(await layoutFindings(RUST('C'), C('')), []);
    assert.deepEqual(await layoutFindings(RUST('C, align(16)'), `typedef struct Header { uint8_t tag; uint32_t len; } __attribute__((aligned(16))) Header;\nuint32_t header_len(const Header *h);\n`), []);
    // `#pragma pack` and a packing macro: the C layout is unknown, so nothing is claimed.
    assert.deepEqual(await layoutFindings(RUST('C, packed'), `#pragma pack(push, 1)\n${C('')}#pragma pack(pop)\n`), []);
    assert.deepEqual(await layoutFindings(RUST('C, packed'), `#define PACKED __attribute__((packed))\n${C('PACKED ')}`), []);
  });
});
