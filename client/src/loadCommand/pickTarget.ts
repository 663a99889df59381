// Asks what to load: a cdylib crate of the workspace (debug or release, build first or not) or a library file.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Profile } from '../loader/cargoLibrary';
import { isCdylibManifest } from './crateRoots';

export type LoadTarget =
  | { kind: 'crate'; manifest: string; profile: Profile; build: boolean }
  | { kind: 'library'; library: string };


async function cdylibManifests(): Promise<vscode.Uri[]> {
  const found = await vscode.workspace.findFiles('**/Cargo.toml', '**/{target,node_modules,.git}/**', 200);
  const result: vscode.Uri[] = [];
  for (const uri of found) {
    const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    if (isCdylibManifest(text)) result.push(uri);
  }
  return result.sort((a, b) => a.fsPath.localeCompare(b.fsPath));
}

/** For a crate given by a code lens, only the profile and build questions are asked. */
export async function pickTarget(manifest?: string): Promise<LoadTarget | undefined> {
  if (!manifest) {
    const crates = await cdylibManifests();
    type Item = vscode.QuickPickItem & { manifest?: string };
    const items: Item[] = crates.map((uri) => ({ label: path.basename(path.dirname(uri.fsPath)), description: vscode.workspace.asRelativePath(uri), manifest: uri.fsPath }));
    items.push({ label: '$(file-binary) Choose library file…', description: '.so, .dylib or .dll' });
    const picked = await vscode.window.showQuickPick(items, { title: 'Load plugin', placeHolder: crates.length > 0 ? 'Which cdylib crate?' : 'No cdylib crate in this workspace: choose a library file' });
    if (!picked) return undefined;
    if (!picked.manifest) {
      const files = await vscode.window.showOpenDialog({ title: 'Load plugin: choose a built library', canSelectMany: false, filters: { Libraries: ['so', 'dylib', 'dll'], 'All files': ['*'] } });
      return files?.[0] ? { kind: 'library', library: files[0].fsPath } : undefined;
    }
    manifest = picked.manifest;
  }
  const profile = await vscode.window.showQuickPick(
    [
      { label: 'debug', description: 'target/debug (cargo build)' },
      { label: 'release', description: 'target/release (cargo build --release)' },
    ],
    { title: 'Load plugin: which build?' },
  );
  if (!profile) return undefined;
  const build = await vscode.window.showQuickPick(
    [
      { label: 'Build first', description: `cargo build --lib${profile.label === 'release' ? ' --release' : ''}`, build: true },
      { label: 'Use the existing build', description: 'load the library as it is', build: false },
    ],
    { title: 'Load plugin: build the crate first?' },
  );
  if (!build) return undefined;
  return { kind: 'crate', manifest, profile: profile.label as Profile, build: build.build };
}
