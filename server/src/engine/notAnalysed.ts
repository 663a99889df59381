import type { CrateModel } from '../crate/crateModel';
import type { Finding } from './types';

/** The id under which the engine (not a rule) says that a file was not analysed. */
export const NOT_ANALYSED = 'analysis-limit';

/** Whether some file of the crate went unread, so its items (and their `mod` files) are unknown. */
export function hasUnreadFiles(crate: CrateModel): boolean {
  for (const file of crate.files.values()) if (file.notAnalysed) return true;
  return false;
}

const MESSAGES = {
  timeout: 'this file could not be analysed in time: parsing it took longer than its time budget, so nothing in it is checked (the rest of the crate is).',
  error: 'this file could not be analysed: reading its items failed (an internal error), so nothing in it is checked (the rest of the crate is).',
  partial: 'part of this file could not be analysed: some of its items could not be read (nested too deeply, or an internal error), so those are not checked (the rest is).',
} as const;

/** One information diagnostic on each file of the crate whose items could not be read. */
export function notAnalysedFindings(crate: CrateModel): Finding[] {
  const findings: Finding[] = [];
  for (const file of crate.files.values()) {
    if (!file.notAnalysed) continue;
    const firstLine = { start: { line: 0, character: 0 }, end: { line: 0, character: file.lines.lineText(0).length } };
    findings.push({
      rule: NOT_ANALYSED,
      severity: 'information',
      file: file.path,
      range: firstLine,
      message: MESSAGES[file.notAnalysed],
      help:
        file.notAnalysed === 'timeout'
          ? 'look for an unterminated string or raw string literal (`r#"…`); once the file parses normally it is checked again'
          : 'please report this with the file (the error is in the server log, or on stderr for the CLI)',
      related: [],
      fixes: [],
    });
  }
  return findings;
}
