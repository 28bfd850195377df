import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import {
  initBackend,
  applyWasmFastPath,
  removeWasmFastPath,
  isWasmFastPathApplied,
  WASM_FAST_PATH_KERNELS,
} from '../../../kernel-helpers/src/backend';
import { planFastTranspose, wasmFastPathHook } from '../../../kernel-helpers/src/backend/wasmFastMatMul';
import { Rng } from '../../../kernel-helpers/src/random';
import { assertCloseOutputs, data, run, runWithoutLeaks, type Case } from './support';

const ORIGINAL = Symbol.for('kernel-helpers.wasmFastPath.original');

/**
 * Runs `fn` on the cpu backend and on wasm with the fast path, and checks shapes and values agree
 * within float32 tolerance (see assertCloseOutputs). Also checks that neither tensors nor wasm
 * buffers leak.
 */
async function expectSameAsCpu(fn: Case, rtol = 2e-5): Promise<void> {
  await initBackend({ prefer: ['cpu'] });
  const expected = run(fn);
  await initBackend({ prefer: ['wasm'] });
  assert.ok(isWasmFastPathApplied(), 'initBackend applied the fast path for wasm');
  const actual = runWithoutLeaks(fn);
  assert.equal(actual.length, expected.length);
  assertCloseOutputs(actual, expected, rtol);
}

test('planFastTranspose splits the output-innermost dim when it is a multiple of 128, and only then', () => {
  assert.deepEqual(planFastTranspose([256, 784], [1, 0]), { shape: [2, 128, 784], perm: [2, 0, 1] });
  assert.deepEqual(planFastTranspose([4, 256, 100], [0, 2, 1]), { shape: [4, 2, 128, 100], perm: [0, 3, 1, 2] });
  // Size-1 dims are dropped first, as the backend does.
  assert.deepEqual(planFastTranspose([1, 1024, 10], [0, 2, 1]), { shape: [2, 512, 10], perm: [2, 0, 1] });
  assert.deepEqual(planFastTranspose([256, 3, 6], [2, 1, 0]), { shape: [2, 128, 3, 6], perm: [3, 2, 0, 1] });
  assert.equal(planFastTranspose([100, 384, 6], [2, 1, 0]), null, 'the output-innermost dim (100) does not alias');
  assert.equal(planFastTranspose([1000, 500], [1, 0]), null, 'no aliasing at 1000');
  assert.equal(planFastTranspose([64, 784], [1, 0]), null, 'no aliasing at 64');
  assert.equal(planFastTranspose([256, 128, 3], [1, 0, 2]), null, 'innermost dim stays innermost');
  assert.equal(planFastTranspose([256, 1], [1, 0]), null, 'a vector');
  assert.equal(planFastTranspose([3, 256], [0, 1]), null, 'identity');
});

test('matMul with every transpose flag, direct and batched, equals cpu (fast route taken)', async () => {
  const cases: [number[], number[], boolean, boolean][] = [
    [[256, 784], [256, 100], true, false], // the weight gradient of the first layer at batch 256
    [[256, 100], [784, 100], false, true], // the input gradient
    [[784, 256], [100, 784], true, true],
    [[64, 30], [30, 20], false, false],
    [[1000, 50], [1000, 20], true, false], // non-aliasing batch
    [[3, 128, 40], [3, 128, 24], true, false], // batched
    [[2, 3, 64, 10], [24, 10], false, true], // broadcast batch dims
  ];
  await initBackend({ prefer: ['wasm'] });
  // Spy on the backend's own kernel: with the fast path it must only ever see plain layouts.
  const config = tf.getKernel('BatchMatMul', 'wasm') as tf.KernelConfig & { [ORIGINAL]?: tf.KernelConfig };
  const original = config[ORIGINAL];
  assert.ok(original, 'BatchMatMul is replaced');
  const realFunc = original.kernelFunc;
  const seenFlags: boolean[] = [];
  original.kernelFunc = (args) => {
    const attrs = args.attrs as { transposeA: boolean; transposeB: boolean };
    seenFlags.push(attrs.transposeA, attrs.transposeB);
    return realFunc(args);
  };
  try {
    for (const [i, [sa, sb, ta, tb]] of cases.entries()) {
      const da = data(sa.reduce((p, q) => p * q), 10 + i);
      const db = data(sb.reduce((p, q) => p * q), 20 + i);
      await expectSameAsCpu(() => tf.matMul(tf.tensor(da, sa), tf.tensor(db, sb), ta, tb));
    }
  } finally {
    original.kernelFunc = realFunc;
  }
  assert.ok(seenFlags.length >= cases.length * 2);
  assert.ok(seenFlags.every((f) => f === false), 'the wasm kernel never ran with a transpose flag');
});

