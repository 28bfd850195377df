// What the WASM kernel tests share: seeded test data, running a case to plain arrays, counting
// WASM buffers, and comparing float outputs within float32 tolerance.
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../../../kernel-helpers/src/random';

/** A test case: builds its inputs and returns the op's output(s). */
export type Case = () => tf.Tensor | tf.Tensor[];
/** One output as plain data. */
export interface Output {
  shape: number[];
  dtype: tf.DataType;
  values: Float32Array | Int32Array | Uint8Array | string[];
}

/** Deterministic test data: `n` normal floats from a fixed seed. */
export function data(n: number, seedValue: number): Float32Array {
  return new Rng(seedValue).normalArray(n);
}

/** Runs `fn` and returns its outputs as plain arrays, disposing everything it made. */
export function run(fn: Case): Output[] {
  return tf.tidy(() => {
    const out = fn();
    return (Array.isArray(out) ? out : [out]).map((t) => ({ shape: t.shape, dtype: t.dtype, values: t.dataSync() as Output['values'] }));
  });
}

/** Buffers the current (WASM) backend holds. */
export function wasmBuffers(): number {
  return (tf.backend() as unknown as { numDataIds(): number }).numDataIds();
}

/** Runs `fn` (see {@link run}) and checks that it leaked neither tensors nor backend buffers. */
export function runWithoutLeaks(fn: Case): Output[] {
  const tensorsBefore = tf.memory().numTensors;
  const buffersBefore = wasmBuffers();
  const outputs = run(fn);
  assert.equal(tf.memory().numTensors, tensorsBefore, 'no tensor leaked');
  assert.equal(wasmBuffers(), buffersBefore, 'no wasm buffer leaked');
  return outputs;
}

/**
 * Checks that float outputs agree in shape and, element by element, within `rtol` times the
 * largest magnitude of each expected output (at least 1): a reordered float32 sum differs from
 * another order by a few ulps of its largest terms.
 *
 * @param options.nanEqual NaN on both sides counts as equal (ops whose domain ends, like log).
 */
export function assertCloseOutputs(actual: Output[], expected: Output[], rtol: number, options: { nanEqual?: boolean } = {}): void {
  for (let k = 0; k < expected.length; k++) {
    assert.deepEqual(actual[k].shape, expected[k].shape, `output ${k} shape`);
    const e = expected[k].values as ArrayLike<number>;
    const a = actual[k].values as ArrayLike<number>;
    let scale = 1;
    for (let i = 0; i < e.length; i++) scale = Math.max(scale, Math.abs(e[i]));
    for (let i = 0; i < e.length; i++) {
      const bothNaN = options.nanEqual === true && Number.isNaN(a[i]) && Number.isNaN(e[i]);
      if (!(Math.abs(a[i] - e[i]) <= rtol * scale) && !bothNaN) {
        assert.fail(`output ${k}[${i}]: wasm ${a[i]} vs cpu ${e[i]} (tolerance ${rtol * scale})`);
      }
    }
  }
}
