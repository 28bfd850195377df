import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../kernel-helpers/src/backend';
import { Rng } from '../../../kernel-helpers/src/random';
import { runTrials, TrialError } from '../../../kernel-helpers/src/parallel';
import type { TrialContext, TrialProgress } from '../../../kernel-helpers/src/parallel';

/**
 * A small but real experiment: a 2-layer network on seeded synthetic data, trained with SGD at the
 * given learning rate. It draws from every random source a lesson might use: the trial's rng (data,
 * tfjs op seeds) and Math.random (tfjs initialisers without a seed).
 */
const trainTrial = (lr: number, { tf, rng, report }: TrialContext) => {
  const x = tf.randomNormal([64, 20], 0, 1, 'float32', rng.tfSeed());
  const labels = tf.tensor1d(Array.from({ length: 64 }, () => rng.int(3)), 'int32');
  const y = tf.oneHot(labels, 3);
  const W1 = tf.variable(tf.randomNormal([20, 16], 0, 0.3)); // unseeded: uses Math.random
  const W2 = tf.variable(tf.randomNormal([16, 3], 0, 0.3, 'float32', rng.tfSeed()));
  const opt = tf.train.sgd(lr);
  const losses: number[] = [];
  for (let step = 0; step < 5; step++) {
    const loss = opt.minimize(() => tf.losses.softmaxCrossEntropy(y, tf.matMul(tf.relu(tf.matMul(x, W1)), W2)) as tf.Scalar, true);
    losses.push(loss!.dataSync()[0]);
    report({ step, loss: losses[step] });
  }
  opt.dispose();
  return { lr, losses, extra: Math.random() };
};

test('workers return results in input order, identical to a sequential in-process run with the same seeds', async () => {
  await initBackend();
  const inputs = [0.5, 0.1, 0.05, 0.01, 0.3];
  const seeds = [11, 22, 33, 44, 55];
  const tensorsBefore = tf.memory().numTensors;
  const savedRandom = Math.random;
  const sequential = await runTrials({ trial: trainTrial, inputs, seeds, workers: 0 });
  assert.equal(Math.random, savedRandom, 'Math.random restored after in-process trials');
  assert.equal(tf.memory().numTensors, tensorsBefore, 'in-process trials leak no tensors or variables');
  const parallel = await runTrials({ trial: trainTrial, inputs, seeds, workers: 2 });
  assert.deepEqual(parallel, sequential);
  assert.deepEqual(parallel.map((r) => r.lr), inputs);
  // The seeds matter: another seed gives other numbers.
  const other = await runTrials({ trial: trainTrial, inputs: [0.5], seeds: [12], workers: 0 });
  assert.notDeepEqual(other[0].losses, sequential[0].losses);
});

test('seeds drawn from an rng equal the same seeds passed explicitly, whatever the worker count', async () => {
  const inputs = [0.2, 0.4, 0.6];
  const drawn = new Rng(9);
  const seeds = inputs.map(() => drawn.nextUint32());
  const fromRng = await runTrials({ trial: trainTrial, inputs, rng: new Rng(9), workers: 3 });
  const fromSeeds = await runTrials({ trial: trainTrial, inputs, seeds, workers: 1 });
  assert.deepEqual(fromRng, fromSeeds);
});

test('progress: every trial starts and finishes once, reports arrive live with their trial', async () => {
  const events: TrialProgress<number>[] = [];
  await runTrials({ trial: trainTrial, inputs: [0.1, 0.2, 0.3], seeds: [1, 2, 3], workers: 2, onProgress: (p) => events.push(p) });
  for (let index = 0; index < 3; index++) {
    const mine = events.filter((e) => e.index === index);
    assert.deepEqual(mine.map((e) => e.kind), ['started', 'report', 'report', 'report', 'report', 'report', 'finished']);
    assert.deepEqual(mine.filter((e) => e.kind === 'report').map((e) => (e.message as { step: number }).step), [0, 1, 2, 3, 4]);
    assert.ok(mine.every((e) => e.input === [0.1, 0.2, 0.3][index] && e.total === 3 && e.worker >= 0 && e.worker < 2));
  }
  const finished = events.filter((e) => e.kind === 'finished');
  assert.deepEqual(finished.map((e) => e.done), [1, 2, 3]);
  assert.ok(finished.every((e) => e.elapsedMs > 0));
});

