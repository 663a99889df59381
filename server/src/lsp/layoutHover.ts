// Hover on the name of a `#[repr(C)]` (or `transparent`, primitive-repr) type: its size, alignment and each
// field's offset for the target the crate is checked for — what a C host compiled for that target sees.
import type { Hover } from 'vscode-languageserver/node';
import type { CrateModel } from '../crate/crateModel';
import { rangeContains, type Position } from '../engine/types';
import { LayoutComputer, layoutTarget, type AdtLayout } from '../layout/typeLayout';
import { allItems, type AdtItem } from '../syntax/items';

export function layoutHover(crate: CrateModel, file: string, position: Position): Hover | null {
  const at = { start: position, end: position };
  for (const module of crate.modules) {
    if (module.file !== file) continue;
    for (const item of allItems(module.syntax)) {
      if ((item.kind !== 'struct' && item.kind !== 'union' && item.kind !== 'enum') || !rangeContains(item.nameRange, at)) continue;
      const layout = new LayoutComputer(crate, layoutTarget(crate.cfg.target)).ofAdt(item, module);
      return layout ? { contents: { kind: 'markdown', value: describe(item, layout, crate.cfg.target.triple) }, range: item.nameRange } : null;
    }
  }
  return null;
}

function describe(item: AdtItem, layout: AdtLayout, triple: string): string {
  const head = `\`${item.name}\`: size ${layout.size} bytes, alignment ${layout.align} (${triple})`;
  if (layout.fields.length === 0) return head;
  const rows = layout.fields.map((f) => `| \`${f.name}\` | ${f.offset} | ${f.size} | ${f.align} |`);
  const lines = [head, '', '| field | offset | size | align |', '| --- | --- | --- | --- |', ...rows];
  // Padding is what a host struct written field by field, without it, would get wrong.
  const padding = layout.size - layout.fields.reduce((sum, f) => sum + f.size, 0);
  if (item.kind === 'struct' && padding > 0) lines.push('', `${padding} byte${padding === 1 ? '' : 's'} of padding.`);
  return lines.join('\n');
}
