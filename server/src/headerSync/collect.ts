// The crate model → the header's declarations: exported `extern "C"` functions and statics, the types they
// reach (`#[repr(C)]` ones with their fields or values, the others opaque), public integer constants, each
// with the `#if` its `#[cfg]` maps to. Refuses (HeaderRefusal) where a generated header would silently lie.
import * as path from 'node:path';
import { boundaryTypes, hasCLayout, type BoundaryType } from '../boundary/boundaryTypes';
import { isForeignAbi } from '../boundary/sites';
import type { CrateModel, Module } from '../crate/crateModel';
import { cfgPredicates } from '../crate/cfg';
import type { CType } from '../interface/model';
import { rustToCType, type RustTypeContext } from '../interface/rustCType';
import { crateConstantItems, isVariadic, rustEnumVariants, rustExports, rustSignature, scopeOf } from '../interface/rustSide';
import { reprOf } from '../syntax/attributes';
import type { AdtItem, FunctionItem, ItemCommon, StaticItem } from '../syntax/items';
import { cCondition } from './cfgCondition';
import { dataEnumItems, fieldName } from './dataEnum';
import { variantName } from './variantNames';
import { offBuildAdts, otherBuilds, resolveOffBuild } from './offBuild';
import type { HeaderConfig } from './config';
import { HeaderRefusal, type HeaderField, type HeaderItem, type HeaderModel, type ItemSource, type TypeName } from './model';
import { refusalsOf } from './refusals';

const PRIMITIVE_REPR: Record<string, CType> = Object.fromEntries(
  ['8', '16', '32', '64'].flatMap((bits) => [
    [`u${bits}`, { kind: 'int', bits: Number(bits), signed: false, spelling: `uint${bits}_t` }],
    [`i${bits}`, { kind: 'int', bits: Number(bits), signed: true, spelling: `int${bits}_t` }],
  ]),
) as Record<string, CType>;
PRIMITIVE_REPR.usize = { kind: 'int', bits: 64, signed: false, spelling: 'uintptr_t' };
PRIMITIVE_REPR.isize = { kind: 'int', bits: 64, signed: true, spelling: 'intptr_t' };

/** `/// text` lines above the item (between its leading attributes and comments and the item itself). */
export function docLines(crate: CrateModel, module: Module, item: ItemCommon): string[] | undefined {
  const file = crate.files.get(module.file);
  if (!file) return undefined;
  const leading = file.text.slice(file.lines.offsetAt(item.leadingStart), file.lines.offsetAt(item.range.start));
  const lines = leading.split('\n').map((l) => /^\s*\/\/\/(?!\/) ?(.*)$/.exec(l)?.[1]).filter((l): l is string => l !== undefined);
  return lines.length > 0 ? lines.map((l) => l.trimEnd()) : undefined;
}

function sourceOf(crate: CrateModel, module: Module, item: ItemCommon, name = item.name): ItemSource {
  const root = crate.manifest?.dir ?? path.dirname(crate.rootFile);
  const rustPath = [...module.path.slice(1), name].join('::');
  return { file: path.relative(root, module.file) || module.file, line: item.nameRange.start.line + 1, path: rustPath };
}

