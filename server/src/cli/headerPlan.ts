// `load LIBRARY --interfaces plugin.h` for a library without its crate: the header's prototypes are the
// signatures. Zero-argument functions returning a number, a `bool` or a `const char *` (borrowed) are probed;
// the header's non-optional functions and `extern` data are required; a version function is compared with the
// header's version constant, as for a crate with a declared interface.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { isDeclaredCString } from '../boundary/interfacePlan';
import { cPrototype } from '../interface/cPrototype';
import { loadCParser, parseHeader } from '../interface/cHeader/parseHeader';
import { shortLocation, type DeclaredConstant, type DeclaredFunction } from '../interface/model';
import { DEFAULT_VERSION_NAMES, versionFor, versionNamePattern } from '../interface/versionNames';
import type { ParserAssets } from '../parsing/treeSitter';
import type { ChildPlan, DeclaredValue, RequiredSymbol, ReturnKind } from '../protocol/loader';

export interface HeaderPlan {
  plan: ChildPlan;
  expected: Record<string, DeclaredValue>;
  requiredSymbols: RequiredSymbol[];
  notes: string[];
}

export class HeaderError extends Error {}

function returnKind(fn: DeclaredFunction): ReturnKind | undefined {
  const type = fn.returnType;
  if (type.kind === 'int') return 'integer';
  if (type.kind === 'float') return 'float';
  if (type.kind === 'bool') return 'bool';
  if (isDeclaredCString(type)) return 'string';
  return undefined;
}

export async function planFromHeaders(files: readonly string[], assets: ParserAssets): Promise<HeaderPlan> {
  const parser = await loadCParser(assets);
  const functions: DeclaredFunction[] = [];
  const constants: DeclaredConstant[] = [];
  const requiredSymbols: RequiredSymbol[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new HeaderError(`${file}: cannot be read (for --interfaces)`);
    }
    const declared = parseHeader(parser, path.resolve(file), text);
    functions.push(...declared.functions);
    constants.push(...declared.constants);
    for (const s of [...declared.functions, ...declared.statics]) if (!s.optional) requiredSymbols.push({ symbol: s.name, kind: s.kind, declaredAt: shortLocation(s.origin) });
  }
  const pattern = versionNamePattern(DEFAULT_VERSION_NAMES);
  const versions = pattern ? constants.filter((c) => pattern.test(c.name)) : [];
  const plan: ChildPlan = { symbols: [...new Set(functions.map((f) => f.name))], probes: [], pairs: [] };
  const expected: Record<string, DeclaredValue> = {};
  const notes: string[] = [];
  const seen = new Set<string>();
  for (const fn of functions) {
    if (seen.has(fn.name)) continue;
    seen.add(fn.name);
    const returns = returnKind(fn);
    if (fn.params.length > 0 || fn.variadic) notes.push(`${fn.name} not called: takes arguments the loader cannot invent`);
    else if (!returns) notes.push(`${fn.name} not called: returns \`${fn.returnType.spelling}\`, which the loader does not read`);
    else {
      // Spelled by meaning (`uint32_t`, not a typedef name koffi does not know).
      plan.probes.push({ symbol: fn.name, declaration: cPrototype(fn, 'rust-host'), returns });
      if (returns === 'integer' && pattern?.test(fn.name) && versions.length > 0) {
        const version = versionFor(fn.name, versions, pattern);
        if (version) expected[fn.name] = { constant: version.name, value: version.value.toString(), declaredAt: shortLocation(version.origin) };
      }
    }
  }
  return { plan, expected, requiredSymbols, notes };
}
