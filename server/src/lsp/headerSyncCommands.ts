// "Update header" / "Create header" in the editor: LSP commands (workspace/executeCommand) that write the
// crate's C declarations into its header through a versioned workspace edit (workspace/applyEdit), offered
// as source actions on the crate root and on the header. Unsaved text of the header, cbindgen.toml and the
// crate's files counts, as for the rules.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CodeActionKind, MessageType, ShowMessageNotification, type CodeAction, type Connection, type ExecuteCommandParams, type TextDocumentEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { CrateModel } from '../crate/crateModel';
import type { Engine } from '../engine/engine';
import { crateDir, headerConfigOf, headerFileOf, HeaderRefusal, syncHeader, type HeaderSyncResult } from '../headerSync/headerSync';
import { loadCParser } from '../interface/cHeader/parseHeader';
import { LineIndex } from '../parsing/lineIndex';
import type { ParserAssets } from '../parsing/treeSitter';
import { pathToUri, uriToPath, type EditSupport } from './convert';
import type { DocumentVersions } from './documentVersions';
import { requestedCrate } from './requestedCrate';

export const UPDATE_HEADER_COMMAND = 'rustPluginGuard.updateHeader';
export const CREATE_HEADER_COMMAND = 'rustPluginGuard.createHeader';
export const HEADER_COMMANDS = [UPDATE_HEADER_COMMAND, CREATE_HEADER_COMMAND];
export const HEADER_ACTION_KIND = `${CodeActionKind.Source}.rustPluginGuard.header`;

/** What the command answers (and the protocol test reads). */
export type HeaderCommandResult =
  | { applied: boolean; header: string; mode: 'create' | 'update'; changes: string[]; notes: string[] }
  | { upToDate: true; header: string }
  | { error: string };

export interface HeaderSyncDeps {
  engine: () => Promise<Engine | undefined>;
  versions: DocumentVersions;
  support: EditSupport;
  assets: ParserAssets;
}

