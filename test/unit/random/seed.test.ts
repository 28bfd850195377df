import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { seed, rng, unseed } from '../../../kernel-helpers/src/random';
import { initBackend } from '../../../kernel-helpers/src/backend';

afterEach(() => unseed());

test('rng() before seed() says what to do', () => {
  unseed();
  assert.throws(() => rng(), /call seed\(<integer>\) first/);
});

test('seed() makes Math.random, rng() and unseeded tfjs random ops reproducible', async () => {
  await initBackend();
  const run = () => {
    seed(123);
    const m = [Math.random(), Math.random()];
    const r = rng().random();
    const t = tf.randomNormal([4]);
    const v = Array.from(t.dataSync());
    t.dispose();
    return { m, r, v };
  };
  assert.deepEqual(run(), run());
});

test('seed() makes tfjs default initializers reproducible', async () => {
  await initBackend();
  const weights = () => {
    seed(5);
    const layer = tf.layers.dense({ units: 3, inputShape: [4] });
    layer.build([null, 4]);
    const w = Array.from(layer.getWeights()[0].dataSync());
    layer.getWeights().forEach((t) => t.dispose());
    return w;
  };
  assert.deepEqual(weights(), weights());
});

test('unseed restores the platform Math.random', () => {
  const original = Math.random;
  seed(1);
  assert.notEqual(Math.random, original);
  unseed();
  assert.equal(Math.random, original);
});
