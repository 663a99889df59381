// Issue 17: does parsing a crate's files in worker threads pay on this machine? The cold work FileStore does per
// file on disk (read, tree-sitter parse, item extraction, body facts), for every file of the generated crate: on the
// main thread one after the other, and split over N workers that post them back (the clone is part of the cost).
// Worker start-up (loading the grammar) is timed apart: a server would pay it once, the CLI on every run.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { RustSource } from '../server/src/parsing/rustSource';
import { createRustParser, type ParserAssets } from '../server/src/parsing/treeSitter';
import { extractFileSyntax } from '../server/src/syntax/items';
import { readFileBodies } from '../server/src/bodies/fileBodies';
import type { GeneratedCrate } from './generateCrate';

export interface ParallelParseResult {
  workers: number;
  sequentialMs: number[];
  /** Send the file lists → every worker's items and body facts received (workers already started). */
  parallelMs: number[];
  startupMs: number[];
}

async function sequential(files: readonly string[], assets: ParserAssets): Promise<number> {
  const parser = await createRustParser(assets);
  const start = performance.now();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const source = RustSource.parse(parser, text);
    readFileBodies(source.tree.rootNode, text, source.lineIndex, extractFileSyntax(source.tree.rootNode, text));
    source.dispose();
  }
  const ms = performance.now() - start;
  parser.delete();
  return ms;
}

async function parallel(files: readonly string[], assets: ParserAssets, count: number): Promise<{ startupMs: number; ms: number }> {
  const shares = Array.from({ length: count }, (_, i) => files.filter((_, index) => index % count === i));
  const started = performance.now();
  // The bench runs under tsx; a worker registers it before loading the TypeScript file (node 20 workers do not inherit `--import`).
  const entry = `require('tsx/cjs'); require(${JSON.stringify(path.join(__dirname, 'parallelParseWorker.ts'))});`;
  const workers = shares.map((share) => new Worker(entry, { eval: true, workerData: { assets, files: share } }));
  try {
    await Promise.all(workers.map((worker) => new Promise((resolve, reject) => (worker.once('message', resolve), worker.once('error', reject)))));
    const startupMs = performance.now() - started;
    const start = performance.now();
    const received = workers.map((worker) => new Promise<{ results: unknown[] }>((resolve, reject) => (worker.once('message', resolve), worker.once('error', reject))));
    for (const worker of workers) worker.postMessage('go');
    const results = (await Promise.all(received)).flatMap((r) => r.results);
    if (results.length !== files.length) throw new Error(`parallel parse: ${results.length} of ${files.length} files came back`);
    return { startupMs, ms: performance.now() - start };
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

export async function measureParallelParse(crate: GeneratedCrate, assets: ParserAssets, workers: number, runs = 3): Promise<ParallelParseResult> {
  const files = crate.files.map((f) => f.path);
  readFileSync(files[0]); // the page cache, not the disk, for both
  const sequentialMs: number[] = [];
  const parallelMs: number[] = [];
  const startupMs: number[] = [];
  for (let r = 0; r < runs; r++) {
    sequentialMs.push(await sequential(files, assets));
    const run = await parallel(files, assets, workers);
    parallelMs.push(run.ms);
    startupMs.push(run.startupMs);
  }
  return { workers, sequentialMs, parallelMs, startupMs };
}
