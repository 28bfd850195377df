import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../kernel-helpers/src/backend';
import { Standardizer } from '../../../kernel-helpers/src/data/standardizer';

before(async () => {
  await initBackend();
});

const close = (actual: ArrayLike<number>, expected: number[], tol = 1e-5) => {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) assert.ok(Math.abs(actual[i] - expected[i]) <= tol, `[${i}] ${actual[i]} vs ${expected[i]}`);
};

test('per feature: mean and population std over axis 0; transformed training data has mean 0, std 1', () => {
  const before = tf.memory().numTensors;
  const Xtrain = tf.tensor2d([
    [1, 10],
    [3, 30],
    [5, 20],
    [7, 40],
  ]);
  const scaler = new Standardizer().fit(Xtrain);
  close(scaler.mean.dataSync(), [4, 25]);
  // numpy: np.std([1, 3, 5, 7]) = sqrt(5); np.std([10, 30, 20, 40]) = sqrt(125).
  close(scaler.std.dataSync(), [Math.sqrt(5), Math.sqrt(125)]);
  const Z = scaler.transform(Xtrain);
  const { mean, variance } = tf.moments(Z, 0);
  close(mean.dataSync(), [0, 0]);
  close(variance.dataSync(), [1, 1]);
  // Validation data is scaled with the training statistics, not its own.
  const Xval = tf.tensor2d([[4, 25], [4 + Math.sqrt(5), 0]]);
  const Zval = scaler.transform(Xval);
  close(Zval.dataSync(), [0, 0, 1, -25 / Math.sqrt(125)]);
  const back = scaler.inverseTransform(Zval);
  close(back.dataSync(), Array.from(Xval.dataSync()), 1e-4);
  tf.dispose([Xtrain, Z, mean, variance, Xval, Zval, back]);
  scaler.dispose();
  assert.equal(tf.memory().numTensors, before, 'fit, transform and dispose leave no tensors behind');
});

test('per channel: statistics over every axis but the last, [N, H, W, C] → [C]', () => {
  const before = tf.memory().numTensors;
  // Channel 0 holds 0..7, channel 1 holds 100 + 2·(0..7).
  const values: number[] = [];
  for (let i = 0; i < 8; i++) values.push(i, 100 + 2 * i);
  const X = tf.tensor4d(values, [2, 2, 2, 2]);
  const scaler = new Standardizer({ per: 'channel' }).fit(X);
  assert.deepEqual(scaler.mean.shape, [2]);
  close(scaler.mean.dataSync(), [3.5, 107]);
  close(scaler.std.dataSync(), [Math.sqrt(5.25), 2 * Math.sqrt(5.25)]);
  // Any leading shape works as long as the channel count matches.
  const ones = tf.ones([3, 2]);
  const Z = scaler.transform(ones);
  const row = [(1 - 3.5) / Math.sqrt(5.25), (1 - 107) / (2 * Math.sqrt(5.25))];
  close(Z.dataSync(), [...row, ...row, ...row]);
  const fourChannels = X.reshape([2, 2, 4]);
  assert.throws(() => scaler.transform(fourChannels), /expected \[\.\.\., 2\]/);
  tf.dispose([X, Z, ones, fourChannels]);
  scaler.dispose();
  assert.equal(tf.memory().numTensors, before);
});

test('global: one scalar mean and std', () => {
  const X = tf.tensor2d([[0, 2], [4, 6]]);
  const scaler = new Standardizer({ per: 'global' }).fit(X);
  assert.deepEqual(scaler.mean.shape, []);
  close(scaler.mean.dataSync(), [3]);
  close(scaler.std.dataSync(), [Math.sqrt(5)]);
  tf.dispose(X);
  scaler.dispose();
});

test('a constant feature is centred, not divided by ~0 (std replaced by 1 at or below epsilon)', () => {
  const before = tf.memory().numTensors;
  const Xtrain = tf.tensor2d([[0, 1], [0, 3]]); // feature 0 is always 0, like a border pixel
  const scaler = new Standardizer().fit(Xtrain);
  close(scaler.std.dataSync(), [0, 1]);
  const Xtest = tf.tensor2d([[0.5, 2]]);
  const Z = scaler.transform(Xtest);
  close(Z.dataSync(), [0.5, 0]);
  assert.ok(Z.dataSync().every(Number.isFinite));
  // A larger epsilon treats small stds as constant too.
  const loose = new Standardizer({ epsilon: 2 }).fit(Xtrain);
  const Zl = loose.transform(Xtest);
  close(Zl.dataSync(), [0.5, 0]);
  tf.dispose([Xtrain, Xtest, Z, Zl]);
  scaler.dispose();
  loose.dispose();
  assert.equal(tf.memory().numTensors, before);
});

