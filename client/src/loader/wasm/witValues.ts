// WIT types resolved to self-contained shapes (sent to the wasm child), the values the loader invents for a
// probe's arguments, and a returned value written as WIT writes values (`some("x")`, `{ words: 3 }`, `[1, 2]`).
// Values follow jco's JavaScript mapping: 64-bit integers are bigint, `option<T>` is T or undefined,
// `result` arguments and variants are `{ tag, val }`, records and flags have lowerCamel field names.

export type WitShape =
  | { k: 'bool' | 'char' | 'string' | 'f32' | 'f64' }
  | { k: 'int'; bits: 8 | 16 | 32 | 64; signed: boolean }
  | { k: 'list'; of: WitShape }
  | { k: 'option'; of: WitShape }
  | { k: 'result'; ok?: WitShape; err?: WitShape }
  | { k: 'tuple'; items: WitShape[] }
  | { k: 'record'; name: string; fields: { name: string; type: WitShape }[] }
  | { k: 'variant'; name: string; cases: { name: string; type?: WitShape }[] }
  | { k: 'enum'; name: string; cases: string[] }
  | { k: 'flags'; name: string; flags: string[] }
  /** A resource handle, `future`, `stream` or a type that could not be resolved: no value can be invented. */
  | { k: 'opaque'; name: string };

/** A value in jco's JavaScript form. */
export type JsValue = undefined | boolean | number | bigint | string | Uint8Array | JsValue[] | { [key: string]: JsValue };

/** The string argument every probe passes, as the native loader does. */
export const PROBE_STRING = 'rpg-probe';

/** `first-word` → `firstWord`: jco's names for functions, fields and flags. */
export function lowerCamel(name: string): string {
  return name.replace(/^%/, '').replace(/-([a-z0-9])/gi, (_, c: string) => c.toUpperCase());
}

/** The first opaque part of a shape (why no value can be made), or undefined. */
export function opaquePart(shape: WitShape): string | undefined {
  switch (shape.k) {
    case 'opaque':
      return shape.name;
    case 'list':
    case 'option':
      return opaquePart(shape.of);
    case 'result':
      return (shape.ok && opaquePart(shape.ok)) ?? (shape.err && opaquePart(shape.err));
    case 'tuple':
      return shape.items.map(opaquePart).find((p) => p !== undefined);
    case 'record':
      return shape.fields.map((f) => opaquePart(f.type)).find((p) => p !== undefined);
    case 'variant':
      return shape.cases[0]?.type && opaquePart(shape.cases[0].type);
    default:
      return undefined;
  }
}

/** An invented argument: small, valid for the type, non-zero numbers (a divisor), two-element lists, `some`, `ok`, first cases. */
export function inventValue(shape: WitShape): JsValue {
  switch (shape.k) {
    case 'bool':
      return true;
    case 'char':
      return 'a';
    case 'string':
      return PROBE_STRING;
    case 'f32':
    case 'f64':
      return 1.5;
    case 'int':
      return shape.bits === 64 ? 1n : 1;
    case 'list':
      if (shape.of.k === 'int' && shape.of.bits === 8 && !shape.of.signed) return new Uint8Array([1, 2]);
      return [inventValue(shape.of), inventValue(shape.of)];
    case 'option':
      // jco writes `some(none)` of a nested option as `{ tag: 'some', val: undefined }`.
      return shape.of.k === 'option' ? { tag: 'some', val: inventValue(shape.of) } : inventValue(shape.of);
    case 'result':
      return { tag: 'ok', val: shape.ok ? inventValue(shape.ok) : undefined };
    case 'tuple':
      return shape.items.map(inventValue);
    case 'record':
      return Object.fromEntries(shape.fields.map((f) => [lowerCamel(f.name), inventValue(f.type)]));
    case 'variant': {
      const first = shape.cases[0];
      return { tag: first.name, val: first.type ? inventValue(first.type) : undefined };
    }
    case 'enum':
      return shape.cases[0];
    case 'flags':
      return Object.fromEntries(shape.flags.map((f) => [lowerCamel(f), false]));
    case 'opaque':
      return undefined;
  }
}

const MAX_SHOWN_ITEMS = 8;
const MAX_TEXT = 200;

/** A value as WIT writes it, read by its shape; what does not fit the shape is written as JSON would. */
export function valueText(value: unknown, shape: WitShape | undefined, depth = 0): string {
  const text = valueTextIn(value, shape, depth);
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

function valueTextIn(value: unknown, shape: WitShape | undefined, depth: number): string {
  if (depth > 16) return '…';
  const inner = (v: unknown, s: WitShape | undefined) => valueTextIn(v, s, depth + 1);
  if (!shape) return fallbackText(value);
  switch (shape.k) {
    case 'string':
    case 'char':
      return typeof value === 'string' ? JSON.stringify(value) : fallbackText(value);
    case 'list': {
      if (!isArrayLike(value)) return fallbackText(value);
      const items = Array.from(value as ArrayLike<unknown>).slice(0, MAX_SHOWN_ITEMS).map((v) => inner(v, shape.of));
      if ((value as ArrayLike<unknown>).length > MAX_SHOWN_ITEMS) items.push(`… ${(value as ArrayLike<unknown>).length} items`);
      return `[${items.join(', ')}]`;
    }
    case 'option':
      if (value === undefined || value === null) return 'none';
      if (shape.of.k === 'option' && isTagged(value)) return value.tag === 'none' ? 'some(none)' : `some(${inner(value.val, shape.of)})`;
      return `some(${inner(value, shape.of)})`;
    case 'result':
      if (isTagged(value) && (value.tag === 'ok' || value.tag === 'err')) {
        const payload = value.tag === 'ok' ? shape.ok : shape.err;
        return payload ? `${value.tag}(${inner(value.val, payload)})` : value.tag;
      }
      return fallbackText(value);
    case 'tuple':
      return Array.isArray(value) ? `(${value.map((v, i) => inner(v, shape.items[i])).join(', ')})` : fallbackText(value);
    case 'record':
      if (!isObject(value)) return fallbackText(value);
      return `{ ${shape.fields.map((f) => `${f.name}: ${inner(value[lowerCamel(f.name)], f.type)}`).join(', ')} }`;
    case 'variant': {
      if (!isTagged(value)) return fallbackText(value);
      const found = shape.cases.find((c) => c.name === value.tag);
      return found?.type ? `${value.tag}(${inner(value.val, found.type)})` : String(value.tag);
    }
    case 'enum':
      return typeof value === 'string' ? value : fallbackText(value);
    case 'flags':
      if (!isObject(value)) return fallbackText(value);
      return `{${shape.flags.filter((f) => value[lowerCamel(f)] === true).join(', ')}}`;
    default:
      return fallbackText(value);
  }
}

function isArrayLike(value: unknown): boolean {
  return Array.isArray(value) || ArrayBuffer.isView(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isTagged(value: unknown): value is { tag: unknown; val?: unknown } {
  return isObject(value) && 'tag' in value;
}

function fallbackText(value: unknown): string {
  if (value === undefined) return '()';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value !== 'object' || value === null) return String(value);
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  } catch {
    return String(value);
  }
}
