import { URI } from 'vscode-uri';
import { DiagnosticSeverity, type CodeAction, type Diagnostic, CodeActionKind, type SnippetTextEdit, type WorkspaceEdit, type TextEdit as LspTextEdit } from 'vscode-languageserver/node';
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

/**
 * A fix as a quick fix. With a client that applies snippet edits (LSP 3.18 `snippetEditSupport`), edits
 * that carry a snippet go as `SnippetTextEdit`s in `documentChanges`, so a value to confirm is selected.
 */
export function toCodeAction(fix: Fix, diagnostic: Diagnostic, snippetEdits = false): CodeAction {
  const byUri = new Map<string, (LspTextEdit | SnippetTextEdit)[]>();
  const useSnippets = snippetEdits && fix.edits.some((edit) => edit.snippet !== undefined);
  for (const edit of fix.edits) {
    const lspEdit: LspTextEdit | SnippetTextEdit =
      useSnippets && edit.snippet !== undefined ? { range: edit.range, snippet: { kind: 'snippet', value: edit.snippet } } : { range: edit.range, newText: edit.newText };
    const uri = pathToUri(edit.file);
    byUri.set(uri, [...(byUri.get(uri) ?? []), lspEdit]);
  }
  const workspaceEdit: WorkspaceEdit = useSnippets
    ? { documentChanges: [...byUri].map(([uri, edits]) => ({ textDocument: { uri, version: null }, edits })) }
    : { changes: Object.fromEntries(byUri as Map<string, LspTextEdit[]>) };
  return { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.isPreferred, edit: workspaceEdit };
}