test('a failing trial rejects with its index, input and message, in workers and in-process', async () => {
  const trial = (n: number) => {
    if (n === 3) throw new Error(`bad input ${n}`);
    return n * 2;
  };
  for (const workers of [2, 0]) {
    await assert.rejects(runTrials({ trial, inputs: [1, 2, 3, 4], seeds: [1, 2, 3, 4], workers }), (error: unknown) => {
      assert.ok(error instanceof TrialError);
      assert.equal(error.index, 2);
      assert.equal(error.input, 3);
      assert.equal(error.trialMessage, 'bad input 3');
      assert.match(error.message, /trial 2 \(input 3\) failed: bad input 3/);
      assert.match(error.trialStack ?? '', /bad input 3/);
      return true;
    });
  }
});

test('a trial that is not self-contained fails the same way in workers and in-process, with a hint', async () => {
  const outside = 5;
  const trial = (n: number) => n + outside;
  for (const workers of [1, 0]) {
    await assert.rejects(runTrials({ trial, inputs: [1], seeds: [1], workers }), /outside is not defined.*use only the input and the context argument/);
  }
});

test('results and reports must be structured-cloneable: tensors are refused with advice', async () => {
  const returnsTensor = (_: number, { tf }: TrialContext) => ({ loss: 1, w: [0, tf.scalar(1)] });
  for (const workers of [1, 0]) {
    await assert.rejects(runTrials({ trial: returnsTensor, inputs: [1], seeds: [1], workers }), /cannot be sent between threads \(a tf.Tensor at .w\[1\]\).*await t\.array\(\)/);
  }
  const reportsFunction = (_: number, { report }: TrialContext) => report(() => 1);
  await assert.rejects(runTrials({ trial: reportsFunction, inputs: [1], seeds: [1], workers: 0 }), /reported a message that cannot be sent/);
});

test('bad options are rejected, naming the option', async () => {
  const trial = (n: number) => n;
  await assert.rejects(runTrials({ trial, inputs: [1, 2], seeds: [1] }), /options.seeds must be an array with one seed per input \(2\)/);
  await assert.rejects(runTrials({ trial, inputs: [1], seeds: [1], rng: new Rng(1) }), /exactly one of options.seeds/);
  await assert.rejects(runTrials({ trial, inputs: [1] }), /exactly one of options.seeds/);
  await assert.rejects(runTrials({ trial, inputs: [1], seeds: [-1] }), /options.seeds\[0\] must be an integer/);
  await assert.rejects(runTrials({ trial, inputs: [1], seeds: [1], workers: 1.5 }), /options.workers must be a non-negative integer/);
  await assert.rejects(runTrials({ trial: 'x' as unknown as typeof trial, inputs: [1], seeds: [1] }), /options.trial must be a function/);
  await assert.rejects(runTrials({ trial, inputs: [() => 1] as unknown as number[], seeds: [1] }), /options.inputs contains a value that cannot be sent/);
  const methods = { trial(n: number) { return n; } };
  await assert.rejects(runTrials({ trial: methods.trial, inputs: [1], seeds: [1] }), /could not be recompiled.*not as an object method/);
  assert.deepEqual(await runTrials({ trial, inputs: [], seeds: [] }), []);
});

test('the process exits on its own after runTrials, also after a failed call', () => {
  // The workers stay warm (idle, unref'd) after a call and a worker running a trial keeps a
  // process alive, so a child that finishes within the timeout proves none was left running or
  // keeping the event loop alive.
  const helpers = path.resolve(__dirname, '../../../kernel-helpers/src/parallel');
  const script = `
    const { runTrials } = require(${JSON.stringify(helpers)});
    (async () => {
      const ok = await runTrials({ trial: (n) => n + 1, inputs: [1, 2, 3], seeds: [1, 2, 3], workers: 2 });
      console.log('ok', JSON.stringify(ok));
      try {
        await runTrials({ trial: (n) => { if (n === 1) throw new Error('boom'); for (;;) {} }, inputs: [1, 2], seeds: [1, 2], workers: 2 });
      } catch (e) { console.log('rejected', e.message); }
    })();`;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8', timeout: 60_000, cwd: path.resolve(__dirname, '../../..') });
  assert.equal(child.error, undefined, `child did not exit by itself: ${child.error?.message}`);
  assert.equal(child.status, 0, child.stderr);
  assert.match(child.stdout, /^ok \[2,3,4\]$/m);
  // The second trial spins forever: only terminating its worker lets the process end.
  assert.match(child.stdout, /^rejected runTrials: trial 0 \(input 1\) failed: boom$/m);
});
