import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import {
  initBackend,
  applyWasmLeanKernels,
  removeWasmLeanKernels,
  isWasmLeanKernelsApplied,
  WASM_LEAN_KERNELS,
} from '../../../kernel-helpers/src/backend';
import { wasmLeanKernelsHook } from '../../../kernel-helpers/src/backend/wasmLeanKernels';
import { Rng } from '../../../kernel-helpers/src/random';
import { assertCloseOutputs, data, run, runWithoutLeaks, wasmBuffers, type Case } from './support';

/**
 * Runs `fn` on wasm with the backend's stock kernels and with the lean ones: the outputs must be
 * bit-identical (the same C++ function on the same bytes), and the lean run must leak neither
 * tensors nor WASM buffers. Leaves the lean kernels applied.
 */
async function expectSameAsStock(fn: Case): Promise<void> {
  await initBackend({ prefer: ['wasm'] });
  removeWasmLeanKernels();
  const expected = run(fn);
  applyWasmLeanKernels();
  assert.ok(isWasmLeanKernelsApplied());
  const actual = runWithoutLeaks(fn);
  assert.equal(actual.length, expected.length);
  for (let k = 0; k < expected.length; k++) {
    assert.deepEqual(actual[k].shape, expected[k].shape, `output ${k} shape`);
    assert.equal(actual[k].dtype, expected[k].dtype, `output ${k} dtype`);
    assert.deepEqual(Array.from(actual[k].values as ArrayLike<number>), Array.from(expected[k].values as ArrayLike<number>), `output ${k} values`);
  }
}

/** As the fast path's tests: `fn` on cpu and on wasm (lean kernels applied) agree within float32 tolerance. */
async function expectSameAsCpu(fn: Case, rtol = 2e-5): Promise<void> {
  await initBackend({ prefer: ['cpu'] });
  const expected = run(fn);
  await initBackend({ prefer: ['wasm'] });
  assert.ok(isWasmLeanKernelsApplied(), 'initBackend applied the lean kernels for wasm');
  assertCloseOutputs(run(fn), expected, rtol, { nanEqual: true });
}

/** Shape pairs covering equal shapes, every broadcast direction, scalars, rank 3 and zero size. */
const SHAPES: [number[], number[]][] = [
  [[10], [10]],
  [[4, 6], [6]],
  [[4, 1], [1, 5]],
  [[], [3, 2]],
  [[3, 2], []],
  [[], []],
  [[2, 3, 4], [3, 1]],
  [[0, 3], [3]],
];

test('every lean binary kernel gives bit-identical results to the stock one, for each dtype and broadcast', async () => {
  const floatOps: [string, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor][] = [
    ['Add', tf.add], ['Sub', tf.sub], ['Multiply', tf.mul], ['RealDiv', tf.div], ['Maximum', tf.maximum],
    ['Minimum', tf.minimum], ['SquaredDifference', tf.squaredDifference], ['Pow', tf.pow], ['FloorDiv', tf.floorDiv],
    ['Mod', tf.mod], ['Atan2', tf.atan2], ['Equal', tf.equal], ['NotEqual', tf.notEqual], ['Greater', tf.greater],
    ['GreaterEqual', tf.greaterEqual], ['Less', tf.less], ['LessEqual', tf.lessEqual],
  ];
  const intOps = floatOps.filter(([name]) => !['RealDiv', 'Pow', 'Atan2'].includes(name));
  const boolOps: [string, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor][] = [
    ['LogicalAnd', tf.logicalAnd], ['LogicalOr', tf.logicalOr], ['LogicalXor', tf.logicalXor], ['Equal', tf.equal],
  ];
  const covered = new Set<string>(['BitwiseAnd', 'Identity']); // both have their own tests below
  for (const [i, [sa, sb]] of SHAPES.entries()) {
    const size = (s: number[]) => s.reduce((p, q) => p * q, 1);
    // Positive floats keep Pow finite; ints in [1, 9] keep FloorDiv and Mod away from zero.
    const fa = Float32Array.from(data(size(sa), 100 + i), (v) => 1 + Math.abs(v));
    const fb = Float32Array.from(data(size(sb), 200 + i), (v) => 0.5 + Math.abs(v));
    const ia = Int32Array.from(fa, (v) => 1 + (Math.round(v * 7) % 9));
    const ib = Int32Array.from(fb, (v) => 1 + (Math.round(v * 5) % 9));
    const ba = Uint8Array.from(ia, (v) => v % 2);
    const bb = Uint8Array.from(ib, (v) => v % 3 === 0 ? 1 : 0);
    for (const [name, op] of floatOps) {
      covered.add(name);
      await expectSameAsStock(() => op(tf.tensor(fa, sa), tf.tensor(fb, sb)));
    }
    for (const [, op] of intOps) await expectSameAsStock(() => op(tf.tensor(ia, sa, 'int32'), tf.tensor(ib, sb, 'int32')));
    for (const [name, op] of boolOps) {
      covered.add(name);
      await expectSameAsStock(() => op(tf.tensor(ba, sa, 'bool'), tf.tensor(bb, sb, 'bool')));
    }
  }
  assert.deepEqual([...covered].sort(), [...WASM_LEAN_KERNELS].sort(), 'every lean kernel is tested');
});

