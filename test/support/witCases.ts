// WIT sources shared by the unit tests and the oracle test (test/oracle/wit.oracle.test.ts checks every one
// against jco's wit-parser: the valid ones must be accepted with the same worlds and functions, the invalid ones
// rejected at the token marked `⟦…⟧` — the marks are removed before parsing).
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

export const VALID_WIT: Record<string, string> = {
  'functions and records': `package my:plugin@1.0.0;

/// What the host offers.
interface host {
  log: func(level: level, message: string);
  enum level { debug, info, warn, error }
}

interface guest {
  use host.{level};
  record config { name: string, verbosity: level, tags: list<string>, limit: option<u32> }
  init: func(config: config) -> result<_, string>;
  run: func(input: list<u8>) -> result<list<u8>, error-code>;
  variant error-code { invalid(string), too-large(u64), closed }
  flags caps { read, write, exec }
  capabilities: func() -> caps;
  pair: func(a: tuple<u8, s16, u32, s64>, b: tuple<f32, f64, char, bool>) -> tuple<string,>;
}

world plugin {
  import host;
  export guest;
}
`,
  'resources, handles and async': `package demo:res;

interface store {
  resource blob {
    constructor(bytes: list<u8>);
    size: func() -> u64;
    merge: static func(a: borrow<blob>, b: borrow<blob>) -> own<blob>;
    read: async func(at: u64) -> future<list<u8>>;
  }
  open: func(name: string) -> result<blob>;
  watch: func() -> stream<string>;
  fail: func() -> error-context;
  fixed: func(key: list<u8, 32>);
}

world app {
  import store;
  export run: func(args: list<string>) -> s32;
  import clock: interface { now: func() -> u64; }
  export hooks: interface { on-start: func(); }
}
`,
  'gates, uses and includes': `package wasi:demo@0.2.1;

@since(version = 0.2.0)
interface types {
  @since(version = 0.2.0)
  type id = u64;
  @since(version = 0.2.0)
  record fancy { id: id }
  @unstable(feature = experimental)
  try-me: func();
  @since(version = 0.2.0)
  @deprecated(version = 0.2.1)
  old: func() -> id;
}

@since(version = 0.2.0)
interface api {
  use types.{id as ident, fancy};
  get: func(x: ident) -> fancy;
}

world base {
  import types;
}

world full {
  include base;
  export api;
  use types.{id};
  type alias = id;
  import lookup: func(key: alias) -> option<id>;
}
`,
  'nested packages and top-level use': `package root:app;

package ext:lib@1.2.3 {
  interface util { record point { x: s32, y: s32 } distance: func(a: point, b: point) -> f64; }
}

use ext:lib/util@1.2.3 as geometry;

interface shapes {
  use geometry.{point};
  area: func(corners: list<point>) -> f64;
}

world drawing {
  import ext:lib/util@1.2.3;
  export shapes;
}
`,
  'explicit ids, comments and upper case': `package x:y;

/* a block /* nested */ comment */
interface %interface {
  %type: func(%list: u8) -> u8; // a keyword as a name
  ALL-CAPS: func();
  /** doc */
  v2-api: func();
}

world w { import %interface; }
`,
  'import and export of one interface (valid WIT, our warning)': `package a:b;
interface i { f: func(); }
world w {
  import i;
  export i;
}
`,
  'maps': `package a:maps;

interface store {
  type names-by-id = map<u32, string>;
  record entry { label: string, values: names-by-id }
  lookup: func(a: map<string, list<u8>>, nested: map<string, map<u32, option<entry>>>) -> result<names-by-id, string>;
  %map: func(x: u32);
}

world plugin { export store; }
`,
};

