import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend, applyWasmFastPath, removeWasmFastPath, isWasmFastPathApplied } from '../../../kernel-helpers/src/backend';
import { planSliceRuns, planStridedRuns } from '../../../kernel-helpers/src/backend/wasmFastSlice';
import { data, run, runWithoutLeaks, type Case } from './support';

const ORIGINAL = Symbol.for('kernel-helpers.wasmFastPath.original');
const SLICING_KERNELS = ['Slice', 'StridedSlice', 'SplitV', 'Unpack'];

function sizeOf(shape: number[]): number {
  return shape.reduce((p, q) => p * q, 1);
}

/** A tensor of `shape` and `dtype` with distinct values (so a misplaced element shows). */
function make(shape: number[], dtype: 'float32' | 'int32' | 'bool', seedValue: number): tf.Tensor {
  const d = data(sizeOf(shape), seedValue);
  if (dtype === 'float32') return tf.tensor(d, shape);
  if (dtype === 'int32') return tf.tensor(Int32Array.from(d, (v, i) => Math.round(v * 1000) + i), shape, 'int32');
  return tf.tensor(Uint8Array.from(d, (v) => (v > 0 ? 1 : 0)), shape, 'bool');
}

/**
 * Runs `fn` on wasm with the fast path and `reference` (default: `fn`) on the cpu backend, and
 * checks that shapes, dtypes and values are identical (slicing moves values, it computes none),
 * and that neither tensors nor wasm buffers leak.
 */
async function expectSameAsCpu(fn: Case, reference: Case = fn): Promise<void> {
  await initBackend({ prefer: ['cpu'] });
  const expected = run(reference);
  await initBackend({ prefer: ['wasm'] });
  assert.ok(isWasmFastPathApplied(), 'initBackend applied the fast path for wasm');
  const actual = runWithoutLeaks(fn);
  assert.equal(actual.length, expected.length, 'number of outputs');
  for (let k = 0; k < expected.length; k++) {
    assert.deepEqual(actual[k].shape, expected[k].shape, `output ${k} shape`);
    assert.equal(actual[k].dtype, expected[k].dtype, `output ${k} dtype`);
    assert.deepEqual(Array.from(actual[k].values as ArrayLike<number | string>), Array.from(expected[k].values as ArrayLike<number | string>), `output ${k} values`);
  }
}

test('planSliceRuns merges whole inner dimensions into one run and drops size-1 dimensions', () => {
  // A block of whole rows is one run.
  assert.deepEqual(planSliceRuns([50000, 784], [1000, 0], [200, 784]), { base: 1000 * 784, run: 200 * 784, counts: [], steps: [] });
  // A column band: one run of 10 per row.
  assert.deepEqual(planSliceRuns([50000, 784], [0, 300], [50000, 10]), { base: 300, run: 10, counts: [50000], steps: [784] });
  // Rank 3, a row range inside one matrix: dim 0 of size 1 only moves the base.
  assert.deepEqual(planSliceRuns([5, 6, 7], [2, 3, 0], [1, 2, 7]), { base: 2 * 42 + 3 * 7, run: 14, counts: [], steps: [] });
  assert.deepEqual(planSliceRuns([5, 6, 7], [1, 1, 2], [3, 4, 5]), { base: 42 + 7 + 2, run: 5, counts: [3, 4], steps: [42, 7] });
  assert.deepEqual(planSliceRuns([5, 6, 7], [0, 0, 0], [5, 6, 7]), { base: 0, run: 210, counts: [], steps: [] });
  assert.deepEqual(planSliceRuns([8], [3], [4]), { base: 3, run: 4, counts: [], steps: [] });
});

test('planStridedRuns: rows when the innermost stride is 1, single elements otherwise, backwards too', () => {
  // x[::2] of [6, 4]: 3 runs of 4, 8 elements apart.
  assert.deepEqual(planStridedRuns([6, 4], [0, 0], [6, 4], [2, 1]), { base: 0, run: 4, counts: [3], steps: [8], total: 12 });
  // x[:, 1::2]: single elements, 2 apart within a row, 4 apart across rows.
  assert.deepEqual(planStridedRuns([6, 4], [0, 1], [6, 4], [1, 2]), { base: 1, run: 1, counts: [6, 2], steps: [4, 2], total: 12 });
  // x[5, ::-3] as begin 5..6 (one row) and 3 backwards from the last column.
  assert.deepEqual(planStridedRuns([6, 4], [5, 3], [6, -1], [1, -3]), { base: 23, run: 1, counts: [2], steps: [-3], total: 2 });
  assert.equal(planStridedRuns([6, 4], [2, 0], [2, 4], [1, 2])?.total, 0, 'an empty range');
  assert.equal(planStridedRuns([6, 4], [0, 0], [7, 4], [2, 1]), null, 'row 6 would be outside');
});