export class HeaderSyncCommands {
  /** The file of the last code action request: the active editor's, for a command run from the palette. */
  private lastFile: string | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly deps: HeaderSyncDeps,
  ) {}

  /** "Update header plugin.h" (or "Create header …") on a crate root or on the crate's header. */
  async codeActions(file: string, only: readonly string[] | undefined): Promise<CodeAction[]> {
    this.lastFile = file;
    // Source actions only (VS Code asks for them in "Source Action…"; the lightbulb shows quick fixes).
    if (!only?.some((kind) => HEADER_ACTION_KIND === kind || HEADER_ACTION_KIND.startsWith(`${kind}.`))) return [];
    const found = await this.crateFor(file).catch(() => undefined);
    if (!found || 'error' in found) return [];
    const { crate } = found;
    if (path.resolve(file) !== path.resolve(crate.rootFile) && !/\.h$/i.test(file)) return [];
    const header = headerFileOf(crate).file;
    if (/\.h$/i.test(file) && path.resolve(header) !== path.resolve(file)) return [];
    const engine = await this.deps.engine();
    const exists = engine ? engine.files.exists(header) : existsSync(header);
    const command = exists ? UPDATE_HEADER_COMMAND : CREATE_HEADER_COMMAND;
    const shown = path.relative(crateDir(crate), header).split(path.sep).join('/');
    const title = `${exists ? 'Update' : 'Create'} header ${shown.startsWith('..') ? path.basename(header) : shown} from \`${crate.name}\``;
    return [{ title, kind: HEADER_ACTION_KIND, command: { title, command, arguments: [{ uri: pathToUri(crate.rootFile) }] } }];
  }

  async execute(params: ExecuteCommandParams): Promise<HeaderCommandResult | undefined> {
    if (!HEADER_COMMANDS.includes(params.command)) return undefined;
    const argument = params.arguments?.[0] as { uri?: string } | undefined;
    const file = argument?.uri ? uriToPath(argument.uri) : this.lastFile;
    const result = file ? await this.run(file) : { error: 'open a file of the plugin crate (or its header) first: the header is written for the crate of that file' };
    // Notifications, not requests: nothing to answer, and the command's result says the same.
    if ('error' in result) void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message: `Rust Plugin Guard: ${result.error}` });
    else if ('upToDate' in result) void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: `Rust Plugin Guard: ${path.basename(result.header)} is up to date` });
    return result;
  }

  private async run(file: string): Promise<HeaderCommandResult> {
    const engine = await this.deps.engine();
    const found = await this.crateFor(file);
    if ('error' in found) return found;
    if (!engine) return { error: 'the Rust Plugin Guard server has not started its parser' };
    const { crate } = found;
    const header = headerFileOf(crate).file;
    const existing = await engine.files.readText(header);
    const texts = new Map<string, string | undefined>();
    const configFile = path.join(crateDir(crate), 'cbindgen.toml');
    texts.set(configFile, await engine.files.readText(configFile));
    let result: HeaderSyncResult;
    try {
      result = syncHeader(crate, await loadCParser(this.deps.assets), header, existing, headerConfigOf(crate, (f) => texts.get(f)));
    } catch (error) {
      if (error instanceof HeaderRefusal) return { error: error.message };
      throw error;
    }
    if (existing !== undefined && result.changes.length === 0) return { upToDate: true, header };
    const changes = result.changes.map((c) => `${c.kind} ${c.key}`);
    const edit = this.workspaceEdit(header, existing, result);
    if (!edit) {
      // A client without versioned edits cannot create a file: the new header is written to disk.
      mkdirSync(path.dirname(header), { recursive: true });
      writeFileSync(header, result.text);
      return { applied: true, header, mode: result.mode, changes, notes: result.notes };
    }
    const label = `${result.mode === 'create' ? 'Create' : 'Update'} header ${path.basename(header)}`;
    const applied = await this.connection.workspace.applyEdit({ label, edit });
    return { applied: applied.applied, header, mode: result.mode, changes, notes: result.notes };
  }

  /** The edits as the client takes them: versioned `documentChanges` (creating the file first when it is new). */
  private workspaceEdit(header: string, existing: string | undefined, result: HeaderSyncResult): WorkspaceEdit | undefined {
    const uri = pathToUri(header);
    const lines = new LineIndex(existing ?? '');
    const edits = result.edits.map((e) => ({ range: { start: lines.positionAt(e.start), end: lines.positionAt(e.end) }, newText: e.text }));
    if (existing === undefined) {
      if (!this.deps.support.documentChanges) return undefined;
      const fill: TextDocumentEdit = { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: result.text }] };
      return { documentChanges: [{ kind: 'create', uri, options: { ignoreIfExists: false, overwrite: false } }, fill] };
    }
    if (!this.deps.support.documentChanges) return { changes: { [uri]: edits } };
    return { documentChanges: [{ textDocument: { uri, version: this.deps.versions.current(header) }, edits }] };
  }

  /** The crate of a Rust file, a crate folder or Cargo.toml; for a header, the crate whose header it is (a folder above it). */
  private async crateFor(file: string): Promise<{ crate: CrateModel } | { error: string }> {
    const engine = await this.deps.engine();
    if (!/\.h$/i.test(file)) return requestedCrate(engine, pathToUri(file), '; a header is written for a library crate');
    for (let dir = path.dirname(path.resolve(file)), depth = 0; depth < 6; dir = path.dirname(dir), depth++) {
      if (engine?.files.exists(path.join(dir, 'Cargo.toml'))) {
        const found = await requestedCrate(engine, pathToUri(dir), '');
        if ('crate' in found && path.resolve(headerFileOf(found.crate).file) === path.resolve(file)) return found;
      }
      if (path.dirname(dir) === dir) break;
    }
    return { error: `${file}: no crate above it writes this header (it is not the header build.rs, rustPluginGuard.interfaces or the crate names)` };
  }
}
