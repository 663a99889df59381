// Header sync on a crate written to a temporary folder: the model, the header text, its meaning.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadCParser } from '../../server/src/interface/cHeader/parseHeader';
import { headerConfigOf, syncHeader, type HeaderSyncResult } from '../../server/src/headerSync/headerSync';
import { headerMeanings } from '../../server/src/headerSync/meaning';
import { nodeModulesAssets, testEngine, writeTree } from './engine';

export const PLUGIN_MANIFEST = (name: string, extra = '') => `[package]\nname = "${name}"\nversion = "0.1.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n${extra}`;

/** The header for the crate in `dir` (or written from `files`), updating `existing` when given. */
export async function headerOf(dir: string, existing?: string): Promise<HeaderSyncResult> {
  const engine = await testEngine();
  const crate = await engine.crateOf(path.join(dir, 'src', 'lib.rs'));
  if (!crate) throw new Error(`${dir}: no crate`);
  const parser = await loadCParser(nodeModulesAssets);
  const config = headerConfigOf(crate, (file) => (existsSync(file) ? readFileSync(file, 'utf8') : undefined));
  return syncHeader(crate, parser, path.join(dir, 'include', 'plugin.h'), existing, config);
}

export async function headerOfFiles(files: Record<string, string>, existing?: string): Promise<HeaderSyncResult & { dir: string }> {
  const dir = writeTree(files);
  return { ...(await headerOf(dir, existing)), dir };
}

/** Declaration key → C meaning, read with the project's C header reader. */
export async function meaningsOf(text: string): Promise<Map<string, string>> {
  const parser = await loadCParser(nodeModulesAssets);
  return new Map([...headerMeanings(parser, 'x.h', text)].map(([key, m]) => [key, m.meaning]));
}
