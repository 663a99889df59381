// Reading a library's exports without loading it (client/src/loader/formats): the fixture cdylib, built with cargo
// into the bench's temp folder, and libc for a large symbol table. Standalone: node --import tsx bench/libraryExports.ts
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readLibraryBytes, readLibraryFile } from '../client/src/loader/formats';
import { ms, p50, p95, printTable } from './stats';

const RUNS = 200;
const FIXTURE = path.resolve(__dirname, '../test/fixtures/plugins/formats');
const LIBC = '/usr/lib/x86_64-linux-gnu/libc.so.6';

export interface ExportReadRow {
  file: string;
  bytes: number;
  exports: number;
  parseMs: number[];
  readFileMs: number[];
}

async function measure(file: string): Promise<ExportReadRow> {
  const bytes = readFileSync(file);
  const parseMs: number[] = [];
  const readFileMs: number[] = [];
  let exports = 0;
  for (let i = 0; i < RUNS; i++) {
    let start = performance.now();
    exports = readLibraryBytes(bytes).exports.length;
    parseMs.push(performance.now() - start);
    start = performance.now();
    await readLibraryFile(file);
    readFileMs.push(performance.now() - start);
  }
  return { file, bytes: bytes.length, exports, parseMs, readFileMs };
}

/** Builds the fixture cdylib under `tmp` (cargo's own time is not measured) and times reading its exports. */
export async function measureLibraryExports(tmp: string): Promise<ExportReadRow[]> {
  const crate = path.join(tmp, 'formats-fixture');
  cpSync(FIXTURE, crate, { recursive: true });
  const build = spawnSync('cargo', ['build', '--release', '--quiet', '--offline'], { cwd: crate, encoding: 'utf8', env: { ...process.env, CARGO_TARGET_DIR: path.join(crate, 'target') } });
  if (build.status !== 0) throw new Error(`cargo build of the formats fixture failed:\n${build.stderr}`);
  const name = process.platform === 'win32' ? 'formats_fixture.dll' : process.platform === 'darwin' ? 'libformats_fixture.dylib' : 'libformats_fixture.so';
  const files = [path.join(crate, 'target', 'release', name), ...(existsSync(LIBC) ? [LIBC] : [])];
  const rows: ExportReadRow[] = [];
  for (const file of files) rows.push(await measure(file));
  return rows;
}

export function printLibraryExports(rows: ExportReadRow[]): void {
  printTable(
    `3. Reading a library's exports without loading it (${RUNS} runs each; first run included)`,
    ['library', 'size', 'exports', 'parse p50', 'parse p95', 'read file + parse p50'],
    rows.map((r) => [path.basename(r.file), `${(r.bytes / 1024).toFixed(0)} KiB`, String(r.exports), ms(p50(r.parseMs)), ms(p95(r.parseMs)), ms(p50(r.readFileMs))]),
  );
}

if (require.main === module) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'rpg-bench-exports-'));
  measureLibraryExports(tmp)
    .then(printLibraryExports)
    .catch((error: unknown) => {
      console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    })
    .finally(() => rmSync(tmp, { recursive: true, force: true }));
}