test('slice of every rank 1-6, float32, int32 and bool, contiguous and strided, equals cpu', async () => {
  // [shape, begin, size]; -1 sizes, shorthand begin/size and zero sizes included.
  const cases: [number[], number | number[], number | number[] | undefined][] = [
    [[10], [3], [4]],
    [[10], 0, -1],
    [[10], 7, undefined],
    [[10], [10], [0]], // empty, at the very end
    [[600, 784], 0, 200], // rows, shorthand
    [[600, 784], [100, 0], [256, -1]],
    [[600, 784], [0, 300], [-1, 10]], // a column band
    [[600, 784], [0, 5], [-1, 1]], // one column
    [[600, 784], [0, 5], [-1, 64]],
    [[600, 784], [599, 783], [1, 1]],
    [[600, 784], [3, 0], [0, 784]], // empty
    [[600, 784], [0, 0], [600, 0]], // empty
    [[3, 5], [1], [1]], // begin and size for the leading dim only
    [[4, 6, 5], [1, 2, 0], [2, 3, -1]],
    [[4, 6, 5], [1, 0, 0], [2, -1, -1]], // whole inner matrices: one run
    [[4, 6, 5], [0, 1, 1], [4, 4, 3]],
    [[4, 6, 5], [3, 5, 4], [1, 1, 1]],
    [[4, 6, 5], [0, 0, 2], [4, 6, 0]],
    [[3, 4, 5, 6], [1, 1, 1, 1], [2, 2, 3, 4]],
    [[3, 4, 5, 6], [0, 2, 0, 0], [-1, 1, -1, -1]],
    [[2, 3, 2, 4, 3], [1, 0, 1, 1, 0], [1, 3, 1, 2, -1]], // rank 5: the stock kernel's generic path
    [[2, 3, 2, 4, 3], [0, 1, 0, 0, 1], [2, 2, 2, 4, 2]],
    [[2, 2, 3, 2, 3, 2], [1, 0, 1, 0, 1, 0], [1, 2, 2, 2, 2, 1]], // rank 6
  ];
  for (const dtype of ['float32', 'int32', 'bool'] as const) {
    for (const [i, [shape, begin, size]] of cases.entries()) {
      await expectSameAsCpu(() => tf.slice(make(shape, dtype, 100 + i), begin, size));
    }
  }
});

test('slice of string tensors (left to the stock kernel) equals cpu', async () => {
  const words = ['a', 'bb', 'ccc', 'dddd', 'e', 'ff', 'g', 'hh', 'iii', 'j', 'kk', 'l'];
  await expectSameAsCpu(() => [
    tf.slice(tf.tensor2d(words, [4, 3]), [1, 0], [2, -1]),
    tf.slice(tf.tensor2d(words, [4, 3]), [0, 1], [-1, 2]),
    tf.slice(tf.tensor1d(words), 5, 0),
  ]);
});

test('slice past the end raises tfjs’s error (the stock wasm kernel read past the input)', async () => {
  await initBackend({ prefer: ['wasm'] });
  const tensorsBefore = tf.memory().numTensors;
  assert.throws(() => tf.tidy(() => tf.slice(tf.tensor1d([1, 2, 3]), [2], [3])), /begin\[0\] \+ size\[0\] \(5\) would overflow input\.shape\[0\] \(3\)/);
  assert.throws(() => tf.tidy(() => tf.slice(tf.zeros([4, 5]), [0, 3], [2, 4])), /would overflow input\.shape\[1\] \(5\)/);
  assert.throws(() => tf.tidy(() => tf.slice(tf.zeros([4]), [-1], [2])), /does not support negative begin/);
  assert.equal(tf.memory().numTensors, tensorsBefore);
});

test('gradient of slice (and of a model reading a slice of its input) equals cpu', async () => {
  const x = data(60 * 30, 200);
  const w = data(20 * 7, 201);
  await expectSameAsCpu(() => {
    const X = tf.tensor(x, [60, 30]);
    const W = tf.tensor(w, [20, 7]);
    const W2 = tf.tensor(x.map((v) => v * v), [60, 30]);
    const g1 = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.slice(t, [10, 5], [20, 7]), W)))(X);
    const g2 = tf.grad((t: tf.Tensor) => tf.sum(tf.square(tf.slice(t, 40, 20))))(X);
    const g3 = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.concat(tf.split(tf.mul(t, 2), [10, 20], 1).reverse(), 1), W2)))(X);
    const g4 = tf.grad((t: tf.Tensor) => tf.sum(tf.stack(tf.unstack(tf.square(t)).slice(3, 9))))(X);
    return [g1, g2, g3, g4];
  });
});

