import * as tf from '@tensorflow/tfjs';

/** Numbers, typed arrays or tensors: anything the checks compare element by element. */
export type Numeric = number | ArrayLike<number> | tf.Tensor;

/** Flattens a {@link Numeric} to a plain Float64Array (reads a tensor's values; never disposes it). */
export function toFlatArray(value: Numeric, argument = 'value'): Float64Array {
  if (typeof value === 'number') return Float64Array.of(value);
  if (value instanceof tf.Tensor) {
    if (value.isDisposed) throw new Error(`${argument}: the tensor has been disposed`);
    return Float64Array.from(value.dataSync() as ArrayLike<number>);
  }
  if (value && typeof value === 'object' && typeof (value as ArrayLike<number>).length === 'number') {
    return Float64Array.from(value as ArrayLike<number>);
  }
  throw new TypeError(`${argument} must be a number, an array of numbers or a tensor, got ${typeof value}`);
}

function shapeOf(value: Numeric): number[] {
  if (typeof value === 'number') return [];
  if (value instanceof tf.Tensor) return value.shape;
  return [(value as ArrayLike<number>).length];
}

/** Both sides flattened, after checking that their shapes agree (a tensor of shape [2, 3] matches a plain array of 6). */
export function flatPair(actual: Numeric, expected: Numeric): [Float64Array, Float64Array] {
  const a = toFlatArray(actual, 'actual');
  const e = toFlatArray(expected, 'expected');
  if (a.length !== e.length) {
    throw new Error(`shape mismatch: actual has shape [${shapeOf(actual)}] (${a.length} values), expected has shape [${shapeOf(expected)}] (${e.length} values)`);
  }
  if (actual instanceof tf.Tensor && expected instanceof tf.Tensor && !tf.util.arraysEqual(actual.shape, expected.shape)) {
    throw new Error(`shape mismatch: actual [${actual.shape}] vs expected [${expected.shape}]`);
  }
  return [a, e];
}

/**
 * The maximum relative error used throughout CS231n's gradient checks:
 * `max |a - b| / max(1e-8, |a| + |b|)`, over all elements.
 *
 * Read it as the assignments do: below 1e-7 is excellent agreement for float64; in float32
 * (tfjs) expect 1e-6 to 1e-3, and above 1e-2 usually means a bug.
 * @returns 0 for two empty inputs; NaN if any element is NaN.
 */
export function relError(actual: Numeric, expected: Numeric): number {
  const [a, e] = flatPair(actual, expected);
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const err = Math.abs(a[i] - e[i]) / Math.max(1e-8, Math.abs(a[i]) + Math.abs(e[i]));
    if (Number.isNaN(err)) return NaN;
    if (err > worst) worst = err;
  }
  return worst;
}
