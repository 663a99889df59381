import type { Item, ModuleSyntax, UnreadItem } from './itemTypes';

/** Every item of a module syntax tree, depth-first, including items of inline modules. */
export function* allItems(module: ModuleSyntax): Generator<Item> {
  // A stack of item lists, not `yield*` recursion: modules nest thousands deep in generated code.
  const stack: { items: Item[]; next: number }[] = [{ items: module.items, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next >= top.items.length) {
      stack.pop();
      continue;
    }
    const item = top.items[top.next++];
    yield item;
    if (item.kind === 'mod' && item.body) stack.push({ items: item.body.items, next: 0 });
  }
}

/** The items extraction failed on, in `module` and every inline module in it. */
export function unreadItemsOf(module: ModuleSyntax): UnreadItem[] {
  const unread = [...(module.unreadItems ?? [])];
  for (const item of allItems(module)) if (item.kind === 'mod' && item.body?.unreadItems) unread.push(...item.body.unreadItems);
  return unread;
}
