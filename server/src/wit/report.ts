// Findings of one `.wit` file with ranges from spans (UTF-16 offsets → LSP positions).
import type { RelatedInformation } from '../engine/types';
import type { Finding, Fix } from '../engine/types';
import { LineIndex } from '../parsing/lineIndex';
import { RULES_DOC_URL } from '../protocol/settings';
import type { Span } from './ast';
import type { WitDocument } from './packages';

export const WIT_RULES = ['wit-syntax', 'wit-unknown-type', 'wit-unknown-interface', 'wit-duplicate-name', 'wit-invalid-definition', 'wit-import-export-conflict'] as const;
export type WitRule = (typeof WIT_RULES)[number];

/** The `wit-*` rules are described in docs/wasm.md (docs/rules.md is the Rust rules'). */
export const WIT_RULES_URL = `${RULES_DOC_URL.replace(/rules\.md$/, 'wasm.md')}#rules`;

/** One line per rule, for SARIF's rule metadata (the full table is docs/wasm.md's). */
export const WIT_RULE_SUMMARIES: Record<WitRule, string> = {
  'wit-syntax': 'A .wit file that the WIT parser rejects: a syntax error, an invalid name or version, a missing package declaration',
  'wit-unknown-type': 'A type, resource or used name that is not defined where a .wit file uses it',
  'wit-unknown-interface': 'An interface or world named in use, import, export or include that does not exist in the package it names',
  'wit-duplicate-name': 'Two definitions with one name where WIT requires names to be unique',
  'wit-invalid-definition': 'A definition that resolves but that the WIT parser still rejects (a type that contains itself, an empty variant, ...)',
  'wit-import-export-conflict': 'A world that exports an interface it also imports (a hint: deliberate in a component that wraps the interface)',
};

/**
 * wit-import-export-conflict is a hint: wit-parser accepts the world, and on real code (wit-bindgen's own
 * composition tests, middleware that wraps an interface) every case seen was deliberate. Hints are not listed
 * in the Problems panel; the editor marks the export and offers the fix.
 */
export function witRuleSeverity(rule: WitRule): 'error' | 'hint' {
  return rule === 'wit-import-export-conflict' ? 'hint' : 'error';
}

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
    const severity = witRuleSeverity(rule);
    this.findings.push({ rule, severity, file: this.doc.file, range: this.range(span), message, help, related, fixes });
  }

  at(doc: WitDocument, span: Span, message: string): RelatedInformation {
    return { location: { file: doc.file, range: this.range(span, doc) }, message };
  }
}

