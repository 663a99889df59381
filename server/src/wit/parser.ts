// A parser for WIT (the WebAssembly component model's interface language) that keeps source positions.
//
// Written by hand because no maintained npm package parses WIT with source positions: the reference parser
// (wit-parser, in Rust) reaches JavaScript only through jco's wasm-tools build, which validates a whole package
// and returns an error message without a location, and no other registry package parses WIT at all. jco is
// the oracle in the tests (test/oracle/wit.oracle.test.ts), not a runtime dependency.
//
// Recursive descent over the tokens of lexer.ts. It never throws: a syntax error becomes a `SyntaxError` with
// the span of the offending token, and parsing resumes after the broken item (see Cursor.recover). Types nest at
// most MAX_TYPE_DEPTH deep, the only recursion whose depth the input controls; every token is read a bounded
// number of times, so the time is linear in the text.
import type { Extern, Gate, Include, Interface, InterfaceBody, Name, PackageBlock, PackageName, SyntaxError, TopUse, Use, UsePath, WitFile, World } from './ast';
import { Cursor, ParseFailure } from './cursor';
import { tokenize, type Span } from './lexer';
import { parseGates, parseVersion } from './gates';
import { isTypeDefStart, parseFuncSignature, parseTypeDef } from './parseTypes';

export function parseWit(text: string): WitFile {
  const { tokens, errors: lexErrors } = tokenize(text);
  const errors: SyntaxError[] = lexErrors.map((e) => ({ message: e.message, span: e.span }));
  const cursor = new Cursor(tokens, errors);
  const root: PackageBlock = { nested: false, uses: [], interfaces: [], worlds: [], span: { start: 0, end: text.length } };
  const file: WitFile = { root, nested: [], topUses: [], errors };
  try {
    parseFile(cursor, file);
  } catch (error) {
    // Only a bug gets here (ParseFailure is caught per item); keep what was parsed and say where it stopped.
    const at = cursor.peek().span;
    errors.push({ message: `the WIT parser stopped here: ${error instanceof ParseFailure ? error.message : String(error)}`, span: at });
  }
  errors.sort((a, b) => a.span.start - b.span.start);
  return file;
}

function parseFile(cursor: Cursor, file: WitFile): void {
  let sawItem = false;
  while (cursor.peek().kind !== 'eof') {
    const start = cursor.index;
    try {
      const gates = parseGates(cursor);
      // As in wit-parser: gates are refused on these only after they parsed.
      const noGates = (what: string) => {
        if (gates.length > 0) throw new ParseFailure(`${what} takes no \`@${gates[0].kind}\` gate`, gates[0].span);
      };
      if (cursor.is('package')) {
        const keyword = cursor.next();
        const name = parsePackageName(cursor);
        // Only the first thing of a file may be `package ns:name;`; later ones open a nested block.
        if (file.root.name || sawItem || !cursor.is(';')) {
          cursor.expect('{', file.root.name || sawItem ? '`{` (only the first item of a file is `package ns:name;`)' : '`;` or `{`');
          const block: PackageBlock = { name, nested: true, uses: [], interfaces: [], worlds: [], span: { start: keyword.span.start, end: 0 } };
          parseBlockItems(cursor, (c) => parsePackageItem(c, block, parseGates(c)));
          block.span.end = cursor.expect('}').span.end;
          file.nested.push(block);
          noGates('a nested package');
        } else {
          cursor.expect(';');
          file.root.name = name;
          noGates('a `package` declaration');
        }
      } else if (cursor.is('use')) {
        file.topUses.push(parseTopUse(cursor));
        noGates('a top-level `use`');
      } else if (cursor.is('interface') || cursor.is('world')) {
        parsePackageItem(cursor, file.root, gates);
      } else {
        throw cursor.unexpected('`world`, `interface`, `package` or `use`');
      }
      sawItem = true;
    } catch (error) {
      if (!(error instanceof ParseFailure)) throw error;
      file.errors.push({ message: error.message, span: error.span });
      cursor.recover(start, cursor.indexAt(error.span.start));
      // A `}` with no block to close: skip it.
      if (cursor.index === start || cursor.is('}')) cursor.next();
    }
  }
}

