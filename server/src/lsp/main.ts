// Entry point of dist/server.js. `createConnection` picks the transport from the command line
// (`--stdio`, `--node-ipc`, `--socket=`), as the VS Code client and other editors pass it.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);
process.on('uncaughtException', (error) => connection.console.error(`unexpected error: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) => connection.console.error(`unexpected rejection: ${String(reason)}`));
startServer(connection, __dirname);
