// The files of a git commit as the engine's FileSystem, so that a crate can be analysed as it was at a ref
// (`abi-diff --against v1.2.0`) at the same paths as in the working tree. Reads through the `git` command
// (no maintained npm package reads git objects without a native build; git is on every machine with a repo).
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import type { FileSystem } from '../crate/fileSystem';

export class GitRefError extends Error {}

function git(repo: string, args: string[]): string {
  const run = spawnSync('git', ['-C', repo, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.error) throw new GitRefError(`cannot run git (${run.error.message}); install git, or compare with plugin-abi.json instead (abi-lock)`);
  if (run.status !== 0) throw new GitRefError(run.stderr.trim() || `git ${args.join(' ')} failed`);
  return run.stdout;
}

/** The top folder of the git repository that holds `dir`. */
export function repositoryOf(dir: string): string {
  return path.resolve(git(dir, ['rev-parse', '--show-toplevel']).trim());
}

/** The most recent tag reachable from HEAD, the default ref to compare with. */
export function latestTag(repo: string): string {
  try {
    return git(repo, ['describe', '--tags', '--abbrev=0']).trim();
  } catch (error) {
    if (error instanceof GitRefError) throw new GitRefError('the repository has no tag to compare with: give the ref with --against (a tag, a branch or a commit)');
    throw error;
  }
}

export function gitFileSystem(repo: string, ref: string): FileSystem {
  const commit = git(repo, ['rev-parse', '--verify', `${ref}^{commit}`]).trim();
  const files = new Set(git(repo, ['ls-tree', '-r', '-z', '--name-only', commit]).split('\0').filter(Boolean));
  const dirs = new Map<string, Map<string, boolean>>([['', new Map()]]);
  for (const file of files) {
    const parts = file.split('/');
    for (let i = 0; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('/');
      if (!dirs.has(parent)) dirs.set(parent, new Map());
      dirs.get(parent)!.set(parts[i], i < parts.length - 1);
    }
  }
  const relative = (file: string): string | undefined => {
    const rel = path.relative(repo, path.resolve(file));
    return rel.startsWith('..') || path.isAbsolute(rel) ? undefined : rel.split(path.sep).join('/');
  };
  const texts = new Map<string, string>();
  return {
    async readFile(file) {
      const rel = relative(file);
      if (rel === undefined || !files.has(rel)) return undefined;
      let text = texts.get(rel);
      if (text === undefined) {
        text = git(repo, ['show', `${commit}:${rel}`]);
        texts.set(rel, text);
      }
      return text;
    },
    isFile(file) {
      const rel = relative(file);
      return rel !== undefined && files.has(rel);
    },
    isDirectory(dir) {
      const rel = relative(dir);
      return rel !== undefined && dirs.has(rel);
    },
    async readDir(dir) {
      const rel = relative(dir);
      return [...(rel === undefined ? [] : dirs.get(rel) ?? [])].map(([name, isDirectory]) => ({ name, isDirectory }));
    },
  };
}
