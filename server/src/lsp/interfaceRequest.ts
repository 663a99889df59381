// `rustPluginGuard/interface`: the symbols a plugin crate's declared interfaces require, with their C
// signatures and where they come from, for the loader.
import type { Engine } from '../engine/engine';
import { cPrototype } from '../interface/cPrototype';
import { declaredSymbols, matchExports } from '../interface/exportMatches';
import type { DeclaredInterface } from '../interface/model';
import type { InterfaceParams, InterfaceResult, InterfaceSourceView } from '../protocol/interface';
import { pathToUri } from './convert';
import { requestedCrate } from './requestedCrate';

export async function interfaceFor(engine: Engine | undefined, params: InterfaceParams): Promise<InterfaceResult> {
  const requested = await requestedCrate(engine, params.uri, '; declared interfaces apply to a plugin library');
  if ('error' in requested) return requested;
  const { crate } = requested;
  const matches = matchExports(crate);
  const applicable = new Set(matches.applicable);
  const symbols = matches.applicable.flatMap((declared) =>
    declaredSymbols(declared).map((declaration) => {
      const implementation = matches.bySymbol.get(declaration.name);
      return {
        name: declaration.name,
        kind: declaration.kind,
        signature: cPrototype(declaration, declared.source),
        text: declaration.origin.text.trim(),
        required: !declaration.optional,
        origin: { uri: pathToUri(declaration.origin.file), range: declaration.origin.range, source: declared.source },
        ...(implementation ? { implementedBy: { uri: pathToUri(implementation.module.file), range: implementation.item.nameRange } } : {}),
      };
    }),
  );
  return {
    interface: {
      crate: crate.name,
      sources: sourcesOf(crate.interfaces ?? [], applicable),
      symbols,
      undeclaredExports: matches.exports.filter((m) => m.declarations.length === 0 && m.export.item.kind === 'function').map((m) => m.export.symbol),
    },
  };
}

/** One entry per file: a host file gives several interfaces (its lookups, its vtables), the loader wants the file once. */
function sourcesOf(interfaces: readonly DeclaredInterface[], applicable: ReadonlySet<DeclaredInterface>): InterfaceSourceView[] {
  const byFile = new Map<string, InterfaceSourceView>();
  for (const d of interfaces) {
    const known = byFile.get(d.file);
    if (!known) byFile.set(d.file, { uri: pathToUri(d.file), source: d.source, reason: d.reason, applies: applicable.has(d), errors: [...d.errors] });
    else {
      known.applies ||= applicable.has(d);
      for (const error of d.errors) if (!known.errors.includes(error)) known.errors.push(error);
    }
  }
  return [...byFile.values()];
}
