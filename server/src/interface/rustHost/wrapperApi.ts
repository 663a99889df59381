// dlopen2's `#[derive(WrapperApi)]` structs: each field is a symbol the host loads by the field's name (or
// `#[dlopen2_name = "…"]`). A fn-pointer field is a function, `Option<…>` is optional (loading succeeds
// without it), and a `&'a T` / `*const T` field is the address of a static, not a function.
import type { CrateModel, Module } from '../../crate/crateModel';
import type { AdtItem } from '../../syntax/items';
import type { DeclaredFunction, DeclaredStatic } from '../model';
import type { RustTypeContext } from '../rustCType';
import { declaredFunction, originIn, rustAbiInsertion, symbolShape } from './hostTypes';

export interface WrapperApiDeclarations {
  /** The struct, for naming the interface. */
  struct: string;
  file: string;
  functions: DeclaredFunction[];
  statics: DeclaredStatic[];
  /** The host types its fields name. */
  context: RustTypeContext;
}

export function isWrapperApi(item: AdtItem): boolean {
  return item.kind === 'struct' && item.attributes.some((a) => a.name === 'derive' && /\bWrapperApi\b/.test(a.args ?? ''));
}

/** `#[derive(WrapperMultiApi)]`: a struct whose fields are `WrapperApi` structs (loaded together). */
function isWrapperMultiApi(item: AdtItem): boolean {
  return item.kind === 'struct' && item.attributes.some((a) => a.name === 'derive' && /\bWrapperMultiApi\b/.test(a.args ?? ''));
}

/** Every `WrapperApi` struct of the host crate, each as its own set of symbols. */
export function readWrapperApis(host: CrateModel): WrapperApiDeclarations[] {
  const found: WrapperApiDeclarations[] = [];
  // A `WrapperMultiApi` member of type `Option<SubApi>` loads without `SubApi`: all its symbols are optional.
  const optionalApis = new Set<string>();
  for (const module of host.modules) {
    for (const item of module.syntax.items) {
      if (item.kind !== 'struct' || !isWrapperMultiApi(item)) continue;
      for (const field of item.fields) {
        const type = field.type;
        if (type.kind !== 'path' || type.segments[type.segments.length - 1] !== 'Option') continue;
        const inner = type.args[0];
        if (inner?.kind === 'path') optionalApis.add(inner.segments[inner.segments.length - 1]);
      }
    }
  }
  for (const module of host.modules) {
    for (const item of module.syntax.items) {
      if (item.kind !== 'struct' || !isWrapperApi(item)) continue;
      const api = readStruct(host, item, module, { records: new Map() });
      if (optionalApis.has(item.name)) {
        api.functions = api.functions.map((f) => ({ ...f, optional: true }));
        api.statics = api.statics.map((v) => ({ ...v, optional: true }));
      }
      found.push(api);
    }
  }
  return found;
}

function readStruct(host: CrateModel, item: AdtItem, module: Module, context: RustTypeContext): WrapperApiDeclarations {
  const result: WrapperApiDeclarations = { struct: item.name, file: module.file, functions: [], statics: [], context };
  const file = host.files.get(module.file);
  if (!file) return result;
  const bodyStart = file.text.indexOf('{', file.lines.offsetAt(item.nameRange.end));
  let previousEnd = bodyStart + 1;
  for (const field of item.fields) {
    if (!field.name) continue;
    const typeStart = file.lines.offsetAt(field.type.range.start);
    const typeEnd = file.lines.offsetAt(field.type.range.end);
    // The text between the previous field and this field's type holds its attributes and name.
    const head = file.text.slice(previousEnd, typeStart);
    previousEnd = typeEnd;
    const attributes = [...head.matchAll(/#\s*\[([^\]]*)\]/g)].map((m) => m[1]);
    const rename = attributes.map((a) => /^\s*dlopen2_name\s*=\s*"([^"]+)"\s*$/.exec(a)?.[1]).find((n) => n !== undefined);
    const nameAt = head.search(new RegExp(`\\b${field.name}\\s*:\\s*$`));
    const start = nameAt >= 0 ? typeStart - head.length + nameAt : typeStart;
    const origin = originIn(host, module.file, { start: file.lines.positionAt(start), end: field.type.range.end });
    const name = rename ?? field.name;
    const shape = symbolShape(context, field.type, module);
    if (shape.kind === 'function') {
      const declaration = declaredFunction(name, shape.fn, shape.optional, origin);
      if (shape.rustAbi) declaration.rustAbi = rustAbiInsertion(host, module.file, [field.type.range]);
      result.functions.push(declaration);
    }
    else if (shape.kind === 'static') result.statics.push({ kind: 'static', name, type: shape.type, optional: shape.optional, origin });
  }
  return result;
}
