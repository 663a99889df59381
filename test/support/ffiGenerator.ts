// Generates random FFI crates from a small grammar of types, for differential testing against rustc.
// Every generated crate compiles: references only appear where no lifetime is needed, structs only refer to
// structs defined before them, and every name is defined.
import { seededRandom } from './seededRandom';

interface Context {
  random: () => number;
  structs: string[];
  enums: string[];
  unions: string[];
  aliases: string[];
}

type Position = 'param' | 'return' | 'field';

const PRIMITIVES = ['u8', 'i32', 'u64', 'f64', 'bool', 'usize', 'i128', 'char', 'c_int'];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function type(ctx: Context, position: Position, depth: number): string {
  const r = ctx.random;
  const leaf = () => (ctx.structs.length > 0 && r() < 0.45 ? pick(r, [...ctx.structs, ...ctx.enums, ...ctx.unions, ...ctx.aliases]) : pick(r, PRIMITIVES));
  if (depth <= 0) return leaf();
  const inner = (p: Position = 'field') => type(ctx, p, depth - 1);
  const choices: (() => string)[] = [
    leaf,
    leaf,
    () => `*const ${inner()}`,
    () => `*mut ${inner()}`,
    () => `Option<${pick(r, ['Box', 'NonNull'])}<${inner()}>>`,
    () => `Option<${inner()}>`,
    () => `Box<${inner()}>`,
    () => `[${inner()}; 2]`,
    () => `(${inner()}, ${inner()})`,
    () => `extern "C" fn(${inner('param')})`,
    () => `Option<extern "C" fn(${inner('param')}) -> ${inner('return')}>`,
    () => `fn(${inner('param')})`,
    () => pick(r, ['String', 'Vec<u8>', 'CString', 'PhantomData<u8>', 'NonZeroU32', 'Option<NonZeroU32>', '()', 'ManuallyDrop<u32>']),
    () => `Wrapper<${inner()}>`,
    () => `*const [${inner()}]`,
    () => '*const str',
    () => pick(r, ['Box<dyn Tr>', '*const dyn Tr', 'Option<Box<dyn Tr>>']),
  ];
  if (position === 'param') choices.push(() => `&${inner()}`, () => `Option<&${inner()}>`, () => '&str', () => `&[${inner()}]`, () => `&mut ${inner()}`, () => '&dyn Tr');
  return pick(r, choices)();
}

/**
 * One crate's source: local types (fieldless and data enums, structs, unions, an alias), then extern
 * definitions, associated `extern "C"` functions in an `impl` block, an extern block, a vtable and a static.
 */