test('lean BitwiseAnd (int32, equal shapes only) equals the stock kernel', async () => {
  const a = Int32Array.from({ length: 12 }, (_, i) => i * 37 - 100);
  const b = Int32Array.from({ length: 12 }, (_, i) => (i + 1) * 11);
  await expectSameAsStock(() => tf.bitwiseAnd(tf.tensor(a, [3, 4], 'int32'), tf.tensor(b, [3, 4], 'int32')));
});

test('lean arithmetic equals cpu, and broadcasting errors are still tfjs\'s own', async () => {
  const a = data(4 * 6, 1);
  const b = data(6, 2);
  await expectSameAsCpu(() => [
    tf.add(tf.tensor(a, [4, 6]), tf.tensor(b, [6])),
    tf.sub(tf.tensor(a, [4, 6]), tf.tensor(b, [6])),
    tf.mul(tf.tensor(a, [4, 6]), tf.tensor(b, [6])),
    tf.div(tf.tensor(a, [4, 6]), tf.tensor(b, [6])),
    tf.greater(tf.tensor(a, [4, 6]), 0),
  ]);
  await initBackend({ prefer: ['wasm'] });
  assert.throws(() => tf.add(tf.ones([2, 3]), tf.ones([4])), /broadcast/i);
});

test('lean binary kernels survive growth of the WASM heap between output allocation and call', async () => {
  await initBackend({ prefer: ['wasm'] });
  const wasm = (tf.backend() as unknown as { wasm: { HEAP32: Int32Array } }).wasm;
  // A large output makes the heap grow inside makeOutput, which replaces the HEAP32 view: the
  // shapes must be written into the new one. The heap only grows, so size the output past it.
  const rows = Math.ceil(wasm.HEAP32.buffer.byteLength / 4000) + 1000;
  const a = tf.fill([rows, 1000], 1.5);
  const b = tf.tensor1d(Float32Array.from({ length: 1000 }, (_, i) => i));
  const heapBefore = wasm.HEAP32.buffer;
  const c = tf.add(a, b);
  assert.notEqual(wasm.HEAP32.buffer, heapBefore, 'the heap grew during the add');
  const last = tf.gather(c, [rows - 1]);
  const row = last.dataSync();
  assert.equal(row[0], 1.5);
  assert.equal(row[999], 1000.5);
  tf.dispose([a, b, c, last]);
});

test('lean Identity shares the buffer: clones outlive their source, buffers are freed with the last reference', async () => {
  await initBackend({ prefer: ['wasm'] });
  assert.ok(isWasmLeanKernelsApplied());
  const buffersBefore = wasmBuffers();
  const x = tf.tensor([1, 2, 3, 4], [2, 2]);
  const y = tf.clone(x);
  assert.equal(wasmBuffers(), buffersBefore + 1, 'the clone has no buffer of its own');
  x.dispose();
  assert.deepEqual(Array.from(y.dataSync()), [1, 2, 3, 4], 'the clone outlives its source');
  const z = tf.add(y, 1); // a new buffer; the shared one is not written to
  assert.deepEqual(Array.from(y.dataSync()), [1, 2, 3, 4]);
  y.dispose();
  assert.equal(wasmBuffers(), buffersBefore + 1, 'the shared buffer was freed with its last tensor');
  z.dispose();
  assert.equal(wasmBuffers(), buffersBefore);
  // Strings are not on the heap: they go to the stock kernel.
  const s = tf.tensor(['a', 'bc']);
  const sc = tf.clone(s);
  assert.deepEqual(sc.dataSync(), ['a', 'bc']);
  tf.dispose([s, sc]);
  // Int and bool clones, through the same kernel.
  await expectSameAsStock(() => [tf.clone(tf.tensor([1, -2, 3], [3], 'int32')), tf.clone(tf.tensor([1, 0, 1], [3], 'bool'))]);
});

