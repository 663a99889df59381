// The scheduler's stop: what shutdown waits for before it frees the engine's parser.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AnalysisScheduler } from '../../server/src/lsp/analysisScheduler';

test('stop resolves only after the run in flight returned; nothing runs or is current after it', async () => {
  const events: string[] = [];
  let finish!: () => void;
  let current: (() => boolean) | undefined;
  const scheduler = new AnalysisScheduler(0, async (file, isCurrent) => {
    events.push(`start ${file}`);
    current = isCurrent;
    await new Promise<void>((resolve) => (finish = resolve));
    events.push(`end ${file}`);
  }, () => assert.fail('no error expected'));
  scheduler.schedule('a.rs');
  scheduler.schedule('b.rs');
  while (events.length === 0) await new Promise((resolve) => setImmediate(resolve));
  const stopped = scheduler.stop().then(() => events.push('stopped'));
  assert.equal(current?.(), false, 'the run in flight is told its results are stale');
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.deepEqual(events, ['start a.rs'], 'stop waits for the run');
  finish();
  await stopped;
  scheduler.schedule('c.rs');
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.deepEqual(events, ['start a.rs', 'end a.rs', 'stopped'], 'b.rs was dropped and c.rs never runs');
  assert.ok(scheduler.isIdle());
});

test('stop on an idle scheduler resolves at once', async () => {
  const scheduler = new AnalysisScheduler(50, async () => assert.fail('nothing runs'), () => undefined);
  await scheduler.stop();
  assert.ok(scheduler.isIdle());
});
