// How broken a Rust text is, by tree-sitter: a fix may leave a half-typed file as broken as it was, never worse.
import type { Parser } from 'web-tree-sitter';
import { createRustParser } from '../../server/src/parsing/treeSitter';
import { nodeModulesAssets } from './engine';

let parser: Promise<Parser> | undefined;

/** The number of ERROR and MISSING nodes in the tree of `text` (walked with a cursor: no recursion). */
export async function syntaxErrorCount(text: string): Promise<number> {
  parser ??= createRustParser(nodeModulesAssets);
  const tree = (await parser).parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  try {
    if (!tree.rootNode.hasError) return 0;
    const cursor = tree.walk();
    let count = 0;
    for (;;) {
      const node = cursor.currentNode;
      if (node.type === 'ERROR' || node.isMissing) count++;
      if (node.hasError && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) {
          cursor.delete();
          return count;
        }
      }
    }
  } finally {
    tree.delete();
  }
}