test('stridedSlice (stride 1, leading-dim ranges, real strides, negative strides, masks) equals cpu for float32, int32 and bool', async () => {
  // [shape, begin, end, strides, beginMask, endMask, ellipsisMask, newAxisMask]
  type SS = [number[], number[], number[], number[], number?, number?, number?, number?];
  const cases: SS[] = [
    [[600, 784], [0], [200], [1]], // leading-dim range: a slice
    [[600, 784], [100, 300], [356, 310], [1, 1]], // stride 1 everywhere: a slice
    [[600, 784], [0, 0], [600, 784], [2, 1]], // every other row
    [[600, 784], [0, 3], [600, 784], [1, 7]], // every 7th column
    [[20, 30], [19, 29], [0, 0], [-1, -3]], // backwards
    [[20, 30], [0, 0], [0, 0], [1, 1], 3, 3], // masks: everything (identity)
    [[20, 30], [0, 0], [20, 30], [1, 1], 0, 0, 0, 1], // a new leading axis (identity data)
    [[20, 30], [0, 0], [20, 30], [2, 3], 0, 0, 0, 1], // a new leading axis, strided
    [[4, 6, 5], [1, 0, 1], [3, 6, 5], [1, 2, 2]],
    [[4, 6, 5], [0, 1], [4, 5], [1, 1], 0, 0, 1], // ellipsis: [..., 1:5]
    [[4, 6, 5], [0, 4], [4, 0], [1, -2], 0, 0, 1], // ellipsis, backwards
    [[4, 6, 5], [2, 0, 0], [2, 6, 5], [1, 1, 1]], // empty range
    [[4, 6, 5], [2, 0, 0], [2, 6, 5], [1, 2, 1]], // empty range, strided
    [[2, 3, 4, 5], [0, 0, 1, 0], [2, 3, 4, 5], [1, 1, 1, 2]],
  ];
  for (const dtype of ['float32', 'int32', 'bool'] as const) {
    for (const [i, [shape, begin, end, strides, bm, em, elm, nam]] of cases.entries()) {
      await expectSameAsCpu(() => tf.stridedSlice(make(shape, dtype, 300 + i), begin, end, strides, bm, em, elm, nam));
    }
  }
});

test('stridedSlice with shrinkAxisMask and a stride elsewhere takes the right elements (tfjs’s cpu and stock wasm do not)', async () => {
  // Reference: the same slice without shrinking on cpu (which gets that right), reshaped.
  const cases: [number[], number[], number[], number[], number, number[]][] = [
    [[20, 30], [5, 0], [6, 30], [1, 2], 1, [15]], // x[5, ::2]
    [[20, 30], [0, 4], [20, 5], [3, 1], 2, [7]], // x[::3, 4]
    [[4, 6, 5], [0, 2, 0], [4, 3, 5], [2, 1, 2], 2, [2, 3]], // x[::2, 2, ::2]
  ];
  for (const dtype of ['float32', 'int32', 'bool'] as const) {
    for (const [i, [shape, begin, end, strides, shrink, outShape]] of cases.entries()) {
      await expectSameAsCpu(
        () => tf.stridedSlice(make(shape, dtype, 350 + i), begin, end, strides, 0, 0, 0, 0, shrink),
        () => tf.reshape(tf.stridedSlice(make(shape, dtype, 350 + i), begin, end, strides), outShape),
      );
    }
  }
});

test('split (counts, sizes, -1, every axis) equals cpu for float32, int32 and bool', async () => {
  for (const dtype of ['float32', 'int32', 'bool'] as const) {
    await expectSameAsCpu(() => {
      const x = make([600, 784], dtype, 400);
      const y = make([4, 6, 10], dtype, 401);
      return [
        ...tf.split(x, 3),
        ...tf.split(x, [100, 0, -1]),
        ...tf.split(x, [384, 400], 1),
        ...tf.split(y, 2, 1),
        ...tf.split(y, [3, 3, 4], -1),
        ...tf.split(y, 1, 0),
      ];
    });
  }
});

