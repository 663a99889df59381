// Registers the interface view on the connection: hover, definition, code lens and the custom request, all
// answered from the crate models analyses already built (see analysedCrates.ts).
import { CodeLensRefreshRequest, type ClientCapabilities, type Connection, type ServerCapabilities } from 'vscode-languageserver/node';
import type { CrateModel } from '../crate/crateModel';
import { normalizePath } from '../crate/fileSystem';
import type { Engine } from '../engine/engine';
import { shortLocation } from '../interface/model';
import type { CrateExportMatches } from '../interface/exportMatches';
import { INTERFACE_REQUEST, type InterfaceParams } from '../protocol/interface';
import { AnalysedCrates } from './analysedCrates';
import { uriToPath } from './convert';
import { interfaceCodeLenses, interfaceDefinition, interfaceHover } from './interfaceView';
import { interfaceFor } from './interfaceRequest';
import { layoutHover } from './layoutHover';
import { witGuestDefinition, witGuestHover } from './witGuestHover';

export const INTERFACE_VIEW_CAPABILITIES: ServerCapabilities = {
  hoverProvider: true,
  definitionProvider: true,
  codeLensProvider: { resolveProvider: false },
};

export class InterfaceViewHandlers {
  private canRefreshLenses = false;
  /** What the lenses of each crate said last, so the client is asked to refresh only when that changes. */
  private readonly lensSummaries = new Map<string, string>();

  constructor(
    private readonly connection: Connection,
    private readonly readyEngine: () => Promise<Engine | undefined>,
    /** The crate models the last analyses built, shared by the views (see AnalysedCrates). */
    private readonly crates: AnalysedCrates = new AnalysedCrates(),
  ) {
    connection.onHover(async ({ textDocument, position }) => {
      const found = await this.matchesFor(textDocument.uri);
      if (!found) return null;
      // A component guest's hand-written export is the WIT function's, not a C header's: its hover comes first.
      return witGuestHover(found.crate, found.file, position) ?? interfaceHover(found.crate, found.matches, found.file, position) ?? layoutHover(found.crate, found.file, position);
    });
    connection.onDefinition(async ({ textDocument, position }) => {
      const found = await this.matchesFor(textDocument.uri);
      return found ? (interfaceDefinition(found.matches, found.file, position) ?? witGuestDefinition(found.crate, found.file, position)) : null;
    });
    connection.onCodeLens(async ({ textDocument }) => {
      const found = await this.matchesFor(textDocument.uri);
      return found ? interfaceCodeLenses(found.crate, found.matches, found.file) : [];
    });
    connection.onRequest(INTERFACE_REQUEST, async (params: InterfaceParams) => interfaceFor(await this.readyEngine(), params));
  }

  initialize(capabilities: ClientCapabilities): void {
    this.canRefreshLenses = capabilities.workspace?.codeLens?.refreshSupport === true;
  }

  /** A current analysis result: keep its model; a header edit that changes what the lenses say refreshes them. */
  async analysed(engine: Engine, crate: CrateModel): Promise<void> {
    const matches = await this.crates.record(engine, crate);
    const key = crate.manifest?.path ?? crate.rootFile;
    const summary = lensSummary(matches);
    const previous = this.lensSummaries.get(key);
    this.lensSummaries.set(key, summary);
    if (this.canRefreshLenses && previous !== undefined && previous !== summary) void this.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  }

  forget(file: string): void {
    this.crates.forget(file);
  }

  private async matchesFor(uri: string) {
    const file = uriToPath(uri);
    const engine = await this.readyEngine();
    if (!file || !engine || !file.endsWith('.rs')) return undefined;
    const absolute = normalizePath(file);
    const found = await this.crates.matchesFor(engine, absolute);
    return found && { ...found, file: absolute };
  }
}

function lensSummary(matches: CrateExportMatches): string {
  return matches.exports.map((m) => `${m.export.symbol}=${m.declarations[0] ? shortLocation(m.declarations[0].declaration.origin) : '-'}`).join(',') + `|${matches.applicable.length}`;
}
