import * as tf from '@tensorflow/tfjs';
import { Rng } from '../random';
import { minibatchIndices, gatherBatch } from './minibatches';
import { accuracy } from './accuracy';

/** What a model's forward pass returns: the scores, and optionally named intermediate tensors to watch. */
export type ForwardOutput = tf.Tensor | { scores: tf.Tensor; taps?: Record<string, tf.Tensor> };

/** A model as the lessons write it: its parameters and its forward pass, both in plain tfjs. */
export interface Model {
  /** The trainable parameters, by name (`W1`, `b1`, …). */
  params: Record<string, tf.Variable>;
  /**
   * The forward pass: `[N, D]` inputs to `[N, C]` scores. `training` is false for evaluation (for
   * batch norm and dropout). Return `{ scores, taps }` to expose activations (`taps.h1`, …) to the
   * `onStep` callback.
   */
  forward(X: tf.Tensor, options: { training: boolean }): ForwardOutput;
}

/** Summary statistics of one tensor, computed on the steps where the loop reports taps. */
export interface TensorStats {
  mean: number;
  std: number;
  /** Fraction of elements with |value| above `saturationThreshold` (tanh/sigmoid saturation). */
  saturated: number;
}

/** What `onStep` receives. */
export interface StepInfo {
  /** 0-based step count over the whole run. */
  step: number;
  /** 0-based epoch. */
  epoch: number;
  /** The minibatch loss. */
  loss: number;
  /** The learning rate used for this step. */
  lr: number;
  /** Present on tap steps (see `TrainOptions.tapEvery`): statistics of the forward's taps. */
  activations?: Record<string, TensorStats>;
  /** Present on tap steps: statistics of each parameter's gradient. */
  gradients?: Record<string, TensorStats>;
  /** Present on tap steps: ‖ΔW‖ / ‖W‖ for each parameter (CS231n's update-to-weight ratio, ~1e-3 is healthy). */
  updateRatios?: Record<string, number>;
}

/** What `onEpoch` receives. */
export interface EpochInfo {
  epoch: number;
  /** Mean minibatch loss over the epoch. */
  loss: number;
  /** Accuracy on (a subset of) the training set, in [0, 1]. */
  trainAcc: number;
  /** Accuracy on the validation set, or NaN without one. */
  valAcc: number;
  /** Loss on the validation set, or NaN without one. */
  valLoss: number;
  lr: number;
}

/** Why a run ended. */
export type StopReason = 'completed' | 'nan' | 'diverged' | 'callback';

/** Options for {@link train}. */
export interface TrainOptions {
  model: Model;
  /** The data loss plus regularization, as the lesson writes it: `(scores [N, C], y [N], params) => scalar`. */
  loss(scores: tf.Tensor, y: tf.Tensor, params: Record<string, tf.Variable>): tf.Scalar;
  /** Training inputs `[N, D]` and integer labels `[N]`. */
  X: tf.Tensor;
  y: tf.Tensor;
  /** Optional validation set, evaluated at the end of every epoch. */
  val?: { X: tf.Tensor; y: tf.Tensor };
  numEpochs: number;
  batchSize: number;
  /** Shuffles minibatches; required so that runs are reproducible. */
  rng: Rng;
  /** Learning rate, constant or a schedule of (step, epoch) (for lesson 07). Ignored if `optimizer` is given. */
  lr?: number | ((step: number, epoch: number) => number);
  /** A tfjs optimizer to use instead of vanilla SGD (`W -= lr * dW`). */
  optimizer?: tf.Optimizer;
  /** Report activation/gradient statistics and update ratios every this many steps (default: never). */
  tapEvery?: number;
  /** |value| above which a unit counts as saturated in {@link TensorStats} (default 0.99, for tanh). */
  saturationThreshold?: number;
  /** Stop when the loss exceeds this factor times the first loss (CS231n: 3). Default: never. */
  divergenceFactor?: number;
  /** How many training examples to measure `trainAcc` on at each epoch end (default 1000, as CS231n's solver). */
  trainAccSamples?: number;
  /** Called after every step; return `'stop'` to end the run. May be async (for live charts). */
  onStep?(info: StepInfo): void | 'stop' | Promise<void | 'stop'>;
  /** Called after every epoch; return `'stop'` to end the run. */
  onEpoch?(info: EpochInfo): void | 'stop' | Promise<void | 'stop'>;
}

