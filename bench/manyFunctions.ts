// How analysis grows with the number of exported functions (2k, 5k, 10k, 20k): every export's body is read by
// the body rules, so a body cache smaller than the crate would make each analysis re-parse most bodies. Goal:
// linear growth, and a keystroke re-parses only the function it touched.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { bodyStats } from '../server/src/bodies';
import { clearBodyCache } from '../server/src/bodies/bodyOf';
import { Engine } from '../server/src/engine/engine';
import type { ParserAssets } from '../server/src/parsing/treeSitter';
import { ms, p50, printTable } from './stats';

export const FUNCTION_COUNTS = [2_000, 5_000, 10_000, 20_000];
const PER_FILE = 500;
const EDITS = 3;

export interface ScaleRow {
  functions: number;
  /** First analysis of the open file's crate (every file parsed, every body parsed once). */
  firstMs: number;
  /** analyzeFile after a one-character edit in one body, p50 of EDITS. */
  editMs: number;
  /** Bodies parsed by one such analysis (only the edited function, when the cache holds the crate). */
  parsesPerEdit: number;
}

/** `count` exported functions in files of PER_FILE, each body with a `Box::into_raw` handout and a division, and one free. */
export function writeCrate(root: string, count: number): string {
  mkdirSync(path.join(root, 'src'), { recursive: true });
  writeFileSync(path.join(root, 'Cargo.toml'), '[package]\nname = "many"\nversion = "0.1.0"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n');
  const files = Math.ceil(count / PER_FILE);
  const lib = [...Array(files).keys()].map((f) => `pub mod m${f};`);
  // The one reclaim every handout goes back through, as in a real plugin.
  lib.push('', '#[no_mangle]', 'pub unsafe extern "C" fn free_value(value: *mut u32) {', '    if !value.is_null() {', '        drop(Box::from_raw(value));', '    }', '}');
  writeFileSync(path.join(root, 'src', 'lib.rs'), `${lib.join('\n')}\n`);
  for (let f = 0; f < files; f++) {
    const lines: string[] = [];
    for (let i = f * PER_FILE; i < Math.min(count, (f + 1) * PER_FILE); i++) {
      lines.push(
        '#[no_mangle]',
        `pub extern "C" fn export_${i}(value: u32, divisor: u32) -> *mut u32 {`,
        `    let scaled = value.wrapping_mul(${i % 97}) / divisor.max(1);`,
        '    Box::into_raw(Box::new(scaled))',
        '}',
        '',
      );
    }
    writeFileSync(path.join(root, 'src', `m${f}.rs`), `${lines.join('\n')}\n`);
  }
  return path.join(root, 'src', 'm0.rs');
}

export async function measureScaling(tmp: string, assets: ParserAssets): Promise<ScaleRow[]> {
  const rows: ScaleRow[] = [];
  for (const functions of FUNCTION_COUNTS) {
    const file = writeCrate(path.join(tmp, `many-${functions}`), functions);
    const engine = await Engine.create({ assets });
    // The smaller crates' first file has the same functions and edits: start each size with an empty cache.
    clearBodyCache();
    try {
      engine.files.openDocument(file, readFileSync(file, 'utf8'));
      let start = performance.now();
      await engine.analyzeFile(file);
      const firstMs = performance.now() - start;
      const editMs: number[] = [];
      const parses: number[] = [];
      for (let edit = 0; edit < EDITS; edit++) {
        // Before the `0` of `wrapping_mul(N)` in the first function: still valid Rust.
        engine.files.changeDocument(file, [{ range: { start: { line: 2, character: 34 }, end: { line: 2, character: 34 } }, text: '1' }]);
        const before = bodyStats.parses;
        start = performance.now();
        await engine.analyzeFile(file);
        editMs.push(performance.now() - start);
        parses.push(bodyStats.parses - before);
      }
      rows.push({ functions, firstMs, editMs: p50(editMs), parsesPerEdit: p50(parses) });
    } finally {
      engine.dispose();
    }
  }
  return rows;
}

export function printScaling(rows: readonly ScaleRow[]): void {
  const base = rows[0];
  printTable(
    `5. Growth with the number of exported functions (${PER_FILE} per file, one file open, analyzeFile)`,
    ['functions', 'first analysis', 'per keystroke p50', 'per keystroke per 1k fns', 'bodies parsed per keystroke'],
    rows.map((row) => [row.functions.toLocaleString('en-US'), ms(row.firstMs), ms(row.editMs), ms((row.editMs * 1000) / row.functions), String(row.parsesPerEdit)]),
  );
  const last = rows[rows.length - 1];
  if (base && last) console.log(`growth ${base.functions}→${last.functions} functions (${last.functions / base.functions}x): per keystroke ${(last.editMs / base.editMs).toFixed(1)}x (linear would be ${last.functions / base.functions}x)`);
}
