import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend, batchedMatMul } from '../../../kernel-helpers/src/backend';
import { Rng } from '../../../kernel-helpers/src/random';

/** Deterministic normal data of a shape. */
function normal(shape: [number, number, number], seedValue: number): tf.Tensor3D {
  const n = shape.reduce((p, d) => p * d, 1);
  return tf.tensor(new Rng(seedValue).normalArray(n), shape) as tf.Tensor3D;
}

/** max |a - b| / max(1, max |b|): a float32 reordered sum differs by a few ulps of its largest terms. */
function scaledMaxDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => {
    const diff = tf.max(tf.abs(tf.sub(a, b))).dataSync()[0];
    const scale = Math.max(1, tf.max(tf.abs(b)).dataSync()[0]);
    return diff / scale;
  });
}

const SHAPES: Array<[number, number, number, number]> = [
  [40, 50, 50, 50], // the lesson 04 sweep's hidden layer
  [40, 50, 50, 10], // its output layer
  [4, 400, 30, 30], // large enough for one product per entry (forward and both gradients)
  [3, 7, 5, 4], // small, all different
  [2, 1, 6, 3], // a single row
  [1, 8, 5, 4], // a stack of one (plain tf.matMul)
];

for (const backend of ['wasm', 'cpu'] as const) {
  test(`batchedMatMul equals tf.matMul in value and gradient on ${backend}`, async () => {
    await initBackend({ prefer: [backend] });
    for (const [K, N, D, M] of SHAPES) {
      const a = normal([K, N, D], 1);
      const b = normal([K, D, M], 2);
      const dy = normal([K, N, M], 3);
      const before = tf.memory().numTensors;
      const f = (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(batchedMatMul(x as tf.Tensor3D, y as tf.Tensor3D), dy));
      const g = (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(tf.matMul(x, y), dy));
      const got = batchedMatMul(a, b);
      const want = tf.matMul(a, b);
      const gotGrads = tf.grads(f)([a, b]);
      const wantGrads = tf.grads(g)([a, b]);
      assert.deepEqual(got.shape, [K, N, M]);
      assert.ok(scaledMaxDiff(got, want) < 1e-5, `value [${K},${N},${D},${M}]`);
      assert.ok(scaledMaxDiff(gotGrads[0], wantGrads[0]) < 1e-5, `dA [${K},${N},${D},${M}]`);
      assert.ok(scaledMaxDiff(gotGrads[1], wantGrads[1]) < 1e-5, `dB [${K},${N},${D},${M}]`);
      tf.dispose([got, want, ...gotGrads, ...wantGrads]);
      assert.equal(tf.memory().numTensors, before, 'no tensor leaked');
      tf.dispose([a, b, dy]);
    }
  });
}

test('batchedMatMul works under tf.variableGrads and leaks nothing', async () => {
  await initBackend({ prefer: ['wasm'] });
  const W = tf.variable(normal([4, 6, 3], 5));
  const h = normal([4, 10, 6], 6);
  const before = tf.memory().numTensors;
  const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(batchedMatMul(h, W))), [W]);
  const expected = tf.tidy(() => tf.mul(2, tf.matMul(h, tf.matMul(h, W), true, false)));
  assert.ok(scaledMaxDiff(grads[W.name], expected) < 1e-5);
  tf.dispose([value, grads[W.name], expected]);
  assert.equal(tf.memory().numTensors, before);
  tf.dispose([W, h]);
});

test('batchedMatMul rejects mismatched shapes, naming them', async () => {
  await initBackend({ prefer: ['wasm'] });
  const a = tf.zeros([2, 3, 4]) as tf.Tensor3D;
  const b1 = tf.zeros([3, 4, 5]) as tf.Tensor3D;
  const b2 = tf.zeros([2, 5, 5]) as tf.Tensor3D;
  const m = tf.zeros([3, 4]);
  assert.throws(() => batchedMatMul(a, b1), /stack sizes differ.*\[2,3,4\]/);
  assert.throws(() => batchedMatMul(a, b2), /inner dimensions differ/);
  assert.throws(() => batchedMatMul(m as unknown as tf.Tensor3D, a), /rank 3/);
  tf.dispose([a, b1, b2, m]);
});
