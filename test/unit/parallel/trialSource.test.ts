import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTrial, explainTrialError, trialSource } from '../../../kernel-helpers/src/parallel/trialSource';

test('arrow functions, async arrows and function expressions round-trip through their source', async () => {
  const arrow = compileTrial<number, number>(trialSource((n: number) => n * 3));
  assert.equal(arrow(2, undefined as never), 6);
  const asyncArrow = compileTrial<number, number>(trialSource(async (n: number) => n + 1));
  assert.equal(await asyncArrow(2, undefined as never), 3);
  const named = compileTrial<number, number>(trialSource(function double(n: number) { return 2 * n; }));
  assert.equal(named(4, undefined as never), 8);
});

test('nested named functions and classes survive (esbuild/tsx wraps them in __name)', () => {
  const trial = compileTrial<number, number>(trialSource((n: number) => {
    function inner(x: number): number { return x + 1; }
    class Box { constructor(readonly v: number) {} }
    return new Box(inner(n)).v;
  }));
  assert.equal(trial(1, undefined as never), 2);
});

test('the recompiled trial sees the global scope only, not the scope it was written in', () => {
  const local = 41;
  const trial = compileTrial<number, number>(trialSource((n: number) => n + local));
  assert.throws(() => trial(1, undefined as never), /local is not defined/);
});

test('functions without usable source are refused, naming options.trial', () => {
  assert.throws(() => trialSource(42), /options.trial must be a function/);
  assert.throws(() => trialSource(Math.max), /has no source text/);
  assert.throws(() => trialSource(((n: number) => n).bind(null)), /has no source text/);
  const holder = { trial(n: number) { return n; } };
  assert.throws(() => compileTrial(trialSource(holder.trial)), /could not be recompiled.*not as an object method/);
});

test('ReferenceErrors get a hint about self-contained trials; other errors are left alone', () => {
  assert.match(explainTrialError('tfjs_1 is not defined', 'ReferenceError'), /^tfjs_1 is not defined \(trials run from their source text in a worker/);
  assert.match(explainTrialError('exports is not defined', 'ReferenceError'), /uses something defined in another cell.*shareFunctions/);
  assert.equal(explainTrialError('boom', 'Error'), 'boom');
});
