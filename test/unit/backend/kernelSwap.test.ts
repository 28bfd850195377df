import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../kernel-helpers/src/backend';
import { kernelSwapper } from '../../../kernel-helpers/src/backend/kernelSwap';

test('kernelSwapper swaps a kernel, recognises and unwraps it, and restores the stock config', async () => {
  await initBackend({ prefer: ['cpu'] });
  const swapper = kernelSwapper('cpu', Symbol.for('kernel-helpers.test.kernelSwap'));
  const stock = tf.getKernel('Neg', 'cpu')!;
  assert.equal(swapper.isSwapped(stock), false);
  assert.equal(swapper.stockOf('NoSuchKernel'), undefined);
  let calls = 0;
  swapper.swap(stock, ((args: unknown) => { calls++; return (stock.kernelFunc as (a: unknown) => tf.TensorInfo)(args); }) as tf.KernelFunc);
  try {
    const swapped = tf.getKernel('Neg', 'cpu');
    assert.ok(swapper.isSwapped(swapped));
    assert.equal(swapper.stockOf('Neg'), stock, 'the stock config is remembered');
    assert.equal(swapped!.setupFunc, stock.setupFunc);
    assert.deepEqual(Array.from(tf.tidy(() => tf.neg(tf.tensor1d([1, -2])).dataSync())), [-1, 2]);
    assert.equal(calls, 1, 'the replacement ran');
  } finally {
    assert.equal(swapper.restore(['Neg', 'Abs']), true, 'only Neg was swapped; Abs is left alone');
  }
  assert.equal(tf.getKernel('Neg', 'cpu'), stock);
  assert.equal(swapper.restore(['Neg']), false, 'restoring twice changes nothing');
});
