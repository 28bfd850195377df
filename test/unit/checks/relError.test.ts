import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { relError } from '../../../kernel-helpers/src/checks';
import { initBackend } from '../../../kernel-helpers/src/backend';

test('relError is CS231n\'s max |a-b| / max(1e-8, |a|+|b|)', () => {
  assert.equal(relError([1, 2], [1, 2]), 0);
  assert.ok(Math.abs(relError([1, 2], [1, 2.2]) - 0.2 / 4.2) < 1e-12);
  assert.equal(relError(0, 0), 0);
  assert.ok(Number.isNaN(relError([NaN], [1])));
});

test('relError reads tensors without disposing or leaking them', async () => {
  await initBackend();
  const a = tf.tensor([[1, 2], [3, 4]]), b = tf.tensor([1, 2, 3, 4.4], [2, 2]);
  const before = tf.memory().numTensors;
  assert.ok(relError(a, b) > 0.04);
  assert.equal(tf.memory().numTensors, before);
  assert.equal(a.isDisposed, false);
  tf.dispose([a, b]);
});

test('relError rejects mismatched sizes and disposed tensors', async () => {
  await initBackend();
  assert.throws(() => relError([1, 2, 3], [1, 2]), /shape mismatch/);
  assert.throws(() => relError(tf.zeros([2, 3]), tf.zeros([3, 2])), /shape mismatch/);
  const t = tf.scalar(1);
  t.dispose();
  assert.throws(() => relError(t, 1), /actual: the tensor has been disposed/);
  assert.throws(() => relError('x' as unknown as number, 1), /actual must be a number/);
});
