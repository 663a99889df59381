import type { Range } from '../engine/types';
import type { ParsedFile } from '../crate/fileStore';
import { parseWithBudget } from '../parsing/treeSitter';
import type { Attribute } from '../syntax/attributes';
import { extractFileSyntax, type Item, type MacroCallItem } from '../syntax/items';
import type { Group, Leaf, TokenTree } from './tokens';

/**
 * `cfg_if::cfg_if! { if #[cfg(a)] { .. } else if #[cfg(b)] { .. } else { .. } }`, the cfg-if crate's macro
 * (a crates.io dependency, so never among the workspace's `macro_rules!`): read as the items it writes, each
 * branch's items under the predicate that selects it — `a`, then `all(b, not(any(a)))`, then `not(any(a, b))` —
 * so `cfg` evaluation keeps the one branch of the build. The items are parsed from the file's own text at
 * their written positions: findings and fixes land on what the user wrote, not on an expansion.
 */

interface Branch {
  /** The predicate as written inside `cfg(...)`; undefined for the final `else`. */
  predicate: string | undefined;
  /** The `#[cfg(...)]` of the branch (the `else` keyword for the final one). */
  attributeRange: Range;
  body: Group;
}

/** Whether an item-level call is cfg-if's macro (`cfg_if!` after `use cfg_if::cfg_if`, or `cfg_if::cfg_if!`). */
export function isCfgIfCall(call: MacroCallItem): boolean {
  const path = call.path.map((segment) => segment.replace(/^::/, ''));
  return call.name === 'cfg_if' && (path.length === 1 || (path.length === 2 && path[0] === 'cfg_if'));
}

/**
 * The items the call writes, each with the `cfg` attribute of its branch, at their positions in `file`;
 * undefined when the input is not the `if #[cfg(..)] { .. } else ..` form (the call then stays unread).
 */
export function cfgIfItems(call: MacroCallItem, file: ParsedFile): Item[] | undefined {
  // Call items are shared with the file's cached extraction while its text is unchanged: read each once.
  const cached = readCalls.get(call);
  if (cached !== undefined) return cached ?? undefined;
  const items = readCall(call, file);
  readCalls.set(call, items ?? null);
  return items;
}

const readCalls = new WeakMap<MacroCallItem, Item[] | null>();

function readCall(call: MacroCallItem, file: ParsedFile): Item[] | undefined {
  if (call.inputLineShift) return undefined;
  const branches = branchesOf(call.input.children, file);
  if (!branches) return undefined;
  const items: Item[] = [];
  const earlier: string[] = [];
  for (const branch of branches) {
    const predicate = selecting(branch.predicate, earlier);
    if (branch.predicate !== undefined) earlier.push(branch.predicate);
    const written = itemsOfBody(branch.body, file);
    if (!written) return undefined;
    const attribute: Attribute = { name: 'cfg', args: predicate, unsafeWrapped: false, inner: false, range: branch.attributeRange };
    for (const item of written) items.push({ ...item, attributes: [attribute, ...item.attributes] });
  }
  return items;
}

function selecting(own: string | undefined, earlier: readonly string[]): string {
  const none = earlier.length === 0 ? undefined : `not(any(${earlier.join(', ')}))`;
  if (own === undefined) return none ?? 'all()';
  return none === undefined ? own : `all(${own}, ${none})`;
}

function branchesOf(tokens: readonly TokenTree[], file: ParsedFile): Branch[] | undefined {
  const branches: Branch[] = [];
  let i = 0;
  for (;;) {
    const keyword = tokens[i];
    if (!isIdent(keyword, 'if')) return undefined;
    const hash = tokens[i + 1];
    const attribute = tokens[i + 2];
    const body = tokens[i + 3];
    if (hash?.kind !== 'punct' || hash.text !== '#' || attribute?.kind !== 'group' || attribute.delim !== '[' || body?.kind !== 'group' || body.delim !== '{') return undefined;
    const [name, args, ...rest] = attribute.children;
    if (!isIdent(name, 'cfg') || args?.kind !== 'group' || args.delim !== '(' || rest.length > 0) return undefined;
    const predicate = textBetween(file, args.open.end, args.close.start).trim();
    if (predicate === '') return undefined;
    branches.push({ predicate, attributeRange: { start: hash.range.start, end: attribute.close.end }, body });
    i += 4;
    if (i === tokens.length) return branches;
    const elseToken = tokens[i];
    if (!isIdent(elseToken, 'else')) return undefined;
    const next = tokens[i + 1];
    if (next?.kind === 'group' && next.delim === '{') {
      if (i + 2 !== tokens.length) return undefined;
      branches.push({ predicate: undefined, attributeRange: elseToken.range, body: next });
      return branches;
    }
    i += 1;
  }
}

function isIdent(token: TokenTree | undefined, text: string): token is Leaf {
  return token !== undefined && token.kind === 'ident' && token.text === text;
}

/**
 * The items between a branch's braces, parsed from the file's text with everything before them blanked
 * (newlines kept), so every position read is the written one.
 */
function itemsOfBody(body: Group, file: ParsedFile): Item[] | undefined {
  const start = file.lines.offsetAt(body.open.end);
  const end = file.lines.offsetAt(body.close.start);
  if (end < start) return undefined;
  const text = file.text.slice(0, start).replace(/[^\r\n]/g, ' ') + file.text.slice(start, end);
  const tree = parseWithBudget(file.parser, text);
  if (!tree) return undefined;
  try {
    if (tree.rootNode.hasError) return undefined;
    return extractFileSyntax(tree.rootNode, text).module.items;
  } finally {
    tree.delete();
  }
}

function textBetween(file: ParsedFile, from: Range['start'], to: Range['start']): string {
  return file.text.slice(file.lines.offsetAt(from), file.lines.offsetAt(to));
}