test('a variable assigned a clone keeps its value when the source is disposed', async () => {
  await initBackend({ prefer: ['wasm'] });
  const v = tf.variable(tf.zeros([3]));
  const src = tf.tensor([5, 6, 7]);
  v.assign(tf.clone(src) as tf.Tensor1D);
  src.dispose();
  assert.deepEqual(Array.from(v.dataSync()), [5, 6, 7]);
  v.dispose();
});

test('training steps (forward, tape, backward, SGD) give bit-identical losses with lean and stock kernels, and equal cpu', async () => {
  const batch = 64;
  const xs = data(batch * 784, 50);
  const labels = new Rng(51).permutation(batch).map((v) => v % 10);
  const w1 = data(784 * 50, 52).map((v) => v * 0.05);
  const w2 = data(50 * 10, 53).map((v) => v * 0.1);
  const trainRun = (): tf.Tensor => {
    const x = tf.tensor(xs, [batch, 784]);
    const y = tf.oneHot(tf.tensor1d(labels, 'int32'), 10);
    const params = [tf.variable(tf.tensor(w1, [784, 50])), tf.variable(tf.zeros([50])), tf.variable(tf.tensor(w2, [50, 10])), tf.variable(tf.zeros([10]))];
    const losses: tf.Tensor[] = [];
    for (let step = 0; step < 5; step++) {
      const { value, grads } = tf.variableGrads(() => {
        const [W1, b1, W2, b2] = params;
        const h = tf.relu(tf.add(tf.matMul(x, W1), b1));
        return tf.losses.softmaxCrossEntropy(y, tf.add(tf.matMul(h, W2), b2)) as tf.Scalar;
      }, params);
      for (const p of params) p.assign(tf.sub(p, tf.mul(grads[p.name], 0.5)));
      losses.push(value);
    }
    const out = tf.stack(losses);
    tf.dispose(params);
    return out;
  };
  await expectSameAsStock(trainRun);
  await expectSameAsCpu(trainRun);
});

test('applying is idempotent, removing restores the stock kernels, and the hook follows the backend', async () => {
  await initBackend({ prefer: ['wasm'] });
  assert.ok(isWasmLeanKernelsApplied());
  const lean = WASM_LEAN_KERNELS.map((n) => tf.getKernel(n, 'wasm'));
  assert.equal(applyWasmLeanKernels(), false, 'second apply changes nothing');
  assert.deepEqual(WASM_LEAN_KERNELS.map((n) => tf.getKernel(n, 'wasm')), lean, 'not wrapped twice');
  assert.equal(removeWasmLeanKernels(), true);
  assert.equal(isWasmLeanKernelsApplied(), false);
  const stock = WASM_LEAN_KERNELS.map((n) => tf.getKernel(n, 'wasm'));
  assert.ok(stock.every((config, i) => config !== lean[i]), 'stock configs are back');
  assert.equal(removeWasmLeanKernels(), false, 'second remove changes nothing');
  assert.equal(applyWasmLeanKernels(), true);
  await initBackend({ prefer: ['cpu'] });
  assert.equal(isWasmLeanKernelsApplied(), false, 'selecting cpu takes the lean kernels off');
  assert.throws(() => applyWasmLeanKernels(), /not 'wasm'/);
  wasmLeanKernelsHook('cpu'); // harmless when already off
  await initBackend({ prefer: ['wasm'] });
  assert.ok(isWasmLeanKernelsApplied(), 'selecting wasm again puts them back');
});
