import type { Node } from 'web-tree-sitter';
import { namedChildrenOf, textOf } from './nodes';

export interface UseImport {
  /** The imported path, e.g. `["crate", "config", "Config"]`. */
  path: string[];
  /** The name it is bound to (the alias or the last segment); undefined for globs. */
  boundName: string | undefined;
  glob: boolean;
}

/** Flattens a `use` tree (`a::{b as c, d::*, self}`) into one import per bound name or glob. */
export function useImports(node: Node, prefix: string[], source: string): UseImport[] {
  switch (node.type) {
    case 'identifier':
    case 'crate':
    case 'super':
    case 'metavariable':
      return [{ path: [...prefix, textOf(node, source)], boundName: textOf(node, source), glob: false }];
    case 'self':
      return prefix.length > 0 ? [{ path: prefix, boundName: prefix[prefix.length - 1], glob: false }] : [];
    case 'scoped_identifier': {
      const path = scopedPath(node, source);
      return [{ path: [...prefix, ...path], boundName: path[path.length - 1], glob: false }];
    }
    case 'use_as_clause': {
      const path = node.childForFieldName('path');
      const alias = node.childForFieldName('alias');
      if (!path) return [];
      const full = [...prefix, ...scopedPath(path, source)];
      const boundName = alias ? textOf(alias, source) : full[full.length - 1];
      return boundName === '_' ? [] : [{ path: full, boundName, glob: false }];
    }
    case 'use_wildcard': {
      const path = namedChildrenOf(node)[0];
      return [{ path: path ? [...prefix, ...scopedPath(path, source)] : prefix, boundName: undefined, glob: true }];
    }
    case 'scoped_use_list': {
      const path = node.childForFieldName('path');
      const list = node.childForFieldName('list');
      const next = path ? [...prefix, ...scopedPath(path, source)] : prefix;
      return list ? useImports(list, next, source) : [];
    }
    case 'use_list':
      return namedChildrenOf(node).flatMap((child) => useImports(child, prefix, source));
    default:
      return [];
  }
}

function scopedPath(node: Node, source: string): string[] {
  if (node.type === 'scoped_identifier') {
    const path = node.childForFieldName('path');
    const name = node.childForFieldName('name');
    return [...(path ? scopedPath(path, source) : []), ...(name ? [textOf(name, source)] : [])];
  }
  return [textOf(node, source)];
}

