import * as path from 'node:path';
import { CodeActionKind, type CodeAction, type CodeActionContext, type Range } from 'vscode-languageserver/node';
import { rangesOverlap } from '../engine/types';
import type { AnalysisScheduler } from './analysisScheduler';
import { toCodeAction, toDiagnostic, type EditSupport } from './convert';
import type { ComputedFindings, DiagnosticsPublisher } from './diagnosticsPublisher';
import { versionIn, type DocumentVersions } from './documentVersions';

/**
 * How long a code action request waits for the analysis of the text the client has now (after a keystroke
 * that is the debounce plus one analysis). Past it the answer is "no quick fix" rather than a stale one.
 */
export const CURRENT_RESULT_WAIT_MS = 1500;

export interface CodeActionSources {
  publisher: DiagnosticsPublisher;
  scheduler: AnalysisScheduler;
  versions: DocumentVersions;
  support: EditSupport;
}

/**
 * Quick fixes for `range` of `file`, only from findings computed for the documents' current versions: an edit
 * computed for an older text lands at the wrong place. While such a result is pending (the user just typed)
 * this waits for it, up to `waitMs`; a fix that touches a file changed since its analysis is left out.
 */
export async function codeActionsFor(
  file: string,
  range: Range,
  context: CodeActionContext,
  sources: CodeActionSources,
  waitMs = CURRENT_RESULT_WAIT_MS,
): Promise<CodeAction[]> {
  if (context.only && !context.only.some((kind) => kind === CodeActionKind.QuickFix || kind.startsWith(`${CodeActionKind.QuickFix}.`))) return [];
  const key = path.resolve(file);
  if (sources.versions.current(key) === null) return [];
  const deadline = Date.now() + waitMs;
  for (;;) {
    const remaining = deadline - Date.now();
    const final = remaining <= 0 || sources.scheduler.isIdle();
    const parts = sources.publisher.findingsIn(key);
    const actions = parts.length > 0 ? actionsOfParts(key, range, parts, sources, final) : undefined;
    if (actions) return actions;
    if (final) return [];
    await firstOf([sources.publisher.nextPublication(), sources.scheduler.whenIdle()], remaining);
  }
}

/**
 * The actions of every crate's findings in `file` (a file two crates report on has two parts), or `undefined`
 * while one part is stale and not `final`; when `final`, a stale part is left out.
 */
function actionsOfParts(file: string, range: Range, parts: ComputedFindings[], sources: CodeActionSources, final: boolean): CodeAction[] | undefined {
  const actions: CodeAction[] = [];
  const titles = new Set<string>();
  for (const part of parts) {
    const own = currentActions(file, range, part, sources, final);
    if (!own) {
      if (final) continue;
      return undefined;
    }
    // The same fix of a finding both crates report is offered once.
    for (const action of own) {
      const key = `${action.title}\u0000${JSON.stringify(action.edit)}`;
      if (titles.has(key)) continue;
      titles.add(key);
      actions.push(action);
    }
  }
  return actions;
}

/**
 * The actions of `computed` for `range`, or `undefined` while they are stale: `file` changed since, or (unless
 * `final`, which drops such fixes instead) a fix edits another document that changed since.
 */
function currentActions(file: string, range: Range, computed: ComputedFindings, sources: CodeActionSources, final: boolean): CodeAction[] | undefined {
  const isCurrent = (edited: string) => versionIn(computed.versions, edited) === sources.versions.current(edited);
  if (!isCurrent(file)) return undefined;
  const actions: CodeAction[] = [];
  for (const finding of computed.findings) {
    if (!rangesOverlap(finding.range, range)) continue;
    const diagnostic = toDiagnostic(finding);
    for (const fix of finding.fixes) {
      if (!fix.edits.every((edit) => isCurrent(edit.file))) {
        if (final) continue;
        return undefined;
      }
      actions.push(toCodeAction(fix, diagnostic, sources.support, (edited) => versionIn(computed.versions, edited)));
    }
  }
  return actions;
}

/** Resolves when the first of `promises` settles or after `timeoutMs`. */
async function firstOf(promises: Promise<unknown>[], timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
  });
  try {
    await Promise.race([...promises, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