/** What {@link train} returns: the history, ready to chart. */
export interface TrainResult {
  /** Loss of every step. */
  losses: number[];
  epochs: EpochInfo[];
  stopReason: StopReason;
  /** Steps actually taken. */
  steps: number;
}

function statsOf(t: tf.Tensor, threshold: number): TensorStats {
  const packed = tf.tidy(() => {
    const x = tf.cast(t, 'float32');
    const { mean, variance } = tf.moments(x);
    const sat = tf.mean(tf.cast(tf.greater(tf.abs(x), threshold), 'float32'));
    return tf.stack([mean, tf.sqrt(variance), sat]);
  });
  const [mean, std, saturated] = Array.from(packed.dataSync());
  packed.dispose();
  return { mean, std, saturated };
}

function normOf(t: tf.Tensor): number {
  const n = tf.tidy(() => tf.norm(t));
  const v = n.dataSync()[0];
  n.dispose();
  return v;
}

function checkOptions(o: TrainOptions): void {
  if (!o || typeof o !== 'object') throw new TypeError('train: options object is required');
  if (!o.model || typeof o.model.forward !== 'function' || !o.model.params) {
    throw new TypeError('train: options.model must have params and a forward function');
  }
  if (typeof o.loss !== 'function') throw new TypeError('train: options.loss must be a function (scores, y, params) => scalar');
  if (!(o.X instanceof tf.Tensor) || !(o.y instanceof tf.Tensor)) throw new TypeError('train: options.X and options.y must be tensors');
  if (o.X.shape[0] !== o.y.shape[0]) throw new Error(`train: X has ${o.X.shape[0]} rows but y has ${o.y.shape[0]}`);
  if (o.X.shape[0] === 0) throw new RangeError('train: X is empty');
  if (!Number.isInteger(o.numEpochs) || o.numEpochs < 1) throw new RangeError(`train: numEpochs must be a positive integer, got ${o.numEpochs}`);
  if (!(o.rng instanceof Rng)) throw new TypeError('train: options.rng must be an Rng (from seed() or rng())');
  if (o.optimizer === undefined && o.lr === undefined) throw new TypeError('train: give options.lr (number or schedule) or options.optimizer');
  if (typeof o.lr === 'number' && !(o.lr > 0)) throw new RangeError(`train: lr must be > 0, got ${o.lr}`);
}

function scoresOf(out: ForwardOutput): { scores: tf.Tensor; taps?: Record<string, tf.Tensor> } {
  return out instanceof tf.Tensor ? { scores: out } : out;
}

/** Evaluates loss and accuracy on `X`, `y` in chunks of 1000 rows, in evaluation mode. */
function evaluate(o: TrainOptions, X: tf.Tensor, y: tf.Tensor, limit: number): { acc: number; loss: number } {
  const n = Math.min(limit, X.shape[0]);
  let correct = 0;
  let lossSum = 0;
  for (let start = 0; start < n; start += 1000) {
    const size = Math.min(1000, n - start);
    const lossT = tf.tidy(() => {
      // Rows by gather, not slice: the WASM backend's Slice kernel copies the whole input out of
      // the WebAssembly heap first (about 200 ms for a [50000, 784] tensor), gather only the rows.
      const rows = tf.range(start, start + size, 1, 'int32');
      const xb = tf.gather(X, rows);
      const yb = tf.gather(y, rows);
      const { scores } = scoresOf(o.model.forward(xb, { training: false }));
      correct += accuracy(scores, yb) * size;
      return tf.mul(o.loss(scores, yb, o.model.params), size);
    });
    lossSum += lossT.dataSync()[0];
    lossT.dispose();
  }
  return { acc: correct / n, loss: lossSum / n };
}

