// The header model → C (or C++) text: one block per declaration, in cbindgen's order (constants, types with
// what they hold by value first, statics, functions), wrapped in the include guard, includes and the text
// `cbindgen.toml` asks for.
import type { CType } from '../interface/model';
import type { HeaderConfig } from './config';
import { spellDeclaration, Unspellable, type SpellingContext } from './cSpelling';
import { HeaderRefusal, type HeaderField, type HeaderItem, type HeaderModel } from './model';

/** One declaration as written: its C name and kind (to find it in an existing header), and its text. */
export interface RenderedDeclaration {
  item: HeaderItem;
  /** Without the `#if`/`#endif` lines. */
  text: string;
}

export function spellingContext(model: HeaderModel, config: HeaderConfig): SpellingContext {
  return {
    types: model.types,
    style: config.style,
    language: config.language,
    usizeIsSizeT: config.usizeIsSizeT,
    nameOf: (name) => config.names.declaredNameOf(name),
    primitiveOf: (name) => (config.names.primitiveOf?.(name) ? config.renames.get(name) : undefined),
  };
}

export function renderDeclarations(model: HeaderModel, config: HeaderConfig): RenderedDeclaration[] {
  const context = spellingContext(model, config);
  const problems: string[] = [];
  const out: RenderedDeclaration[] = [];
  for (const item of orderItems(model.items)) {
    try {
      out.push({ item, text: renderItem(item, config, context) });
    } catch (error) {
      if (!(error instanceof Unspellable)) throw error;
      const named = /^[\w:]*[A-Z]\w*$/.test(error.spelling.replace(/^(?:\*(?:const|mut)\s+|&(?:mut\s+)?)+/, '')) ? error.spelling.replace(/^(?:\*(?:const|mut)\s+|&(?:mut\s+)?)+/, '').split('::').pop() : undefined;
      const hint = named ? `; if \`${named}\` is another crate's type, say what C calls it with \`[export.rename] "${named}" = "unsigned char"\` (or another C type) in cbindgen.toml` : '';
      problems.push(`${item.source.file}:${item.source.line}: \`${item.source.path}\` uses \`${error.spelling}\`, which has no C equivalent here (see its ffi-unsafe-type finding); give it a C type or leave it out of the boundary${hint}`);
    }
  }
  if (problems.length > 0) throw new HeaderRefusal(problems);
  return out;
}

const KIND_ORDER: Record<HeaderItem['kind'], number> = { constant: 0, enum: 1, opaque: 2, record: 3, static: 4, function: 5 };

/** Constants, enums, opaque types, records (each after the records and enums it holds by value), statics, functions. */
export function orderItems(items: readonly HeaderItem[]): HeaderItem[] {
  const sorted = [...items].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
  const records = new Map(sorted.filter((i) => i.kind === 'record' || i.kind === 'enum').map((i) => [i.rustName ?? i.name, i]));
  const placed = new Set<HeaderItem>();
  const out: HeaderItem[] = [];
  const place = (item: HeaderItem, depth: number) => {
    if (placed.has(item)) return;
    placed.add(item);
    if (item.kind === 'record' && depth < 64) {
      for (const field of item.fields.flatMap((f) => [f, ...(f.anonymous?.fields.flatMap((a) => [a, ...(a.anonymous?.fields ?? [])]) ?? [])])) for (const name of byValueRecords(field.type)) {
        const dependency = records.get(name);
        if (dependency) place(dependency, depth + 1);
      }
    }
    out.push(item);
  };
  for (const item of sorted) place(item, 0);
  return out;
}

function byValueRecords(type: CType): string[] {
  if (type.kind === 'record') return [type.name];
  if (type.kind === 'array') return byValueRecords(type.element);
  return [];
}

/** Spelled whole, so that a refusal names the Rust type as written (`&str`, not `str`). */
function spellWhole(type: CType, declarator: string, context: SpellingContext, isConst = false): string {
  try {
    return spellDeclaration(type, declarator, context, isConst);
  } catch (error) {
    throw error instanceof Unspellable ? new Unspellable(type.spelling) : error;
  }
}

/** Fields one per line; an anonymous member as its own indented block. */
function fieldLines(fields: readonly HeaderField[], context: SpellingContext, indent: string): string {
  return fields
    .map((f) => (f.anonymous ? `${indent}${f.anonymous.tag} {\n${fieldLines(f.anonymous.fields, context, `${indent}  `)}\n${indent}};` : `${indent}${spellWhole(f.type, f.name, context)};`))
    .join('\n');
}

