import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../kernel-helpers/src/backend';
import { runTrials, shareFunctions, rebuildFunctions } from '../../../kernel-helpers/src/parallel';
import type { SharedFunctions, TrialContext } from '../../../kernel-helpers/src/parallel';

// Functions as a lesson writes them: they call each other and a name (`scale`) the notebook defines.
declare const scale: number;
function double(x: number): number {
  return 2 * x * scale;
}
const doublePlusOne = (x: number) => double(x) + 1;
const viaExports = function (x: number) {
  // tslab compiles a reference to anything of an earlier cell (a function, an import such as `tf`)
  // as `exports.name`.
  const earlier = exports as unknown as { double: (x: number) => number; offset: number };
  return earlier.double(x) + earlier.offset;
};

test('rebuilt functions call each other and see the names given in scope, nothing else', () => {
  const shared = shareFunctions({ double, doublePlusOne });
  const { double: d, doublePlusOne: dp } = rebuildFunctions(shared, { scale: 10 });
  assert.equal(d(3), 60);
  assert.equal(dp(3), 61);
  const unscoped = rebuildFunctions(shared);
  assert.throws(() => unscoped.double(1), /scale is not defined/);
});

test('the shared value is plain data: it survives structuredClone, as in a trial input', () => {
  const shared = structuredClone(shareFunctions({ double, doublePlusOne }));
  assert.deepEqual(Object.keys(shared.sharedFunctions), ['double', 'doublePlusOne']);
  assert.equal(typeof shared.sharedFunctions.double, 'string');
  assert.equal(rebuildFunctions(shared, { scale: 1 }).doublePlusOne(2), 5);
});

test('exports.name references (tslab, across cells) resolve to the shared functions and the scope values', () => {
  const rebuilt = rebuildFunctions(shareFunctions({ double, viaExports }), { scale: 2, offset: 0.5 });
  assert.equal(rebuilt.viaExports(5), 20.5);
  assert.deepEqual(Object.keys(rebuilt), ['double', 'viaExports'], 'only the functions are returned');
});

test('bad input is refused with a message naming the function or option', () => {
  assert.throws(() => shareFunctions(null as never), /pass an object of functions/);
  assert.throws(() => shareFunctions({}), /no functions given/);
  assert.throws(() => shareFunctions({ f: 3 as never }), /'f' must be a function/);
  assert.throws(() => shareFunctions({ max: Math.max }), /'max' has no source text/);
  assert.throws(() => shareFunctions({ b: double.bind(null) }), /'b' has no source text/);
  const holder = { method(x: number) { return x; } };
  assert.throws(() => shareFunctions({ m: holder.method }), /'m' could not be recompiled.*not as an object method/);
  assert.throws(() => shareFunctions({ 'not-a-name': double }), /'not-a-name' is not usable/);
  assert.throws(() => shareFunctions({ exports: double }), /'exports' is not usable/);
  assert.throws(() => rebuildFunctions({} as SharedFunctions), /expected the value shareFunctions returned/);
  assert.throws(() => rebuildFunctions(shareFunctions({ double }), { double: 1 }), /scope name 'double' is also a shared function/);
  assert.throws(() => rebuildFunctions(shareFunctions({ double }), { 'a b': 1 }), /scope name 'a b' is not usable/);
});

test('inside runTrials, in-process and in a worker, the rebuilt functions use the trial\'s tf', async () => {
  await initBackend();
  function rowSums(x: tf.Tensor2D): tf.Tensor1D {
    return tf.sum(x, 1);
  }
  const total = (x: tf.Tensor2D) => tf.sum(rowSums(x));
  const shared = shareFunctions({ rowSums, total });
  const trial = async (input: { shared: SharedFunctions; rows: number[][] }, context: TrialContext) => {
    const { rebuildFunctions: rebuild } = context.require('kernel-helpers') as { rebuildFunctions: typeof rebuildFunctions };
    const f = rebuild(input.shared, { tf: context.tf });
    return (await f.total(context.tf.tensor2d(input.rows)).data())[0];
  };
  const inputs = [{ shared, rows: [[1, 2], [3, 4]] }, { shared, rows: [[5, 6]] }];
  const inProcess = await runTrials({ trial, inputs, seeds: [1, 2], workers: 0 });
  assert.deepEqual(inProcess, [10, 11]);
  const inWorker = await runTrials({ trial, inputs, seeds: [1, 2], workers: 1 });
  assert.deepEqual(inWorker, [10, 11]);
});
