// Host imports in the probe plan (what the loader stubs) and the parsing of what the stubs recorded.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { planProbes } from '../../server/src/boundary/probePlan';
import { hostCallsOf } from '../../client/src/loader/hostCalls';
import { hostStubSource } from '../../client/src/loader/hostStubSource';
import { hostCallsText } from '../../client/src/loader/formatText';
import { reportHtml } from '../../client/src/loadCommand/reportHtml';
import type { LoadReport } from '../../client/src/loader/report';
import type { HostImport } from '../../server/src/protocol/loader';
import { tempDir, testEngine, writeTree } from '../support/engine';

async function imports(source: string): Promise<HostImport[]> {
  const dir = writeTree({ 'Cargo.toml': '[package]\nname = "p"\nversion = "0.1.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n', 'src/lib.rs': source });
  const crate = await (await testEngine()).crateOf(path.join(dir, 'src', 'lib.rs'));
  assert.ok(crate);
  return planProbes(crate).hostImports ?? [];
}

const SOURCE = `use std::ffi::{c_char, c_int, c_void};
#[repr(C)] pub struct Event { kind: u32 }
type Level = c_int;
extern "C" {
    fn host_log(level: Level, message: *const c_char);
    #[link_name = "host_version"] fn version() -> u32;
    fn host_user(data: *mut c_void, callback: Option<extern "C" fn(i32)>) -> *mut c_void;
    fn host_send(event: Event) -> bool;
    fn host_printf(format: *const c_char, ...) -> c_int;
    fn plugin_self() -> i32;
}
#[link(name = "z")]
extern "C" { fn deflate(stream: *mut c_void, flush: c_int) -> c_int; }
extern "Rust" { fn rust_side(); }
#[no_mangle] pub extern "C" fn plugin_self() -> i32 { 0 }
`;

describe('host imports in the probe plan', () => {
  test('functions of extern "C" blocks without #[link], by their link name, with what a stub can take', async () => {
    const found = await imports(SOURCE);
    const by = Object.fromEntries(found.map((i) => [i.symbol, i]));
    assert.deepEqual(found.map((i) => i.symbol), ['host_log', 'host_version', 'host_user', 'host_send', 'host_printf']);
    assert.deepEqual(by.host_log, { symbol: 'host_log', declaredAt: 'src/lib.rs:5', params: [{ kind: 'scalar', rust: 'std::ffi::c_int' }, { kind: 'c-string' }], returns: 'void' });
    assert.deepEqual([by.host_version.params, by.host_version.returns], [[], { kind: 'scalar', rust: 'u32' }]);
    assert.deepEqual([by.host_user.params, by.host_user.returns, by.host_user.reason], [[{ kind: 'pointer' }, { kind: 'pointer' }], { kind: 'pointer' }, undefined]);
    assert.match(by.host_send.reason ?? '', /`Event` has no C type a stub can take or return/);
    assert.match(by.host_printf.reason ?? '', /variadic/);
  });

  test('a crate without extern blocks imports nothing', async () => {
    assert.deepEqual(await imports('#[no_mangle] pub extern "C" fn f() -> u32 { 1 }\n'), []);
  });
});

const LOG: HostImport = { symbol: 'host_log', declaredAt: 'src/lib.rs:5', params: [{ kind: 'scalar', rust: 'i32' }, { kind: 'c-string' }], returns: 'void' };
const TICK: HostImport = { symbol: 'host_tick', declaredAt: 'src/lib.rs:6', params: [], returns: { kind: 'scalar', rust: 'u32' } };

function log(lines: string[]): string {
  const file = path.join(tempDir('rpg-host-calls-'), 'calls.log');
  writeFileSync(file, lines.map((l) => `${l}\n`).join(''));
  return file;
}

