/**
 * Standardization (zero mean, unit variance) with statistics fitted on the training split only,
 * then applied unchanged to validation and test data: "any preprocessing statistics (e.g. the data
 * mean) must only be computed on the training data, and then applied to the validation / test
 * data" (CS231n notes, "Setting up the data and the model", Common pitfall).
 */
import * as tf from '@tensorflow/tfjs';

/**
 * Which axes share one mean and std:
 * - `'feature'`: one per feature; statistics over axis 0 only. `X` `[N, D]` gives mean `[D]`;
 *   images `[N, H, W]` give a mean image `[H, W]`.
 * - `'channel'`: one per channel, the last axis; statistics over every other axis.
 *   `X` `[N, H, W, C]` gives mean `[C]`.
 * - `'global'`: one mean and std for all values (a scalar).
 */
export type StandardizeOver = 'feature' | 'channel' | 'global';

/** Options for {@link Standardizer}. */
export interface StandardizerOptions {
  /** Which values share statistics. Default `'feature'`. */
  per?: StandardizeOver;
  /**
   * Standard deviations at or below this are replaced by 1, so a constant feature (a border
   * pixel that is 0 in every training image) is centred but not divided by ~0, which would blow
   * up any test value that differs. Default 1e-8.
   */
  epsilon?: number;
}

/**
 * The mean over `axes` (which always include the example axis 0), taken in two stages: over the
 * examples first, then over the remaining axes. A one-stage float32 reduction over tens of
 * millions of values accumulates sequentially on the WASM backend and drifts by several percent
 * (the global mean of the 60,000 Fashion-MNIST training images came out 75.6 instead of 72.9);
 * each stage here sums at most N or D values.
 */
function stagedMean(x: tf.Tensor, axes: number[]): tf.Tensor {
  const keepDims = true;
  const overExamples = tf.mean(x, 0, keepDims);
  const rest = axes.filter((a) => a !== 0);
  const m = rest.length ? tf.mean(overExamples, rest, keepDims) : overExamples;
  // Drop every reduced axis, as tf.moments does.
  return tf.squeeze(m, axes);
}

/**
 * Fits per-feature (or per-channel, or global) mean and standard deviation on training data and
 * applies (X − mean) / std to any data with the same feature shape.
 *
 * The std is the population std (divide by N, numpy's default). The statistics are float32
 * tensors owned by the standardizer: call {@link Standardizer.dispose} when done.
 *
 * @example
 * const scaler = new Standardizer().fit(Xtrain);   // Xtrain [N, D]
 * const XvalStd = scaler.transform(Xval);          // [M, D], caller disposes
 * scaler.dispose();
 */
export class Standardizer {
  readonly per: StandardizeOver;
  readonly epsilon: number;
  private meanTensor: tf.Tensor | null = null;
  private stdTensor: tf.Tensor | null = null;
  private scaleTensor: tf.Tensor | null = null;
  private fittedShape: number[] | null = null;

  constructor(options: StandardizerOptions = {}) {
    const per = options.per ?? 'feature';
    if (!['feature', 'channel', 'global'].includes(per)) {
      throw new RangeError(`Standardizer: options.per must be 'feature', 'channel' or 'global', got ${JSON.stringify(per)}`);
    }
    const epsilon = options.epsilon ?? 1e-8;
    if (!Number.isFinite(epsilon) || epsilon < 0) throw new RangeError(`Standardizer: options.epsilon must be a finite number >= 0, got ${epsilon}`);
    this.per = per;
    this.epsilon = epsilon;
  }

  /**
   * Computes mean and std of `X` (the training split) over the axes chosen by `per`, replacing
   * any earlier fit. `X` is not modified or disposed.
   *
   * @param X `[N, ...]` with N ≥ 1; rank ≥ 2 for `'channel'`.
   * @returns this, for chaining.
   * @throws when `X` is not a tensor, is empty, contains NaN or ±Infinity, or has too low a rank.
   */
  fit(X: tf.Tensor): this {
    if (!(X instanceof tf.Tensor)) throw new TypeError('Standardizer.fit: X must be a tf.Tensor');
    if (X.rank === 0) throw new RangeError('Standardizer.fit: X must have a leading example axis, got a scalar');
    if (X.size === 0) throw new RangeError(`Standardizer.fit: X is empty (shape [${X.shape.join(', ')}])`);
    if (this.per === 'channel' && X.rank < 2) throw new RangeError(`Standardizer.fit: per 'channel' needs X of rank >= 2, got shape [${X.shape.join(', ')}]`);
    const nonFinite = tf.tidy(() => tf.logicalNot(tf.all(tf.isFinite(X))));
    const bad = nonFinite.dataSync()[0];
    nonFinite.dispose();
    if (bad) throw new RangeError(`Standardizer.fit: X (shape [${X.shape.join(', ')}]) contains NaN or Infinity`);

    const axes = this.reductionAxes(X.rank);
    const [mean, std, scale] = tf.tidy(() => {
      const x = tf.cast(X, 'float32');
      const mean = stagedMean(x, axes);
      const std = tf.sqrt(stagedMean(tf.square(tf.sub(x, mean)), axes));
      const scale = tf.where(tf.greater(std, this.epsilon), std, tf.onesLike(std));
      return [mean, std, scale];
    });
    this.dispose();
    this.meanTensor = mean;
    this.stdTensor = std;
    this.scaleTensor = scale;
    this.fittedShape = X.shape.slice();
    return this;
  }

