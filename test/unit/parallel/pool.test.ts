import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { initBackend } from '../../../kernel-helpers/src/backend';
import { runTrials, shutdownTrialWorkers, trialWorkerStats, TrialError, DEFAULT_IDLE_TIMEOUT_MS } from '../../../kernel-helpers/src/parallel';
import type { TrialContext } from '../../../kernel-helpers/src/parallel';

/** A small seeded experiment (data from the trial's rng, an unseeded initialiser drawing on Math.random), returning plain numbers. */
const fit = (lr: number, { tf, rng }: TrialContext) => {
  const x = tf.randomNormal([32, 8], 0, 1, 'float32', rng.tfSeed());
  const y = tf.oneHot(tf.tensor1d(Array.from({ length: 32 }, () => rng.int(3)), 'int32'), 3);
  const w = tf.variable(tf.randomNormal([8, 3], 0, 0.5));
  const opt = tf.train.sgd(lr);
  const losses: number[] = [];
  for (let step = 0; step < 3; step++) {
    losses.push(opt.minimize(() => tf.losses.softmaxCrossEntropy(y, tf.matMul(x, w)) as never, true)!.dataSync()[0]);
  }
  return { lr, losses, r: Math.random() };
};

/** Polls until `predicate` holds, for at most `ms` milliseconds. */
async function waitFor(predicate: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (predicate()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return predicate();
}

test('warm pool: a second call reuses the workers of the first (no new ones start), results equal a sequential run', async () => {
  await initBackend();
  await shutdownTrialWorkers();
  assert.equal(DEFAULT_IDLE_TIMEOUT_MS, 30_000);
  const inputs = [0.5, 0.1, 0.05, 0.3, 0.2];
  const seeds = [1, 2, 3, 4, 5];
  const sequential = await runTrials({ trial: fit, inputs, seeds, workers: 0 });
  const before = trialWorkerStats();
  assert.equal(before.alive, 0);
  const first = await runTrials({ trial: fit, inputs, seeds, workers: 2 });
  const afterFirst = trialWorkerStats();
  assert.equal(afterFirst.started - before.started, 2, 'the first call starts its two workers');
  assert.equal(afterFirst.alive, 2);
  assert.equal(afterFirst.idle, 2, 'they idle after the call');
  const second = await runTrials({ trial: fit, inputs, seeds, workers: 2 });
  // Another trial (another source text) on the same warm workers.
  const doubled = await runTrials({ trial: (n: number) => 2 * n, inputs: [1, 2, 3], seeds: [1, 2, 3], workers: 2 });
  const afterMore = trialWorkerStats();
  assert.equal(afterMore.started, afterFirst.started, 'later calls start no worker');
  assert.deepEqual(first, sequential);
  assert.deepEqual(second, sequential, 'a reused worker gives the same numbers: every trial starts clean');
  assert.deepEqual(doubled, [2, 4, 6]);
  // Fewer workers asked for: one is used, the other idles; more: the pool grows.
  await runTrials({ trial: fit, inputs, seeds, workers: 1 });
  assert.equal(trialWorkerStats().started, afterFirst.started);
  const three = await runTrials({ trial: fit, inputs, seeds, workers: 3 });
  assert.deepEqual(three, sequential);
  assert.equal(trialWorkerStats().started, afterFirst.started + 1, 'asking for 3 adds one worker');
  assert.equal(trialWorkerStats().alive, 3);
  await shutdownTrialWorkers();
  assert.equal(trialWorkerStats().alive, 0);
});

test('a reused worker starts every trial with the same tensors allocated, also after trials that used tf.keep', async () => {
  await shutdownTrialWorkers();
  const trial = (n: number, { tf }: TrialContext) => {
    const atStart = tf.memory().numTensors;
    tf.keep(tf.ones([n + 1]));
    tf.tidy(() => tf.keep(tf.zeros([2])));
    tf.variable(tf.zeros([3]));
    return atStart;
  };
  const warnings: unknown[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => void warnings.push(args);
  try {
    const atStart = await runTrials({ trial, inputs: [1, 2, 3, 4, 5, 6], seeds: [1, 2, 3, 4, 5, 6], workers: 1 });
    assert.equal(new Set(atStart).size, 1, `tensors at the start of each trial: ${atStart}`);
  } finally {
    console.warn = warn;
  }
  assert.deepEqual(warnings, [], 'nothing unclean to report');
  assert.equal(trialWorkerStats().replaced, 0);
});

test('a trial that leaves tfjs unclean is reported, and its worker replaced', async () => {
  await shutdownTrialWorkers();
  const leavesScopeOpen = (n: number, { tf }: TrialContext) => {
    if (n === 2) tf.engine().startScope('never ended');
    return n;
  };
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
  const replacedBefore = trialWorkerStats().replaced;
  try {
    assert.deepEqual(await runTrials({ trial: leavesScopeOpen, inputs: [1, 2, 3], seeds: [1, 2, 3], workers: 1 }), [1, 2, 3]);
  } finally {
    console.warn = warn;
  }
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /^runTrials: trial 1 left its worker's tfjs unclean \(1 tf.engine scope\(s\) left open\); that worker was replaced by a fresh one$/);
  assert.equal(trialWorkerStats().replaced, replacedBefore + 1);
  await shutdownTrialWorkers();
});

test('a failed trial terminates and replaces its worker (and those still running the call\'s trials); the next call is right', async () => {
  await shutdownTrialWorkers();
  const seeds = [7, 8, 9, 10];
  await runTrials({ trial: fit, inputs: [0.1, 0.2], seeds: [1, 2], workers: 2 });
  // Both ready (one may have been still starting when the other had run both trials), so both get a trial.
  assert.ok(await waitFor(() => trialWorkerStats().starting === 0, 20_000));
  const before = trialWorkerStats();
  const fails = (lr: number, context: TrialContext) => {
    if (lr === 0.3) throw new Error('lr 0.3 is bad');
    if (lr === 0.4) for (;;); // would never end: only terminating its worker stops it
    return fit(lr, context);
  };
  await assert.rejects(runTrials({ trial: fails, inputs: [0.3, 0.4], seeds: [1, 2], workers: 2 }), (error: unknown) => {
    assert.ok(error instanceof TrialError);
    assert.equal(error.index, 0);
    return true;
  });
  const after = trialWorkerStats();
  assert.equal(after.replaced - before.replaced, 2, 'both workers were in an unknown state: both replaced');
  assert.equal(after.alive, 2, 'replacements keep the pool at its size');
  const sequential = await runTrials({ trial: fit, inputs: [0.1, 0.2, 0.5, 0.05], seeds, workers: 0 });
  assert.deepEqual(await runTrials({ trial: fit, inputs: [0.1, 0.2, 0.5, 0.05], seeds, workers: 2 }), sequential);
  assert.equal(trialWorkerStats().started, after.started, 'the next call used the replacements');
  await shutdownTrialWorkers();
});

test('options.trialTimeoutMs stops a trial that runs too long: TrialError, worker replaced', async () => {
  await shutdownTrialWorkers();
  const spins = (n: number) => {
    if (n === 2) for (;;);
    return n;
  };
  const before = trialWorkerStats();
  await assert.rejects(runTrials({ trial: spins, inputs: [1, 2], seeds: [1, 2], workers: 1, trialTimeoutMs: 1500 }), (error: unknown) => {
    assert.ok(error instanceof TrialError);
    assert.equal(error.index, 1);
    assert.match(error.message, /trial 1 \(input 2\) failed: did not finish within options.trialTimeoutMs \(1500 ms\); its worker was terminated/);
    return true;
  });
  assert.equal(trialWorkerStats().replaced - before.replaced, 1);
  await shutdownTrialWorkers();
});

test('idle workers are terminated after options.idleTimeoutMs; 0 terminates them at the end of the call', async () => {
  await shutdownTrialWorkers();
  const expiredBefore = trialWorkerStats().expired;
  await runTrials({ trial: (n: number) => n, inputs: [1, 2], seeds: [1, 2], workers: 2, idleTimeoutMs: 300 });
  assert.equal(trialWorkerStats().alive, 2);
  assert.ok(await waitFor(() => trialWorkerStats().alive === 0, 5000), 'idle workers ended after their timeout');
  assert.equal(trialWorkerStats().expired - expiredBefore, 2);
  await runTrials({ trial: (n: number) => n, inputs: [1], seeds: [1], workers: 1, idleTimeoutMs: 0 });
  assert.equal(trialWorkerStats().alive, 0);
  // The timeout of the last call applies: a later call with the default keeps them.
  await runTrials({ trial: (n: number) => n, inputs: [1], seeds: [1], workers: 1 });
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.equal(trialWorkerStats().alive, 1);
  await shutdownTrialWorkers();
});

test('shutdownTrialWorkers during a call rejects it, naming the cause', async () => {
  await shutdownTrialWorkers();
  const slow = (n: number) => {
    const end = Date.now() + 3000;
    while (Date.now() < end);
    return n;
  };
  const call = runTrials({ trial: slow, inputs: [1, 2], seeds: [1, 2], workers: 2 });
  // Handled from the start: the call rejects while shutdownTrialWorkers waits for the threads to exit.
  const rejected = assert.rejects(call, /runTrials: worker \d was shut down \(shutdownTrialWorkers\) before all trials finished/);
  await new Promise((resolve) => setTimeout(resolve, 200));
  await shutdownTrialWorkers();
  await rejected;
  assert.equal(trialWorkerStats().alive, 0);
});

test('concurrent calls each get their own workers', async () => {
  await shutdownTrialWorkers();
  const [a, b] = await Promise.all([
    runTrials({ trial: (n: number) => n + 1, inputs: [1, 2, 3], seeds: [1, 2, 3], workers: 1 }),
    runTrials({ trial: (n: number) => n * 10, inputs: [1, 2, 3], seeds: [1, 2, 3], workers: 1 }),
  ]);
  assert.deepEqual(a, [2, 3, 4]);
  assert.deepEqual(b, [10, 20, 30]);
  assert.equal(trialWorkerStats().alive, 2);
  await shutdownTrialWorkers();
});

test('pool options are checked, naming the option', async () => {
  const trial = (n: number) => n;
  for (const idleTimeoutMs of [-1, Number.NaN, '5' as unknown as number]) {
    await assert.rejects(runTrials({ trial, inputs: [1], seeds: [1], idleTimeoutMs }), /^RangeError: runTrials: options.idleTimeoutMs must be a number of milliseconds >= 0/);
  }
  for (const trialTimeoutMs of [0, -5, Number.NaN]) {
    await assert.rejects(runTrials({ trial, inputs: [1], seeds: [1], trialTimeoutMs }), /^RangeError: runTrials: options.trialTimeoutMs must be a number of milliseconds > 0/);
  }
  await assert.rejects(runTrials({ trial, inputs: [1], seeds: [1], backend: 'gpu' as never }), /^RangeError: runTrials: options.backend must be one of tensorflow, wasm, cpu, got gpu/);
});

test('a worker that cannot initialise its backend fails the call and is not kept or restarted', async (t) => {
  // tfjs-node is optional: where its native library loads, there is nothing to fail here.
  try {
    require('@tensorflow/tfjs-node');
    t.skip('tfjs-node loads on this machine');
    return;
  } catch {
    // expected: the tensorflow backend cannot start
  }
  await shutdownTrialWorkers();
  const before = trialWorkerStats();
  await assert.rejects(runTrials({ trial: (n: number) => n, inputs: [1], seeds: [1], workers: 1, backend: 'tensorflow' }),
    /^Error: runTrials: worker 0 failed: worker could not initialise the tensorflow backend/);
  const after = trialWorkerStats();
  assert.equal(after.alive, 0);
  assert.equal(after.replaced, before.replaced);
});

test('warm idle workers do not keep the process alive: a script that used runTrials exits at once', async () => {
  const helpers = path.resolve(__dirname, '../../../kernel-helpers/src/parallel');
  // Default idle timeout (30 s): only unref'd workers let the child end right after its last line.
  const script = `
    const { runTrials, trialWorkerStats } = require(${JSON.stringify(helpers)});
    (async () => {
      const ok = await runTrials({ trial: (n) => n + 1, inputs: [1, 2, 3], seeds: [1, 2, 3], workers: 2 });
      await runTrials({ trial: (n) => n, inputs: [1, 2], seeds: [1, 2], workers: 2 });
      console.log('done', JSON.stringify(ok), trialWorkerStats().alive);
    })();`;
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { cwd: path.resolve(__dirname, '../../..') });
  let stdout = '';
  let stderr = '';
  let doneAt = 0;
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
    if (doneAt === 0 && stdout.includes('done')) doneAt = performance.now();
  });
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const killer = setTimeout(() => child.kill(), 25_000);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearTimeout(killer);
  const exitedAfterMs = performance.now() - doneAt;
  assert.equal(code, 0, `child did not exit by itself (stderr: ${stderr})`);
  assert.match(stdout, /^done \[2,3,4\] 2$/m, 'two warm workers were alive at the end');
  assert.ok(doneAt > 0 && exitedAfterMs < 3000, `the child exited ${exitedAfterMs.toFixed(0)} ms after its last line`);
});
