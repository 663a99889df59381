import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { OPEN_DECLARATION_COMMAND } from '../../server/src/protocol/interface';
import { EXTENSION_ID } from '../../server/src/protocol/settings';
import { registerLoadPlugin } from './loadCommand/loadCommand';
import { registerPluginsView } from './pluginsView/pluginsProvider';
import { registerNewPlugin } from './newPlugin/newPluginCommand';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Cargo.toml too, so that quick fixes of findings reported there (missing-cdylib) are offered.
    // C headers and cbindgen.toml: unsaved edits of a declared interface re-check the plugin. WIT: checked as typed.
    documentSelector: [{ scheme: 'file', language: 'rust' }, { scheme: 'file', pattern: '**/Cargo.toml' }, { scheme: 'file', pattern: '**/*.h' }, { scheme: 'file', pattern: '**/cbindgen.toml' }, { scheme: 'file', language: 'wit' }],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.rs,Cargo.toml,*.h,cbindgen.toml,plugin-abi.json,*.wit}') },
    initializationOptions: { settings: vscode.workspace.getConfiguration(EXTENSION_ID) },
  };
  client = new LanguageClient(EXTENSION_ID, 'Rust Plugin Guard', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.commands.registerCommand('rustPluginGuard.restartServer', async () => {
      await client?.restart();
    }),
    // The server's log: its version, the crates found, each analysis, errors with their cause.
    vscode.commands.registerCommand('rustPluginGuard.showLog', () => client?.outputChannel.show(true)),
    // The interface view's code lens ("implements `plugin.h:12`") opens the declaration it names.
    vscode.commands.registerCommand(OPEN_DECLARATION_COMMAND, async (uri: string, range: { start: { line: number; character: number } }) => {
      const position = new vscode.Position(range.start.line, range.start.character);
      await vscode.window.showTextDocument(vscode.Uri.parse(uri), { selection: new vscode.Range(position, position) });
    }),
  );
  // "Load plugin": runs only on explicit request, in a child process (see loadCommand/).
  context.subscriptions.push(...registerLoadPlugin(context, () => client));
  // The Plugins view and its status bar item (see pluginsView/).
  context.subscriptions.push(...registerPluginsView(context, () => client));
  // "New plugin from header…" (see newPlugin/).
  context.subscriptions.push(registerNewPlugin(() => client));
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
