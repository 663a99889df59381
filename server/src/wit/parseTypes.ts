// Types, type definitions and function signatures of the WIT parser (parser.ts has the items around them).
import type { Func, Gate, Name, Param, ResourceFunc, TypeDef, TypeRef } from './ast';
import { ParseFailure, type Cursor } from './cursor';
import { parseGates } from './gates';

/** `list<list<…>>` deeper than this is refused (wit-parser has no such limit; no real file comes close). */
export const MAX_TYPE_DEPTH = 64;

export const PRIMITIVES = new Set(['u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64', 'f32', 'f64', 'char', 'bool', 'string', 'error-context']);
const TYPEDEF_KEYWORDS = new Set(['record', 'variant', 'enum', 'flags', 'resource', 'type']);

export function isTypeDefStart(cursor: Cursor): boolean {
  const token = cursor.peek();
  return token.kind === 'keyword' && TYPEDEF_KEYWORDS.has(token.value);
}

export function parseType(cursor: Cursor, depth = 0): TypeRef {
  const token = cursor.peek();
  if (depth >= MAX_TYPE_DEPTH) throw new ParseFailure(`type nested more than ${MAX_TYPE_DEPTH} deep`, token.span);
  const start = token.span.start;
  if (token.kind === 'id') {
    const name = cursor.name('a type');
    return { kind: 'named', name, span: name.span };
  }
  if (token.kind !== 'keyword') throw cursor.unexpected('a type');
  if (PRIMITIVES.has(token.value)) {
    cursor.next();
    return { kind: 'builtin', name: token.value, span: token.span };
  }
  const inner = depth + 1;
  switch (token.value) {
    case 'list': {
      cursor.next();
      cursor.expect('<');
      const element = parseType(cursor, inner);
      let size: number | undefined;
      if (cursor.eat(',')) {
        const n = cursor.peek();
        // `1.0.0` lexes as one version token; wit-parser reads the `1` and stops at the `.`.
        if (n.kind === 'version') throw new ParseFailure('expected `>`, found `.`', { start: n.span.start + n.value.indexOf('.'), end: n.span.start + n.value.indexOf('.') + 1 });
        if (n.kind !== 'integer') throw cursor.unexpected('a list length');
        cursor.next();
        size = Number(n.value);
      }
      cursor.expect('>', size === undefined ? '`,` or `>`' : '`>`');
      return { kind: 'list', element, size, span: { start, end: cursor.lastEnd() } };
    }
    case 'option': {
      cursor.next();
      cursor.expect('<');
      const t = parseType(cursor, inner);
      cursor.expect('>');
      return { kind: 'option', inner: t, span: { start, end: cursor.lastEnd() } };
    }
    case 'result': {
      cursor.next();
      if (!cursor.eat('<')) return { kind: 'result', span: { start, end: cursor.lastEnd() } };
      let ok: TypeRef | undefined;
      let err: TypeRef | undefined;
      if (cursor.eat('_')) {
        cursor.expect(',');
        err = parseType(cursor, inner);
      } else {
        ok = parseType(cursor, inner);
        if (cursor.eat(',')) err = parseType(cursor, inner);
      }
      cursor.expect('>', err ? '`>`' : '`,` or `>`');
      return { kind: 'result', ok, err, span: { start, end: cursor.lastEnd() } };
    }
    case 'map': {
      cursor.next();
      cursor.expect('<');
      const key = parseType(cursor, inner);
      cursor.expect(',');
      const value = parseType(cursor, inner);
      cursor.expect('>');
      return { kind: 'map', key, value, span: { start, end: cursor.lastEnd() } };
    }
    case 'tuple': {
      cursor.next();
      cursor.expect('<');
      const items: TypeRef[] = [];
      while (!cursor.is('>')) {
        items.push(parseType(cursor, inner));
        if (!cursor.eat(',')) break;
      }
      cursor.expect('>', '`,` or `>`');
      return { kind: 'tuple', items, span: { start, end: cursor.lastEnd() } };
    }
    case 'own':
    case 'borrow': {
      cursor.next();
      cursor.expect('<');
      const resource = cursor.name('a resource name');
      cursor.expect('>');
      return { kind: 'handle', own: token.value === 'own', resource, span: { start, end: cursor.lastEnd() } };
    }
    case 'future':
    case 'stream': {
      cursor.next();
      if (!cursor.eat('<')) return { kind: token.value, span: { start, end: cursor.lastEnd() } };
      const t = parseType(cursor, inner);
      cursor.expect('>');
      return { kind: token.value, inner: t, span: { start, end: cursor.lastEnd() } };
    }
  }
  throw cursor.unexpected('a type');
}

