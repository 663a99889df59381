// Header discovery on every analysis: `CrateInterfaces.of` with the folder walk cached (the server's path
// between watched-file events) versus walked every time (what each analysis did before the cache).
// Standalone, after `npm run build`: node --import tsx bench/headerDiscovery.ts
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Engine } from '../server/src/engine/engine';
import { assetsIn } from '../server/src/parsing/treeSitter';
import { ms, p50, p95, printTable } from './stats';

const RUNS = 100;
/** A plugin crate with the files real ones carry beside the code: test data, assets, examples. */
const DATA_DIRS = 40;
const FILES_PER_DIR = 50;

function writePluginCrate(root: string): string {
  const write = (relative: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    writeFileSync(path.join(root, relative), text);
  };
  write('Cargo.toml', '[package]\nname = "bench-plugin"\nversion = "0.1.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n');
  write('src/lib.rs', '#[no_mangle]\npub extern "C" fn plugin_init() -> i32 { 0 }\n');
  write('include/plugin.h', 'int plugin_init(void);\n');
  for (let d = 0; d < DATA_DIRS; d++) {
    for (let f = 0; f < FILES_PER_DIR; f++) write(`tests/data/set${d}/case${f % 5}/sample${f}.json`, '{}\n');
  }
  return path.join(root, 'src', 'lib.rs');
}

async function main(): Promise<void> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'rpg-bench-headers-'));
  try {
    const lib = writePluginCrate(path.join(tmp, 'plugin'));
    const engine = await Engine.create({ assets: assetsIn(path.resolve(__dirname, '..', 'dist')) });
    const crate = await engine.crateOf(lib);
    if (!crate?.interfaces?.length) throw new Error('the bench crate has no declared interface; discovery is broken');
    const time = async (before: () => void): Promise<number[]> => {
      const samples: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        before();
        const start = performance.now();
        await engine.interfaces.of(crate);
        samples.push(performance.now() - start);
      }
      return samples;
    };
    const walked = await time(() => engine.interfaces.invalidate(crate.manifest!.dir));
    const cached = await time(() => undefined);
    console.log(`node ${process.version}, ${os.cpus().length} CPUs; crate with ${DATA_DIRS * FILES_PER_DIR} data files in ${DATA_DIRS * 6} folders and one header`);
    printTable(
      `Header discovery (CrateInterfaces.of, header already parsed), ${RUNS} runs each`,
      ['measurement', 'p50', 'p95'],
      [
        ['folder walked every analysis (before)', ms(p50(walked)), ms(p95(walked))],
        ['walk cached until a watched file changes (after)', ms(p50(cached)), ms(p95(cached))],
      ],
    );
    engine.dispose();
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
