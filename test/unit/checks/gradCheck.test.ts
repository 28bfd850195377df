import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { numericalGradient, gradCheck } from '../../../kernel-helpers/src/checks';
import { initBackend } from '../../../kernel-helpers/src/backend';

before(async () => {
  await initBackend();
});

const f = (x: tf.Tensor) => tf.sum(tf.mul(tf.sin(x), x)) as tf.Scalar; // d/dx = sin x + x cos x

test('numericalGradient matches the calculus', () => {
  const x = tf.tensor([0.3, -1.2, 2.0, 0.7], [2, 2]);
  const { grad } = numericalGradient(f, x);
  const exact = tf.tidy(() => tf.add(tf.sin(x), tf.mul(x, tf.cos(x))));
  assert.ok(Math.max(...Array.from(tf.tidy(() => tf.abs(tf.sub(grad, exact))).dataSync())) < 1e-2);
  tf.dispose([x, grad, exact]);
});

test('gradCheck reports a small relative error for a correct gradient and a large one for a wrong gradient', () => {
  const x = tf.tensor([0.3, -1.2, 2.0, 0.7]);
  const right = tf.tidy(() => tf.add(tf.sin(x), tf.mul(x, tf.cos(x))));
  const wrong = tf.tidy(() => tf.cos(x));
  const before = tf.memory().numTensors;
  const good = gradCheck(f, x, right);
  const bad = gradCheck(f, x, wrong);
  assert.equal(tf.memory().numTensors, before, 'no tensors leaked');
  assert.ok(good.relError < 1e-3, `good ${good.relError}`);
  assert.ok(bad.relError > 0.1, `bad ${bad.relError}`);
  assert.equal(good.checked, 4);
  tf.dispose([x, right, wrong]);
});

test('gradCheck samples coordinates when asked, and validates its inputs', () => {
  const x = tf.zeros([100]);
  const g = tf.zeros([100]);
  assert.equal(gradCheck((t) => tf.sum(t) as tf.Scalar, x, tf.onesLike(x), { maxCoordinates: 10 }).checked, 10);
  assert.throws(() => gradCheck(f, x, tf.zeros([99])), /analyticGrad has shape \[99\] but x has shape \[100\]/);
  assert.throws(() => numericalGradient(f, x, { h: 0 }), /h must be > 0/);
  assert.throws(() => numericalGradient(f, tf.zeros([0])), /x is empty/);
  assert.throws(() => numericalGradient((t) => t as tf.Scalar, tf.zeros([2])), /f must return a scalar/);
  tf.dispose([x, g]);
});