function renderItem(item: HeaderItem, config: HeaderConfig, context: SpellingContext): string {
  const cpp = config.language === 'C++';
  switch (item.kind) {
    case 'constant':
      return cpp ? `constexpr static const ${spellDeclaration(item.type, item.name, context)} = ${item.value};` : `#define ${item.name} ${item.value}`;
    case 'opaque':
      return cpp || config.style === 'tag' ? `struct ${item.name};` : `typedef struct ${item.name} ${item.name};`;
    case 'record': {
      const body = fieldLines(item.fields, context, '  ');
      const open = `${item.tag} ${item.name} {\n${body}${body ? '\n' : ''}}`;
      if (cpp || config.style === 'tag') return `${open};`;
      return config.style === 'type' ? `typedef ${item.tag} {\n${body}${body ? '\n' : ''}} ${item.name};` : `typedef ${open} ${item.name};`;
    }
    case 'enum': {
      let next = 0n;
      const lines = item.variants.map((v) => {
        const line = v.value === next ? `  ${v.name},` : `  ${v.name} = ${v.value},`;
        next = v.value + 1n;
        return line;
      });
      const body = `{\n${lines.join('\n')}\n}`;
      if (cpp) return item.repr ? `enum class ${item.name} : ${spellDeclaration(item.repr, '', context)} ${body};` : `enum class ${item.name} ${body};`;
      if (item.repr && config.cppCompat) {
        // cbindgen's form: a C++ compiler sees `enum X : uint8_t`, a C compiler the enum and an integer typedef.
        const repr = spellDeclaration(item.repr, '', context);
        return `enum ${item.name}\n#ifdef __cplusplus\n  : ${repr}\n#endif // __cplusplus\n ${body};\n#ifndef __cplusplus\ntypedef ${repr} ${item.name};\n#endif // __cplusplus`;
      }
      if (item.repr) return `enum ${item.name} ${body};\ntypedef ${spellDeclaration(item.repr, item.name, context)};`;
      if (config.style === 'tag') return `enum ${item.name} ${body};`;
      return config.style === 'type' ? `typedef enum ${body} ${item.name};` : `typedef enum ${item.name} ${body} ${item.name};`;
    }
    case 'static':
      return `extern ${spellWhole(item.type, item.name, context, !item.mutable && item.type.kind !== 'array' && item.type.kind !== 'pointer')};`;
    case 'function': {
      const params = item.params.map((p) => spellWhole(p.type, p.name, context));
      if (item.variadic) params.push('...');
      return `${spellWhole(item.returnType, `${item.name}(${params.length > 0 ? params.join(', ') : 'void'})`, context)};`;
    }
  }
}

/** A declaration with its `#if` (and, when `config` is given, its doc comment above), as placed in the file. */
export function placed(declaration: RenderedDeclaration, config?: HeaderConfig): string {
  const { condition, docs } = declaration.item;
  const text = condition ? `#if ${condition}\n${declaration.text}\n#endif` : declaration.text;
  if (!config?.documentation || !docs) return text;
  const comment =
    config.documentationStyle === 'c99' ? docs.map((l) => `//${l ? ` ${l}` : ''}`).join('\n')
      : config.documentationStyle === 'cxx' ? docs.map((l) => `///${l ? ` ${l}` : ''}`).join('\n')
        : `/**\n${docs.map((l) => ` *${l ? ` ${l.replace(/\*\//g, '* /')}` : ''}`).join('\n')}\n */`;
  return `${comment}\n${text}`;
}

const C_INCLUDES = ['stdarg.h', 'stdbool.h', 'stdint.h', 'stdlib.h'];
const CPP_INCLUDES = ['cstdarg', 'cstdint', 'cstdlib', 'ostream', 'new'];

/** A whole new header: guard, the configured text, includes, declarations. */
export function renderHeader(declarations: readonly RenderedDeclaration[], config: HeaderConfig): string {
  const parts: string[] = [];
  if (config.header) parts.push(config.header);
  if (config.includeGuard) parts.push(`#ifndef ${config.includeGuard}\n#define ${config.includeGuard}`);
  if (config.pragmaOnce) parts.push('#pragma once');
  if (config.autogenWarning) parts.push(config.autogenWarning);
  const includes: string[] = [];
  if (!config.noIncludes) includes.push(...(config.language === 'C++' ? CPP_INCLUDES : C_INCLUDES).map((h) => `#include <${h}>`));
  includes.push(...config.sysIncludes.map((h) => `#include <${h}>`), ...config.includes.map((h) => `#include "${h}"`));
  if (includes.length > 0) parts.push(includes.join('\n'));
  if (config.afterIncludes) parts.push(config.afterIncludes);
  const cpp = config.language === 'C++';
  const types = declarations.filter((d) => d.item.kind !== 'function' && d.item.kind !== 'static');
  const symbols = declarations.filter((d) => d.item.kind === 'function' || d.item.kind === 'static');
  parts.push(...types.map((d) => placed(d, config)));
  if (symbols.length > 0) {
    const wrap = cpp || config.cppCompat;
    if (wrap) parts.push(cpp ? 'extern "C" {' : '#ifdef __cplusplus\nextern "C" {\n#endif // __cplusplus');
    parts.push(...symbols.map((d) => placed(d, config)));
    if (wrap) parts.push(cpp ? '}  // extern "C"' : '#ifdef __cplusplus\n}  // extern "C"\n#endif  // __cplusplus');
  }
  if (config.includeGuard) parts.push(`#endif  /* ${config.includeGuard} */`);
  if (config.trailer) parts.push(config.trailer);
  return `${parts.join('\n\n')}\n`;
}
