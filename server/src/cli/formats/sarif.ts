import type * as Sarif from 'sarif';
import { pathToFileURL } from 'node:url';
import type { Finding, Location, Range } from '../../engine/types';
import { RULES } from '../../rules/registry';
import { WIT_RULES, WIT_RULE_SUMMARIES, WIT_RULES_URL, witRuleSeverity } from '../../wit/report';
import { ruleDocUrl } from '../../protocol/settings';
import { displayPath } from './displayPath';

const LEVEL: Record<Finding['severity'], Sarif.Result.level> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** SARIF 2.1.0 for code-scanning services. Regions are 1-based with UTF-16 columns (SARIF's default). */
export function formatSarif(findings: readonly Finding[], cwd: string, toolVersion: string): string {
  const ruleIndex = new Map<string, number>([...RULES.map((rule) => rule.id), ...WIT_RULES].map((id, index) => [id, index]));
  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'rust-plugin-guard',
            version: toolVersion,
            informationUri: ruleDocUrl('').replace(/#$/, ''),
            rules: [
              ...RULES.map((rule) => ({
                id: rule.id,
                shortDescription: { text: rule.summary },
                helpUri: ruleDocUrl(rule.id),
                defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
              })),
              ...WIT_RULES.map((id) => ({ id, shortDescription: { text: WIT_RULE_SUMMARIES[id] }, helpUri: WIT_RULES_URL, defaultConfiguration: { level: LEVEL[witRuleSeverity(id)] } })),
            ],
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(cwd.endsWith('/') ? cwd : `${cwd}/`).href } },
        results: findings.map((f) => {
          const result: Sarif.Result = {
            ruleId: f.rule,
            level: LEVEL[f.severity],
            message: { text: f.help ? `${f.message} Help: ${f.help}.` : f.message },
            locations: [location({ file: f.file, range: f.range }, cwd)],
            relatedLocations: f.related.map((r, id) => ({ ...location(r.location, cwd), id, message: { text: r.message } })),
          };
          const index = ruleIndex.get(f.rule);
          if (index !== undefined) result.ruleIndex = index;
          if (f.fixes.length > 0) {
            result.fixes = f.fixes.map((fix) => ({
              description: { text: fix.title },
              artifactChanges: fix.edits.map((edit) => ({
                artifactLocation: artifact(edit.file, cwd),
                replacements: [{ deletedRegion: region(edit.range), insertedContent: { text: edit.newText } }],
              })),
            }));
          }
          return result;
        }),
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

function location(loc: Location, cwd: string): Sarif.Location {
  return { physicalLocation: { artifactLocation: artifact(loc.file, cwd), region: region(loc.range) } };
}

function artifact(file: string, cwd: string): Sarif.ArtifactLocation {
  const shown = displayPath(file, cwd);
  return shown.startsWith('/') ? { uri: pathToFileURL(file).href } : { uri: encodeURI(shown), uriBaseId: 'SRCROOT' };
}

function region(range: Range): Sarif.Region {
  return { startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}