describe('host calls recorded by the stubs', () => {
  test('counts from the flush, arguments from the call lines; forged and malformed lines are ignored', () => {
    const file = log(['call\thost_log\t1\t"a"', 'call\thost_tick\t', 'call\tnot_stubbed\t1', 'garbage', 'count\thost_log\tmany', 'count\thost_log\t1', 'count\thost_tick\t5000']);
    assert.deepEqual(hostCallsOf([LOG, TICK], [file]).functions, [
      { symbol: 'host_log', declaredAt: 'src/lib.rs:5', calls: 1, arguments: [['1', '"a"']] },
      { symbol: 'host_tick', declaredAt: 'src/lib.rs:6', calls: 5000, arguments: [[]] },
    ]);
  });

  test('a child that died before its flush: the recorded calls, a lower bound past the cap; children add up', () => {
    const crashed = log(Array.from({ length: 20 }, (_, i) => `call\thost_tick\t${i}`));
    const fresh = log(['call\thost_tick\t', 'count\thost_tick\t3', 'count\thost_log\t0']);
    const [logCalls, tick] = hostCallsOf([LOG, TICK], [crashed, fresh, path.join(tempDir(), 'never-written.log')]).functions;
    assert.deepEqual(logCalls, { symbol: 'host_log', declaredAt: 'src/lib.rs:5', calls: 0, arguments: [] });
    assert.equal(tick.calls, 23);
    assert.equal(tick.atLeast, true);
    assert.equal(tick.arguments.length, 20, 'at most 20 argument lists kept');
  });

  test('imports without a stub are neither generated nor reported', () => {
    const variadic: HostImport = { symbol: 'host_printf', declaredAt: 'src/lib.rs:7', params: [{ kind: 'c-string' }], returns: 'void', reason: 'it is variadic' };
    assert.doesNotMatch(hostStubSource([LOG, variadic]), /host_printf/);
    assert.match(hostStubSource([LOG, variadic]), /pub extern "C" fn host_log\(a0: i32, a1: \*const std::ffi::c_char\)/);
    assert.deepEqual(hostCallsOf([variadic], [log(['call\thost_printf\t"x"'])]).functions, []);
  });
});

test('imports the loader process defines itself (libc) are left out of the host calls', () => {
  const file = log(['provided\thost_tick', 'provided\tprintf', 'call\thost_log\t1\t"a"', 'count\thost_log\t1', 'count\thost_tick\t0']);
  const calls = hostCallsOf([LOG, TICK], [file]);
  assert.deepEqual(calls.functions.map((f) => f.symbol), ['host_log']);
  assert.deepEqual([...calls.provided].sort(), ['host_tick', 'printf']);
});

describe('host calls in the report', () => {
  test('text: not called, a lower bound, the first three argument lists', () => {
    assert.equal(hostCallsText({ symbol: 'host_log', declaredAt: 'src/lib.rs:19', calls: 0, arguments: [] }), 'host_log (src/lib.rs:19) stubbed, not called');
    assert.equal(hostCallsText({ symbol: 'host_tick', declaredAt: 'a.rs:2', calls: 1, arguments: [[]] }), 'host_tick (a.rs:2) called 1 time: ()');
    const many = { symbol: 'host_log', declaredAt: 'a.rs:1', calls: 20, atLeast: true, arguments: Array.from({ length: 20 }, (_, i) => [String(i), '"m"']) };
    assert.equal(hostCallsText(many), 'host_log (a.rs:1) called at least 20 times: (0, "m"), (1, "m"), (2, "m"), …');
  });

  test('webview: arguments from the plugin are escaped', () => {
    const report: LoadReport = { version: 1, status: 'ok', library: '/l.so', missingSymbols: [], staleSymbols: [], probes: [], leaks: [], notes: [], stderr: '', totalMs: 1,
      hostStubs: { library: '/s.so', functions: [{ symbol: 'host_log', declaredAt: 'src/lib.rs:6', calls: 1, arguments: [['"<img src=x onerror=alert(1)>"']] }] } };
    const page = reportHtml(report, { nonce: 'n', cspSource: 'c' });
    assert.match(page, /Host functions \(stubbed\)/);
    assert.ok(page.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(!page.includes('<img src=x'));
  });
});
