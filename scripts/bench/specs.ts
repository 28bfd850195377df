/**
 * The benchmark's workloads, as plain data shared with the Python side (`bench.py` receives this
 * list as JSON), so tfjs, numpy and PyTorch run the same sizes. Data are synthetic with
 * Fashion-MNIST's shapes (784 inputs, 10 classes), so the benchmark needs no dataset.
 */

/** How often to time a workload: the median of up to `repeats` runs, stopping early after `budgetS` seconds. */
export interface Timing {
  /** Untimed runs first (JIT, allocator, XNNPACK operator caches). */
  warmup: number;
  /** At most this many timed runs. */
  repeats: number;
  /** Stop repeating once this much time (seconds) went into timed runs (at least one run is always made). */
  budgetS: number;
}

interface Base {
  /** Stable identifier, printed in the table. */
  id: string;
  /** One line for BENCHMARKS.md: what the workload is and which lesson it stands for. */
  about: string;
  timing: Timing;
}

/** The lecture's activation-statistics network: `layers` tanh layers of `width` units, Xavier init, forward and backward on `n` examples. */
export interface DeepSpec extends Base { kind: 'deep'; layers: number; width: number; n: number }
/** One SGD step (forward, backward, update, loss read) of the 784-100-10 ReLU network with softmax cross-entropy. */
export interface MlpStepSpec extends Base { kind: 'mlpStep'; batch: number; hidden: number }
/** One epoch of that network over `n` shuffled examples, gathering each minibatch, reading the loss each step. */
export interface MlpEpochSpec extends Base { kind: 'mlpEpoch'; batch: number; hidden: number; n: number }
/** Batch-norm forward (batch statistics) and backward (gradients for x, gamma, beta) on `n` x `d`. */
export interface BatchNormSpec extends Base { kind: 'batchnorm'; n: number; d: number }
/** Data preprocessing: centre `n` images and form their `d` x `d` covariance (the first step of PCA/whitening). */
export interface CovarianceSpec extends Base { kind: 'covariance'; n: number; d: number }
/** The batch-norm weight-scale sweep: a deep net trained with and without BN at each of `scales` weight scales, logspace(-4, 0). */
export interface BnSweepSpec extends Base {
  kind: 'bnSweep';
  scales: number;
  hidden: number[];
  nTrain: number;
  batch: number;
  epochs: number;
  lr: number;
}
/** One trial of the hyperparameter search: train a two-layer net at one (learning rate, regularisation) and measure validation accuracy. */
export interface HparamTrialSpec extends Base {
  kind: 'hparamTrial';
  hidden: number;
  nTrain: number;
  nVal: number;
  batch: number;
  epochs: number;
}

export type Spec = DeepSpec | MlpStepSpec | MlpEpochSpec | BatchNormSpec | CovarianceSpec | BnSweepSpec | HparamTrialSpec;

const micro: Timing = { warmup: 5, repeats: 51, budgetS: 8 };
const heavy: Timing = { warmup: 1, repeats: 5, budgetS: 15 };
const once: Timing = { warmup: 0, repeats: 1, budgetS: 0 };

export const SPECS: Spec[] = [
  { id: 'lecture-10x500', kind: 'deep', layers: 10, width: 500, n: 1000, timing: heavy,
    about: 'Lecture demo (activations and initialisation): 10 tanh layers of 500 units, Xavier init, forward and backward on 1000 examples.' },
  { id: 'mlp-step-b64', kind: 'mlpStep', batch: 64, hidden: 100, timing: micro,
    about: 'One SGD step of the two-layer Fashion-MNIST network (784-100-10, ReLU, softmax cross-entropy), batch 64.' },
  { id: 'mlp-step-b256', kind: 'mlpStep', batch: 256, hidden: 100, timing: micro,
    about: 'The same step at batch 256 (the issue\'s target: within 4x numpy).' },
  { id: 'mlp-step-b1024', kind: 'mlpStep', batch: 1024, hidden: 100, timing: micro,
    about: 'The same step at batch 1024.' },
  { id: 'fashion-epoch-b64', kind: 'mlpEpoch', batch: 64, hidden: 100, n: 60000, timing: once,
    about: 'One epoch of the two-layer network over 60,000 shuffled examples at batch 64 (938 steps, loss read every step).' },
  { id: 'fashion-epoch-b256', kind: 'mlpEpoch', batch: 256, hidden: 100, n: 60000, timing: once,
    about: 'The same epoch at batch 256 (235 steps).' },
  { id: 'batchnorm-fwd-bwd', kind: 'batchnorm', n: 1024, d: 500, timing: micro,
    about: 'Batch-norm lesson: forward with batch statistics and backward (dx, dgamma, dbeta) on 1024 x 500.' },
  { id: 'covariance-10k', kind: 'covariance', n: 10000, d: 784, timing: heavy,
    about: 'Preprocessing lesson: centre 10,000 images and form the 784 x 784 covariance (the first step of PCA/whitening).' },
  { id: 'bn-scale-sweep', kind: 'bnSweep', scales: 20, hidden: [50, 50, 50, 50, 50, 50, 50], nTrain: 1000, batch: 50, epochs: 10, lr: 0.01, timing: once,
    about: 'Batch-norm lesson\'s heaviest experiment: 7 hidden layers of 50, 20 weight scales logspace(-4, 0), each trained with and without BN (40 runs x 10 epochs x 20 steps of 50 on 1,000 examples).' },
  { id: 'hparam-trial', kind: 'hparamTrial', hidden: 100, nTrain: 5000, nVal: 1000, batch: 100, epochs: 5, timing: { warmup: 0, repeats: 3, budgetS: 20 },
    about: 'Hyperparameter-search lesson: one trial (synthetic data made in the trial, 784-100-10 with L2, 5 epochs of 50 steps at batch 100, validation accuracy on 1,000).' },
];
