// wit-bindgen's WIT → Rust type mapping for exported functions, and a tolerant comparison with the Rust type a guest
// wrote. Exports receive and return owned values (wit-bindgen 0.2x/0.3x: `string` → `String`, `list<T>` → `Vec<T>`
// for parameters and results alike; `&str`/`&[T]` are what imports take). Whatever cannot be told from the text
// (a type alias of the crate or of std, a `use … as` rename, resources, `future`/`stream`, fixed-size lists) is
// `unknown`, never a mismatch: a false alarm costs more than a miss.
import type { TypeRef as RustType } from '../syntax/typeRef';
import type { TypeRef as WitType } from './ast';
import { upperCamel, type TypeScope } from './guestExports';

export type RustShape =
  | { kind: 'primitive'; name: string }
  | { kind: 'string' }
  | { kind: 'vec'; element: RustShape }
  | { kind: 'option'; inner: RustShape }
  | { kind: 'result'; ok?: RustShape; err?: RustShape }
  | { kind: 'tuple'; items: RustShape[] }
  /** A generated type (record, variant, enum, flags), or an alias (`type x = u32` → `pub type X = u32;`). */
  | { kind: 'named'; name: string; alias?: RustShape }
  /** Not judged. */
  | { kind: 'opaque' };

const PRIMITIVES: Record<string, string> = { u8: 'u8', u16: 'u16', u32: 'u32', u64: 'u64', s8: 'i8', s16: 'i16', s32: 'i32', s64: 'i64', f32: 'f32', f64: 'f64', float32: 'f32', float64: 'f64', bool: 'bool', char: 'char' };

/** The Rust shape wit-bindgen generates for a WIT type in `scope`. */
export function rustShape(type: WitType, scope: TypeScope, depth = 0): RustShape {
  if (depth > 32) return { kind: 'opaque' };
  const inner = (t: WitType, s = scope) => rustShape(t, s, depth + 1);
  switch (type.kind) {
    case 'builtin':
      if (type.name === 'string') return { kind: 'string' };
      return type.name in PRIMITIVES ? { kind: 'primitive', name: PRIMITIVES[type.name] } : { kind: 'opaque' };
    case 'list':
      return type.size === undefined ? { kind: 'vec', element: inner(type.element) } : { kind: 'opaque' };
    case 'option':
      return { kind: 'option', inner: inner(type.inner) };
    case 'result':
      return { kind: 'result', ...(type.ok ? { ok: inner(type.ok) } : {}), ...(type.err ? { err: inner(type.err) } : {}) };
    case 'tuple':
      return { kind: 'tuple', items: type.items.map((t) => inner(t)) };
    case 'map':
      // wit-bindgen's Rust type for a map is a choice of the generator (a pair list or a map type): not judged.
      return { kind: 'opaque' };
    case 'named': {
      const found = scope.get(type.name.text);
      const def = found?.def;
      // A resource (an own handle) or a name from a package not read: not judged.
      if (!def || def.kind === 'resource') return { kind: 'opaque' };
      const name = upperCamel(type.name.text);
      if (def.kind === 'alias') return { kind: 'named', name, alias: inner(def.target, found.scope ?? scope) };
      // `use types.{point as p}`: `P` is an alias of `Point`.
      if (found.renamedFrom) return { kind: 'named', name, alias: { kind: 'named', name: upperCamel(found.renamedFrom) } };
      return { kind: 'named', name };
    }
    default:
      return { kind: 'opaque' };
  }
}

export type Verdict = 'same' | 'different' | 'unknown';

/** What the crate lets a written type name stand for, beyond what it says. */
export interface NameContext {
  /** Names the crate may bind to something else (type aliases, `use … as` renames, generic parameters). */
  aliases: ReadonlySet<string>;
  /** Names that certainly are their own type (the crate's structs and enums, the generated types in scope, std's). */
  known: ReadonlySet<string>;
}

const STD_TYPES = ['String', 'Vec', 'Option', 'Result', 'Box', 'HashMap', 'BTreeMap', 'HashSet', 'Rc', 'Arc', 'Cow', 'VecDeque'];

export function knownNames(own: Iterable<string>): Set<string> {
  return new Set([...STD_TYPES, ...own]);
}

