// The scheduler without a debounce (issue 17): the server's delay 0 analyses an edit at once, a newer edit makes the
// run in flight stale and runs again after it, and nothing ever runs twice at a time or queues up.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AnalysisScheduler } from '../../server/src/lsp/analysisScheduler';

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

test('delay 0: an edit is analysed within the next turns, with no timer; a burst of edits is analysed once', async () => {
  const runs: string[] = [];
  const scheduler = new AnalysisScheduler(0, async (file) => void runs.push(file), (_, error) => assert.fail(String(error)));
  scheduler.markEdited();
  scheduler.schedule('a.rs');
  scheduler.markEdited();
  scheduler.schedule('a.rs');
  assert.equal(scheduler.isIdle(), false, 'a run is on its way');
  await turn();
  assert.deepEqual(runs, ['a.rs'], 'one run for the burst, started in the next turn (no debounce timer)');
  await scheduler.whenIdle();
  assert.deepEqual(runs, ['a.rs']);
});

test('delay 0: an edit during a run makes it stale; the file runs again after it, never two at a time', async () => {
  const events: string[] = [];
  const finishers: (() => void)[] = [];
  let inFlight = 0;
  const scheduler = new AnalysisScheduler(
    0,
    async (file, isCurrent) => {
      inFlight++;
      assert.equal(inFlight, 1, 'only one run in flight');
      events.push(`start ${file}`);
      await new Promise<void>((resolve) => finishers.push(resolve));
      events.push(`end ${file} ${isCurrent() ? 'current' : 'stale'}`);
      inFlight--;
    },
    (_, error) => assert.fail(String(error)),
  );
  scheduler.markEdited();
  scheduler.schedule('a.rs');
  while (events.length === 0) await turn();
  // Three keystrokes while the first run is in flight: one more run, after it.
  for (let i = 0; i < 3; i++) {
    scheduler.markEdited();
    scheduler.schedule('a.rs');
    await turn();
  }
  assert.deepEqual(events, ['start a.rs'], 'the edits wait for the run in flight');
  finishers.shift()!();
  while (events.length < 3) await turn();
  assert.deepEqual(events, ['start a.rs', 'end a.rs stale', 'start a.rs']);
  finishers.shift()!();
  await scheduler.whenIdle();
  assert.deepEqual(events, ['start a.rs', 'end a.rs stale', 'start a.rs', 'end a.rs current']);
  assert.equal(finishers.length, 0, 'typing queued no further runs');
});

test('delay 0: stop cancels a run that has not started yet', async () => {
  const scheduler = new AnalysisScheduler(0, async () => assert.fail('nothing runs'), () => undefined);
  scheduler.schedule('a.rs');
  await scheduler.stop();
  await turn();
  assert.ok(scheduler.isIdle());
});
