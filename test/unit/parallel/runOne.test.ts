import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../kernel-helpers/src/backend';
import { Rng } from '../../../kernel-helpers/src/random';
import { cloneOrExplain, runOneTrial } from '../../../kernel-helpers/src/parallel/runOne';
import type { TrialContext } from '../../../kernel-helpers/src/parallel';

test('a trial gets an rng and a Math.random seeded from its seed; Math.random is restored after', async () => {
  await initBackend();
  const saved = Math.random;
  const seen = await runOneTrial((_: null, { rng, seed, index }: TrialContext) => ({ r: rng.random(), m: Math.random(), seed, index }), null, 7, 1234, () => undefined);
  assert.equal(Math.random, saved);
  assert.equal(seen.r, new Rng(1234).random());
  assert.equal(seen.seed, 1234);
  assert.equal(seen.index, 7);
  const again = await runOneTrial(() => Math.random(), null, 0, 1234, () => undefined);
  assert.equal(again, seen.m, 'the same seed gives the same Math.random stream');
});

test('tensors and variables a trial makes are disposed, also when it throws (async trials too)', async () => {
  await initBackend();
  const keep = tf.variable(tf.zeros([2]), true, 'kept-by-caller');
  const before = tf.memory().numTensors;
  await runOneTrial(async (_: null, ctx: TrialContext) => {
    ctx.tf.variable(ctx.tf.ones([3]));
    await new Promise((resolve) => setTimeout(resolve, 1));
    ctx.tf.add(ctx.tf.ones([3]), 1);
    return 1;
  }, null, 0, 1, () => undefined);
  assert.equal(tf.memory().numTensors, before);
  await assert.rejects(runOneTrial((_: null, ctx: TrialContext) => {
    ctx.tf.variable(ctx.tf.ones([3]));
    ctx.tf.ones([5]);
    throw new Error('fails midway');
  }, null, 0, 1, () => undefined), /fails midway/);
  assert.equal(tf.memory().numTensors, before);
  assert.equal(keep.isDisposed, false, 'variables made before the trial are left alone');
  keep.dispose();
});

test('reports are delivered as copies; results are returned as copies', async () => {
  const got: unknown[] = [];
  const message = { step: 1 };
  const result = await runOneTrial((_: null, { report }: TrialContext) => { report(message); return message; }, null, 0, 1, (m) => got.push(m));
  assert.deepEqual(got, [{ step: 1 }]);
  assert.notEqual(got[0], message);
  assert.deepEqual(result, message);
  assert.notEqual(result, message);
});

test('cloneOrExplain finds tensors anywhere and explains what to send instead', () => {
  const t = tf.scalar(1);
  assert.throws(() => cloneOrExplain(t, 'x'), /^TypeError: x cannot be sent between threads \(a tf.Tensor\);/);
  assert.throws(() => cloneOrExplain(new Map([['w', [t]]]), 'x'), /a tf.Tensor at .get\(w\)\[0\]/);
  assert.throws(() => cloneOrExplain({ f: () => 1 }, 'x'), /x cannot be sent between threads \(.*could not be cloned.*\); use numbers/);
  const cyclic: { self?: unknown; data: Float32Array } = { data: new Float32Array([1, 2]) };
  cyclic.self = cyclic;
  const copy = cloneOrExplain(cyclic, 'x');
  assert.equal(copy.self, copy);
  t.dispose();
});