/** Parses items until the `}` of the current block (not consumed) or the end of the file; a broken item is skipped. */
function parseBlockItems(cursor: Cursor, item: (cursor: Cursor) => void): void {
  while (!cursor.is('}') && cursor.peek().kind !== 'eof') {
    const start = cursor.index;
    try {
      item(cursor);
    } catch (error) {
      if (!(error instanceof ParseFailure)) throw error;
      cursor.errors.push({ message: error.message, span: error.span });
      cursor.recover(start, cursor.indexAt(error.span.start));
      if (cursor.index === start && !cursor.is('}')) cursor.next();
    }
  }
}

function parsePackageItem(cursor: Cursor, block: PackageBlock, gates: Gate[]): void {
  if (block.nested && cursor.is('package')) {
    const keyword = cursor.next();
    parsePackageName(cursor);
    cursor.expect('{');
    throw new ParseFailure('packages do not nest: move this block out of the enclosing `package … { }`', keyword.span);
  }
  if (block.nested && cursor.is('use')) {
    block.uses.push(parseTopUse(cursor));
    if (gates.length > 0) throw new ParseFailure(`a \`use\` takes no \`@${gates[0].kind}\` gate`, gates[0].span);
    return;
  }
  if (cursor.is('interface')) {
    const keyword = cursor.next();
    const name = cursor.name();
    cursor.expect('{');
    const body = parseInterfaceBody(cursor);
    const end = cursor.expect('}').span.end;
    const iface: Interface = { name, gates, span: { start: keyword.span.start, end }, ...body };
    block.interfaces.push(iface);
    return;
  }
  if (cursor.is('world')) {
    const keyword = cursor.next();
    const name = cursor.name();
    cursor.expect('{');
    const world: World = { name, externs: [], includes: [], uses: [], types: [], gates, span: { start: keyword.span.start, end: 0 } };
    parseBlockItems(cursor, (c) => parseWorldItem(c, world));
    world.span.end = cursor.expect('}').span.end;
    block.worlds.push(world);
    return;
  }
  throw cursor.unexpected('`world` or `interface`');
}

function parseInterfaceBody(cursor: Cursor): InterfaceBody {
  const body: InterfaceBody = { uses: [], types: [], funcs: [] };
  parseBlockItems(cursor, (c) => {
      const gates = parseGates(c);
      if (c.is('use')) body.uses.push(parseUse(c, gates));
      else if (isTypeDefStart(c)) body.types.push(parseTypeDef(c, gates));
      else if (c.peek().kind === 'id') {
        const name = c.name();
        c.expect(':');
        const func = parseFuncSignature(c, name, gates);
        c.expect(';');
        body.funcs.push(func);
      } else throw c.unexpected('`use`, a type definition or a function');
  });
  return body;
}

function parseWorldItem(cursor: Cursor, world: World): void {
  const gates = parseGates(cursor);
  if (cursor.is('use')) {
    world.uses.push(parseUse(cursor, gates));
    return;
  }
  if (isTypeDefStart(cursor)) {
    world.types.push(parseTypeDef(cursor, gates));
    return;
  }
  if (cursor.is('include')) {
    const keyword = cursor.next();
    const path = parseUsePath(cursor);
    const include: Include = { path, with: [], gates, span: { start: keyword.span.start, end: 0 } };
    if (cursor.eat('with')) {
      cursor.expect('{');
      while (!cursor.is('}')) {
        const from = cursor.name();
        cursor.expect('as');
        include.with.push({ from, to: cursor.name() });
        if (!cursor.eat(',')) break;
      }
      cursor.expect('}');
    } else cursor.expect(';', '`;` or `with`');
    include.span.end = cursor.lastEnd();
    world.includes.push(include);
    return;
  }
  if (cursor.is('import') || cursor.is('export')) {
    const keyword = cursor.next();
    world.externs.push(parseExtern(cursor, keyword.value as 'import' | 'export', gates, keyword.span.start));
    return;
  }
  throw cursor.unexpected('`import`, `export`, `include`, `use` or a type definition');
}