/** `record`, `variant`, `enum`, `flags`, `resource` or `type name = …;`. */
export function parseTypeDef(cursor: Cursor, gates: Gate[]): TypeDef {
  const keyword = cursor.next();
  const name = cursor.name();
  const start = keyword.span.start;
  const span = () => ({ start, end: cursor.lastEnd() });
  switch (keyword.value) {
    case 'type': {
      cursor.expect('=');
      const target = parseType(cursor);
      cursor.expect(';');
      return { kind: 'alias', name, gates, target, span: span() };
    }
    case 'record': {
      const fields = braced(cursor, () => {
        const field = cursor.name('a field name');
        cursor.expect(':');
        return { name: field, type: parseType(cursor) };
      });
      return { kind: 'record', name, gates, fields, span: span() };
    }
    case 'variant': {
      const cases = braced(cursor, () => {
        const caseName = cursor.name('a case name');
        if (!cursor.eat('(')) return { name: caseName };
        const type = parseType(cursor);
        cursor.expect(')');
        return { name: caseName, type };
      });
      return { kind: 'variant', name, gates, cases, span: span() };
    }
    case 'enum':
      return { kind: 'enum', name, gates, cases: braced(cursor, () => cursor.name('a case name')), span: span() };
    case 'flags':
      return { kind: 'flags', name, gates, flags: braced(cursor, () => cursor.name('a flag name')), span: span() };
    default: {
      // resource
      const funcs: ResourceFunc[] = [];
      if (cursor.eat(';')) return { kind: 'resource', name, gates, funcs, span: span() };
      cursor.expect('{', '`;` or `{`');
      while (!cursor.is('}')) funcs.push(parseResourceFunc(cursor));
      cursor.expect('}');
      return { kind: 'resource', name, gates, funcs, span: span() };
    }
  }
}

/** `{ item, item, }` (trailing comma allowed). */
function braced<T>(cursor: Cursor, item: () => T): T[] {
  cursor.expect('{');
  const items: T[] = [];
  while (!cursor.is('}')) {
    items.push(item());
    if (!cursor.eat(',')) break;
  }
  cursor.expect('}', '`,` or `}`');
  return items;
}

function parseResourceFunc(cursor: Cursor): ResourceFunc {
  const gates = parseGates(cursor);
  if (cursor.is('constructor')) {
    const keyword = cursor.next();
    const name: Name = { text: 'constructor', span: keyword.span };
    const params = parseParams(cursor);
    const result = cursor.eat('->') ? parseType(cursor) : undefined;
    cursor.expect(';');
    return { kind: 'constructor', name, async: false, params, result, gates, span: { start: keyword.span.start, end: cursor.lastEnd() } };
  }
  if (cursor.peek().kind !== 'id') throw cursor.unexpected('`constructor`, a method or `}`');
  const name = cursor.name();
  cursor.expect(':');
  const isStatic = cursor.eat('static') !== undefined;
  const func = parseFuncSignature(cursor, name, gates);
  cursor.expect(';');
  return { ...func, kind: isStatic ? 'static' : 'method', span: { start: name.span.start, end: cursor.lastEnd() } };
}

/** `async? func(params) (-> type)?`, after `name:`. */
export function parseFuncSignature(cursor: Cursor, name: Name, gates: Gate[]): Func {
  const isAsync = cursor.eat('async') !== undefined;
  cursor.expect('func', isAsync ? '`func`' : '`func` or `async`');
  const params = parseParams(cursor);
  const result = cursor.eat('->') ? parseType(cursor) : undefined;
  return { name, async: isAsync, params, result, gates, span: { start: name.span.start, end: cursor.lastEnd() } };
}

function parseParams(cursor: Cursor): Param[] {
  cursor.expect('(');
  const params: Param[] = [];
  while (!cursor.is(')')) {
    const name = cursor.name('a parameter name or `)`');
    cursor.expect(':');
    params.push({ name, type: parseType(cursor) });
    if (!cursor.eat(',')) break;
  }
  cursor.expect(')', '`,` or `)`');
  return params;
}
