// "Fix signature" for wit-signature-mismatch: rewrites what differs in a guest method's signature to what
// wit-bindgen generates — each differing parameter type, the whole parameter list when the count differs (named
// as in WIT), the result (replaced, added or removed). Parameter patterns and the body are kept.
import type { Fix, Range, TextEdit } from '../engine/types';
import type { LineIndex } from '../parsing/lineIndex';
import type { FunctionItem } from '../syntax/items';
import type { WitFunction } from '../wit/guestExports';
import { rustShape, spellShape } from '../wit/rustMapping';
import { paramsText, resultText, type TypeNamer } from './witSignatureText';

/** Where a method differs from what wit-bindgen generates: the parameter count, a parameter, the result. */
export type Difference = { kind: 'count' } | { kind: 'param'; index: number } | { kind: 'result' };

export interface SignatureSpans {
  /** `(…)`, parentheses included. */
  params: Range;
  /** Offset just after the `)`. */
  paramsEnd: number;
}

/** Where a method's parameter list is in `text`; undefined when the text there is not the method's (a macro expansion's copy). */
export function signatureSpans(text: string, lines: LineIndex, method: FunctionItem): SignatureSpans | undefined {
  const nameStart = lines.offsetAt(method.nameRange.start);
  const nameEnd = lines.offsetAt(method.nameRange.end);
  if (text.slice(nameStart, nameEnd) !== method.name) return undefined;
  const open = text.indexOf('(', nameEnd);
  if (open < 0 || text.slice(nameEnd, open).trim() !== '') return undefined;
  let depth = 0;
  for (let i = open; i < text.length && i < method.endOffset; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return { params: { start: lines.positionAt(open), end: lines.positionAt(i + 1) }, paramsEnd: i + 1 };
  }
  return undefined;
}

export function signatureFix(file: string, text: string, lines: LineIndex, spans: SignatureSpans, method: FunctionItem, fn: WitFunction, differences: readonly Difference[], named: TypeNamer): Fix | undefined {
  const edits: TextEdit[] = [];
  for (const difference of differences) {
    if (difference.kind === 'count') {
      const params = paramsText(fn, named);
      if (params === undefined) return undefined;
      const { start, end } = spans.params;
      edits.push({ file, range: { start: { line: start.line, character: start.character + 1 }, end: { line: end.line, character: end.character - 1 } }, newText: params });
    } else if (difference.kind === 'param') {
      const type = spellShape(rustShape(fn.func.params[difference.index].type, fn.scope), named);
      if (type === undefined) return undefined;
      edits.push({ file, range: method.params[difference.index].range, newText: type });
    } else {
      const result = resultText(fn, named);
      if (result === undefined) return undefined;
      const written = method.returnType;
      if (written) {
        // From the `)` to the end of the written type: ` -> T` replaced (or removed) as a whole.
        const end = lines.offsetAt(written.range.end);
        if (!/^\s*->\s*$/.test(text.slice(spans.paramsEnd, lines.offsetAt(written.range.start)))) return undefined;
        edits.push({ file, range: { start: lines.positionAt(spans.paramsEnd), end: lines.positionAt(end) }, newText: result });
      } else {
        edits.push({ file, range: { start: lines.positionAt(spans.paramsEnd), end: lines.positionAt(spans.paramsEnd) }, newText: result });
      }
    }
  }
  return edits.length > 0 ? { title: `Fix signature: \`${method.name}\` as wit-bindgen generates it`, isPreferred: true, edits } : undefined;
}
