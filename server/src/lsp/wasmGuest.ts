// The Plugins view's part of a WebAssembly component guest (wit/guest.ts finds it and reads its world): the
// world's name and place, its imports and exports as the component model names them, the WIT files, problems.
import * as path from 'node:path';
import type { CrateModel } from '../crate/crateModel';
import type { SourceLink, WorldView } from '../protocol/plugins';
import { loadGuestWorld, loadHandWrittenWorld, type GuestSignals } from '../wit/guest';
import { LineIndex } from '../parsing/lineIndex';
import { pathToUri } from './convert';

export { guestSignals } from '../wit/guest';

export function guestWorld(crate: CrateModel, signals: GuestSignals): WorldView | undefined {
  // `generate!`'s world, else (canonical-ABI exports written by hand) the one world of `wit/`.
  const world = loadGuestWorld(crate, signals) ?? loadHandWrittenWorld(crate, signals);
  if (!world) return undefined;
  const dir = crate.manifest?.dir ?? path.dirname(crate.rootFile);
  const sources = world.documents.map((d) => link(d.file, dir));
  if (!world.located || !world.shape) return { name: world.name, imports: [], exports: [], sources, errors: world.errors };
  const { doc, item } = world.located;
  const range = spanRange(doc.text, item.name.span);
  const at: SourceLink = { uri: pathToUri(doc.file), range, label: `${path.relative(dir, doc.file)}:${range.start.line + 1}` };
  return { name: world.name, at, imports: [...world.shape.imports].sort(), exports: [...world.shape.exports].sort(), sources, errors: world.errors };
}

function link(file: string, dir: string): SourceLink {
  return { uri: pathToUri(file), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, label: path.relative(dir, file).split(path.sep).join('/') };
}

/** A WIT span (UTF-16 offsets) as an LSP range. */
function spanRange(text: string, span: { start: number; end: number }): SourceLink['range'] {
  const lines = new LineIndex(text);
  return { start: lines.positionAt(span.start), end: lines.positionAt(span.end) };
}
