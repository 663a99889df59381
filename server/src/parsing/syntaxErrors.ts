import type { Node } from 'web-tree-sitter';

/** Where a tree stops being clean: the first ERROR or MISSING node in document order (`expected`: what is missing). */
export interface SyntaxErrorAt {
  offset: number;
  expected?: string;
}

/**
 * The first syntax error of a tree, or null when it has none. Read while the tree exists (FileStore frees the
 * trees of files on disk after reading their items), so a syntax-error note costs no second parse.
 */
export function firstSyntaxError(root: Node): SyntaxErrorAt | null {
  const error = firstError(root);
  if (!error) return null;
  return error.isMissing ? { offset: error.startIndex, expected: error.type } : { offset: error.startIndex };
}

/** The first ERROR or MISSING node in document order, or undefined when the tree is clean. */
function firstError(node: Node): Node | undefined {
  if (!node.hasError) return undefined;
  if (node.isError || node.isMissing) return node;
  for (const child of node.children) {
    if (!child) continue;
    if (child.isError || child.isMissing) return child;
    const inner = firstError(child);
    if (inner) return inner;
  }
  return node;
}
