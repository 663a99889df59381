// The loader does not trust its child (issue 20): a plugin writes forged messages on the loader's channel
// (fd 3) from inside a native call. Each forgery is a crash of that step, the parent survives, and nothing
// forged reaches the report.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { serialize } from 'node:v8';
import { encodeFrame } from '../../client/src/loader/channel';
import { requestFromPlan } from '../../client/src/loader/planRequest';
import type { LoadReport } from '../../client/src/loader/report';
import { runLoad } from '../../client/src/loader/runLoad';
import { tempDir } from '../support/engine';
import { buildFixture, fixturePlan, isRunning } from './fixturePlugins';

/** Loads the `forges` fixture, whose `plugin_forge` writes `bytes` to fd 3 and then `_exit(0)`s. */
async function forge(bytes: Buffer): Promise<LoadReport> {
  const library = buildFixture('forges');
  const file = path.join(tempDir(), 'forged.bin');
  writeFileSync(file, bytes);
  process.env.RPG_FORGE_FILE = file;
  try {
    const report = await runLoad({ library, ...requestFromPlan(await fixturePlan('forges')) });
    assert.equal(isRunning(report.childPid!), false);
    return report;
  } finally {
    delete process.env.RPG_FORGE_FILE;
  }
}

function assertForgeryCrash(report: LoadReport, why: RegExp): void {
  assert.equal(report.status, 'crashed', JSON.stringify(report, null, 1));
  assert.equal(report.crash?.kind, 'protocol');
  assert.equal(report.crash?.step, 'call plugin_forge');
  assert.match(report.crash?.message ?? '', why);
  assert.match(report.crash?.message ?? '', / during call plugin_forge; it was killed/);
  // What ran before the forgery stands; the forging call is the culprit, not "ok".
  assert.deepEqual(report.probes.map((p) => [p.name, p.status, p.value]), [['plugin_version', 'ok', 7], ['plugin_forge', 'crashed', undefined]]);
}

const frame = (message: unknown) => encodeFrame(message);

describe('forged loader messages', () => {
  test('an "ok" for the probe that never returned, then "done": rejected (no token of the step)', async () => {
    const forged = Buffer.concat([
      frame({ type: 'probe', result: { name: 'plugin_forge', declaration: 'uint32_t plugin_forge(void)', status: 'ok', value: 1, ms: 0.01 }, token: 'guess' }),
      frame({ type: 'done', token: 'guess' }),
    ]);
    assertForgeryCrash(await forge(forged), /a `probe` message without the token of the current step/);
  });

  test('a step that is not in the plan: rejected', async () => {
    const report = await forge(frame({ type: 'step-start', step: { id: 4, label: 'call system', functions: ['system'] } }));
    assertForgeryCrash(report, /step `call system` where the result of `plugin_forge` was due/);
  });

  test('bytes that are not a serialized message: rejected, and the parent process survives', async () => {
    const body = Buffer.from([0xff, 0x0f, 0x99, 0x42, 0x42]);
    const head = Buffer.alloc(4);
    head.writeUInt32BE(body.length);
    assertForgeryCrash(await forge(Buffer.concat([head, body])), /a frame that is not a serialized message/);
  });

  test('a frame announcing 4 GiB: rejected at once, nothing buffered', async () => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(0xffffffff);
    assertForgeryCrash(await forge(Buffer.concat([head, serialize({ type: 'done' })])), /a frame of 4294967295 bytes/);
  });

  test('markup in a forged value never reaches the report', async () => {
    const report = await forge(frame({ type: 'leak', result: { constructor: '<img src=x onerror=alert(1)>', measure: 'rss', verdict: 'ok', iterations: 1, roundBytesPerIteration: [], bytesPerIteration: '<b>0</b>' }, token: 'x' }));
    assertForgeryCrash(report, /a `leak` message without the token/);
    assert.doesNotMatch(JSON.stringify(report), /<img|<b>/);
  });
});
