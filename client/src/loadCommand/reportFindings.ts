// Turns a load report into findings on the crate's source: a crash in `config_new` becomes an error on
// `config_new`; missing and stale symbols, failed probes and leaks on their functions.
import { crashesOf } from '../loader/formatText';
import type { LoadReport } from '../loader/report';
import type { SymbolLocation } from '../../../server/src/protocol/loader';

export interface ReportFinding {
  symbol: string;
  location: SymbolLocation;
  severity: 'error' | 'warning';
  message: string;
}

export function reportFindings(report: LoadReport, locations: Readonly<Record<string, SymbolLocation>>): ReportFinding[] {
  const findings: ReportFinding[] = [];
  const add = (symbol: string, severity: ReportFinding['severity'], message: string) => {
    const location = locations[symbol];
    if (location) findings.push({ symbol, location, severity, message });
  };
  for (const crash of crashesOf(report)) {
    const detail = crash.panic ? ` (${crash.panic})` : '';
    for (const symbol of crash.functions) add(symbol, 'error', `Load plugin: ${crash.message}${detail}; the host process would die the same way`);
  }
  for (const m of report.missingSymbols) add(m.name, 'error', `Load plugin: ${m.message}`);
  for (const m of report.staleSymbols) add(m.name, 'warning', `Load plugin: ${m.message}`);
  for (const p of report.probes) if (p.status === 'failed') add(p.name, 'error', `Load plugin: calling \`${p.name}\` failed: ${p.error ?? 'no result'}`);
  for (const p of report.probes) {
    if (p.status !== 'suspicious') continue;
    const why = p.finding ? `; see the ${p.finding.rule} finding at ${p.finding.at}` : '';
    add(p.name, 'warning', `Load plugin: calling \`${p.name}\`: ${p.error ?? 'an unexpected value'}${why}`);
  }
  for (const l of report.leaks) {
    if (l.verdict !== 'leak') continue;
    const what = l.destructor
      ? `\`${l.constructor}\` + \`${l.destructor}\` leak ${l.bytesPerIteration} bytes per call pair (${l.measure}): the destructor does not free everything the constructor allocates`
      : `each call of \`${l.constructor}\` keeps ${l.bytesPerIteration} bytes (${l.measure}) and the crate exports no destructor for it: add one that reclaims the pointer`;
    add(l.constructor, 'warning', `Load plugin: ${what}`);
  }
  return findings;
}
