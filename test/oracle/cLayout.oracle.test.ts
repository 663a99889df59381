// Declared C layouts (server/src/layout/cLayout.ts) against the C compiler: a program that prints sizeof,
// _Alignof and offsetof for every struct and union of a header is compiled with cc and run, and every number the
// model gives must match; declarations with directives the model does not read must get no numbers at all.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { hostTargetCfg } from '../../server/src/crate/targetCfg';
import { loadCParser, parseHeader } from '../../server/src/interface/cHeader/parseHeader';
import { CLayoutComputer } from '../../server/src/layout/cLayout';
import { layoutTarget } from '../../server/src/layout/typeLayout';
import { nodeModulesAssets, tempDir } from '../support/engine';

const HEADER = `#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
typedef enum color { RED, GREEN = 7 } color;
typedef struct scalars { uint8_t a; uint32_t b; uint16_t c; uint64_t d; bool e; float f; } scalars;
typedef struct pointers { const void *p; char *s; int (*cb)(int); } pointers;
typedef struct ctypes { int i; long l; double d; char c; size_t z; intptr_t w; long long ll; short s; } ctypes;
typedef struct arrays { uint8_t tag; uint16_t data[5]; uint64_t more[3]; uint8_t grid[6][3]; } arrays;
typedef struct nested { uint8_t head; scalars inner; uint8_t tail; } nested;
typedef union either { uint32_t i; double d; uint8_t b[13]; } either;
typedef struct with_union { uint8_t tag; either value; color c; } with_union;
struct plain_tag { char c; int64_t v; };
typedef struct __attribute__((packed)) packed_one { uint8_t a; uint64_t b; uint16_t c; } packed_one;
struct packed_after { uint8_t a; uint32_t b; } __attribute__((__packed__));
typedef struct aligned16 { uint8_t a; uint32_t b; } __attribute__((aligned(16))) aligned16;
typedef struct holds_packed { uint8_t x; packed_one p; } holds_packed;
typedef struct wide { uint8_t a; __int128 big; } wide;
#define MY_PACKED __attribute__((packed))
typedef struct MY_PACKED through_macro { uint8_t a; uint32_t b; } through_macro;
typedef struct field_aligned { uint8_t a; uint32_t b __attribute__((aligned(8))); } field_aligned;
`;

/** Records the model must know, and those it must leave unknown (a macro or a field attribute it does not read). */
const KNOWN = ['scalars', 'pointers', 'ctypes', 'arrays', 'nested', 'either', 'with_union', 'plain_tag', 'packed_one', 'packed_after', 'aligned16', 'holds_packed'];
const UNKNOWN = ['through_macro', 'field_aligned', 'wide'];

test('C struct and union layouts match the C compiler\'s, field by field', async () => {
  const declarations = parseHeader(await loadCParser(nodeModulesAssets), '/virtual/layouts.h', HEADER);
  const computer = new CLayoutComputer(declarations, layoutTarget(hostTargetCfg()), HEADER);
  const tagged = (name: string) => (/^(plain_tag|packed_after)$/.test(name) ? `struct ${name}` : name);
  const lines: string[] = [];
  const expected: string[] = [];
  for (const name of KNOWN) {
    const record = declarations.records.get(name);
    assert.ok(record, `the header reader has ${name}`);
    const layout = computer.ofRecord(record);
    assert.ok(layout, `a layout for ${name}`);
    lines.push(`  printf("${name} %zu %zu\\n", sizeof(${tagged(name)}), _Alignof(${tagged(name)}));`);
    expected.push(`${name} ${layout.size} ${layout.align}`);
    for (const field of layout.fields) {
      if (field.name === '') continue;
      lines.push(`  printf("${name}.${field.name} %zu\\n", offsetof(${tagged(name)}, ${field.name}));`);
      expected.push(`${name}.${field.name} ${field.offset}`);
    }
  }
  for (const name of UNKNOWN) assert.equal(computer.ofRecord(declarations.records.get(name)!), undefined, `${name} has a layout directive the model does not read`);
  const dir = tempDir('rpg-clayout-');
  writeFileSync(path.join(dir, 'layouts.h'), HEADER);
  writeFileSync(path.join(dir, 'main.c'), `#include <stdio.h>\n#include <stddef.h>\n#include "layouts.h"\nint main(void) {\n${lines.join('\n')}\n  return 0;\n}\n`);
  const exe = path.join(dir, 'layouts');
  const cc = spawnSync('cc', ['-std=c11', '-Wall', '-o', exe, path.join(dir, 'main.c')], { encoding: 'utf8' });
  assert.equal(cc.status, 0, cc.stderr);
  const run = spawnSync(exe, [], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(run.stdout.trim().split('\n'), expected);
});

test('a #pragma pack anywhere in the header leaves every layout unknown', async () => {
  const text = `#include <stdint.h>\n#pragma pack(push, 1)\ntypedef struct s { uint8_t a; uint32_t b; } s;\n#pragma pack(pop)\n`;
  const declarations = parseHeader(await loadCParser(nodeModulesAssets), '/virtual/pack.h', text);
  assert.equal(new CLayoutComputer(declarations, layoutTarget(hostTargetCfg()), text).ofRecord(declarations.records.get('s')!), undefined);
});