/** Each must be rejected; `⟦…⟧` marks the token the error is at. */
export const INVALID_WIT: Record<string, string> = {
  'map without a value type': `package a:b;
interface i { f: func(x: map<string⟦>⟧); }
world w { export i; }
`,
  'map is a keyword': `package a:b;
interface i { f: func(⟦map⟧: u32); }
world w { export i; }
`,
  'missing type': `package a:b;
interface i { f: func(x: ⟦)⟧; }
world w { import i; }
`,
  'named results are gone': `package a:b;
interface i { f: func() -> ⟦(⟧a: u32); }
world w { import i; }
`,
  'unknown type': `package a:b;
interface i {
  f: func(x: ⟦mystery⟧);
}
world w { import i; }
`,
  'unknown type in use': `package a:b;
interface i { type t = u8; }
interface j { use i.{⟦nope⟧}; }
world w { import j; }
`,
  'unknown interface': `package a:b;
world w { import ⟦nope⟧; }
`,
  'duplicate function': `package a:b;
interface i { f: func(); ⟦f⟧: func(); }
world w { import i; }
`,
  'duplicate field': `package a:b;
interface i { record r { a: u8, ⟦a⟧: u8 } }
world w { import i; }
`,
  'duplicate parameter': `package a:b;
interface i { f: func(a: u8, ⟦a⟧: u8); }
world w { import i; }
`,
  'duplicate interface': `package a:b;
interface i { }
interface ⟦i⟧ { }
world w { import i; }
`,
  'mixed case identifier': `package a:b;
interface i { ⟦fOo⟧: func(); }
world w { import i; }
`,
  'dangling dash': `package a:b;
interface i { ⟦f-⟧: func(); }
world w { import i; }
`,
  'keyword as name': `package a:b;
interface i { type⟦:⟧ func(); }
world w { import i; }
`,
  'semicolon after a block': `package a:b;
interface i { f: func(); }⟦;⟧
world w { import i; }
`,
  'two-part version': `package a:b@1.0.0;
@since(version = 1.0⟦)⟧
interface i { f: func(); }
world w { import i; }
`,
  'deprecated without since': `package a:b@1.0.0;
interface i { ⟦@deprecated(version = 1.0.0)⟧ f: func(); }
world w { import i; }
`,
  'unclosed interface': `package a:b;
interface i { f: func();
⟦world⟧ w { import i; }
`,
  'unknown resource in borrow': `package a:b;
interface i { f: func(x: borrow<⟦r⟧>); }
world w { import i; }
`,
  'unknown world in include': `package a:b;
world w { include ⟦other⟧; }
`,
  'a gate given twice': `package a:b@1.0.0;
interface i { @since(version = 1.0.0) ⟦@since(version = 1.0.0)⟧ f: func(); }
world w { import i; }
`,
  'stable and unstable at once': `package a:b@1.0.0;
interface i { @since(version = 1.0.0) ⟦@unstable(feature = x)⟧ f: func(); }
world w { import i; }
`,
  'a gate on a top-level use': `package a:b@1.0.0;
⟦@since(version = 1.0.0)⟧ use i as j;
interface i {}
world w { import j; }
`,
  'leading zero in a version': `package a:b@⟦1.0.01⟧;
interface i {}
world w { import i; }
`,
  'type cycle': `package a:b;
interface i { type a = b; type ⟦b⟧ = a; }
world w { import i; }
`,
  'a record containing itself': `package a:b;
interface i { record ⟦r⟧ { next: option<r> } }
world w { import i; }
`,
  'interfaces using each other': `package a:b;
interface i { use j.{t}; type s = u8; }
interface ⟦j⟧ { use i.{s}; type t = u8; }
world w { import i; }
`,
  'worlds including each other': `package a:b;
world v { include w; }
world ⟦w⟧ { include v; }
`,
  'a world imported as an interface': `package a:b;
world v {}
world w { import ⟦v⟧; }
`,
  'a handle of a record': `package a:b;
interface i { record t { a: u8 } f: func(x: borrow<⟦t⟧>); }
world w { import i; }
`,
  'an empty variant': `package a:b;
interface i { variant ⟦v⟧ {} }
world w { import i; }
`,
  'an empty tuple': `package a:b;
interface i { f: func(x: ⟦tuple<>⟧); }
world w { import i; }
`,
  'a list of length zero': `package a:b;
interface i { f: func(x: ⟦list<u8, 0>⟧); }
world w { import i; }
`,
  'a constructor returning a number': `package a:b;
interface i { resource r { constructor() -> ⟦u8⟧; } }
world w { import i; }
`,
  'self as a method parameter': `package a:b;
interface i { resource r { m: func(⟦self⟧: u8); } }
world w { import i; }
`,
  'two constructors': `package a:b;
interface i { resource r { constructor(); ⟦constructor⟧(a: u8); } }
world w { import i; }
`,
  'an interface imported twice': `package a:b;
interface i {}
world w { import i; import ⟦i⟧; }
`,
  'an import named like a world type': `package a:b;
world w { type t = u8; import ⟦t⟧: func(); }
`,
  'a top-level use named like an interface': `package a:b;
use a:b/i as ⟦i⟧;
interface i {}
world w { import i; }
`,
  'a nested package named like the file': `package a:b;
package ⟦a:b⟧ { interface i {} }
world w {}
`,
  'a second package declaration': `package a:b;
interface i {}
package c:d⟦;⟧
world w { import i; }
`,
  'a version as a list length': `package a:b;
interface i { f: func(x: list<u8, 1⟦.⟧0.0>); }
world w { import i; }
`,
  'a nested namespace path that goes on': `package a:b;
world w { import x:y:⟦list⟧; }
`,
  'a gate problem after a syntax error': `package a:b@1.0.0;
interface i { @since(version = 1.0.0) @since(version = 1.0.0) f: func(⟦;⟧ }
world w { import i; }
`,
};

/** The source with its marks removed, and the marked span (absent for valid sources). */
export function unmark(source: string): { text: string; mark?: { start: number; end: number } } {
  const start = source.indexOf('⟦');
  if (start < 0) return { text: source };
  const end = source.indexOf('⟧') - 1;
  return { text: source.replace('⟦', '').replace('⟧', ''), mark: { start, end } };
}

/** The `.wit` files jco ships (WASI 0.2.10, 0.2.12, 0.3.0, wasi-tls, jco's node world): a real-world corpus. */
export function shippedWitFiles(): string[] {
  // `dist/api.js` → the package folder (its package.json is not exported).
  const root = path.dirname(path.dirname(require.resolve('@bytecodealliance/jco')));
  const out: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const full = path.join(folder, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.wit')) out.push(full);
    }
  };
  walk(path.join(root, 'lib', 'wit'));
  return out;
}
