import { URI } from 'vscode-uri';
import { DiagnosticSeverity, type CodeAction, type Diagnostic, CodeActionKind, type WorkspaceEdit, type TextEdit as LspTextEdit } from 'vscode-languageserver/node';
import type { Finding, Fix, Severity } from '../engine/types';
import { DIAGNOSTIC_SOURCE, ruleDocUrl } from '../protocol/settings';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function pathToUri(file: string): string {
  return URI.file(file).toString();
}

export function uriToPath(uri: string): string | undefined {
  const parsed = URI.parse(uri);
  return parsed.scheme === 'file' ? parsed.fsPath : undefined;
}

export function toDiagnostic(finding: Finding): Diagnostic {
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.rule,
    codeDescription: { href: ruleDocUrl(finding.rule) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.help ? `${finding.message}\nhelp: ${finding.help}` : finding.message,
    relatedInformation: finding.related.map((r) => ({ location: { uri: pathToUri(r.location.file), range: r.location.range }, message: r.message })),
  };
}

export function toCodeAction(fix: Fix, diagnostic: Diagnostic): CodeAction {
  const changes: Record<string, LspTextEdit[]> = {};
  for (const edit of fix.edits) (changes[pathToUri(edit.file)] ??= []).push({ range: edit.range, newText: edit.newText });
  const workspaceEdit: WorkspaceEdit = { changes };
  return { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.isPreferred, edit: workspaceEdit };
}
