// Feature gates (`@since`, `@unstable`, `@deprecated`) and versions, shared by parser.ts and parseTypes.ts.
import type { Gate, Name } from './ast';
import { ParseFailure, type Cursor } from './cursor';

/** A semantic version (one `version` token); `1.0` fails where wit-parser fails: at the token after `1.0`. */
export function parseVersion(cursor: Cursor): Name {
  const token = cursor.peek();
  if (token.kind === 'integer') {
    cursor.next();
    for (let part = 1; part < 3; part++) {
      cursor.expect('.', '`.` (a version has three parts: `1.0.0`)');
      if (cursor.peek().kind !== 'integer') throw cursor.unexpected('a version number');
      cursor.next();
    }
  }
  if (token.kind !== 'version') throw cursor.unexpected('a semantic version (`1.0.0`)');
  cursor.next();
  const problem = versionProblem(token.value);
  if (problem) throw new ParseFailure(`invalid version \`${token.value}\`: ${problem}`, token.span);
  return { text: token.value, span: token.span };
}

/** What the semver rules wit-parser applies refuse in a version the lexer read: leading zeros in numbers. */
function versionProblem(version: string): string | undefined {
  const [core, pre] = version.split('+')[0].split(/-(.*)/s);
  if (core.split('.').some((n) => n.length > 1 && n.startsWith('0'))) return 'a version number has no leading zero';
  if (pre !== undefined && pre.split('.').some((p) => p === '' || (/^\d+$/.test(p) && p.length > 1 && p.startsWith('0')))) return 'a numeric pre-release part has no leading zero';
  return undefined;
}

/** Any number of `@since(version = ..)`, `@unstable(feature = ..)`, `@deprecated(version = ..)`. */
export function parseGates(cursor: Cursor): Gate[] {
  const gates: Gate[] = [];
  while (cursor.is('@')) {
    const at = cursor.next();
    const word = cursor.peek();
    if (word.kind !== 'id' || !['since', 'unstable', 'deprecated'].includes(word.value)) throw cursor.unexpected('`since`, `unstable` or `deprecated`');
    cursor.next();
    const kind = word.value as Gate['kind'];
    cursor.expect('(');
    let value: string;
    if (kind === 'unstable') {
      const key = cursor.peek();
      if (key.kind !== 'id' || key.value !== 'feature') throw cursor.unexpected('`feature`');
      cursor.next();
      cursor.expect('=');
      value = cursor.name('a feature name').text;
    } else {
      const key = cursor.peek();
      if (key.kind !== 'id' || key.value !== 'version') throw cursor.unexpected('`version`');
      cursor.next();
      cursor.expect('=');
      value = parseVersion(cursor).text;
    }
    cursor.expect(')');
    gates.push({ kind, value, span: { start: at.span.start, end: cursor.lastEnd() } });
  }
  return gates;
}

/** What wit-parser refuses in one item's gates once the file parsed (validity.ts reports these). */
export function gateProblems(gates: readonly Gate[]): { message: string; span: Gate['span'] }[] {
  const problems = [];
  for (const [i, gate] of gates.entries()) {
    if (gates.findIndex((g) => g.kind === gate.kind) < i) problems.push({ message: `\`@${gate.kind}\` is given twice: keep one`, span: gate.span });
  }
  const unstable = gates.find((g) => g.kind === 'unstable');
  if (unstable && gates.some((g) => g.kind === 'since')) problems.push({ message: 'an item is either `@since` (stable) or `@unstable`, not both', span: unstable.span });
  const deprecated = gates.find((g) => g.kind === 'deprecated');
  if (deprecated && !gates.some((g) => g.kind !== 'deprecated')) problems.push({ message: '`@deprecated` needs a `@since` or `@unstable` gate on the same item', span: deprecated.span });
  return problems;
}

