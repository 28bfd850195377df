import * as tf from '@tensorflow/tfjs';
import { Rng } from '../random';

/** Options for {@link minibatchIndices}. */
export interface MinibatchOptions {
  /** Examples per batch (a positive integer). */
  batchSize: number;
  /** Shuffles the order each epoch when given; without it batches come in dataset order. */
  rng?: Rng;
  /** Drop a last batch smaller than `batchSize` (default false). */
  dropLast?: boolean;
}

/**
 * The index sets of one epoch of minibatches over `numExamples` examples.
 * @returns an array of `Int32Array`s, each of length `batchSize` (the last may be shorter), ready for `tf.gather`.
 */
export function minibatchIndices(numExamples: number, options: MinibatchOptions): Int32Array[] {
  const { batchSize, rng, dropLast = false } = options;
  if (!Number.isInteger(numExamples) || numExamples <= 0) {
    throw new RangeError(`minibatchIndices: numExamples must be a positive integer, got ${numExamples}`);
  }
  if (!Number.isInteger(batchSize) || batchSize <= 0) {
    throw new RangeError(`minibatchIndices: batchSize must be a positive integer, got ${batchSize}`);
  }
  let order: Int32Array;
  if (rng) {
    order = rng.permutation(numExamples);
  } else {
    order = new Int32Array(numExamples);
    for (let i = 0; i < numExamples; i++) order[i] = i;
  }
  const batches: Int32Array[] = [];
  for (let start = 0; start < numExamples; start += batchSize) {
    const end = Math.min(start + batchSize, numExamples);
    if (dropLast && end - start < batchSize) break;
    batches.push(order.subarray(start, end));
  }
  return batches;
}

/**
 * Gathers rows `indices` of `X` and `y` into new tensors (the caller disposes them, or calls this inside `tf.tidy`).
 * @param X `[N, ...]` inputs. @param y `[N]` labels (or `[N, ...]` targets).
 */
export function gatherBatch<T extends tf.Tensor, U extends tf.Tensor>(X: T, y: U, indices: Int32Array): { X: T; y: U } {
  if (X.shape[0] !== y.shape[0]) {
    throw new Error(`gatherBatch: X has ${X.shape[0]} rows but y has ${y.shape[0]}`);
  }
  return tf.tidy(() => {
    const idx = tf.tensor1d(indices, 'int32');
    return { X: tf.gather(X, idx) as T, y: tf.gather(y, idx) as U };
  });
}
