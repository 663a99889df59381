// `npm run fuzz:rustc [count] [firstSeed]`: the differential test against rustc on many generated crates.
import { compareWithRustc } from '../test/support/differential';

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 200);
  const first = Number(process.argv[3] ?? 1);
  let compared = 0;
  let agreed = 0;
  const failures: string[] = [];
  for (let seed = first; seed < first + count; seed++) {
    const result = await compareWithRustc(seed);
    compared += result.compared;
    agreed += result.agreed;
    if (result.rustcErrors.length > 0) failures.push(`seed ${seed}: rustc errors: ${result.rustcErrors.join('; ')}`);
    for (const only of result.onlyRustc) failures.push(`seed ${seed}: only rustc: ${only}`);
    for (const only of result.onlyUs) failures.push(`seed ${seed}: only us: ${only}`);
  }
  for (const failure of failures) console.log(failure);
  console.log(`${count} crates, ${compared} sites compared, ${agreed} agreed (${((100 * agreed) / Math.max(1, compared)).toFixed(2)}%)`);
  process.exitCode = failures.length > 0 ? 1 : 0;
}

void main();
