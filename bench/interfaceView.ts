// Interface view latency over real LSP (dist/server.js, stdio): hover and code lens on a plugin with a header,
// answered from the last analysis's crate model, and hover right after an edit (model rebuilt, no rule run).
// Standalone, after `npm run build`: node --import tsx bench/interfaceView.ts
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient, rangeOf } from '../test/support/lspClient';
import { ms, p50, p95, printTable } from './stats';

const RUNS = 60;
const MODULES = 40;
const EXPORTS_PER_MODULE = 25;

function module(index: number): string {
  let text = 'use std::ffi::c_int;\n';
  for (let i = 0; i < EXPORTS_PER_MODULE; i++) text += `\n/// Export ${i}.\n#[no_mangle]\npub extern "C" fn m${index}_f${i}(a: c_int, b: c_int) -> c_int {\n    a.wrapping_add(b).wrapping_mul(${i + 1})\n}\n`;
  return text;
}

async function main(): Promise<void> {
  const tmp = path.join(os.tmpdir(), `rpg-bench-view-${process.pid}`);
  const crate = path.join(tmp, 'plugin');
  cpSync(path.resolve(__dirname, '../test/fixtures/interfaces/mismatch'), crate, { recursive: true });
  const lib = path.join(crate, 'src', 'lib.rs');
  let libText = readFileSync(lib, 'utf8');
  for (let m = 0; m < MODULES; m++) {
    writeFileSync(path.join(crate, 'src', `m${m}.rs`), module(m));
    libText = `mod m${m};\n${libText}`;
  }
  writeFileSync(lib, libText);
  const { client } = await LspClient.start({ rootPath: crate });
  try {
    const uri = await client.didOpen(lib, libText);
    await client.waitForDiagnostics(uri, (list) => list.length > 0, 30_000, 'the first analysis');
    const at = rangeOf(libText, 'plugin_scale').start;
    const time = async (run: () => Promise<unknown>, before?: (i: number) => Promise<void>) => {
      const samples: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        await before?.(i);
        const start = performance.now();
        await run();
        samples.push(performance.now() - start);
      }
      return samples;
    };
    const hover = await time(() => client.hover(uri, at));
    const lenses = await time(() => client.codeLenses(uri));
    // An edit at the end of the file: the model is stale until the debounced analysis, so hover rebuilds it.
    const afterEdit = await time(
      () => client.hover(uri, at),
      async (i) => {
        const lines = libText.split('\n').length;
        await client.didChange(uri, [{ range: { start: { line: lines - 1, character: 0 }, end: { line: lines - 1, character: 0 } }, text: i % 2 === 0 ? '//' : '' }]);
      },
    );
    console.log(`node ${process.version}, ${os.cpus().length} CPUs; crate of ${MODULES + 1} files, ${MODULES * EXPORTS_PER_MODULE + 5} exports, one header`);
    printTable(
      `Interface view over LSP, ${RUNS} requests each (round trip)`,
      ['request', 'p50', 'p95'],
      [
        ['hover on an export (model of the last analysis)', ms(p50(hover)), ms(p95(hover))],
        ['code lenses of lib.rs', ms(p50(lenses)), ms(p95(lenses))],
        ['hover right after an edit (model rebuilt)', ms(p50(afterEdit)), ms(p95(afterEdit))],
      ],
    );
  } finally {
    await client.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
