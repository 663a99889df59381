// Asks what to load: a cdylib crate of the workspace (debug or release, build first or not) or a library file.
import * as vscode from 'vscode';
import type { Profile } from '../loader/cargoLibrary';
import { chooseCrate, type ManifestFile } from './crateRoots';

export type LoadTarget =
  | { kind: 'crate'; manifest: string; profile: Profile; build: boolean }
  | { kind: 'library'; library: string };

/** Every Cargo.toml of the workspace with its text (unsaved edits included). */
async function workspaceManifests(): Promise<ManifestFile[]> {
  const found = await vscode.workspace.findFiles('**/Cargo.toml', '**/{target,node_modules,.git}/**', 200);
  const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.fsPath, d]));
  const result: ManifestFile[] = [];
  for (const uri of found) {
    const text = open.get(uri.fsPath)?.getText() ?? Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    result.push({ path: uri.fsPath, text });
  }
  return result;
}

/**
 * For a crate given by a code lens, or the crate of the active editor, only the profile and build questions
 * are asked; otherwise which crate (by package name) or a library file.
 */
export async function pickTarget(manifest?: string): Promise<LoadTarget | undefined> {
  if (!manifest) {
    const active = vscode.window.activeTextEditor?.document.uri;
    const { chosen, choices: crates } = chooseCrate(active?.scheme === 'file' ? active.fsPath : undefined, await workspaceManifests());
    manifest = chosen?.manifest;
    if (manifest) return askBuild(manifest);
    type Item = vscode.QuickPickItem & { manifest?: string };
    const items: Item[] = crates.map((c) => ({ label: c.label, description: vscode.workspace.asRelativePath(c.manifest), manifest: c.manifest }));
    items.push({ label: '$(file-binary) Choose library file…', description: '.so, .dylib, .dll or a .wasm guest' });
    const picked = await vscode.window.showQuickPick(items, { title: 'Load plugin', placeHolder: crates.length > 0 ? 'Which cdylib crate?' : 'No cdylib crate in this workspace: choose a library file' });
    if (!picked) return undefined;
    if (!picked.manifest) {
      const files = await vscode.window.showOpenDialog({ title: 'Load plugin: choose a built library', canSelectMany: false, filters: { Libraries: ['so', 'dylib', 'dll', 'wasm'], 'All files': ['*'] } });
      return files?.[0] ? { kind: 'library', library: files[0].fsPath } : undefined;
    }
    manifest = picked.manifest;
  }
  return askBuild(manifest);
}

/** Debug or release, and whether to build first. */
async function askBuild(manifest: string): Promise<LoadTarget | undefined> {
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