  /**
   * Standardizes `X` with the fitted statistics: (X − mean) / std, with std replaced by 1 where it
   * was ≤ epsilon.
   *
   * @param X same shape as the fitted data except the leading axis (for `'channel'`, any leading
   *   axes; only the last must match; for `'global'`, any shape).
   * @returns a new float32 tensor of `X`'s shape; the caller disposes it.
   * @throws when not fitted or when `X`'s feature shape differs from the fitted one.
   */
  transform(X: tf.Tensor): tf.Tensor {
    const { mean, scale } = this.stats('transform', X);
    return tf.tidy(() => tf.div(tf.sub(tf.cast(X, 'float32'), mean), scale));
  }

  /** The inverse of {@link transform}: X·std + mean (std replaced by 1 where it was ≤ epsilon). Caller disposes the result. */
  inverseTransform(X: tf.Tensor): tf.Tensor {
    const { mean, scale } = this.stats('inverseTransform', X);
    return tf.tidy(() => tf.add(tf.mul(tf.cast(X, 'float32'), scale), mean));
  }

  /** Fitted mean: `[D]` (or the feature shape) for `'feature'`, `[C]` for `'channel'`, a scalar for `'global'`. Owned by the standardizer. */
  get mean(): tf.Tensor {
    if (!this.meanTensor) throw new Error('Standardizer.mean: call fit(Xtrain) first');
    return this.meanTensor;
  }

  /** Fitted standard deviation (before the epsilon guard), same shape as {@link mean}. Owned by the standardizer. */
  get std(): tf.Tensor {
    if (!this.stdTensor) throw new Error('Standardizer.std: call fit(Xtrain) first');
    return this.stdTensor;
  }

  /** Whether {@link fit} has been called since construction or the last {@link dispose}. */
  get fitted(): boolean {
    return this.meanTensor !== null;
  }

  /** Frees the fitted statistics. Safe to call more than once; `fit` works again afterwards. */
  dispose(): void {
    this.meanTensor?.dispose();
    this.stdTensor?.dispose();
    this.scaleTensor?.dispose();
    this.meanTensor = this.stdTensor = this.scaleTensor = null;
    this.fittedShape = null;
  }

  private reductionAxes(rank: number): number[] {
    if (this.per === 'feature') return [0];
    if (this.per === 'channel') return Array.from({ length: rank - 1 }, (_, i) => i);
    return Array.from({ length: rank }, (_, i) => i);
  }

  private stats(fn: string, X: tf.Tensor): { mean: tf.Tensor; scale: tf.Tensor } {
    if (!this.meanTensor || !this.scaleTensor || !this.fittedShape) throw new Error(`Standardizer.${fn}: call fit(Xtrain) first`);
    if (!(X instanceof tf.Tensor)) throw new TypeError(`Standardizer.${fn}: X must be a tf.Tensor`);
    const fitted = this.fittedShape;
    let ok: boolean;
    let want: string;
    if (this.per === 'feature') {
      ok = X.rank === fitted.length && X.shape.slice(1).every((d, i) => d === fitted[i + 1]);
      want = `[M${fitted.slice(1).map((d) => `, ${d}`).join('')}]`;
    } else if (this.per === 'channel') {
      ok = X.rank >= 1 && X.shape[X.rank - 1] === fitted[fitted.length - 1];
      want = `[..., ${fitted[fitted.length - 1]}]`;
    } else {
      ok = true;
      want = 'any';
    }
    if (!ok) throw new RangeError(`Standardizer.${fn}: X has shape [${X.shape.join(', ')}], expected ${want} (fitted on [${fitted.join(', ')}])`);
    return { mean: this.meanTensor, scale: this.scaleTensor };
  }
}
