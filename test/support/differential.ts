import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { generateFfiCrate } from './ffiGenerator';
import { tempDir, testEngine } from './engine';
import { rustcFfiWarnings } from './rustc';

export interface DifferentialResult {
  seed: number;
  /** Boundary sites (parameter, return, fn-pointer type, static) where rustc or we report something. */
  compared: number;
  agreed: number;
  onlyRustc: string[];
  onlyUs: string[];
  rustcErrors: string[];
}

/**
 * Compiles one generated crate with rustc and compares, site by site, where rustc's `improper_ctypes*`
 * warnings are with where `ffi-unsafe-type` ∪ `missing-repr-c` report.
 */
export async function compareWithRustc(seed: number): Promise<DifferentialResult> {
  const source = generateFfiCrate(seed);
  const file = path.join(tempDir('rpg-diff-'), 'lib.rs');
  writeFileSync(file, source);
  const { warnings, errors } = rustcFfiWarnings(file, '2021');
  const lines = source.split('\n');
  const describe = (line: number, column: number, endColumn: number) => `${line}:${column} \`${lines[line - 1]?.slice(column - 1, endColumn - 1)}\` in: ${lines[line - 1]?.trim()}`;
  const rustc = new Map(warnings.map((w) => [`${w.line}:${w.column}:${w.endLine}:${w.endColumn}`, `${describe(w.line, w.column, w.endColumn)} (rustc: ${w.type}, ${w.reasons[0] ?? ''})`]));
  const engine = await testEngine();
  const { findings } = await engine.analyzeFile(file);
  const ours = new Map(
    findings
      .filter((f) => f.rule === 'ffi-unsafe-type' || f.rule === 'missing-repr-c')
      .map((f) => {
        const { start, end } = f.range;
        return [`${start.line + 1}:${start.character + 1}:${end.line + 1}:${end.character + 1}`, `${describe(start.line + 1, start.character + 1, end.character + 1)} (us: ${f.rule})`];
      }),
  );
  const onlyRustc = [...rustc].filter(([key]) => !ours.has(key)).map(([, text]) => text);
  const onlyUs = [...ours].filter(([key]) => !rustc.has(key)).map(([, text]) => text);
  const all = new Set([...rustc.keys(), ...ours.keys()]);
  return { seed, compared: all.size, agreed: all.size - onlyRustc.length - onlyUs.length, onlyRustc, onlyUs, rustcErrors: errors };
}
