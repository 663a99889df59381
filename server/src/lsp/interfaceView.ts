// The interface view in the editor: hover, go to definition and code lenses on a plugin's exports, each
// naming the declaration (C header, host Rust) the export implements. Reads export matches only; no rule runs.
import * as path from 'node:path';
import type { CodeLens, Hover, Location } from 'vscode-languageserver/node';
import type { CrateModel } from '../crate/crateModel';
import type { Position } from '../engine/types';
import { exportAt, type CrateExportMatches, type DeclarationOf, type ExportMatch } from '../interface/exportMatches';
import type { DeclarationOrigin, DeclaredInterface } from '../interface/model';
import { OPEN_DECLARATION_COMMAND } from '../protocol/interface';
import { pathToUri } from './convert';
import { signatureParses } from './signatureParses';
import { userRange } from '../macros/findingMap';
import { guestSignals } from '../wit/guest';

const REASONS: Record<DeclaredInterface['reason'], string> = {
  'in-crate': 'a header inside the crate',
  cbindgen: 'the header `build.rs` has cbindgen write',
  configured: 'configured in `rustPluginGuard.interfaces`',
  'host-crate': 'a host crate of the workspace that loads the plugin',
};

export function interfaceHover(crate: CrateModel, matches: CrateExportMatches, file: string, position: Position): Hover | null {
  const match = exportAt(matches, file, position);
  if (!match) return null;
  const symbol = `\`${match.export.symbol}\``;
  const [first, ...others] = match.declarations;
  let value: string;
  if (first) {
    const language = first.declared.source === 'rust-host' ? 'rust' : 'c';
    value = [`${symbol} implements ${link(first)} (${REASONS[first.declared.reason]}):`, '', `\`\`\`${language}`, first.declaration.origin.text.trim(), '```'].join('\n');
    if (first.declaration.optional) value += '\n\nThe host treats it as optional: it copes when the symbol is missing.';
    if (others.length > 0) value += `\n\nAlso declared at ${others.map(link).join(', ')}.`;
  } else if (matches.applicable.length > 0) {
    const checked = matches.applicable.map((d) => `\`${path.basename(d.file)}\``).join(', ');
    value = `${symbol} is not declared by any interface of \`${crate.name}\` (checked ${checked}). A host that includes ${checked} cannot call it by a declared prototype; declare it there if the host should use it.`;
  } else {
    value = `${symbol} is not declared by any interface: no header was found for \`${crate.name}\` (none inside the crate, none written by cbindgen from \`build.rs\`, none configured in \`rustPluginGuard.interfaces\`).`;
  }
  return { contents: { kind: 'markdown', value }, range: userRange(match.export.module.crate, match.export.module.file, match.export.item.nameRange) };
}

export function interfaceDefinition(matches: CrateExportMatches, file: string, position: Position): Location[] | null {
  const match = exportAt(matches, file, position);
  if (!match || match.declarations.length === 0) return null;
  return match.declarations.map(({ declaration }) => ({ uri: pathToUri(declaration.origin.file), range: declaration.origin.range }));
}

/**
 * One lens per export of `file` whose signature parses (none inside a signature being typed); none when the
 * crate has no interface of its own (nothing to compare with) or is a WebAssembly component guest.
 */
export function interfaceCodeLenses(crate: CrateModel, matches: CrateExportMatches, file: string): CodeLens[] {
  const parsed = crate.files.get(file);
  // A component guest's canonical-ABI exports implement its WIT world (witGuestHover.ts), not a C interface.
  if (matches.applicable.length === 0 || !parsed || (guestSignals(crate)?.canonicalExports.length ?? 0) > 0) return [];
  return matches.exports.filter((m) => m.export.module.file === file && signatureParses(parsed, m.export.item)).map(lensOf);
}

function lensOf(match: ExportMatch): CodeLens {
  // A macro-written export's lens sits on the macro call.
  const range = userRange(match.export.module.crate, match.export.module.file, match.export.item.nameRange);
  const first = match.declarations[0];
  if (!first) return { range, command: { title: 'not declared by any interface', command: '' } };
  const { origin } = first.declaration;
  return {
    range,
    command: { title: `implements ${where(origin)}`, command: OPEN_DECLARATION_COMMAND, arguments: [pathToUri(origin.file), origin.range] },
  };
}

function link({ declaration }: DeclarationOf): string {
  const { origin } = declaration;
  return `[\`${where(origin)}\`](${pathToUri(origin.file)}#L${origin.range.start.line + 1})`;
}

/** `plugin.h:12`; a host's `main.rs` or `lib.rs` with its package folder (`host-dlopen2/src/main.rs:17`). */
function where(origin: DeclarationOrigin): string {
  const parts = origin.file.split(/[\\/]/);
  const base = parts[parts.length - 1];
  const shown = base === 'main.rs' || base === 'lib.rs' || base === 'mod.rs' ? parts.slice(-3).join('/') : base;
  return `${shown}:${origin.range.start.line + 1}`;
}
