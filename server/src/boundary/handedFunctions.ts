import type { CrateModel, Module } from '../crate/crateModel';
import type { FunctionItem } from '../syntax/items';
import { exportedSymbol } from './exportedSymbols';
import { isForeignAbi } from './sites';

/**
 * `extern "C"` functions the host calls without looking them up by name: handed to it in a vtable, a struct
 * of function pointers that is a `static` (or `const`) of the crate or a struct literal an export returns or
 * writes out (`PluginApi { init: plugin_init, run: Some(plugin_run) }`). For the body rules they are boundary
 * functions like exports: a panic in them aborts the host, what they hand out the host owns.
 *
 * Read from the text of struct literals (`field: name`, `field: Some(name)`, `field: module::name`) and
 * resolved to free functions of the crate with a foreign ABI; anything else is not a function of the crate.
 */
export function handedFunctions(crate: CrateModel): ReadonlySet<FunctionItem> {
  const cached = memo.get(crate);
  if (cached) return cached;
  const found = new Set<FunctionItem>();
  memo.set(crate, found);
  const byModule = new Map<Module, Map<string, FunctionItem>>();
  for (const module of crate.modules) {
    const functions = new Map<string, FunctionItem>();
    for (const item of module.syntax.items) if (item.kind === 'function' && item.hasBody && isForeignAbi(item.abi) && item.generics.length === 0) functions.set(item.name, item);
    byModule.set(module, functions);
  }
  for (const module of crate.modules) {
    const file = crate.files.get(module.file);
    if (!file) continue;
    for (const item of module.syntax.items) {
      const holdsTable = item.kind === 'static' || item.kind === 'const' || (item.kind === 'function' && exportedSymbol(item) !== undefined && isForeignAbi(item.abi));
      if (!holdsTable) continue;
      const text = file.text.slice(file.lines.offsetAt(item.range.start), file.lines.offsetAt(item.range.end));
      for (const path of fieldFunctionPaths(text)) {
        const fn = resolveFunction(crate, module, path, byModule);
        if (fn && fn !== item) found.add(fn);
      }
    }
  }
  return found;
}

const memo = new WeakMap<CrateModel, Set<FunctionItem>>();

/** Paths written as a field's value in a struct literal: `init: plugin_init`, `run: Some(crate::ops::run)`, `Api { init }`. */
function fieldFunctionPaths(text: string): string[][] {
  const paths: string[][] = [];
  const field = /[{,]\s*[A-Za-z_]\w*\s*:\s*(?:Some\s*\(\s*)?((?:[A-Za-z_]\w*\s*::\s*)*[A-Za-z_]\w*)\s*(?:as\s+[^,}]+)?\)?\s*(?=[,}])/g;
  for (let match = field.exec(text); match; match = field.exec(text)) paths.push(match[1].split('::').map((s) => s.trim()));
  // Shorthand `Api { init, run }`: the field is named after the function.
  const shorthand = /[{,]\s*([A-Za-z_]\w*)\s*(?=[,}])/g;
  for (let match = shorthand.exec(text); match; match = shorthand.exec(text)) paths.push([match[1]]);
  return paths;
}

/** A free function of the crate named by `path` from `module` (its own, `self::`/`super::`/`crate::` paths, or a `use` of one). */
function resolveFunction(crate: CrateModel, module: Module, path: string[], byModule: Map<Module, Map<string, FunctionItem>>): FunctionItem | undefined {
  const name = path[path.length - 1];
  if (path.length === 1) {
    const local = byModule.get(module)?.get(name);
    if (local) return local;
    const imported = module.syntax.items.flatMap((i) => (i.kind === 'use' ? i.imports : [])).find((u) => u.boundName === name && !u.glob);
    return imported && imported.path.length > 1 ? resolveFunction(crate, module, imported.path, byModule) : undefined;
  }
  let current: Module | undefined = module;
  for (const [i, segment] of path.slice(0, -1).entries()) {
    if (segment === 'crate' && i === 0) current = crate.root;
    else if (segment === 'self') continue;
    else if (segment === 'super') current = current?.parent;
    else current = current?.children.get(segment) ?? (i === 0 ? crate.root.children.get(segment) : undefined);
    if (!current) return undefined;
  }
  return byModule.get(current)?.get(name);
}
