/**
 * The two lesson experiments made of independent trials, written as self-contained trial
 * functions (everything through their arguments, see `runTrials`), so the benchmark runs the very
 * same code in-process on each backend and in worker threads.
 */
import type { Scalar } from '@tensorflow/tfjs';
import type * as tfType from '@tensorflow/tfjs';
import { shareFunctions } from '../../kernel-helpers/src/parallel';
import type { SharedFunctions, TrialContext } from '../../kernel-helpers/src/parallel';

/**
 * Uniform [0, 1) floats from a fixed xorshift stream, `count` of them: pixel-like data for the
 * benchmark, the same for every backend, and 100x faster to make than tf.randomUniform (whose
 * generator runs in JavaScript). Self-contained, so trials can take it through shareFunctions;
 * defined here, beside teacherData, because a function imported from another module is referred
 * to as `import_module.name` in the compiled source that shareFunctions sends.
 */
export function pixels(count: number, seedValue: number): Float32Array {
  const out = new Float32Array(count);
  let s = seedValue >>> 0 || 1;
  for (let i = 0; i < count; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = (s >>> 0) / 4294967296;
  }
  return out;
}

/**
 * The benchmark's synthetic data set: `n` Fashion-MNIST-shaped rows x [n, 784] of `pixels`, and
 * labels [n] (int32) given by a random linear teacher, so there is something to learn. The same
 * `seed` gives the same data in every trial.
 */
function teacherData(n: number, seed: number): { x: tfType.Tensor2D; labels: tfType.Tensor1D } {
  const d = 784;
  const classes = 10;
  const x = tf.tensor2d(pixels(n * d, seed), [n, d]);
  const teacher = tf.sub(tf.tensor2d(pixels(d * classes, seed + 1), [d, classes]), 0.5);
  const labels = tf.argMax(tf.matMul(tf.sub(x, 0.5), teacher), 1).toInt() as tfType.Tensor1D;
  teacher.dispose();
  return { x, labels };
}
// `tf` in teacherData is bound by rebuildFunctions inside each trial (the trial's own tfjs).
declare const tf: typeof tfType;

/** The data functions both experiments share, as source text for their trials (see shareFunctions). */
export const dataFunctions: SharedFunctions = shareFunctions({ pixels, teacherData });
type DataFunctions = { teacherData: typeof teacherData };

/** One case of the batch-norm weight-scale sweep. */
export interface BnCase {
  scale: number;
  useBN: boolean;
  hidden: number[];
  nTrain: number;
  batch: number;
  epochs: number;
  lr: number;
  /** Seed of the synthetic data set, shared by all cases so they train on the same data. */
  dataSeed: number;
  /** {@link dataFunctions}. */
  data: SharedFunctions;
}

/** What a sweep case returns. */
export interface BnCaseResult {
  scale: number;
  useBN: boolean;
  finalLoss: number;
  trainAccuracy: number;
}

/**
 * Trains a deep ReLU net (optionally with batch norm before each ReLU) whose weights are drawn at
 * `scale`, on synthetic Fashion-MNIST-shaped data labelled by a random linear teacher (so there is
 * something to learn).
 */
export function bnSweepCase(c: BnCase, { tf, rng, require }: TrialContext): BnCaseResult {
  const { rebuildFunctions } = require('kernel-helpers') as typeof import('../../kernel-helpers/src/parallel');
  const d = 784;
  const classes = 10;
  const { teacherData } = rebuildFunctions(c.data, { tf }) as DataFunctions;
  const [x, y, labels] = tf.tidy(() => {
    const { x, labels } = teacherData(c.nTrain, c.dataSeed);
    return [x, tf.oneHot(labels, classes).toFloat(), labels];
  });
  const sizes = [d, ...c.hidden, classes];
  const weights = sizes.slice(1).map((n, i) => tf.variable(tf.randomNormal([sizes[i], n], 0, c.scale, 'float32', rng.tfSeed())));
  const biases = sizes.slice(1).map((n) => tf.variable(tf.zeros([n])));
  const gammas = c.hidden.map((n) => tf.variable(tf.ones([n])));
  const betas = c.hidden.map((n) => tf.variable(tf.zeros([n])));
  const forward = (xb: typeof x) => {
    let h = xb;
    for (let l = 0; l < weights.length; l++) {
      h = tf.add(tf.matMul(h, weights[l]), biases[l]);
      if (l === weights.length - 1) break;
      if (c.useBN) {
        const { mean, variance } = tf.moments(h, 0);
        h = tf.add(tf.mul(tf.div(tf.sub(h, mean), tf.sqrt(tf.add(variance, 1e-5))), gammas[l]), betas[l]);
      }
      h = tf.relu(h);
    }
    return h;
  };
  const optimizer = tf.train.sgd(c.lr);
  let finalLoss = NaN;
  for (let epoch = 0; epoch < c.epochs; epoch++) {
    const order = rng.permutation(c.nTrain);
    for (let start = 0; start < c.nTrain; start += c.batch) {
      const idx = tf.tensor1d(order.subarray(start, Math.min(start + c.batch, c.nTrain)), 'int32');
      const loss = optimizer.minimize(() => tf.losses.softmaxCrossEntropy(tf.gather(y, idx), forward(tf.gather(x, idx))) as Scalar, true);
      finalLoss = loss!.dataSync()[0];
      tf.dispose([idx, loss!]);
    }
  }
  const trainAccuracy = tf.tidy(() => tf.mean(tf.equal(tf.argMax(forward(x), 1), labels).toFloat()).dataSync()[0]);
  optimizer.dispose();
  tf.dispose([x, y, labels]);
  return { scale: c.scale, useBN: c.useBN, finalLoss, trainAccuracy };
}

