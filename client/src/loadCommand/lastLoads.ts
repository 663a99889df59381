// Where "Load plugin" keeps the last report of each target (workspace state, by the manifest path it was given),
// and the event that says one was recorded: the Plugins view shows them (pluginsView/).
import * as vscode from 'vscode';

export const LAST_LOADS_KEY = 'rustPluginGuard.loadPlugin.lastResults';

const recorded = new vscode.EventEmitter<void>();
/** Fires after a load's report was stored. */
export const onDidRecordLoad = recorded.event;

export function fireLoadRecorded(): void {
  recorded.fire();
}