test('integer input is standardized as float32', () => {
  const X = tf.tensor2d([[0, 255], [255, 0]], [2, 2], 'int32');
  const scaler = new Standardizer().fit(X);
  const Z = scaler.transform(X);
  assert.equal(Z.dtype, 'float32');
  close(Z.dataSync(), [-1, 1, 1, -1]);
  tf.dispose([X, Z]);
  scaler.dispose();
});

test('refitting replaces the statistics without leaking; dispose is idempotent', () => {
  const a = tf.tensor2d([[1], [3]]);
  const b = tf.tensor2d([[10], [30]]);
  const before = tf.memory().numTensors;
  const scaler = new Standardizer().fit(a);
  const afterFit = tf.memory().numTensors;
  scaler.fit(b);
  assert.equal(tf.memory().numTensors, afterFit);
  close(scaler.mean.dataSync(), [20]);
  scaler.dispose();
  scaler.dispose();
  assert.equal(scaler.fitted, false);
  assert.equal(tf.memory().numTensors, before);
  tf.dispose([a, b]);
});

test('rejects NaN, Infinity, empty input, wrong shapes, and use before fit, leaking nothing', () => {
  const before = tf.memory().numTensors;
  const scaler = new Standardizer();
  const early = tf.zeros([1, 2]);
  assert.throws(() => scaler.transform(early), /Standardizer\.transform: call fit\(Xtrain\) first/);
  assert.throws(() => scaler.mean, /call fit\(Xtrain\) first/);
  const nan = tf.tensor2d([[1, NaN], [2, 3]]);
  assert.throws(() => scaler.fit(nan), /Standardizer\.fit: X \(shape \[2, 2\]\) contains NaN or Infinity/);
  const inf = tf.tensor2d([[1, Infinity]]);
  assert.throws(() => scaler.fit(inf), /contains NaN or Infinity/);
  const empty = tf.zeros([0, 3]);
  assert.throws(() => scaler.fit(empty), /Standardizer\.fit: X is empty \(shape \[0, 3\]\)/);
  const scalar = tf.scalar(1);
  assert.throws(() => scaler.fit(scalar), /leading example axis/);
  const vector = tf.tensor1d([1, 2]);
  assert.throws(() => new Standardizer({ per: 'channel' }).fit(vector), /per 'channel' needs X of rank >= 2/);
  assert.throws(() => scaler.fit([[1, 2]] as unknown as tf.Tensor), /X must be a tf\.Tensor/);
  assert.throws(() => new Standardizer({ per: 'pixel' as 'feature' }), /options\.per must be 'feature', 'channel' or 'global', got "pixel"/);
  assert.throws(() => new Standardizer({ epsilon: -1 }), /epsilon must be a finite number >= 0, got -1/);
  assert.equal(scaler.fitted, false);
  const X = tf.tensor2d([[1, 2, 3], [4, 5, 6]]);
  scaler.fit(X);
  const wrong = tf.zeros([2, 4]);
  assert.throws(() => scaler.transform(wrong), /X has shape \[2, 4\], expected \[M, 3\] \(fitted on \[2, 3\]\)/);
  tf.dispose([early, nan, inf, empty, scalar, vector, X, wrong]);
  scaler.dispose();
  assert.equal(tf.memory().numTensors, before);
});

test('global statistics stay accurate over tens of millions of values (no one-stage float32 drift)', () => {
  // 39.2M copies of 72.93: a one-stage float32 sum on WASM reports a mean several percent off;
  // two stages keep it within float32 accumulation over 50,000 rows (about 2e-4 relative).
  const X = tf.fill([50000, 784], 72.93);
  const s = new Standardizer({ per: 'global' }).fit(X);
  const mean = s.mean.dataSync()[0];
  const std = s.std.dataSync()[0];
  assert.ok(Math.abs(mean - 72.93) / 72.93 < 1e-3, `mean ${mean}`);
  assert.ok(std < 0.05, `std ${std}`);
  s.dispose();
  X.dispose();
});