/** One hyperparameter setting of the search. */
export interface HparamInput {
  lr: number;
  reg: number;
  hidden: number;
  nTrain: number;
  nVal: number;
  batch: number;
  epochs: number;
  dataSeed: number;
  /** {@link dataFunctions}. */
  data: SharedFunctions;
}

/** What a search trial returns. */
export interface HparamResult {
  lr: number;
  reg: number;
  trainLoss: number;
  valAccuracy: number;
}

/**
 * Trains the two-layer network (784-hidden-10, ReLU, softmax cross-entropy + L2) with SGD at one
 * learning rate and regularisation strength; returns the last loss and the validation accuracy.
 * The data set (made in the trial, from `dataSeed`) is the same for every trial.
 */
export function hparamTrial(p: HparamInput, { tf, rng, report, require }: TrialContext): HparamResult {
  const { rebuildFunctions } = require('kernel-helpers') as typeof import('../../kernel-helpers/src/parallel');
  const d = 784;
  const classes = 10;
  const n = p.nTrain + p.nVal;
  const { teacherData } = rebuildFunctions(p.data, { tf }) as DataFunctions;
  const [xTrain, yTrain, xVal, labelsVal] = tf.tidy(() => {
    const { x, labels } = teacherData(n, p.dataSeed);
    return [
      tf.slice(x, [0, 0], [p.nTrain, d]),
      tf.oneHot(tf.slice(labels, [0], [p.nTrain]), classes).toFloat(),
      tf.slice(x, [p.nTrain, 0], [p.nVal, d]),
      tf.slice(labels, [p.nTrain], [p.nVal]),
    ];
  });
  const W1 = tf.variable(tf.randomNormal([d, p.hidden], 0, Math.sqrt(2 / d), 'float32', rng.tfSeed()));
  const b1 = tf.variable(tf.zeros([p.hidden]));
  const W2 = tf.variable(tf.randomNormal([p.hidden, classes], 0, Math.sqrt(2 / p.hidden), 'float32', rng.tfSeed()));
  const b2 = tf.variable(tf.zeros([classes]));
  const logits = (x: typeof xTrain) => tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, W1), b1)), W2), b2);
  const optimizer = tf.train.sgd(p.lr);
  let trainLoss = NaN;
  for (let epoch = 0; epoch < p.epochs; epoch++) {
    const order = rng.permutation(p.nTrain);
    for (let start = 0; start < p.nTrain; start += p.batch) {
      const idx = tf.tensor1d(order.subarray(start, Math.min(start + p.batch, p.nTrain)), 'int32');
      const loss = optimizer.minimize(() => {
        const data = tf.losses.softmaxCrossEntropy(tf.gather(yTrain, idx), logits(tf.gather(xTrain, idx)));
        return tf.add(data, tf.mul(p.reg, tf.add(tf.sum(tf.square(W1)), tf.sum(tf.square(W2))))) as Scalar;
      }, true);
      trainLoss = loss!.dataSync()[0];
      tf.dispose([idx, loss!]);
    }
    report({ epoch, trainLoss });
  }
  const valAccuracy = tf.tidy(() => tf.mean(tf.equal(tf.argMax(logits(xVal), 1), labelsVal).toFloat()).dataSync()[0]);
  optimizer.dispose();
  tf.dispose([xTrain, yTrain, xVal, labelsVal]);
  return { lr: p.lr, reg: p.reg, trainLoss, valAccuracy };
}
