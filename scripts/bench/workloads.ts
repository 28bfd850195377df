/**
 * The tfjs side of each workload: `prepare` builds the inputs (untimed) and returns the function
 * the harness times. Trial-made experiments (sweep, search trial) go through `runTrials` with
 * `workers: 0`, which is also the sequential reference for the parallel measurement.
 */
import * as tf from '@tensorflow/tfjs';
import { runTrials } from '../../kernel-helpers/src/parallel';
import type { Trial } from '../../kernel-helpers/src/parallel';
import { Rng } from '../../kernel-helpers/src/random';
import type { BatchNormSpec, BnSweepSpec, CovarianceSpec, DeepSpec, HparamTrialSpec, MlpEpochSpec, MlpStepSpec, Spec } from './specs';
import { bnSweepCase, hparamTrial } from './trials';
import { dataFunctions, pixels } from './trials';
import type { BnCase, HparamInput } from './trials';

/** A prepared workload: `run` is timed; `dispose` frees what `prepare` made. */
export interface Prepared {
  run(): void | Promise<void>;
  dispose(): void;
}

function classLabels(count: number, seedValue: number): Int32Array {
  const rng = new Rng(seedValue);
  return Int32Array.from({ length: count }, () => rng.int(10));
}

/** The 784-hidden-10 network's parameters and its SGD step on a given batch. */
function mlp(hidden: number, rng: Rng) {
  // In a tidy: tf.variable keeps its initial value alive otherwise.
  const [W1, b1, W2, b2] = tf.tidy(() => [
    tf.variable(tf.randomNormal([784, hidden], 0, 0.01, 'float32', rng.tfSeed())),
    tf.variable(tf.zeros([hidden])),
    tf.variable(tf.randomNormal([hidden, 10], 0, 0.01, 'float32', rng.tfSeed())),
    tf.variable(tf.zeros([10])),
  ]);
  const optimizer = tf.train.sgd(0.1);
  const step = (x: tf.Tensor, y: tf.Tensor): number => {
    const loss = optimizer.minimize(() => {
      const h = tf.relu(tf.add(tf.matMul(x, W1), b1));
      return tf.losses.softmaxCrossEntropy(y, tf.add(tf.matMul(h, W2), b2)) as tf.Scalar;
    }, true) as tf.Scalar;
    const value = loss.dataSync()[0];
    loss.dispose();
    return value;
  };
  return { step, dispose: () => { optimizer.dispose(); tf.dispose([W1, b1, W2, b2]); } };
}

function prepareDeep(spec: DeepSpec): Prepared {
  const rng = new Rng(1);
  const x = tf.randomNormal([spec.n, spec.width], 0, 1, 'float32', rng.tfSeed());
  const weights = Array.from({ length: spec.layers }, () =>
    tf.randomNormal([spec.width, spec.width], 0, 1 / Math.sqrt(spec.width), 'float32', rng.tfSeed()));
  const loss = (...ws: tf.Tensor[]) => {
    let h = x;
    for (const w of ws) h = tf.tanh(tf.matMul(h, w));
    return tf.mul(0.5, tf.sum(tf.square(h))) as tf.Scalar;
  };
  return {
    run: () => {
      const grads = tf.grads(loss)(weights);
      grads[grads.length - 1].dataSync(); // wait for the last gradient, as a lesson reading it would
      tf.dispose(grads);
    },
    dispose: () => tf.dispose([x, ...weights]),
  };
}

function prepareMlpStep(spec: MlpStepSpec): Prepared {
  const rng = new Rng(2);
  const x = tf.tensor2d(pixels(spec.batch * 784, 3), [spec.batch, 784]);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(classLabels(spec.batch, 4), 'int32'), 10).toFloat());
  const net = mlp(spec.hidden, rng);
  return { run: () => void net.step(x, y), dispose: () => { net.dispose(); tf.dispose([x, y]); } };
}

/** 60,000 x 784 floats take 1.2 s to make; every backend and both batch sizes reuse one copy. */
let epochData: { xs: Float32Array; labels: Int32Array } | null = null;

