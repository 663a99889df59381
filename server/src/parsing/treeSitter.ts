import * as path from 'node:path';
import { Language, Parser, type Tree } from 'web-tree-sitter';

/** The tree-sitter runtime and Rust grammar `.wasm` files. */
export interface ParserAssets {
  runtimeWasm: string;
  rustGrammarWasm: string;
}

/** The `.wasm` files the build copies next to the bundles. */
export function assetsIn(dir: string): ParserAssets {
  return { runtimeWasm: path.join(dir, 'tree-sitter.wasm'), rustGrammarWasm: path.join(dir, 'tree-sitter-rust.wasm') };
}

let rustLanguage: Promise<Language> | undefined;

/** Loads the runtime and the Rust grammar once per process. */
export function loadRustLanguage(assets: ParserAssets): Promise<Language> {
  rustLanguage ??= (async () => {
    // web-tree-sitter 0.25 types `init` as taking a full EmscriptenModule; only `locateFile` is needed.
    const moduleOptions = { locateFile: () => assets.runtimeWasm };
    await Parser.init(moduleOptions as unknown as Parameters<typeof Parser.init>[0]);
    return Language.load(assets.rustGrammarWasm);
  })().catch((error: unknown) => {
    rustLanguage = undefined;
    throw new Error(
      `cannot load the Rust grammar ${assets.rustGrammarWasm} (${String(error)}); run \`npm run build\` to copy the .wasm files`,
    );
  });
  return rustLanguage;
}

export async function createRustParser(assets: ParserAssets): Promise<Parser> {
  const language = await loadRustLanguage(assets);
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

/**
 * How much CPU time one parse may take. tree-sitter's error recovery is quadratic on some inputs (an
 * unterminated raw string with many near-terminators: 48 KB took 8 s), and a parse cannot be interrupted from
 * outside, so each gets a budget: 1 s plus 3 ms per KB (normal code parses at about 1 MB/s, so only
 * pathological input hits it).
 */
export function parseBudgetMs(textLength: number): number {
  return 1000 + (3 * textLength) / 1024;
}

/** On a busy machine a parse gets this many times its budget in wall time before it is abandoned anyway. */
const WALL_TIME_FACTOR = 4;

/**
 * `parser.parse` under a time budget: the tree, or undefined when the budget ran out (the parser is reset,
 * so its next parse does not resume this one). The budget is CPU time of this process, so that other work on
 * the machine does not make a normal file "too slow"; wall time is capped at WALL_TIME_FACTOR times it.
 */
const freed = new WeakSet<Parser>();

/**
 * Frees a parser. Its memory is in the wasm heap, where a use after free does not fail but reads whatever
 * is there now (it corrupted later parses); so every later parse with it throws instead, naming the mistake.
 */
export function freeParser(parser: Parser): void {
  if (freed.has(parser)) return;
  freed.add(parser);
  parser.delete();
}

/** CPU time is read once this share of the budget has passed on the clock (the server runs at most a few threads). */
const CPU_CHECK_DIVISOR = 8;

export function parseWithBudget(parser: Parser, text: string, oldTree: Tree | null = null, budgetMs = parseBudgetMs(text.length)): Tree | undefined {
  if (freed.has(parser)) throw new Error('a parse was asked of a parser already freed: an analysis outlived its engine (free it after the last use)');
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  const wallDeadline = wallStart + WALL_TIME_FACTOR * budgetMs;
  // The process's CPU time cannot pass the budget before a fraction of it has gone by on the clock (only a few
  // threads run), so the CPU time (a system call) is read only from then on: most parses never read it.
  const cpuCheckFrom = wallStart + budgetMs / CPU_CHECK_DIVISOR;
  const budgetMicros = budgetMs * 1000;
  // Checked by tree-sitter every few hundred parse steps; returning true abandons the parse.
  const progressCallback = (): boolean => {
    const now = performance.now();
    if (now < cpuCheckFrom) return false;
    const used = process.cpuUsage(cpuStart);
    return used.user + used.system > budgetMicros || now > wallDeadline;
  };
  let tree: Tree | null = null;
  try {
    tree = parser.parse(text, oldTree, { progressCallback });
  } catch {
    // Not seen on any input tried (100,000-deep nesting parses), but a trap in the wasm parser must cost
    // only this file: it is then "not analysed", like a parse over budget.
    tree = null;
  }
  if (tree) return tree;
  parser.reset();
  return undefined;
}