test('gradients of matMul (which tfjs computes with transposed matMuls) equal cpu', async () => {
  const a = data(256 * 784, 1);
  const b = data(784 * 100, 2);
  const w = data(256 * 100, 3);
  await expectSameAsCpu(() => {
    const f = (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(tf.matMul(x, y), tf.tensor(w, [256, 100])));
    return tf.grads(f)([tf.tensor(a, [256, 784]), tf.tensor(b, [784, 100])]);
  });
});

test('fused matMul with transposes, bias and relu equals cpu, and so do its gradients', async () => {
  const a = data(128 * 64, 4);
  const b = data(32 * 128, 5);
  const bias = data(32, 6);
  await expectSameAsCpu(() => {
    const x = tf.tensor(a, [128, 64]);
    const y = tf.tensor(b, [32, 128]);
    const forward = tf.fused.matMul({ a: x, b: y, transposeA: true, transposeB: true, bias: tf.tensor(bias), activation: 'relu' });
    const [ga, gb] = tf.grads((p: tf.Tensor, q: tf.Tensor) =>
      tf.sum(tf.fused.matMul({ a: p as tf.Tensor2D, b: q as tf.Tensor2D, transposeA: true, transposeB: true, bias: tf.tensor(bias), activation: 'relu' })),
    )([x, y]);
    return [forward, ga, gb];
  });
});

test('transpose of aliasing and ordinary shapes, float32 and int32, equals cpu', async () => {
  const shapes: [number[], number[]][] = [
    [[256, 784], [1, 0]],
    [[1024, 100], [1, 0]],
    [[4, 128, 30], [0, 2, 1]],
    [[128, 3, 5], [2, 1, 0]],
    [[1, 256, 7], [2, 0, 1]],
    [[1000, 50], [1, 0]],
  ];
  for (const [i, [shape, perm]] of shapes.entries()) {
    const d = data(shape.reduce((p, q) => p * q), 30 + i);
    await expectSameAsCpu(() => tf.transpose(tf.tensor(d, shape), perm), 0);
    const ints = Int32Array.from(d, (v) => Math.round(v * 100));
    await expectSameAsCpu(() => tf.transpose(tf.tensor(ints, shape, 'int32'), perm), 0);
  }
});

test('reductions over leading axes (sum, mean, max, min, prod; keepDims) equal cpu', async () => {
  const d = data(256 * 100, 40);
  const d3 = data(2 * 128 * 12, 41);
  const small = Float32Array.from(data(256 * 3, 42), (v) => 1 + v / 100); // prod stays finite
  await expectSameAsCpu(() => {
    const x = tf.tensor(d, [256, 100]);
    const x3 = tf.tensor(d3, [2, 128, 12]);
    return [
      tf.sum(x, 0),
      tf.sum(x, 0, true),
      tf.mean(x, 0),
      tf.mean(x, -2, true),
      tf.max(x, 0),
      tf.min(x, 0),
      tf.prod(tf.tensor(small, [256, 3]), 0),
      tf.sum(x3, [0, 1]),
      tf.mean(x3, 1, true),
      tf.sum(x, 1), // innermost: handled by the backend as is
      tf.moments(x, 0).variance,
    ];
  });
});

