// `rust-plugin-guard load` on WebAssembly guests (dist/cli.js and dist/wasmChild.mjs; run `npm run build`
// first): the five runtime fixtures built by Debian's rustc, each checked against its world, made a component,
// transpiled and run by jco in the child; and the same guest given as a component and as a crate folder.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { LoadReport } from '../../client/src/loader/report';
import { tempDir } from '../support/engine';
import { stopsRunning } from './fixturePlugins';
import { buildWasmGuest, WASM_GUESTS } from './wasmGuests';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');
const GREET = 'rpg:guest/text@0.1.0#greet';

function load(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(process.execPath, [CLI, 'load', ...args], { encoding: 'utf8', env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function loadJson(name: string): { code: number | null; report: LoadReport } {
  const { code, stdout, stderr } = load([buildWasmGuest(name), '--wit', path.join(WASM_GUESTS, name, 'wit'), '--format', 'json']);
  assert.ok(stdout.startsWith('{'), `a JSON report for ${name}: ${stderr}`);
  return { code, report: JSON.parse(stdout) as LoadReport };
}

/** A guest (WAT, made by jco's parse) whose only export loops for ever. */
async function spinningGuest(): Promise<{ wasm: string; wit: string }> {
  const { parse } = (await import('@bytecodealliance/jco')) as { parse(wat: string): Promise<Uint8Array> };
  const dir = tempDir('rpg-wasm-spin-');
  const wasm = path.join(dir, 'spin.wasm');
  writeFileSync(wasm, await parse('(module (memory (export "memory") 1) (func (export "spin") (result i32) (loop $l (br $l)) (i32.const 0)) (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 8)))'));
  const wit = path.join(dir, 'spin.wit');
  writeFileSync(wit, 'package rpg:spin;\nworld spin {\n  export spin: func() -> u32;\n}\n');
  return { wasm, wit };
}

/** The first child process of `pid` (Linux /proc), once it has one. */
async function childOf(pid: number): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    if (children) return Number(children.split(' ')[0]);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`process ${pid} started no child`);
}

const probeValues = (report: LoadReport) => report.probes.map((p) => [p.name, p.status, p.valueText ?? p.error]);

describe('cli load: WebAssembly guests', () => {
  test('a correct guest: every export called with invented arguments, its host import stubbed and recorded, 0 B/call', () => {
    const { code, report } = loadJson('good');
    assert.equal(code, 0, JSON.stringify(report, null, 1));
    assert.equal(report.status, 'ok');
    assert.deepEqual(probeValues(report), [
      [GREET, 'ok', '"Hello, rpg-probe!"'],
      ['rpg:guest/text@0.1.0#count', 'ok', '{ words: 1, bytes: 9 }'],
      ['rpg:guest/text@0.1.0#sum', 'ok', '2'],
      ['rpg:guest/text@0.1.0#first-word', 'ok', 'some("rpg-probe")'],
      ['version', 'ok', '3'],
    ]);
    assert.deepEqual(report.probes[2].arguments, ['[1, 1]']);
    assert.deepEqual(report.leaks.map((l) => [l.constructor, l.verdict, l.bytesPerIteration, l.measure]), report.probes.map((p) => [p.name, 'ok', 0, 'wasm-memory']));
    assert.equal(report.leaks[0].destructor, `cabi_post_${GREET}`);
    const log = report.hostStubs?.functions.find((f) => f.symbol === 'rpg:guest/host@0.1.0#log');
    assert.ok(log && log.calls >= 1, 'greet calls the host');
    assert.equal(log.declaredAt, 'wit/plugin.wit:5');
    assert.deepEqual(log.arguments[0], ['1', '"greeting"']);
    assert.deepEqual(report.missingSymbols, []);
    assert.equal(report.wrongSignatures, undefined);
  });

  test('a leaky guest: the export whose post-return frees nothing grows the linear memory by its result per call', () => {
    const { code, report } = loadJson('leaky');
    assert.equal(code, 1);
    assert.equal(report.status, 'failed');
    assert.ok(report.probes.every((p) => p.status === 'ok'));
    const [greet, ...rest] = report.leaks;
    assert.equal(greet.constructor, GREET);
    assert.equal(greet.verdict, 'leak');
    // "Hello, rpg-probe!" is 17 bytes; the allocator keeps at least that, and a chunk header, per call.
    assert.ok(greet.bytesPerIteration >= 16 && greet.bytesPerIteration <= 64, `${greet.bytesPerIteration} B/call`);
    assert.deepEqual(rest.map((l) => [l.verdict, l.bytesPerIteration]), rest.map(() => ['ok', 0]));
  });

  test('a trapping guest: the trap is that call\'s, named with its function and panic; the later calls run in a fresh instance', () => {
    const { code, report } = loadJson('trapping');
    assert.equal(code, 1);
    const count = report.probes.find((p) => p.name === 'rpg:guest/text@0.1.0#count');
    assert.equal(count?.status, 'failed');
    assert.match(count.error ?? '', /^trapped: .*unreachable.* in `rpg:guest\/text@0\.1\.0#count`: a Rust panic \(core::panicking::panic_bounds_check\)/);
    assert.deepEqual(report.probes.filter((p) => p !== count).map((p) => p.status), ['ok', 'ok', 'ok', 'ok']);
    assert.equal(report.crash, undefined, 'a trap is not a crash of the loader');
    assert.ok(!report.leaks.some((l) => l.constructor === count.name), 'a trapping export is not repeated');
  });

  test('a guest missing an export: named with the core signature its world requires, and not loaded', () => {
    const { code, report } = loadJson('missing_export');
    assert.equal(code, 1);
    assert.equal(report.status, 'refused');
    assert.deepEqual(report.missingSymbols.map((m) => m.name), ['rpg:guest/text@0.1.0#first-word']);
    assert.match(report.missingSymbols[0].message, /world `plugin` exports `rpg:guest\/text@0\.1\.0#first-word` \(i32, i32\) -> i32, the module does not export it/);
    assert.equal(report.refusal, 'not loaded: componentNew rejects the module: failed to encode a component from module: failed to find export of interface `rpg:guest/text@0.1.0` function `first-word`');
    assert.deepEqual(report.probes, []);
  });

  test('a guest with a wrong core signature: the module\'s and the world\'s signatures, in text', () => {
    const { code, stdout } = load([buildWasmGuest('wrong_signature'), '--wit', path.join(WASM_GUESTS, 'wrong_signature', 'wit')]);
    assert.equal(code, 1);
    const lines = stdout.trimEnd().split('\n');
    assert.equal(lines[0], 'load report: refused');
    assert.ok(lines.includes('signature: rpg:guest/text@0.1.0#sum: the module exports `rpg:guest/text@0.1.0#sum` as (i32, i32) -> i32, world `plugin` requires (i32, i32) -> i64 (the canonical ABI of its WIT signature): the host would pass or read the wrong values'), stdout);
    assert.match(lines[lines.length - 1], /^summary: 0 probes ok, 0 failed, 0 leaks, 0 missing, 1 wrong signature, not loaded; /);
  });

  test('a component (made by jco from the correct guest): with its WIT every export is called; with only its own WIT, its world functions', async () => {
    type Jco = { componentEmbed(o: { binary: Uint8Array; witSource: string; world: string }): Promise<Uint8Array>; componentNew(b: Uint8Array): Promise<Uint8Array> };
    const { componentEmbed, componentNew } = (await import('@bytecodealliance/jco')) as Jco;
    const wit = path.join(WASM_GUESTS, 'good', 'wit');
    const witSource = readFileSync(path.join(wit, 'plugin.wit'), 'utf8');
    const component = await componentNew(await componentEmbed({ binary: readFileSync(buildWasmGuest('good')), witSource, world: 'plugin' }));
    const file = path.join(tempDir(), 'good.component.wasm');
    writeFileSync(file, component);
    const full = load([file, '--wit', wit]);
    assert.equal(full.code, 0, full.stderr + full.stdout);
    assert.match(full.stdout, /^probe ok: rpg:guest\/text@0\.1\.0#greet\("rpg-probe"\) = "Hello, rpg-probe!" \(/m);
    assert.match(full.stdout, /^summary: 5 probes ok, 0 failed, 0 leaks, 0 missing; /m);
    const own = load([file]);
    assert.equal(own.code, 0, own.stderr + own.stdout);
    assert.match(own.stdout, /^probe ok: version\(\) = 3 \(/m);
    assert.match(own.stdout, /^leak ok: version: 0 B\/call \(wasm linear memory; /m);
    assert.match(own.stdout, /^note: export `rpg:guest\/text@0\.1\.0` is not defined in the component's WIT: its functions are not probed \(.*pass its WIT with --wit\)$/m);
  });

  test('the time limit: a guest looping in a call is killed, the crash names that call', async () => {
    const { wasm, wit } = await spinningGuest();
    const { code, stdout } = load([wasm, '--wit', wit, '--timeout-ms', '1000']);
    assert.equal(code, 1);
    const lines = stdout.trimEnd().split('\n');
    assert.ok(lines.includes('probe crashed: spin()'), stdout);
    assert.ok(lines.includes('crash: timed out after 1 s in call spin; the process was killed'), stdout);
  });

  test('a killed parent takes the child with it, even while the guest loops inside one wasm call', async () => {
    const { wasm, wit } = await spinningGuest();
    const cli = spawn(process.execPath, [CLI, 'load', wasm, '--wit', wit, '--timeout-ms', '60000'], { stdio: 'ignore' });
    const child = await childOf(cli.pid!);
    // Let it reach the loop (jco's steps take a few hundred ms), then kill the CLI so that no timer of it remains.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    cli.kill('SIGKILL');
    assert.ok(await stopsRunning(child, 5000), `the wasm child ${child} outlived its parent`);
  });

  test('a wasm32-wasi guest: componentNew with the preview1 adapter, WASI from preview2-shim with nothing of the host; a command-linked cdylib traps in its post-return', () => {
    const wit = path.join(WASM_GUESTS, 'good', 'wit');
    const reactor = load([buildWasmGuest('good', 'wasi-reactor'), '--wit', wit]);
    assert.equal(reactor.code, 0, reactor.stderr + reactor.stdout);
    assert.match(reactor.stdout, /^summary: 5 probes ok, 0 failed, 0 leaks, 0 missing; /m);
    assert.match(reactor.stdout, /^note: WASI from preview2-shim, with no preopened directories, environment variables or arguments, and no network: .*wasi:cli\/environment/m);
    const command = load([buildWasmGuest('good', 'wasi-command'), '--wit', wit, '--format', 'json']);
    const report = JSON.parse(command.stdout) as LoadReport;
    assert.deepEqual(report.probes.map((p) => p.status), ['failed', 'ok', 'ok', 'failed', 'ok'], 'the calls with a post-return function trap');
    assert.match(report.probes[0].error ?? '', /^trapped: cannot leave component instance in `environ_sizes_get`: the guest called an import where the component model forbids it .* link it as a reactor/);
  });

  test('a WIT package of two files: preopened as /wit for the wasm-tools of jco (preview2-shim has no file system otherwise)', () => {
    const folder = tempDir('rpg-wit-two-');
    const text = readFileSync(path.join(WASM_GUESTS, 'good', 'wit', 'plugin.wit'), 'utf8');
    const cut = text.indexOf('interface text');
    writeFileSync(path.join(folder, 'host.wit'), text.slice(0, cut));
    writeFileSync(path.join(folder, 'text.wit'), text.slice(cut));
    const { code, stdout, stderr } = load([buildWasmGuest('good'), '--wit', folder]);
    assert.equal(code, 0, stderr + stdout);
    assert.match(stdout, /^probe ok: rpg:guest\/text@0\.1\.0#count\("rpg-probe"\) = \{ words: 1, bytes: 9 \}/m);
    assert.match(stdout, /^host: rpg:guest\/host@0\.1\.0#log \(rpg-wit-two-\w+\/host\.wit:5\) called /m);
  });

  test('the memory cap: a guest whose linear memory grows per call traps at 256 MiB while repeated: a leak, with the trap', async () => {
    const { parse } = (await import('@bytecodealliance/jco')) as { parse(wat: string): Promise<Uint8Array> };
    const dir = tempDir('rpg-wasm-hungry-');
    // Grows its memory by `pages` per call and traps when it cannot.
    const wat = `(module (memory (export "memory") 1)
      (func (export "grow") (param i32) (result i32) (if (i32.eq (memory.grow (local.get 0)) (i32.const -1)) (then unreachable)) (memory.size))
      (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 8)))`;
    writeFileSync(path.join(dir, 'hungry.wasm'), await parse(wat));
    writeFileSync(path.join(dir, 'hungry.wit'), 'package rpg:hungry;\nworld hungry {\n  export grow: func(pages: u32) -> u32;\n}\n');
    const { code, stdout } = load([path.join(dir, 'hungry.wasm'), '--wit', path.join(dir, 'hungry.wit')]);
    assert.equal(code, 1);
    assert.match(stdout, /^probe ok: grow\(1\) = 2 \(/m);
    assert.match(stdout, /^leak leak: grow: 65\d{3}(\.\d+)? B\/call over 409\d calls \(wasm linear memory\), then call 409\d trapped: .*unreachable.*; the guest's linear memory is at its cap \(256 MiB\)$/m);
  });

  test('a core module with its world embedded (as wit-bindgen writes it) loads without --wit; a hand-written one without WIT is refused, saying why', async () => {
    const { componentEmbed } = (await import('@bytecodealliance/jco')) as { componentEmbed(o: { binary: Uint8Array; witSource: string; world: string }): Promise<Uint8Array> };
    const witSource = readFileSync(path.join(WASM_GUESTS, 'good', 'wit', 'plugin.wit'), 'utf8');
    const dir = tempDir('rpg-wasm-embedded-');
    const embedded = path.join(dir, 'embedded.wasm');
    writeFileSync(embedded, await componentEmbed({ binary: readFileSync(buildWasmGuest('good')), witSource, world: 'plugin' }));
    const loaded = load([embedded]);
    assert.equal(loaded.code, 0, loaded.stderr + loaded.stdout);
    assert.match(loaded.stdout, /^probe ok: version\(\) = 3 \(/m);
    assert.match(loaded.stdout, /^note: no WIT given \(--wit\): checked against the world embedded in the module/m);
    const bare = path.join(dir, 'bare.wasm');
    writeFileSync(bare, readFileSync(buildWasmGuest('good')));
    const refused = load([bare]);
    assert.equal(refused.code, 1);
    assert.match(refused.stdout, /^refused: not loaded: componentNew rejects the module \(a core module without an embedded component-type section needs its WIT: --wit\)/m);
  });

  test('a file that is not wasm is an input error; a malformed module and a WIT jco rejects are refusals that say why', async () => {
    const dir = tempDir('rpg-wasm-bad-');
    const truncated = path.join(dir, 'truncated.wasm');
    writeFileSync(truncated, readFileSync(buildWasmGuest('good')).subarray(0, 200));
    const cut = load([truncated, '--wit', path.join(WASM_GUESTS, 'good', 'wit')]);
    assert.equal(cut.code, 1);
    assert.match(cut.stdout, /^refused: not loaded: the module is malformed: /m);
    const wit = path.join(dir, 'world.wit');
    // Parses, but wasm-tools rejects it: the world's export uses a type that does not exist.
    writeFileSync(wit, 'package rpg:bad;\nworld w {\n  export f: func(x: nope);\n}\n');
    const rejected = load([buildWasmGuest('good'), '--wit', wit]);
    assert.equal(rejected.code, 1);
    assert.match(rejected.stdout, /^refused: not loaded: componentEmbed rejects world `w` of .*world\.wit: name `nope` does not exist$/m);
    const notWasm = path.join(tempDir(), 'notes.wasm');
    writeFileSync(notWasm, 'not wasm at all');
    const refused = load([notWasm]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /notes\.wasm: not WebAssembly/);
  });

  test('a guest crate folder with --build: built for its .cargo/config.toml target by a compiler that has it', () => {
    buildWasmGuest('good'); // fails first, with what to install, when Debian's compiler is missing
    const env = { ...process.env, CARGO_TARGET_DIR: tempDir('rpg-wasm-target-') };
    const unbuilt = load([path.join(WASM_GUESTS, 'good')], env);
    assert.equal(unbuilt.code, 2);
    assert.match(unbuilt.stderr, /good_guest\.wasm: not built yet; build the crate for wasm32-unknown-unknown first, or pass --build\n$/);
    const { code, stdout, stderr } = load([path.join(WASM_GUESTS, 'good'), '--build'], env);
    assert.equal(code, 0, stderr + stdout);
    assert.match(stderr, /Compiling good-guest/);
    assert.match(stdout, new RegExp(`^library: ${env.CARGO_TARGET_DIR}/wasm32-unknown-unknown/debug/good_guest\\.wasm$`, 'm'));
    assert.match(stdout, /^crate: good-guest \(debug\) /m);
    assert.match(stdout, /^summary: 5 probes ok, 0 failed, 0 leaks, 0 missing; /m);
  });
});
