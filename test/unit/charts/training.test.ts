import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trainingCurves } from '../../../kernel-helpers/src/charts/training';
import { paletteEntry } from '../../../kernel-helpers/src/charts/theme';
import { compileWarnings, plain } from './spec-helpers';

const steps = Array.from({ length: 20 }, (_, step) => ({ step, epoch: Math.floor(step / 10), loss: 2 / (step + 1), lr: 1e-3 }));
const epochs = [
  { epoch: 0, loss: 1, trainAcc: 0.5, valAcc: 0.45, valLoss: 1, lr: 1e-3 },
  { epoch: 1, loss: 0.5, trainAcc: 0.7, valAcc: NaN, valLoss: NaN, lr: 1e-3 },
];

test('step records feed the loss panel, epoch records the accuracy panel', () => {
  const spec = plain(trainingCurves([...steps, ...epochs], { title: 'Loss falls' }));
  assert.equal(spec.hconcat.length, 2);
  const [loss, acc] = spec.hconcat;
  assert.equal(loss.data.values.length, 20);
  assert.deepEqual(loss.data.values[3], { step: 3, loss: 0.5 });
  // NaN validation accuracy (no validation set) is skipped, not plotted.
  assert.deepEqual(acc.data.values, [
    { epoch: 0, split: 'train', accuracy: 0.5 },
    { epoch: 0, split: 'validation', accuracy: 0.45 },
    { epoch: 1, split: 'train', accuracy: 0.7 },
  ]);
  assert.deepEqual(acc.encoding.color.scale.range, [paletteEntry('split', 'train').color, paletteEntry('split', 'val').color]);
  assert.deepEqual(acc.encoding.y.scale.domain, [0, 1]);
  assert.deepEqual(compileWarnings(trainingCurves([...steps, ...epochs], { title: 't' })), []);
});

test('a panel without data is left out; long runs are averaged into maxLossPoints buckets', () => {
  assert.equal(plain(trainingCurves(steps, { title: 't' })).hconcat.length, 1);
  const many = Array.from({ length: 1000 }, (_, step) => ({ step, loss: step % 2 }));
  const values = plain(trainingCurves(many, { title: 't', maxLossPoints: 100 })).hconcat[0].data.values;
  assert.equal(values.length, 100);
  assert.deepEqual(values[0], { step: 4.5, loss: 0.5 });
});

test('a diverged loss and empty records are errors', () => {
  assert.throws(() => trainingCurves([{ step: 7, loss: NaN }], { title: 't' }), /records\[0\]\.loss is NaN at step 7; the run diverged/);
  assert.throws(() => trainingCurves([], { title: 't' }), /no loss point \(step \+ loss\) and no accuracy point/);
  assert.throws(() => trainingCurves([{ step: 1, loss: 0 }], { title: 't', lossScale: 'log' }), /log scale/);
});
