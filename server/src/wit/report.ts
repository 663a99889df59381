// Findings of one `.wit` file with ranges from spans (UTF-16 offsets → LSP positions).
import type { RelatedInformation } from '../engine/types';
import type { Finding, Fix } from '../engine/types';
import { LineIndex } from '../parsing/lineIndex';
import type { Span } from './ast';
import type { WitDocument } from './packages';

export const WIT_RULES = ['wit-syntax', 'wit-unknown-type', 'wit-unknown-interface', 'wit-duplicate-name', 'wit-invalid-definition', 'wit-import-export-conflict'] as const;
export type WitRule = (typeof WIT_RULES)[number];

export class Reporter {
  readonly findings: Finding[] = [];
  private readonly lines = new Map<string, LineIndex>();

  constructor(readonly doc: WitDocument) {}

  lineIndex(doc: WitDocument): LineIndex {
    return this.lines.get(doc.file) ?? this.lines.set(doc.file, new LineIndex(doc.text)).get(doc.file)!;
  }

  range(span: Span, doc: WitDocument = this.doc) {
    const lines = this.lineIndex(doc);
    return { start: lines.positionAt(span.start), end: lines.positionAt(span.end) };
  }

  report(rule: WitRule, span: Span, message: string, help?: string, related: RelatedInformation[] = [], fixes: Fix[] = []): void {
    const severity = rule === 'wit-import-export-conflict' ? 'warning' : 'error';
    this.findings.push({ rule, severity, file: this.doc.file, range: this.range(span), message, help, related, fixes });
  }

  at(doc: WitDocument, span: Span, message: string): RelatedInformation {
    return { location: { file: doc.file, range: this.range(span, doc) }, message };
  }
}

