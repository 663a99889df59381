// Mutates library files with a seeded generator and feeds them to the export readers. Run as its own process by
// libraryFormatsFuzz.test.ts, so a reader stuck in a loop is killed by the test's timeout instead of hanging it.
// Usage: node --import tsx test/support/libraryFuzzer.ts <seed> <iterations> <file>...
import { readFileSync } from 'node:fs';
import { LibraryFormatError, readLibraryBytes, type HostMachine } from '../../client/src/loader/formats';
import { seededRandom } from './seededRandom';

export interface FuzzSummary {
  runs: number;
  read: number;
  typedErrors: number;
  /** Anything thrown that is not a LibraryFormatError: each is a reader bug. */
  otherErrors: { input: string; mutation: string; error: string }[];
}

const HOST: HostMachine = { platform: 'linux', arch: 'x64', endianness: 'LE' };
const INTERESTING = [0, 1, 0x7f, 0x80, 0xff, 0xfe];
const INTERESTING_U32 = [0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffff0, 24, 64];

/** One mutated copy: byte flips (mostly in the first 4 KiB, where the headers are), a wild u32, or a cut. */
function mutate(input: Uint8Array, random: () => number): { bytes: Uint8Array; mutation: string } {
  const bytes = Uint8Array.from(input);
  const pick = (limit: number) => Math.floor(random() * limit);
  const position = () => (random() < 0.7 ? pick(Math.min(bytes.length, 4096)) : pick(bytes.length));
  const choice = random();
  if (choice < 0.1) {
    const cut = pick(bytes.length);
    return { bytes: bytes.subarray(0, cut), mutation: `truncate at ${cut}` };
  }
  if (choice < 0.4) {
    const at = position() & ~3;
    const value = INTERESTING_U32[pick(INTERESTING_U32.length)];
    if (at + 4 <= bytes.length) new DataView(bytes.buffer).setUint32(at, value, random() < 0.5);
    return { bytes, mutation: `u32 0x${value.toString(16)} at ${at}` };
  }
  const count = 1 + pick(8);
  const sites: string[] = [];
  for (let i = 0; i < count; i++) {
    const at = position();
    bytes[at] = random() < 0.5 ? INTERESTING[pick(INTERESTING.length)] : pick(256);
    sites.push(String(at));
  }
  return { bytes, mutation: `bytes at ${sites.join(',')}` };
}

export function fuzzReaders(inputs: { name: string; bytes: Uint8Array }[], seed: number, iterations: number): FuzzSummary {
  const random = seededRandom(seed);
  const summary: FuzzSummary = { runs: 0, read: 0, typedErrors: 0, otherErrors: [] };
  for (let i = 0; i < iterations; i++) {
    const input = inputs[i % inputs.length];
    const { bytes, mutation } = mutate(input.bytes, random);
    summary.runs++;
    try {
      readLibraryBytes(bytes, HOST);
      summary.read++;
    } catch (error) {
      if (error instanceof LibraryFormatError) summary.typedErrors++;
      else summary.otherErrors.push({ input: input.name, mutation, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  }
  return summary;
}

if (require.main === module) {
  const [seed, iterations, ...files] = process.argv.slice(2);
  const inputs = files.map((name) => ({ name, bytes: readFileSync(name) }));
  process.stdout.write(JSON.stringify(fuzzReaders(inputs, Number(seed), Number(iterations))));
}
