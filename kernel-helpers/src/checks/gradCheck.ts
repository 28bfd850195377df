import * as tf from '@tensorflow/tfjs';
import { relError } from './relError';

/** Options for {@link numericalGradient}. */
export interface NumericalGradientOptions {
  /** Step size of the centred difference (default 1e-3: float32 needs a larger step than float64's 1e-5). */
  h?: number;
  /** Check at most this many coordinates, chosen evenly (default: all). For big tensors. */
  maxCoordinates?: number;
}

/**
 * The centred-difference gradient of a scalar function, `(f(x + h e_i) - f(x - h e_i)) / 2h`, for
 * each coordinate `i` of `x` (CS231n's `eval_numerical_gradient`).
 *
 * @param f a function of one tensor returning a scalar tensor; it must not keep its input.
 * @param x the point, any shape; not modified or disposed.
 * @returns the numerical gradient, same shape as `x` (the caller disposes it), and the indices
 *   that were evaluated (others are 0).
 */
export function numericalGradient(
  f: (x: tf.Tensor) => tf.Scalar,
  x: tf.Tensor,
  options: NumericalGradientOptions = {},
): { grad: tf.Tensor; indices: number[] } {
  const { h = 1e-3, maxCoordinates = Infinity } = options;
  if (!(h > 0)) throw new RangeError(`numericalGradient: h must be > 0, got ${h}`);
  if (!(x instanceof tf.Tensor)) throw new TypeError('numericalGradient: x must be a tensor');
  if (x.size === 0) throw new RangeError('numericalGradient: x is empty');
  const base = Float32Array.from(x.dataSync() as ArrayLike<number>);
  const count = Math.min(base.length, Math.max(1, Math.floor(maxCoordinates)));
  const indices = Array.from({ length: count }, (_, k) => Math.floor((k * base.length) / count));
  const grad = new Float32Array(base.length);
  const evalAt = (values: Float32Array): number => {
    const out = tf.tidy(() => {
      const y = f(tf.tensor(values, x.shape, 'float32'));
      if (y.size !== 1) throw new Error(`numericalGradient: f must return a scalar, got shape [${y.shape}]`);
      return y;
    });
    const v = out.dataSync()[0];
    out.dispose();
    return v;
  };
  for (const i of indices) {
    const old = base[i];
    base[i] = old + h;
    const plus = evalAt(base);
    base[i] = old - h;
    const minus = evalAt(base);
    base[i] = old;
    grad[i] = (plus - minus) / (2 * h);
  }
  return { grad: tf.tensor(grad, x.shape, 'float32'), indices };
}

/** The result of {@link gradCheck}. */
export interface GradCheckResult {
  /** Max relative error between analytic and numerical gradient over the checked coordinates. */
  relError: number;
  /** How many coordinates were checked. */
  checked: number;
}

/**
 * Compares an analytic gradient with the numerical one at the same coordinates.
 * @param f scalar function of `x`.
 * @param x point of evaluation.
 * @param analyticGrad the gradient you derived, same shape as `x`.
 */
export function gradCheck(
  f: (x: tf.Tensor) => tf.Scalar,
  x: tf.Tensor,
  analyticGrad: tf.Tensor,
  options: NumericalGradientOptions = {},
): GradCheckResult {
  if (!tf.util.arraysEqual(x.shape, analyticGrad.shape)) {
    throw new Error(`gradCheck: analyticGrad has shape [${analyticGrad.shape}] but x has shape [${x.shape}]`);
  }
  const { grad, indices } = numericalGradient(f, x, options);
  const numeric = grad.dataSync();
  grad.dispose();
  const analytic = analyticGrad.dataSync();
  const a = indices.map((i) => analytic[i]);
  const n = indices.map((i) => numeric[i]);
  return { relError: relError(a, n), checked: indices.length };
}