/**
 * A small training loop: shuffled minibatches, a gradient step per batch (vanilla SGD, or a tfjs
 * optimizer), per-epoch accuracy, optional taps. The model, loss and initialization are the
 * lesson's; this is scaffolding only. Leaks no tensors (the model's variables are the caller's).
 *
 * Stops early on a NaN loss (`stopReason: 'nan'`), when the loss exceeds `divergenceFactor` × the
 * first loss (`'diverged'`), or when a callback returns `'stop'`.
 */
export async function train(options: TrainOptions): Promise<TrainResult> {
  checkOptions(options);
  const o = options;
  const names = Object.keys(o.model.params);
  const vars = names.map((k) => o.model.params[k]);
  const threshold = o.saturationThreshold ?? 0.99;
  const lrAt = (step: number, epoch: number): number => (typeof o.lr === 'function' ? o.lr(step, epoch) : (o.lr ?? NaN));
  const losses: number[] = [];
  const epochs: EpochInfo[] = [];
  let step = 0;
  let firstLoss = NaN;
  let stopReason: StopReason = 'completed';
  const N = o.X.shape[0];

  outer: for (let epoch = 0; epoch < o.numEpochs; epoch++) {
    let epochLossSum = 0;
    let epochSteps = 0;
    for (const idx of minibatchIndices(N, { batchSize: o.batchSize, rng: o.rng })) {
      const lr = lrAt(step, epoch);
      const tapNow = o.tapEvery !== undefined && step % o.tapEvery === 0;
      const info: StepInfo = { step, epoch, loss: NaN, lr };
      const before = tapNow ? vars.map((v) => v.clone()) : [];
      const lossT = tf.tidy(() => {
        const batch = gatherBatch(o.X, o.y, idx);
        const { value, grads } = tf.variableGrads(() => {
          const { scores, taps } = scoresOf(o.model.forward(batch.X, { training: true }));
          if (tapNow && taps) {
            info.activations = {};
            for (const [k, t] of Object.entries(taps)) info.activations[k] = statsOf(t, threshold);
          }
          return o.loss(scores, batch.y, o.model.params);
        }, vars);
        if (tapNow) {
          info.gradients = {};
          for (const k of names) info.gradients[k] = statsOf(grads[o.model.params[k].name], threshold);
        }
        if (o.optimizer) {
          o.optimizer.applyGradients(grads);
        } else {
          // One scalar tensor for every parameter: passing the number `lr` to tf.mul would make a
          // new scalar tensor (an allocation on the backend, ~2 µs on WASM) per parameter. Same
          // float32 value, so the same updates.
          const lrT = tf.scalar(lr);
          for (const v of vars) v.assign(tf.sub(v, tf.mul(grads[v.name], lrT)));
        }
        return value;
      });
      const loss = lossT.dataSync()[0];
      lossT.dispose();
      if (tapNow) {
        info.updateRatios = {};
        names.forEach((k, i) => {
          const delta = tf.tidy(() => tf.sub(vars[i], before[i]));
          const wNorm = normOf(before[i]);
          info.updateRatios![k] = wNorm === 0 ? NaN : normOf(delta) / wNorm;
          delta.dispose();
          before[i].dispose();
        });
      }
      info.loss = loss;
      losses.push(loss);
      if (step === 0) firstLoss = loss;
      step++;
      epochLossSum += loss;
      epochSteps++;
      if (Number.isNaN(loss)) {
        stopReason = 'nan';
        break outer;
      }
      if (o.divergenceFactor !== undefined && loss > o.divergenceFactor * firstLoss) {
        stopReason = 'diverged';
        break outer;
      }
      if (o.onStep && (await o.onStep(info)) === 'stop') {
        stopReason = 'callback';
        break outer;
      }
    }
    const train = evaluate(o, o.X, o.y, o.trainAccSamples ?? 1000);
    const val = o.val ? evaluate(o, o.val.X, o.val.y, Infinity) : { acc: NaN, loss: NaN };
    const info: EpochInfo = { epoch, loss: epochLossSum / epochSteps, trainAcc: train.acc, valAcc: val.acc, valLoss: val.loss, lr: lrAt(step, epoch) };
    epochs.push(info);
    if (o.onEpoch && (await o.onEpoch(info)) === 'stop') {
      stopReason = 'callback';
      break;
    }
  }
  return { losses, epochs, stopReason, steps: step };
}
