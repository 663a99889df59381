// The real-world precision corpus (test/corpus, docs/precision.md): runs the built CLI on it and compares its
// findings with the reviewed snapshot test/corpus/findings.json. Shared by the corpus test and the corpus scripts.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.join(__dirname, '..');
export const CORPUS = path.join(ROOT, 'test', 'corpus');
export const SNAPSHOT = path.join(CORPUS, 'findings.json');
// CORPUS_CLI lets a measurement use another build (e.g. one of an older commit) without touching dist/.
const CLI = process.env.CORPUS_CLI ?? path.join(ROOT, 'dist', 'cli.js');

export const VERDICTS = ['true-positive', 'false-positive'] as const;
export type Verdict = (typeof VERDICTS)[number] | 'unreviewed';
/** `plain`: `check <project>` as found; `configured`: with `--interfaces <header>` as docs/interfaces.md recommends. */
export type RunKind = 'plain' | 'configured';

export interface Project {
  name: string;
  repo: string;
  commit: string;
  /** Header globs (relative to test/corpus) for the configured run; none: the project has no header to name. */
  interfaces: string[];
  /** Cargo features its C build enables (`--features` of the configured run), where they gate the C API. */
  features?: string;
}

export interface Finding {
  project: string;
  rule: string;
  file: string;
  line: number;
  column: number;
  digest: string;
  message: string;
  runs: RunKind[];
}

export interface Entry extends Finding {
  verdict: Verdict;
  reason: string;
}

interface CliDiagnostic {
  file: string;
  rule: string;
  message: string;
  range: { start: { line: number; character: number } };
}

export function loadProjects(): Project[] {
  const manifest = JSON.parse(readFileSync(path.join(CORPUS, 'corpus.json'), 'utf8')) as { projects: Project[] };
  return manifest.projects;
}

export function digest(message: string): string {
  return createHash('sha256').update(message).digest('hex').slice(0, 12);
}

/** Identity of a finding: where, which rule, what it says. */
export function findingKey(f: Pick<Finding, 'project' | 'rule' | 'file' | 'line' | 'column' | 'digest'>): string {
  return `${f.project} ${f.rule} ${f.file}:${f.line}:${f.column} ${f.digest}`;
}

/** The same place and rule, whatever the message says (used to carry a verdict over as a hint). */
export function placeKey(f: Pick<Finding, 'project' | 'rule' | 'file' | 'line'>): string {
  return `${f.project} ${f.rule} ${f.file}:${f.line}`;
}

function runCli(args: string[]): Promise<CliDiagnostic[]> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CLI, ...args], { cwd: CORPUS, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      // Exit 1 means "errors found": the JSON is still the answer. Anything else is a failed run.
      const code = error ? (error as { code?: unknown }).code : 0;
      if (code !== 0 && code !== 1) {
        reject(new Error(`rust-plugin-guard ${args.join(' ')} (in test/corpus) exited ${String(code)}: ${stderr.trim() || String(error)}`));
        return;
      }
      try {
        resolve((JSON.parse(stdout) as { diagnostics: CliDiagnostic[] }).diagnostics);
      } catch {
        reject(new Error(`rust-plugin-guard ${args.join(' ')} printed no JSON document (did \`npm run build\` run?): ${stderr.trim()}`));
      }
    });
  });
}

/** The configured run: the header named as docs/interfaces.md recommends, and the features of the project's C build. */
function configuredArgs(p: Project): string[] {
  return ['check', p.name, '--format', 'json', ...p.interfaces.flatMap((g) => ['--interfaces', g]), ...(p.features ? ['--features', p.features] : [])];
}

/** Runs the jobs two at a time: the machine has two cores. */
async function inPairs<T>(jobs: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const index = next++;
      results[index] = await jobs[index]();
    }
  };
  await Promise.all([worker(), worker()]);
  return results;
}

/** The engine's note that a file was not analysed (its parse ran out of time, or failed): not a rule's finding. */
const NOT_ANALYSED = 'analysis-limit';
const ATTEMPTS = 3;