function prepareMlpEpoch(spec: MlpEpochSpec): Prepared {
  if (epochData === null || epochData.labels.length !== spec.n) {
    epochData = { xs: pixels(spec.n * 784, 5), labels: classLabels(spec.n, 6) };
  }
  const rng = new Rng(7);
  const X = tf.tensor2d(epochData.xs, [spec.n, 784]);
  const Y = tf.tensor1d(epochData.labels, 'int32');
  const net = mlp(spec.hidden, rng);
  return {
    run: () => {
      const order = rng.permutation(spec.n);
      for (let start = 0; start < spec.n; start += spec.batch) {
        const [xb, yb] = tf.tidy(() => {
          const idx = tf.tensor1d(order.subarray(start, Math.min(start + spec.batch, spec.n)), 'int32');
          return [tf.gather(X, idx), tf.oneHot(tf.gather(Y, idx), 10).toFloat()];
        });
        net.step(xb, yb);
        tf.dispose([xb, yb]);
      }
    },
    dispose: () => { net.dispose(); tf.dispose([X, Y]); },
  };
}

function prepareBatchNorm(spec: BatchNormSpec): Prepared {
  const rng = new Rng(8);
  const x = tf.randomNormal([spec.n, spec.d], 2, 3, 'float32', rng.tfSeed());
  const gamma = tf.randomNormal([spec.d], 1, 0.1, 'float32', rng.tfSeed());
  const beta = tf.randomNormal([spec.d], 0, 0.1, 'float32', rng.tfSeed());
  const dout = tf.randomNormal([spec.n, spec.d], 0, 1, 'float32', rng.tfSeed());
  const objective = (xi: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
    const { mean, variance } = tf.moments(xi, 0);
    const out = tf.add(tf.mul(tf.div(tf.sub(xi, mean), tf.sqrt(tf.add(variance, 1e-5))), g), b);
    return tf.sum(tf.mul(out, dout)) as tf.Scalar;
  };
  return {
    run: () => {
      const grads = tf.grads(objective)([x, gamma, beta]);
      grads[0].dataSync();
      tf.dispose(grads);
    },
    dispose: () => tf.dispose([x, gamma, beta, dout]),
  };
}

function prepareCovariance(spec: CovarianceSpec): Prepared {
  const x = tf.tensor2d(pixels(spec.n * spec.d, 9), [spec.n, spec.d]);
  return {
    run: () => {
      const cov = tf.tidy(() => {
        const centred = tf.sub(x, tf.mean(x, 0));
        return tf.div(tf.matMul(centred, centred, true, false), spec.n - 1);
      });
      cov.dataSync();
      cov.dispose();
    },
    dispose: () => x.dispose(),
  };
}

/** The sweep's 2 x `scales` cases, weight scales logspace(-4, 0). */
export function bnSweepCases(spec: BnSweepSpec): BnCase[] {
  const cases: BnCase[] = [];
  for (let i = 0; i < spec.scales; i++) {
    const scale = 10 ** (-4 + (4 * i) / (spec.scales - 1));
    for (const useBN of [true, false]) {
      cases.push({ scale, useBN, hidden: spec.hidden, nTrain: spec.nTrain, batch: spec.batch, epochs: spec.epochs, lr: spec.lr, dataSeed: 100, data: dataFunctions });
    }
  }
  return cases;
}

/** `count` search trials with log-uniform learning rates and regularisation strengths drawn from a fixed seed. */
export function hparamInputs(spec: HparamTrialSpec, count: number): HparamInput[] {
  const rng = new Rng(10);
  return Array.from({ length: count }, () => ({
    lr: rng.logUniform(-2, -0.5),
    reg: rng.logUniform(-5, -2),
    hidden: spec.hidden, nTrain: spec.nTrain, nVal: spec.nVal, batch: spec.batch, epochs: spec.epochs, dataSeed: 200, data: dataFunctions,
  }));
}

function prepareTrials<I, R>(trial: Trial<I, R>, inputs: I[]): Prepared {
  const seeds = inputs.map((_, i) => 1000 + i);
  return { run: async () => void (await runTrials({ trial, inputs, seeds, workers: 0 })), dispose: () => undefined };
}

/** Builds the tfjs version of a workload on the current backend. */
export function prepare(spec: Spec): Prepared {
  switch (spec.kind) {
    case 'deep': return prepareDeep(spec);
    case 'mlpStep': return prepareMlpStep(spec);
    case 'mlpEpoch': return prepareMlpEpoch(spec);
    case 'batchnorm': return prepareBatchNorm(spec);
    case 'covariance': return prepareCovariance(spec);
    case 'bnSweep': return prepareTrials(bnSweepCase, bnSweepCases(spec));
    case 'hparamTrial': return prepareTrials(hparamTrial, hparamInputs(spec, 1));
  }
}