/** Whether `actual` is the type `expected` stands for; `unknown` where the text cannot tell. */
export function compareShape(expected: RustShape, actual: RustType | undefined, names: NameContext, depth = 0): Verdict {
  const isUnit = actual === undefined || (actual.kind === 'tuple' && actual.elements.length === 0);
  if (expected.kind === 'opaque' || depth > 32) return 'unknown';
  if (expected.kind === 'tuple' && expected.items.length === 0) return isUnit ? 'same' : definite(actual, names);
  if (actual === undefined) return 'different';
  const sub = (e: RustShape | undefined, a: RustType | undefined): Verdict => (e === undefined ? (a === undefined || (a.kind === 'tuple' && a.elements.length === 0) ? 'same' : definite(a, names)) : compareShape(e, a, names, depth + 1));
  if (actual.kind === 'path') {
    const last = actual.segments[actual.segments.length - 1] ?? '';
    if (names.aliases.has(last) || last === 'Self') return 'unknown';
    if (expected.kind === 'named') {
      if (last === expected.name) return 'same';
      if (expected.alias) return compareShape(expected.alias, actual, names, depth + 1);
      return names.known.has(last) ? 'different' : 'unknown';
    }
    const generic = (name: string, count: number): boolean | undefined => (last !== name ? false : actual.args.length === count ? true : undefined);
    switch (expected.kind) {
      case 'string':
        if (last === 'String' && actual.args.length === 0) return 'same';
        break;
      case 'vec': {
        const is = generic('Vec', 1);
        if (is === undefined) return 'unknown';
        if (is) return sub(expected.element, actual.args[0]);
        break;
      }
      case 'option': {
        const is = generic('Option', 1);
        if (is === undefined) return 'unknown';
        if (is) return sub(expected.inner, actual.args[0]);
        break;
      }
      case 'result': {
        const is = generic('Result', 2);
        if (is === undefined) return 'unknown'; // `io::Result<T>`, `anyhow::Result<T>`, a crate's alias
        if (is) return combine(sub(expected.ok, actual.args[0]), sub(expected.err, actual.args[1]));
        break;
      }
      default:
        break;
    }
    return names.known.has(last) ? 'different' : 'unknown';
  }
  if (expected.kind === 'named') return expected.alias ? compareShape(expected.alias, actual, names, depth + 1) : definite(actual, names);
  if (actual.kind === 'primitive') return expected.kind === 'primitive' && expected.name === actual.name ? 'same' : 'different';
  if (actual.kind === 'tuple') {
    if (expected.kind !== 'tuple' || expected.items.length !== actual.elements.length) return 'different';
    return expected.items.reduce<Verdict>((verdict, item, i) => combine(verdict, sub(item, actual.elements[i])), 'same');
  }
  return definite(actual, names);
}

/** A written type that is not the expected one: `different` unless it may be an alias. */
function definite(actual: RustType | undefined, names: NameContext): Verdict {
  if (!actual) return 'different';
  switch (actual.kind) {
    case 'unknown':
      return 'unknown';
    case 'path': {
      const last = actual.segments[actual.segments.length - 1] ?? '';
      return names.known.has(last) && !names.aliases.has(last) ? 'different' : 'unknown';
    }
    default:
      return 'different';
  }
}

/** A difference anywhere is one (the structure around it is fixed); else unknown wins over same. */
function combine(a: Verdict, b: Verdict): Verdict {
  if (a === 'different' || b === 'different') return 'different';
  return a === 'unknown' || b === 'unknown' ? 'unknown' : 'same';
}

/** The Rust text of a shape; `named` spells a generated type's path (undefined: cannot be spelled here). */
export function spellShape(shape: RustShape, named: (name: string) => string | undefined): string | undefined {
  const parts = (items: RustShape[]) => {
    const spelled = items.map((i) => spellShape(i, named));
    return spelled.every((s): s is string => s !== undefined) ? spelled : undefined;
  };
  switch (shape.kind) {
    case 'primitive':
      return shape.name;
    case 'string':
      return 'String';
    case 'vec': {
      const element = spellShape(shape.element, named);
      return element && `Vec<${element}>`;
    }
    case 'option': {
      const inner = spellShape(shape.inner, named);
      return inner && `Option<${inner}>`;
    }
    case 'result': {
      const [ok, err] = [shape.ok ? spellShape(shape.ok, named) : '()', shape.err ? spellShape(shape.err, named) : '()'];
      return ok && err ? `Result<${ok}, ${err}>` : undefined;
    }
    case 'tuple': {
      const items = parts(shape.items);
      if (!items) return undefined;
      return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
    }
    case 'named':
      return named(shape.name);
    case 'opaque':
      return undefined;
  }
}
