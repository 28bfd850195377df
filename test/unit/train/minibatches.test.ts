import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { minibatchIndices, gatherBatch, accuracy } from '../../../kernel-helpers/src/train';
import { initBackend } from '../../../kernel-helpers/src/backend';
import { Rng } from '../../../kernel-helpers/src/random';

before(async () => {
  await initBackend();
});

test('minibatches cover every example once, shuffled by the rng', () => {
  const batches = minibatchIndices(10, { batchSize: 4, rng: new Rng(1) });
  assert.deepEqual(batches.map((b) => b.length), [4, 4, 2]);
  const all = batches.flatMap((b) => Array.from(b)).sort((a, b) => a - b);
  assert.deepEqual(all, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.deepEqual(minibatchIndices(10, { batchSize: 4, dropLast: true }).map((b) => Array.from(b)), [[0, 1, 2, 3], [4, 5, 6, 7]]);
});

test('minibatchIndices rejects bad sizes', () => {
  assert.throws(() => minibatchIndices(0, { batchSize: 4 }), /numExamples must be a positive integer/);
  assert.throws(() => minibatchIndices(10, { batchSize: 0 }), /batchSize must be a positive integer/);
});

test('gatherBatch takes the rows, accuracy counts argmax hits, neither leaks', () => {
  const X = tf.tensor2d([[1, 0], [0, 1], [1, 1]]);
  const y = tf.tensor1d([0, 1, 1], 'int32');
  const before = tf.memory().numTensors;
  const b = gatherBatch(X, y, Int32Array.from([2, 0]));
  assert.deepEqual(Array.from(b.X.dataSync()), [1, 1, 1, 0]);
  assert.deepEqual(Array.from(b.y.dataSync()), [1, 0]);
  tf.dispose([b.X, b.y]);
  assert.equal(accuracy(tf.tensor2d([[2, 1], [0, 3], [5, 1]]), y), 2 / 3);
  assert.equal(tf.memory().numTensors, before + 1); // the literal scores tensor above
  assert.throws(() => gatherBatch(X, tf.zeros([2]), Int32Array.from([0])), /X has 3 rows but y has 2/);
  assert.throws(() => accuracy(tf.zeros([3]), y), /scores must be \[N, C\]/);
  assert.throws(() => accuracy(tf.zeros([2, 2]), y), /y must be \[N\] with N = 2/);
});
