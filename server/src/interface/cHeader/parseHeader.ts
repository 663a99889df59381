// Header text → declarations: preprocess, parse with tree-sitter-c, extract. The C grammar is loaded on the
// first header only, so crates without headers never pay for it.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Language, Parser } from 'web-tree-sitter';
import { recordInternalError } from '../../engine/internalErrors';
import { loadRustLanguage, parseWithBudget, type ParserAssets } from '../../parsing/treeSitter';
import { extractDeclarations, type HeaderDeclarations } from './declarations';
import { preprocess, platformMacros } from './preprocessor';

let cParser: Promise<Parser> | undefined;

/** `tree-sitter-c.wasm` next to the Rust grammar (as `npm run build` copies it), else from node_modules. */
export function cGrammarPath(assets: ParserAssets): string {
  const sibling = path.join(path.dirname(assets.rustGrammarWasm), 'tree-sitter-c.wasm');
  if (existsSync(sibling)) return sibling;
  try {
    return require.resolve('tree-sitter-c/tree-sitter-c.wasm');
  } catch {
    return sibling;
  }
}

export function loadCParser(assets: ParserAssets): Promise<Parser> {
  cParser ??= (async () => {
    await loadRustLanguage(assets); // initialises the runtime once for both grammars
    const file = cGrammarPath(assets);
    const language = await Language.load(file).catch((error: unknown) => {
      throw new Error(`cannot load the C grammar ${file} (${String(error)}); run \`npm run build\` to copy the .wasm files`);
    });
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })().catch((error: unknown) => {
    cParser = undefined;
    throw error;
  });
  return cParser;
}

const predefined = platformMacros();

/** Everything a header declares, in the `#if` branches a build on this platform (or `macros`' target) takes. */
export function parseHeader(parser: Parser, file: string, text: string, macros: ReadonlyMap<string, string> = predefined): HeaderDeclarations & { timedOut?: true } {
  const { text: visible, defines } = preprocess(text, macros);
  // Under the same time budget as Rust files: a pathological header must not freeze the server.
  const tree = parseWithBudget(parser, visible);
  if (!tree) return { ...noDeclarations(), timedOut: true };
  try {
    return extractDeclarations(tree.rootNode, file, text, defines);
  } catch (error) {
    // A header the extractor cannot read declares nothing (so nothing is compared against it), not a crash.
    recordInternalError(file, 'reading the declarations of the header', error);
    return noDeclarations();
  } finally {
    tree.delete();
  }
}

function noDeclarations(): HeaderDeclarations {
  return { functions: [], records: new Map(), enums: new Map(), typedefs: new Map(), constants: [], statics: [] };
}
