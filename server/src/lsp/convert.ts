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

/** What the client's workspace edits support, from its `initialize` capabilities. */
export interface EditSupport {
  /** `workspaceEdit.documentChanges`: edits name the document version they apply to. */
  documentChanges: boolean;
  /** LSP 3.18 `snippetEditSupport` (with documentChanges): a value the user must confirm is selected. */
  snippetEdits: boolean;
}

/**
 * A fix as a quick fix. A client that takes `documentChanges` gets each file's edits with the version of the
 * text they were computed for (`versionOf`; `null` for a file that was not open), so it refuses to apply
 * them to a document that changed since. With snippet support, edits that carry a snippet go as
 * `SnippetTextEdit`s. Other clients get plain `changes`.
 */
export function toCodeAction(fix: Fix, diagnostic: Diagnostic, support: EditSupport, versionOf: (file: string) => number | null): CodeAction {
  const byFile = new Map<string, (LspTextEdit | SnippetTextEdit)[]>();
  const useSnippets = support.documentChanges && support.snippetEdits && fix.edits.some((edit) => edit.snippet !== undefined);
  for (const edit of fix.edits) {
    const lspEdit: LspTextEdit | SnippetTextEdit =
      useSnippets && edit.snippet !== undefined ? { range: edit.range, snippet: { kind: 'snippet', value: edit.snippet } } : { range: edit.range, newText: edit.newText };
    byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), lspEdit]);
  }
  const workspaceEdit: WorkspaceEdit = support.documentChanges
    ? { documentChanges: [...byFile].map(([file, edits]) => ({ textDocument: { uri: pathToUri(file), version: versionOf(file) }, edits })) }
    : { changes: Object.fromEntries([...byFile].map(([file, edits]) => [pathToUri(file), edits as LspTextEdit[]])) };
  return { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.isPreferred, edit: workspaceEdit };
}