test('unstack (every axis) equals cpu for float32, int32 and bool, and for strings', async () => {
  for (const dtype of ['float32', 'int32', 'bool'] as const) {
    await expectSameAsCpu(() => {
      const x = make([50, 784], dtype, 500);
      const y = make([3, 4, 5], dtype, 501);
      return [...tf.unstack(x), ...tf.unstack(tf.slice(x, [0, 0], [50, 12]), 1), ...tf.unstack(y, 1), ...tf.unstack(y, -1), ...tf.unstack(make([0, 3], dtype, 502), 1)];
    });
  }
  await expectSameAsCpu(() => tf.unstack(tf.tensor2d(['a', 'b', 'c', 'd', 'e', 'f'], [3, 2])));
});

test('slices stay right when allocating their output grows the WASM heap (views taken after allocation)', async () => {
  await initBackend({ prefer: ['wasm'] });
  const backend = tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } };
  const rows = 2000;
  const cols = 784;
  const values = data(rows * cols, 600);
  const X = tf.tensor(values, [rows, cols]);
  const kept: tf.Tensor[] = [];
  let grew = 0;
  try {
    // Each output is nearly as large as X; keep them alive until the heap has grown during a slice.
    for (let k = 0; k < 64 && grew < 2; k++) {
      const before = backend.wasm.HEAPU8.buffer;
      const out = k % 2 === 0 ? tf.slice(X, [0, 1], [rows, cols - 2]) : tf.slice(X, 1, rows - 1);
      if (backend.wasm.HEAPU8.buffer !== before) grew++;
      kept.push(out);
      const got = out.dataSync();
      const [c0, width, r0] = k % 2 === 0 ? [1, cols - 2, 0] : [0, cols, 1];
      for (let r = 0; r < out.shape[0]; r += 97) {
        for (let c = 0; c < width; c += 13) {
          if (got[r * width + c] !== values[(r + r0) * cols + c + c0]) assert.fail(`slice ${k}: [${r}, ${c}] wrong after heap growth`);
        }
      }
    }
  } finally {
    tf.dispose([X, ...kept]);
  }
  assert.ok(grew > 0, 'the heap grew during at least one slice');
});

/** Runs `fn` on the wasm backend, counting the backend's readSync calls (dataSync makes one). */
function countingReads<T>(fn: () => T): { result: T; reads: number } {
  const backend = tf.backend() as unknown as { readSync(dataId: object): unknown };
  const realReadSync = backend.readSync;
  let reads = 0;
  backend.readSync = function (this: unknown, ...args: unknown[]) {
    reads++;
    return (realReadSync as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof backend.readSync;
  try {
    return { result: fn(), reads };
  } finally {
    backend.readSync = realReadSync;
  }
}

test('removing the fast path restores the stock slicing kernels, applying puts the replacements back', async () => {
  await initBackend({ prefer: ['wasm'] });
  const replaced = SLICING_KERNELS.map((n) => tf.getKernel(n, 'wasm') as tf.KernelConfig & { [ORIGINAL]?: tf.KernelConfig });
  for (const [i, k] of replaced.entries()) assert.ok(k[ORIGINAL], `${SLICING_KERNELS[i]} is replaced`);
  const stockConfigs = replaced.map((k) => k[ORIGINAL]);
  const x = make([300, 40], 'float32', 700);
  const sliceValues = () => Array.from(tf.tidy(() => tf.slice(x, [7, 3], [100, 20]).dataSync()));
  try {
    const fast = countingReads(sliceValues);
    assert.equal(fast.reads, 1, 'the replacement reads nothing out of the heap (only dataSync does)');
    assert.equal(removeWasmFastPath(), true);
    assert.deepEqual(SLICING_KERNELS.map((n) => tf.getKernel(n, 'wasm')), stockConfigs, 'stock kernels back');
    const stock = countingReads(sliceValues);
    assert.equal(stock.reads, 2, 'the stock kernel reads its whole input out of the heap first');
    assert.deepEqual(fast.result, stock.result, 'fast and stock slices agree bit for bit');
    assert.equal(applyWasmFastPath(), true);
    const again = SLICING_KERNELS.map((n) => tf.getKernel(n, 'wasm') as tf.KernelConfig & { [ORIGINAL]?: tf.KernelConfig });
    assert.deepEqual(again.map((k) => k[ORIGINAL]), stockConfigs, 'replaced again, wrapping the stock kernels (not a wrapper)');
    assert.equal(countingReads(sliceValues).reads, 1);
  } finally {
    applyWasmFastPath();
    x.dispose();
  }
});
