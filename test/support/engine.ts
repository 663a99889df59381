import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Engine, type RuleSettings } from '../../server/src/engine/engine';
import type { Finding } from '../../server/src/engine/types';
import type { ParserAssets } from '../../server/src/parsing/treeSitter';

/** The same wasm files the build copies into dist/, taken from node_modules. */
export const nodeModulesAssets: ParserAssets = {
  runtimeWasm: require.resolve('web-tree-sitter/tree-sitter.wasm'),
  rustGrammarWasm: require.resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter-rust.wasm'),
};

let shared: Promise<Engine> | undefined;

/** One engine per test process (reading from the real disk). */
export function testEngine(): Promise<Engine> {
  shared ??= Engine.create({ assets: nodeModulesAssets });
  return shared;
}

/** Writes files (relative path → text) into a new temporary folder and returns its path. */
const created: string[] = [];
process.on('exit', () => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

/** A new temporary folder, removed when the test process exits. */
export function tempDir(prefix = 'rpg-test-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

export function writeTree(files: Record<string, string>): string {
  const root = tempDir();
  for (const [relative, text] of Object.entries(files)) {
    const full = path.join(root, relative);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return root;
}

/** Findings for a one-file crate written to a temporary folder. */
export async function checkSource(source: string, settings: RuleSettings = {}): Promise<{ file: string; findings: Finding[] }> {
  const dir = writeTree({ 'lib.rs': source });
  const file = path.join(dir, 'lib.rs');
  const engine = await testEngine();
  const { findings } = await engine.analyzeFile(file, settings);
  return { file, findings };
}
