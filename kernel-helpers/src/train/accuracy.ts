import * as tf from '@tensorflow/tfjs';

/**
 * Classification accuracy, the fraction of rows whose highest score is the label.
 * @param scores `[N, C]` class scores (logits or probabilities).
 * @param y `[N]` integer labels.
 * @returns a number in [0, 1].
 */
export function accuracy(scores: tf.Tensor, y: tf.Tensor): number {
  if (scores.rank !== 2) throw new Error(`accuracy: scores must be [N, C], got shape [${scores.shape}]`);
  if (y.rank !== 1 || y.shape[0] !== scores.shape[0]) {
    throw new Error(`accuracy: y must be [N] with N = ${scores.shape[0]}, got shape [${y.shape}]`);
  }
  if (scores.shape[0] === 0) throw new RangeError('accuracy: scores is empty');
  const correct = tf.tidy(() => tf.sum(tf.cast(tf.equal(tf.argMax(scores, 1), tf.cast(y, 'int32')), 'float32')));
  const value = correct.dataSync()[0];
  correct.dispose();
  return value / scores.shape[0];
}
