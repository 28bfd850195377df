import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend, currentBackend, onBackendSelected } from '../../../kernel-helpers/src/backend';

test('picks the fastest backend that loads (tfjs-node if present, else wasm) and is ready for ops', async () => {
  const name = await initBackend();
  let nodeLoads = true;
  try {
    require('@tensorflow/tfjs-node');
  } catch {
    nodeLoads = false;
  }
  assert.equal(name, nodeLoads ? 'tensorflow' : 'wasm');
  assert.equal(currentBackend(), name);
  const t = tf.add(tf.scalar(1), tf.scalar(2));
  assert.equal(t.dataSync()[0], 3);
  tf.dispose(t);
});

test('falls back in the order given, silently (no cpu banner), and calls the selection hooks', async (t) => {
  const warnings: unknown[] = [];
  t.mock.method(console, 'warn', (...a: unknown[]) => warnings.push(a));
  const seen: string[] = [];
  onBackendSelected((n) => seen.push(n));
  assert.equal(await initBackend({ prefer: ['cpu'] }), 'cpu');
  tf.tidy(() => tf.scalar(1).add(1)).dispose();
  assert.deepEqual(warnings, []);
  assert.deepEqual(seen, ['cpu']);
  await initBackend();
});

test('rejects unknown or empty preferences', async () => {
  await assert.rejects(initBackend({ prefer: [] }), /options.prefer must be a non-empty array/);
  await assert.rejects(initBackend({ prefer: ['webgpu' as 'cpu'] }), /unknown backend 'webgpu'/);
});
