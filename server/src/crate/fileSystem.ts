import { promises as fsp, statSync } from 'node:fs';
import * as path from 'node:path';

/** The engine's only window on the disk, so tests and the language server can substitute their own. */
export interface FileSystem {
  readFile(file: string): Promise<string | undefined>;
  isFile(file: string): boolean;
  isDirectory(dir: string): boolean;
  readDir(dir: string): Promise<{ name: string; isDirectory: boolean }[]>;
}

export const nodeFileSystem: FileSystem = {
  async readFile(file) {
    try {
      return await fsp.readFile(file, 'utf8');
    } catch {
      return undefined;
    }
  },
  isFile(file) {
    try {
      return statSync(file).isFile();
    } catch {
      return false;
    }
  },
  isDirectory(dir) {
    try {
      return statSync(dir).isDirectory();
    } catch {
      return false;
    }
  },
  async readDir(dir) {
    try {
      const entries = await fsp.readdir(dir, { withFileTypes: true });
      return entries.map((e) => ({ name: e.name, isDirectory: e.isDirectory() }));
    } catch {
      return [];
    }
  },
};

export function normalizePath(file: string): string {
  return path.resolve(file);
}
