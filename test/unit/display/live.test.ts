import { test } from 'node:test';
import assert from 'node:assert/strict';
import { liveChart } from '../../../kernel-helpers/src/display/live';
import { captureDisplays, type CapturedDisplays } from '../../../kernel-helpers/src/display/sink';
import { trainingCurves, type TrainingRecord } from '../../../kernel-helpers/src/charts';

/** A clock the test moves by hand. */
function fakeClock(): { now: () => number; set: (t: number) => void; advance: (dt: number) => void } {
  let t = 0;
  return { now: () => t, set: (v) => (t = v), advance: (dt) => (t += dt) };
}
const spec = (rows: readonly TrainingRecord[]) => trainingCurves(rows, { title: 'Loss falls', panelWidth: 120, panelHeight: 80 });
const chartMessages = (cap: CapturedDisplays, id: string) => cap.messages.filter((m) => m.message.transient.display_id === id);

async function withCapture(body: (cap: CapturedDisplays) => Promise<void>): Promise<void> {
  const cap = captureDisplays();
  try {
    await body(cap);
  } finally {
    cap.restore();
  }
}

test('a placeholder first, then in-place redraws at most every minIntervalMs, and always one at done()', () =>
  withCapture(async (cap) => {
    const clock = fakeClock();
    const live = liveChart({ spec, now: clock.now, minIntervalMs: 1000, scale: 1 });
    assert.equal(cap.messages.length, 1);
    const placeholder = cap.messages[0];
    assert.equal(placeholder.update, false);
    assert.match(String(placeholder.message.data['text/plain']), /waiting for the first data/);
    const id = placeholder.message.transient.display_id as string;

    for (let step = 0; step < 25; step++) {
      clock.set(step * 100); // 25 pushes over 2.4 s
      await live.push({ step, loss: 2 / (step + 1) });
    }
    // Draws at t = 0, 1000 and 2000 ms only.
    assert.equal(live.redraws, 3);
    await live.done();
    assert.equal(live.redraws, 4, 'done() always redraws');
    const updates = chartMessages(cap, id).slice(1);
    assert.equal(updates.length, 4);
    assert.ok(updates.every((m) => m.update), 'redraws are update_display_data');
    const last = updates[3].message;
    assert.deepEqual(Object.keys(last.data).sort(), ['application/vnd.vegalite.v5+json', 'image/png', 'text/plain']);
    const lossValues = (last.data['application/vnd.vegalite.v5+json'] as { hconcat: { data: { values: unknown[] } }[] }).hconcat[0].data.values;
    assert.equal(lossValues.length, 25, 'the final redraw has every row');
    await assert.rejects(live.push({ step: 99, loss: 1 }), /push after done\(\)/);
    await live.done(); // a second done() is harmless
    assert.equal(live.redraws, 4);
  }));

test('everySteps counts pushes between redraws', () =>
  withCapture(async () => {
    const clock = fakeClock();
    const live = liveChart({ spec, now: clock.now, everySteps: 5, minIntervalMs: 0, scale: 1 });
    for (let step = 0; step < 12; step++) {
      clock.advance(10);
      await live.push([{ step, loss: 1 }]);
    }
    assert.equal(live.redraws, 2); // after pushes 5 and 10
    await live.done();
    assert.equal(live.redraws, 3);
    assert.equal(live.rows.length, 12);
  }));

test('a slow redraw stretches the interval so drawing stays under maxRenderShare', () =>
  withCapture(async () => {
    const clock = fakeClock();
    // Building the spec "takes" 500 ms: with share 0.2 the next redraw waits 2000 ms, not 1000.
    const slow = (rows: readonly TrainingRecord[]) => {
      clock.advance(500);
      return spec(rows);
    };
    const live = liveChart({ spec: slow, now: clock.now, minIntervalMs: 1000, maxRenderShare: 0.2, scale: 1 });
    await live.push({ step: 0, loss: 1 });
    assert.equal(live.redraws, 1);
    assert.equal(live.lastRenderMs, 500);
    clock.set(500 + 1500);
    await live.push({ step: 1, loss: 1 });
    assert.equal(live.redraws, 1, '1500 ms after the last draw is too soon');
    clock.set(500 + 2100);
    await live.push({ step: 2, loss: 1 });
    assert.equal(live.redraws, 2);
    await live.done();
  }));

test('the progress line is its own output, throttled, with the last text flushed at done()', () =>
  withCapture(async (cap) => {
    const clock = fakeClock();
    const live = liveChart({ spec, now: clock.now, progressIntervalMs: 250, scale: 1 });
    const texts = ['epoch 1', 'epoch 2', 'epoch 3', 'epoch 4'];
    const times = [0, 100, 300, 350];
    texts.forEach((t, i) => {
      clock.set(times[i]);
      live.progress(t);
    });
    const chartId = cap.messages[0].message.transient.display_id;
    const progress = () => cap.messages.filter((m) => m.message.transient.display_id !== chartId);
    assert.deepEqual(progress().map((m) => [m.message.data['text/plain'], m.update]), [['epoch 1', false], ['epoch 3', true]]);
    await live.done();
    assert.deepEqual(progress().at(-1)?.message.data, { 'text/plain': 'epoch 4' });
    assert.match(String(cap.messages.find((m) => m.message.transient.display_id === chartId && m.update)?.message.data['text/plain']), /no data was pushed/);
  }));

test('pushes that are not awaited do not start overlapping redraws', () =>
  withCapture(async () => {
    const clock = fakeClock();
    const live = liveChart({ spec, now: clock.now, minIntervalMs: 0, scale: 1 });
    const pending = [0, 1, 2, 3].map((step) => live.push({ step, loss: 1 }));
    await Promise.all(pending);
    assert.equal(live.redraws, 1, 'the first push draws; the others find it in flight');
    await live.done();
    assert.equal(live.redraws, 2);
  }));

test('options are checked', () => {
  assert.throws(() => liveChart({} as never), /option spec must be a function/);
  assert.throws(() => liveChart({ spec, everySteps: 1.5 }), /option everySteps must be a non-negative integer/);
  assert.throws(() => liveChart({ spec, maxRenderShare: 0 }), /option maxRenderShare must be in \(0, 1\]/);
});
