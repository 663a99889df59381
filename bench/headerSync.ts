// Header sync cost on the largest cbindgen header of the corpus (rustls-ffi: 2,000+ lines, 260 declarations):
// the crate model is built once; each run collects the boundary, renders it and compares it with the committed
// header (update mode: both read with the C header reader). Standalone: node --import tsx bench/headerSync.ts
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { headerConfigOf, syncHeader } from '../server/src/headerSync/headerSync';
import { loadCParser } from '../server/src/interface/cHeader/parseHeader';
import { Engine } from '../server/src/engine/engine';
import { nodeModulesAssets } from '../test/support/engine';
import { ms, p50, p95, printTable } from './stats';

const RUNS = 30;

async function main(): Promise<void> {
  const dir = path.resolve(__dirname, '../test/corpus/rustls-ffi/librustls');
  const engine = await Engine.create({ assets: nodeModulesAssets });
  const manifest = await engine.discovery.readManifest(path.join(dir, 'Cargo.toml'));
  const crate = (await engine.crateOf(manifest!.libPath!))!;
  const parser = await loadCParser(nodeModulesAssets);
  const header = path.join(dir, 'src', 'rustls.h');
  const existing = readFileSync(header, 'utf8');
  const config = headerConfigOf(crate, (f) => {
    try {
      return readFileSync(f, 'utf8');
    } catch {
      return undefined;
    }
  });
  const time = (run: () => unknown) => {
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      run();
      samples.push(performance.now() - start);
    }
    return samples;
  };
  let declarations = 0;
  const create = time(() => (declarations = syncHeader(crate, parser, header, undefined, config).changes.length));
  const update = time(() => syncHeader(crate, parser, header, existing, config));
  printTable(`header sync, rustls-ffi (${declarations} declarations, ${existing.split('\n').length} header lines), ${RUNS} runs`, ['step', 'p50', 'p95'], [
    ['create (collect + render)', ms(p50(create)), ms(p95(create))],
    ['update (collect + render + read both + compare)', ms(p50(update)), ms(p95(update))],
  ]);
  engine.dispose();
}

void main();