/** Parameter names from the function's text (`mut x: i32` → `x`; `_` and patterns → `argN`). */
export function parameterNames(crate: CrateModel, fn: FunctionItem, file: string): string[] {
  const text = crate.files.get(file)?.text ?? '';
  const head = text.slice(fn.startOffset, fn.endOffset);
  const open = head.indexOf('(', head.search(/\bfn\b/));
  const names: string[] = [];
  if (open < 0) return names;
  let depth = 0;
  let start = open + 1;
  for (let i = open; i < head.length; i++) {
    const ch = head[i];
    if (ch === '(' || ch === '[' || ch === '<' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '>' || ch === '}') {
      if (ch === '>' && head[i - 1] === '-') continue;
      if (--depth === 0) {
        push(head.slice(start, i));
        break;
      }
    } else if (ch === ',' && depth === 1) {
      push(head.slice(start, i));
      start = i + 1;
    }
  }
  return names;
  function push(part: string): void {
    const match = /^\s*(?:#\[[^\]]*\]\s*)*(?:mut\s+)?(?:r#)?([A-Za-z_]\w*)\s*:/.exec(part);
    if (part.trim() === '' || /^\s*(?:mut\s+)?[A-Za-z_]\w*\s*:\s*\.\.\.\s*$/.test(part) || /^\s*\.\.\.\s*$/.test(part)) return;
    names.push(match && match[1] !== '_' ? match[1] : `arg${names.length}`);
  }
}

const C_KEYWORDS = new Set('auto break case char const continue default do double else enum extern float for goto if inline int long register restrict return short signed sizeof static struct switch typedef union unsigned void volatile while bool _Bool'.split(' '));
const CPP_KEYWORDS = new Set('alignas alignof and asm catch class constexpr delete explicit export false friend mutable namespace new noexcept not nullptr operator or private protected public template this throw true try typeid typename using virtual xor'.split(' '));

/**
 * `rustMirror`: the model is written as Rust (the host side, `hostGen/`), not C: C's single namespace and its
 * keywords do not apply, so those refusals are skipped (Rust's own clashes — one name in two modules — stay).
 */
export function collectHeader(crate: CrateModel, config: HeaderConfig, options: { rustMirror?: boolean } = {}): HeaderModel {
  const problems = refusalsOf(crate);
  if (problems.length > 0) throw new HeaderRefusal(problems);
  const notes: string[] = [];
  const cpp = config.language === 'C++' || config.cppCompat;
  const isKeyword = (name: string) => C_KEYWORDS.has(name) || (cpp && CPP_KEYWORDS.has(name));
  const keywordFields: string[] = [];
  const constantItems = crateConstantItems(crate);
  const context: RustTypeContext = { records: new Map(), constants: new Map(constantItems.map((c) => [c.name, c.value])) };
  const condition = (item: ItemCommon, what: string, quiet = false): string | undefined => {
    const { condition: c, unmapped } = cCondition(cfgPredicates(item.attributes.filter((a) => !a.fromCfgAttr)), config.defines);
    if (!quiet) for (const leaf of unmapped) notes.push(`${what}: no \`[defines]\` entry in cbindgen.toml for \`${leaf}\`, so it is written without \`#if\` (as cbindgen does)`);
    return c;
  };

  // Types first, so that functions and statics can name them.
  const types = new Map<string, TypeName>();
  const typeItems: HeaderItem[] = [];
  const found = [...boundaryTypes(crate)];
  // `[export] include`: declared though no export reaches them (cbindgen's way to declare, say, a version enum).
  for (const module of crate.modules) {
    for (const item of module.syntax.items) {
      if ((item.kind === 'struct' || item.kind === 'enum' || item.kind === 'union') && config.include.includes(item.name) && !found.some((t) => t.item === item)) found.push({ item, module });
    }
  }
  const reached: BoundaryType[] = found
    .filter((t) => t.item.generics.length === 0 && !config.exclude.has(t.item.name))
    .sort((a, b) => a.module.id - b.module.id || a.item.range.start.line - b.item.range.start.line);
  /** Declares one type; `resolve` names the off-build types an off-build type's fields use. */
  const declareType = (item: AdtItem, module: Module, into: HeaderItem[], resolve: (type: CType) => CType = (t) => t): void => {
    // `[export.rename] "RGBA8" = "unsigned char"`: written as that primitive, never declared.
    if (config.names.primitiveOf?.(item.name)) return;
    const cName = config.names.declaredNameOf(item.name);
    const source = sourceOf(module.crate, module, item);
    const repr = reprOf(item.attributes);
    const where = `\`${source.path}\` (${source.file}:${source.line})`;
    const cond = condition(item, where);
    const docs = docLines(module.crate, module, item);
    const common = { name: cName, rustName: item.name, source, ...(cond ? { condition: cond } : {}), ...(docs ? { docs } : {}) };
    if (!hasCLayout(item) || (repr.transparent && item.kind !== 'enum')) {
      // `#[repr(transparent)]` is written as its field (rustToCType sees through it); anything else is opaque.
      if (repr.transparent) return;
      types.set(item.name, { cName, form: 'opaque' });
      into.push({ ...common, kind: 'opaque' });
      return;
    }
    if (item.kind === 'enum') {
      const variants = rustEnumVariants(module.crate, item, module);
      if (!variants) {
        const intRepr = repr.primitive ? PRIMITIVE_REPR[repr.primitive] : undefined;
        into.push(...dataEnumItems({ item, module, common, config, context, intRepr, reprC: repr.c, types, isZeroSized }));
        return;
      }
      const unknown = variants.find((v) => v.value === undefined);
      if (unknown) throw new HeaderRefusal([`${where}: the value of \`${unknown.name}\` cannot be evaluated (a discriminant naming something other than integer constants); write it as a literal`]);
      const intRepr = repr.primitive ? PRIMITIVE_REPR[repr.primitive] : undefined;
      types.set(item.name, { cName, form: intRepr ? 'enum-int' : 'enum-c' });
      into.push({ ...common, kind: 'enum', repr: intRepr, variants: variants.map((v) => ({ name: variantName(cName, v.name, config.prefixVariantsWithName, config.renameVariants), value: v.value! })) });
      return;
    }
    types.set(item.name, { cName, form: item.kind });
    const scope = scopeOf(module);
    const fields: HeaderField[] = [];
    item.fields.forEach((field, index) => {
      const type = resolve(rustToCType(context, { type: field.type, scope }));
      if (isZeroSized(type, field.type.text)) return;
      const name = fieldName(field.name, index);
      if (isKeyword(name)) keywordFields.push(`${source.file}:${source.line}: field \`${name}\` of \`${source.path}\` is a C${cpp ? '/C++' : ''} keyword, so the header would not compile (cbindgen writes it anyway); rename the field (its name is not part of the ABI)`);
      fields.push({ name, type });
    });
    into.push({ ...common, kind: 'record', tag: item.kind, fields });
  };
  for (const { item, module } of reached) declareType(item, module, typeItems);

  if (keywordFields.length > 0 && !options.rustMirror) throw new HeaderRefusal(keywordFields);
  // The crate's constants are read by name (one per name): two of one name in different modules are a clash.
  const byName = new Map<string, ItemSource[]>();
  for (const module of crate.modules) {
    for (const item of module.syntax.items) {
      if (item.kind !== 'const' || !item.isPublic || item.type?.kind !== 'primitive') continue;
      byName.set(item.name, [...(byName.get(item.name) ?? []), sourceOf(crate, module, item)]);
    }
  }
  const twice = [...byName].filter(([, sources]) => sources.length > 1);
  if (twice.length > 0) throw new HeaderRefusal(twice.map(([name, [a, b]]) => `\`${name}\` would be declared twice in the header, as \`${a.path}\` (${a.file}:${a.line}) and as \`${b.path}\` (${b.file}:${b.line}), and C has one namespace for both; rename one`));
  const items: HeaderItem[] = [];
  for (const constant of constantItems) {
    const { item, file } = constant;
    if (item.kind !== 'const' || !item.isPublic || item.container || constant.file.includes(`${path.sep}tests${path.sep}`)) continue;
    if (!item.type || item.type.kind !== 'primitive' || item.type.name === 'bool' || item.type.name === 'char' || item.type.name.startsWith('f')) continue;
    if (!crate.modules.some((m) => m.file === file)) continue;
    const module = crate.modules.find((m) => m.file === file && m.syntax.items.includes(item)) ?? crate.modules.find((m) => m.file === file)!;
    const source = sourceOf(crate, module, item);
    const cond = condition(item, `\`${source.path}\``);
    const docs = docLines(crate, module, item);
    items.push({ ...(docs ? { docs } : {}), kind: 'constant', name: `${config.prefix}${item.name}`, value: constant.value, type: rustToCType(context, { type: item.type, scope: scopeOf(module) }), source, ...(cond ? { condition: cond } : {}) });
  }
  items.push(...typeItems);

  const exports: { symbol: string; item: FunctionItem | StaticItem; module: Module; offBuild?: true }[] = [...rustExports(crate).values()].sort((a, b) => a.module.id - b.module.id || a.item.range.start.line - b.item.range.start.line);
  // Types only other builds have, used by functions only other builds have: declared under their `#if` too.
  const offBuildTypes = offBuildAdts(crate);
  const pendingTypes: { item: AdtItem; module: Module }[] = [];
  const resolverFor = (module: Module) => (type: CType) =>
    resolveOffBuild(type, offBuildTypes.get(module), (adt) => {
      if (!types.has(adt.name) && !pendingTypes.some((p) => p.item === adt)) pendingTypes.push({ item: adt, module });
    });
  for (const { symbol, item, module, offBuild } of [...exports, ...otherBuilds(crate, new Set(exports.map((e) => e.symbol)))]) {
    const source = sourceOf(crate, module, item, symbol);
    const cond = condition(item, `\`${symbol}\``, offBuild);
    if (offBuild && !cond) {
      notes.push(`\`${symbol}\` (${source.file}:${source.line}) is not in this build (\`#[cfg(${cfgPredicates(item.attributes).join(', ')})]\`) and its \`#if\` cannot be told: left out; map the cfg to a C macro under \`[defines]\` in cbindgen.toml to declare it`);
      continue;
    }
    const docs = docLines(crate, module, item);
    const common = { name: symbol, source, ...(cond ? { condition: cond } : {}), ...(docs ? { docs } : {}) };
    if (item.kind === 'function') {
      if (item.generics.length > 0 || !isForeignAbi(item.abi)) continue; // exports nothing / not callable from C
      const signature = rustSignature(item, module, context);
      const resolve = offBuild ? resolverFor(module) : (t: CType) => t;
      const params = signature.params.map(resolve);
      const returnType = resolve(signature.returnType);
      const names = parameterNames(crate, item, module.file);
      items.push({ ...common, kind: 'function', params: params.map((type, i) => ({ name: isKeyword(names[i] ?? '') ? `${names[i]}_` : (names[i] ?? `arg${i}`), type })), returnType, variadic: isVariadic(crate, item, module.file) });
    } else if (item.type) {
      const type = rustToCType(context, { type: item.type, scope: scopeOf(module) });
      items.push({ ...common, kind: 'static', type: offBuild ? resolverFor(module)(type) : type, mutable: isMutableStatic(crate, item, module.file) });
    }
  }
  for (let i = 0; i < pendingTypes.length && i < 1000; i++) declareType(pendingTypes[i].item, pendingTypes[i].module, items, resolverFor(pendingTypes[i].module));
  const clashes = options.rustMirror ? [] : nameClashes(items, config);
  if (clashes.length > 0) throw new HeaderRefusal(clashes);
  return { items, types, notes };
}

/**
 * Two declarations of one C identifier (C has one namespace for functions, variables, enumerators and typedef
 * names): the header would not compile, though cbindgen writes it — two enums with a `None` variant, a
 * constant defined in two modules.
 */
function nameClashes(items: readonly HeaderItem[], config: HeaderConfig): string[] {
  const cpp = config.language === 'C++';
  const seen = new Map<string, string>();
  const problems: string[] = [];
  const declare = (name: string, what: string, item: HeaderItem) => {
    const here = `${what} (${item.source.file}:${item.source.line})`;
    const before = seen.get(name);
    if (before === undefined) seen.set(name, here);
    else if (before !== here) {
      const variants = /variant/.test(before + here) && !config.prefixVariantsWithName ? ' (for enum variants, `[enum] prefix_with_name = true` in cbindgen.toml does it)' : '';
      problems.push(`\`${name}\` would be declared twice in the header, as ${before} and as ${here}, and C has one namespace for both; rename one${variants}`);
    }
  };
  for (const item of items) {
    if (item.kind === 'function' || item.kind === 'static' || item.kind === 'constant') declare(item.name, `\`${item.source.path}\``, item);
    else if (!cpp && config.style !== 'tag') declare(item.name, `the type \`${item.source.path}\``, item);
    if (item.kind === 'enum' && !cpp) for (const v of item.variants) declare(v.name, `a variant of \`${item.source.path}\``, item);
  }
  return problems;
}

/** `PhantomData<T>`, `()`, `[T; 0]`: no C counterpart (cbindgen leaves them out). */
function isZeroSized(type: CType, text: string): boolean {
  return (type.kind === 'void' && text.replace(/\s/g, '') === '()') || (type.kind === 'array' && type.length === 0) || /(?:^|::)Phantom(?:Data|Pinned)\b/.test(text);
}

function isMutableStatic(crate: CrateModel, item: StaticItem, file: string): boolean {
  const lines = crate.files.get(file)?.lines;
  const text = crate.files.get(file)?.text;
  if (!lines || text === undefined) return false;
  return /\bstatic\s+mut\b/.test(text.slice(lines.offsetAt(item.range.start), lines.offsetAt(item.nameRange.start)));
}
