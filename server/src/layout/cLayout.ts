// Size, alignment and field offsets of a declared C struct or union for one target, with the same algorithm and
// target facts as the Rust side (typeLayout.ts), so that the two can be compared number by number. Packing is
// read where the declaration says it plainly (`__attribute__((packed))`, `aligned(N)`); any other layout
// directive (`#pragma pack`, `__declspec`, `alignas`, a macro in attribute position) makes the layout unknown:
// `undefined`, never a guess. The test oracle is the C compiler (`sizeof`, `offsetof`).
import type { CType, DeclaredRecord } from '../interface/model';
import { LineIndex } from '../parsing/lineIndex';
import type { AdtLayout, Layout, LayoutTarget } from './typeLayout';

const MAX_DEPTH = 32;

export class CLayoutComputer {
  private readonly memo = new Map<string, AdtLayout | null>();
  private readonly pragmaPack: boolean;
  private readonly lines: LineIndex | undefined;

  constructor(private readonly declared: { records: ReadonlyMap<string, DeclaredRecord> }, private readonly target: LayoutTarget, private readonly headerText: string | undefined) {
    this.pragmaPack = headerText === undefined || /#\s*pragma\s+pack/.test(headerText);
    this.lines = headerText === undefined ? undefined : new LineIndex(headerText);
  }

  /** The declaration and what follows it up to its `;` (`} __attribute__((packed)) name;` may lie outside the node). */
  private declarationText(record: DeclaredRecord): string | undefined {
    if (this.headerText === undefined || !this.lines) return undefined;
    const start = this.lines.offsetAt(record.origin.range.start);
    const end = this.lines.offsetAt(record.origin.range.end);
    const semicolon = this.headerText.indexOf(';', end);
    // Back to the end of the previous declaration (`;`, `}`) or preprocessor line: `typedef`, an attribute before.
    const head = this.headerText.slice(0, start);
    const from = Math.max(head.lastIndexOf(';'), head.lastIndexOf('}'), head.lastIndexOf('\n#') >= 0 ? head.indexOf('\n', head.lastIndexOf('\n#') + 1) : -1) + 1;
    const before = head.slice(from).replace(/^\s*#.*$/gm, '');
    return before + record.origin.text + (semicolon >= 0 ? this.headerText.slice(end, semicolon + 1) : '');
  }

  ofRecord(record: DeclaredRecord, depth = 0): AdtLayout | undefined {
    const known = this.memo.get(record.name);
    if (known !== undefined) return known ?? undefined;
    if (!record.fields || depth > MAX_DEPTH || this.pragmaPack) return undefined;
    this.memo.set(record.name, null);
    const text = this.declarationText(record);
    const directives = text === undefined ? undefined : layoutDirectives(text);
    const computed = directives && this.compute(record, directives, depth);
    this.memo.set(record.name, computed ?? null);
    return computed;
  }

  private compute(record: DeclaredRecord, { packed, minAlign }: { packed?: number; minAlign?: number }, depth: number): AdtLayout | undefined {
    const fields: AdtLayout['fields'] = [];
    let offset = 0;
    let size = 0;
    let align = 1;
    for (const field of record.fields ?? []) {
      const layout = this.ofType(field.type, depth + 1);
      if (!layout) return undefined;
      const fieldAlign = packed !== undefined ? Math.min(layout.align, packed) : layout.align;
      align = Math.max(align, fieldAlign);
      if (record.kind === 'union') {
        fields.push({ name: field.name, offset: 0, size: layout.size, align: fieldAlign });
        size = Math.max(size, layout.size);
      } else {
        offset = Math.ceil(offset / fieldAlign) * fieldAlign;
        fields.push({ name: field.name, offset, size: layout.size, align: fieldAlign });
        offset += layout.size;
        size = offset;
      }
    }
    if (minAlign !== undefined) align = Math.max(align, minAlign);
    return { size: Math.ceil(size / align) * align, align, fields };
  }

  private ofType(type: CType, depth: number): Layout | undefined {
    if (depth > MAX_DEPTH) return undefined;
    switch (type.kind) {
      case 'bool':
        return { size: 1, align: 1 };
      case 'int':
      case 'float': {
        const bytes = type.bits / 8;
        if (![1, 2, 4, 8, 16].includes(bytes)) return undefined;
        const align = bytes === 8 ? this.target.align8 : bytes === 16 ? this.target.align16 : bytes;
        return { size: bytes, align };
      }
      case 'pointer':
        return { size: this.target.pointerBytes, align: this.target.pointerBytes };
      case 'array': {
        const element = this.ofType(type.element, depth + 1);
        return element && type.length !== undefined ? { size: element.size * type.length, align: element.align } : undefined;
      }
      case 'record': {
        if (type.tag === 'enum') return type.carriesData ? undefined : { size: 4, align: 4 };
        const record = this.declared.records.get(type.name);
        return record ? this.ofRecord(record, depth + 1) : undefined;
      }
      default:
        return undefined;
    }
  }
}

/**
 * What the declaration's own text says about packing: nothing (natural layout), `packed`, `aligned(N)`; or
 * undefined when it holds a directive this model does not read.
 */
function layoutDirectives(text: string): { packed?: number; minAlign?: number } | undefined {
  const withoutBody = text.replace(/\{[\s\S]*\}/, '{}');
  if (/__declspec|\b_?[Aa]lignas\b|#\s*pragma/.test(text)) return undefined;
  // A field's own attribute (inside the body) is not read: unknown.
  if (/__attribute__/.test(text.slice(text.indexOf('{')).replace(/\}[^}]*$/, ''))) return undefined;
  const { attributes, rest } = splitAttributes(withoutBody);
  if (!attributes) return undefined;
  // Only `[typedef] struct [NAME] {} [ALIAS];` may be left: another word (a macro in attribute position) may pack it.
  const [before, after = ''] = rest.split('{}');
  if (!/^\s*(?:typedef\s+)?(?:struct|union)(?:\s+[A-Za-z_]\w*)?\s*$/.test(before) || !/^\s*(?:[A-Za-z_]\w*)?\s*;?\s*$/.test(after)) return undefined;
  let packed: number | undefined;
  let minAlign: number | undefined;
  for (const attribute of attributes.flatMap((a) => a.split(','))) {
    const a = attribute.trim();
    if (/^_{0,2}packed_{0,2}$/.test(a)) packed = 1;
    else if (/^_{0,2}aligned_{0,2}\s*\(\s*(\d+)\s*\)$/.test(a)) minAlign = Number(/\d+/.exec(a)![0]);
    else return undefined;
  }
  return { ...(packed !== undefined ? { packed } : {}), ...(minAlign !== undefined ? { minAlign } : {}) };
}

/** `__attribute__((a, b(1)))` groups (balanced parentheses) and the text around them; undefined when unbalanced. */
function splitAttributes(text: string): { attributes: string[] | undefined; rest: string } {
  const attributes: string[] = [];
  let rest = '';
  let at = 0;
  for (;;) {
    const found = text.indexOf('__attribute__', at);
    if (found < 0) return { attributes, rest: rest + text.slice(at) };
    rest += `${text.slice(at, found)} `;
    const open = text.indexOf('(', found);
    if (open < 0) return { attributes: undefined, rest };
    let depth = 0;
    let end = open;
    for (; end < text.length; end++) {
      if (text[end] === '(') depth++;
      else if (text[end] === ')' && --depth === 0) break;
    }
    if (depth !== 0) return { attributes: undefined, rest };
    // `((inner))`: the group between the doubled parentheses.
    attributes.push(text.slice(open + 2, end - 1));
    at = end + 1;
  }
}