test('a two-layer network training step (loss and all gradients) equals cpu', async () => {
  const batch = 256;
  const xs = data(batch * 784, 50);
  const labels = new Rng(51).permutation(batch).map((v) => v % 10);
  const w1 = data(784 * 100, 52).map((v) => v * 0.05);
  const w2 = data(100 * 10, 53).map((v) => v * 0.1);
  await expectSameAsCpu(() => {
    const x = tf.tensor(xs, [batch, 784]);
    const y = tf.oneHot(tf.tensor1d(labels, 'int32'), 10);
    const params = [tf.tensor(w1, [784, 100]), tf.zeros([100]), tf.tensor(w2, [100, 10]), tf.zeros([10])];
    const { value, grads } = tf.valueAndGrads((W1: tf.Tensor, b1: tf.Tensor, W2: tf.Tensor, b2: tf.Tensor) => {
      const h = tf.relu(tf.add(tf.matMul(x, W1), b1));
      return tf.losses.softmaxCrossEntropy(y, tf.add(tf.matMul(h, W2), b2)) as tf.Scalar;
    })(params);
    return [value, ...grads];
  });
});

test('applying is idempotent, removing restores the backend kernels, and the hook follows the backend', async () => {
  await initBackend({ prefer: ['wasm'] });
  assert.ok(isWasmFastPathApplied());
  const replaced = WASM_FAST_PATH_KERNELS.map((n) => tf.getKernel(n, 'wasm'));
  assert.equal(applyWasmFastPath(), false, 'second apply changes nothing');
  assert.deepEqual(WASM_FAST_PATH_KERNELS.map((n) => tf.getKernel(n, 'wasm')), replaced, 'not wrapped twice');

  const originals = replaced.map((k) => (k as tf.KernelConfig & { [ORIGINAL]: tf.KernelConfig })[ORIGINAL]);
  assert.equal(removeWasmFastPath(), true);
  assert.equal(isWasmFastPathApplied(), false);
  assert.deepEqual(WASM_FAST_PATH_KERNELS.map((n) => tf.getKernel(n, 'wasm')), originals, 'stock kernels back');
  assert.equal(removeWasmFastPath(), false);

  // tfjs-node cannot load on every machine, so drive the hook as initBackend would when it selects it.
  assert.equal(applyWasmFastPath(), true);
  wasmFastPathHook('tensorflow');
  assert.equal(isWasmFastPathApplied(), false, 'not applied when tfjs-node is in use');
  await initBackend({ prefer: ['cpu'] });
  assert.equal(isWasmFastPathApplied(), false, 'not applied when cpu is in use');
  await initBackend({ prefer: ['wasm'] });
  assert.equal(isWasmFastPathApplied(), true, 'applied again when wasm is selected');
});

test('shape errors still come from tfjs and name the caller’s flags', async () => {
  await initBackend({ prefer: ['wasm'] });
  const tensorsBefore = tf.memory().numTensors;
  assert.throws(
    () => tf.tidy(() => tf.matMul(tf.zeros([256, 3]), tf.zeros([4, 5]), true, false)),
    /inner shapes \(256\) and \(4\).*transposeA=true/,
  );
  assert.equal(tf.memory().numTensors, tensorsBefore);
});

test('gather (minibatch rows, columns, elements; int32 and bool; 2-D indices) equals cpu', async () => {
  const x = data(600 * 784, 60);
  const rows = Int32Array.from(new Rng(61).permutation(600).subarray(0, 256));
  const labels = Int32Array.from({ length: 600 }, (_, i) => (i * 7) % 10);
  await expectSameAsCpu(() => {
    const X = tf.tensor(x, [600, 784]);
    const idx = tf.tensor1d(rows, 'int32');
    return [
      tf.gather(X, idx),
      tf.gather(X, tf.tensor1d([3, 1, 3], 'int32'), 1),
      tf.gather(tf.tensor1d(labels, 'int32'), idx),
      tf.gather(tf.tensor(x.subarray(0, 24), [2, 3, 4]), tf.tensor2d([[2, 0], [1, 1]], [2, 2], 'int32'), 1),
      tf.cast(tf.gather(tf.greater(X, 0), idx), 'int32'),
      tf.gather(X, tf.tensor1d([], 'int32')),
    ];
  }, 0);
});

test('gather with an out-of-range index still raises tfjs’s error', async () => {
  await initBackend({ prefer: ['wasm'] });
  assert.throws(() => tf.tidy(() => tf.gather(tf.zeros([5, 2]), tf.tensor1d([0, 5], 'int32'))), /index value 5 is not in \[0, 4\]/);
});
