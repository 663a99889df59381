import * as path from 'node:path';
import { Language, Parser } from 'web-tree-sitter';

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
