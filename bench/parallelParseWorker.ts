// Worker side of bench/parallelParse.ts: parses and reads the items and body facts of the files it is given, as
// FileStore does for files on disk, and posts them back (structured clone: what an engine using workers would receive).
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { RustSource } from '../server/src/parsing/rustSource';
import { createRustParser, type ParserAssets } from '../server/src/parsing/treeSitter';
import { extractFileSyntax } from '../server/src/syntax/items';
import { readFileBodies } from '../server/src/bodies/fileBodies';

async function main(): Promise<void> {
  const { assets, files } = workerData as { assets: ParserAssets; files: string[] };
  const parser = await createRustParser(assets);
  parentPort!.postMessage({ ready: true });
  parentPort!.once('message', () => {
    const results = files.map((file) => {
      const text = readFileSync(file, 'utf8');
      const source = RustSource.parse(parser, text);
      try {
        const syntax = extractFileSyntax(source.tree.rootNode, text);
        return { file, syntax, bodies: readFileBodies(source.tree.rootNode, text, source.lineIndex, syntax) };
      } finally {
        source.dispose();
      }
    });
    parentPort!.postMessage({ results });
  });
}

void main();