export function generateFfiCrate(seed: number, functionCount = 8, options: { macros?: boolean } = {}): string {
  const random = seededRandom(seed);
  const ctx: Context = { random, structs: [], enums: [], unions: [], aliases: [] };
  const out: string[] = [
    '#![allow(dead_code, unused_variables, non_camel_case_types)]',
    'use std::ffi::{c_int, CString};',
    'use std::marker::PhantomData;',
    'use std::mem::ManuallyDrop;',
    'use std::num::NonZeroU32;',
    'use std::ptr::NonNull;',
    '#[repr(C)]',
    'pub struct Wrapper<T> { pub t: T, pub n: u32 }',
    'pub trait Tr {}',
  ];
  for (let i = 0; i < 3; i++) {
    const name = `E${i}`;
    const repr = random() < 0.5 ? '#[repr(u8)]\n' : '';
    out.push(`${repr}pub enum ${name} { A, B }`);
    ctx.enums.push(name);
  }
  for (let i = 0; i < 4; i++) {
    const name = `S${i}`;
    const repr = pick(random, ['#[repr(C)]\n', '#[repr(C)]\n', '', '#[repr(transparent)]\n']);
    const fieldCount = repr.includes('transparent') ? 1 : 1 + Math.floor(random() * 3);
    const fields = Array.from({ length: fieldCount }, (_, f) => `pub f${f}: ${type(ctx, 'field', 1)}`);
    out.push(`${repr}pub struct ${name} { ${fields.join(', ')} }`);
    ctx.structs.push(name);
  }
  for (let i = 0; i < 2; i++) {
    // Data enums: `repr(C)`/integer reprs make them FFI-safe when their fields are; an Option-like shape
    // without repr is judged as a nullable pointer.
    const name = `D${i}`;
    const repr = pick(random, ['#[repr(C)]\n', '#[repr(u8)]\n', '', '']);
    const variants = random() < 0.4 ? `None, Some(${type(ctx, 'field', 1)})` : `A(${type(ctx, 'field', 1)}), B { x: ${type(ctx, 'field', 1)} }, C`;
    out.push(`${repr}pub enum ${name} { ${variants} }`);
    ctx.enums.push(name);
  }
  {
    // Union fields must be `Copy` or `ManuallyDrop`.
    const repr = pick(random, ['#[repr(C)]\n', '']);
    out.push(`${repr}pub union U0 { pub a: ${pick(random, PRIMITIVES)}, pub b: ManuallyDrop<${type(ctx, 'field', 1)}> }`);
    ctx.unions.push('U0');
  }
  out.push(`pub type A0 = ${type(ctx, 'field', 1)};`);
  ctx.aliases.push('A0');
  for (let i = 0; i < functionCount; i++) {
    const params = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, p) => `p${p}: ${type(ctx, 'param', 2)}`);
    const ret = random() < 0.4 ? ` -> ${type(ctx, 'return', 1)}` : '';
    out.push(`#[no_mangle]\npub extern "C" fn f${i}(${params.join(', ')})${ret} { loop {} }`);
  }
  const methods = Array.from({ length: 2 }, (_, i) => `    pub extern "C" fn m${i}(p0: ${type(ctx, 'param', 2)}) -> ${type(ctx, 'return', 1)} { loop {} }`);
  out.push(`impl S0 {\n${methods.join('\n')}\n}`);
  const imports = Array.from({ length: 3 }, (_, i) => `    fn import${i}(p: ${type(ctx, 'field', 2)});`);
  out.push(`extern "C" {\n${imports.join('\n')}\n}`);
  out.push(`#[repr(C)]\npub struct Vtable { pub cb: Option<extern "C" fn(${type(ctx, 'param', 1)}) -> ${type(ctx, 'return', 1)}> }`);
  out.push(`pub static HOOK: Option<extern "C" fn(${type(ctx, 'field', 1)})> = None;`);
  if (options.macros) out.push(...macroExports(ctx));
  return `${out.join('\n')}\n`;
}

/**
 * Exports written by `macro_rules!` macros, as real plugins do: types passed in by the call (rustc points
 * at the call's tokens), types written in the macro body (rustc points into the macro, expanded from the
 * call), a macro that calls another one, and an optional return type through `$(...)?`.
 */
function macroExports(ctx: Context): string[] {
  const r = ctx.random;
  const out: string[] = [];
  out.push(
    'macro_rules! export_fns {',
    '    ($($name:ident($($p:ident: $t:ty),*) $(-> $r:ty)?;)*) => {',
    '        $( #[no_mangle] pub extern "C" fn $name($($p: $t),*) $(-> $r)? { loop {} } )*',
    '    };',
    '}',
  );
  const calls = Array.from({ length: 3 }, (_, i) => {
    const params = Array.from({ length: 1 + Math.floor(r() * 2) }, (_, p) => `p${p}: ${type(ctx, 'param', 2)}`);
    const ret = r() < 0.5 ? ` -> ${type(ctx, 'return', 1)}` : '';
    return `    g${i}(${params.join(', ')})${ret};`;
  });
  out.push(`export_fns! {
${calls.join('\n')}
}`);
  for (let i = 0; i < 3; i++) {
    out.push(
      `macro_rules! make_h${i} {`,
      `    ($name:ident) => {`,
      `        #[no_mangle]`,
      `        pub extern "C" fn $name(p0: ${type(ctx, 'param', 2)}) -> ${type(ctx, 'return', 1)} { loop {} }`,
      `    };`,
      `}`,
      `make_h${i}!(h${i});`,
    );
  }
  out.push(
    'macro_rules! inner_export {',
    `    ($name:ident, $t:ty) => { #[no_mangle] pub extern "C" fn $name(p: $t, q: ${type(ctx, 'param', 2)}) {} };`,
    '}',
    'macro_rules! outer_export {',
    '    ($name:ident, $t:ty) => { inner_export!($name, $t); };',
    '}',
    `outer_export!(k0, ${type(ctx, 'param', 2)});`,
  );
  return out;
}