function parseExtern(cursor: Cursor, direction: 'import' | 'export', gates: Gate[], start: number): Extern {
  // `name: func…` / `name: interface {…}` / a path (`name`, `ns:pkg/name@v`).
  if (cursor.peek().kind === 'id' && cursor.is(':', 1) && !(cursor.peek(2).kind === 'id')) {
    const name = cursor.name();
    cursor.expect(':');
    if (cursor.is('interface')) {
      cursor.next();
      cursor.expect('{');
      const body = parseInterfaceBody(cursor);
      cursor.expect('}');
      return { direction, target: { kind: 'interface', name, body }, gates, span: { start, end: cursor.lastEnd() } };
    }
    const func = parseFuncSignature(cursor, name, gates);
    cursor.expect(';');
    return { direction, target: { kind: 'func', name, func }, gates, span: { start, end: cursor.lastEnd() } };
  }
  const path = parseUsePath(cursor);
  cursor.expect(';');
  return { direction, target: { kind: 'path', path }, gates, span: { start, end: cursor.lastEnd() } };
}

/** `use path.{a, b as c};` */
function parseUse(cursor: Cursor, gates: Gate[]): Use {
  const keyword = cursor.expect('use');
  const path = parseUsePath(cursor);
  cursor.expect('.');
  cursor.expect('{');
  const names: Use['names'] = [];
  while (!cursor.is('}')) {
    const name = cursor.name();
    names.push(cursor.eat('as') ? { name, as: cursor.name() } : { name });
    if (!cursor.eat(',')) break;
  }
  cursor.expect('}', '`,` or `}`');
  cursor.expect(';');
  return { path, names, gates, span: { start: keyword.span.start, end: cursor.lastEnd() } };
}

function parseTopUse(cursor: Cursor): TopUse {
  const keyword = cursor.expect('use');
  const path = parseUsePath(cursor);
  const as = cursor.eat('as') ? cursor.name() : undefined;
  cursor.expect(';', as ? '`;`' : '`as` or `;`');
  return { path, as, span: { start: keyword.span.start, end: cursor.lastEnd() } };
}

/** `name` or `ns:pkg/name@version`. */
export function parseUsePath(cursor: Cursor): UsePath {
  const first = cursor.name('an interface name or `namespace:package/interface`');
  if (!cursor.eat(':')) return { kind: 'local', name: first, span: first.span };
  let pkg = cursor.name('a package name');
  // Nested namespaces (`a:b:c/d`) parse as in wit-parser; the package is then named `b:c`.
  while (cursor.eat(':')) {
    const more = cursor.name('a package name');
    pkg = { text: `${pkg.text}:${more.text}`, span: { start: pkg.span.start, end: more.span.end } };
  }
  cursor.expect('/');
  const name = cursor.name('an interface name');
  const version = parseVersionSuffix(cursor);
  const span: Span = { start: first.span.start, end: cursor.lastEnd() };
  const packageName: PackageName = { namespace: first, name: pkg, version, span };
  return { kind: 'foreign', package: packageName, name, span };
}

function parsePackageName(cursor: Cursor): PackageName {
  const namespace = cursor.name('a package namespace');
  cursor.expect(':');
  const name = cursor.name('a package name');
  const version = parseVersionSuffix(cursor);
  return { namespace, name, version, span: { start: namespace.span.start, end: cursor.lastEnd() } };
}

function parseVersionSuffix(cursor: Cursor): Name | undefined {
  return cursor.eat('@') ? parseVersion(cursor) : undefined;
}