/**
 * The parse time budget is wall-clock time, so a loaded machine can make a corpus file miss it: such a run is
 * repeated, and a file that stays unanalysed is an error (its findings would silently vanish from the snapshot).
 */
async function untilAnalysed(run: () => Promise<CliDiagnostic[]>): Promise<CliDiagnostic[]> {
  for (let attempt = 1; ; attempt++) {
    const diagnostics = await run();
    const unread = diagnostics.filter((d) => d.rule === NOT_ANALYSED);
    if (unread.length === 0) return diagnostics;
    if (attempt === ATTEMPTS) throw new Error(`corpus files not analysed in ${ATTEMPTS} runs: ${unread.map((d) => `${d.file}: ${d.message}`).join('; ')}`);
  }
}

/** Every finding the CLI makes on the corpus, in the plain run of all projects and the configured run of each. */
export async function collectFindings(projects: Project[] = loadProjects()): Promise<Finding[]> {
  const jobs: { kind: RunKind; run: () => Promise<CliDiagnostic[]> }[] = [
    { kind: 'plain', run: () => runCli(['check', ...projects.map((p) => p.name), '--format', 'json']) },
    ...projects.filter((p) => p.interfaces.length > 0 || p.features).map((p) => ({ kind: 'configured' as const, run: () => runCli(configuredArgs(p)) })),
  ];
  const outputs = await inPairs(jobs.map((job) => () => untilAnalysed(job.run)));
  const byKey = new Map<string, Finding>();
  outputs.forEach((diagnostics, index) => {
    const kind = jobs[index].kind;
    for (const d of diagnostics) {
      const file = d.file.split(path.sep).join('/');
      const finding: Finding = {
        project: file.split('/')[0],
        rule: d.rule,
        file,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        digest: digest(d.message),
        message: d.message,
        runs: [kind],
      };
      const key = findingKey(finding);
      const known = byKey.get(key);
      if (!known) byKey.set(key, finding);
      else if (!known.runs.includes(kind)) known.runs.push(kind);
    }
  });
  return sortFindings([...byKey.values()]);
}

export function sortFindings<T extends Finding>(findings: T[]): T[] {
  return findings.sort((a, b) => a.project.localeCompare(b.project) || a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule) || a.digest.localeCompare(b.digest));
}

export function loadSnapshot(file = SNAPSHOT): Entry[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { findings: Entry[] }).findings;
}

export function saveSnapshot(entries: Entry[]): void {
  const document = {
    about: 'Every finding of `rust-plugin-guard check` on test/corpus, reviewed. Update with `npm run corpus:update`, then review each `unreviewed` entry (docs/precision.md).',
    findings: sortFindings(entries).map((e) => ({ project: e.project, rule: e.rule, file: e.file, line: e.line, column: e.column, digest: e.digest, runs: e.runs, verdict: e.verdict, reason: e.reason, message: e.message })),
  };
  writeFileSync(SNAPSHOT, `${JSON.stringify(document, null, 2)}\n`);
}

export interface Drift {
  appeared: Finding[];
  vanished: Entry[];
  /** Same finding, found in other runs than recorded. */
  runsChanged: { entry: Entry; runs: RunKind[] }[];
}

export function compareWithSnapshot(snapshot: Entry[], current: Finding[]): Drift {
  const recorded = new Map(snapshot.map((e) => [findingKey(e), e]));
  const found = new Map(current.map((f) => [findingKey(f), f]));
  const sameRuns = (a: RunKind[], b: RunKind[]): boolean => a.length === b.length && a.every((r) => b.includes(r));
  return {
    appeared: current.filter((f) => !recorded.has(findingKey(f))),
    vanished: snapshot.filter((e) => !found.has(findingKey(e))),
    runsChanged: snapshot.flatMap((entry) => {
      const now = found.get(findingKey(entry));
      return now && !sameRuns(now.runs, entry.runs) ? [{ entry, runs: now.runs }] : [];
    }),
  };
}

export function describeFinding(f: Finding): string {
  return `${f.rule} at ${f.file}:${f.line}:${f.column} [${f.runs.join(', ')}]: ${f.message.length > 160 ? `${f.message.slice(0, 157)}...` : f.message}`;
}
