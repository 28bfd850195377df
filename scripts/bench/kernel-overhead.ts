/**
 * The fixed cost of a tfjs kernel call on the WASM backend, apart from its arithmetic, with and
 * without the kernel-helpers lean kernels (`wasmLeanKernels.ts`), measured in one process with the
 * two variants interleaved round by round (so a busy shared machine slows both alike):
 *
 * - tiny ops on two [10] tensors: bare (`tf.add(a, b).dispose()`), inside one `tf.tidy`, and a
 *   chain of 200 adds or muls differentiated by `tf.variableGrads` (forward + tape + backward,
 *   reported per forward op);
 * - lesson-shaped training steps: 784-50-10 ReLU at batch 100 (vanilla SGD through
 *   `tf.variableGrads`, loss read every step), the same net through the `train` helper, and the
 *   batch-norm sweep's step (7 hidden layers of 50, batch 50, with batch norm).
 *
 * `--cases re` keeps only the cases whose name matches. `--bench a,b` adds workloads of `npm run bench` (ids of specs.ts; short ones are repeated so
 * that each sample is at least ~0.1 s).
 *
 * Prints the median per op in microseconds and per step or run in milliseconds, each as CPU time
 * of this process (steady under load from other processes) and as wall time.
 *
 *   node --import tsx scripts/bench/kernel-overhead.ts [--rounds N] [--bench mlp-step-b64,hparam-trial] [--cases regex]
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend, applyWasmLeanKernels, removeWasmLeanKernels } from '../../kernel-helpers/src/backend';
import { Rng } from '../../kernel-helpers/src/random';
import { train } from '../../kernel-helpers/src/train';
import { median } from './measure';
import { SPECS } from './specs';
import { prepare } from './workloads';

const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const ROUNDS = roundsAt >= 0 ? Number(args[roundsAt + 1]) : 11;
const benchAt = args.indexOf('--bench');
const BENCH_IDS = benchAt >= 0 ? args[benchAt + 1].split(',') : [];
const casesAt = args.indexOf('--cases');
const CASES = casesAt >= 0 ? new RegExp(args[casesAt + 1]) : null;

/** CPU time (user + system) of this process, in milliseconds. */
function cpuMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

interface Case {
  name: string;
  /** Unit of the printed result: microseconds per op or milliseconds per step. */
  unit: 'us/op' | 'ms/step' | 'ms/run';
  /** How many ops, steps or runs one call of `run` makes. */
  count: number;
  run(): void | Promise<void>;
}

function tinyOps(): Case[] {
  const a = tf.tensor1d(new Float32Array(10).fill(1));
  const b = tf.tensor1d(new Float32Array(10).fill(2));
  const x = tf.variable(tf.tensor1d(new Float32Array(10).fill(1)), true, 'kernelOverhead_x');
  const OPS = 5000;
  const CHAIN = 200;
  const chain = (op: (h: tf.Tensor, k: tf.Tensor) => tf.Tensor) => () => {
    for (let r = 0; r < 10; r++) {
      tf.tidy(() => {
        tf.variableGrads(() => {
          let h: tf.Tensor = x;
          for (let i = 0; i < CHAIN; i++) h = op(h, b);
          return tf.sum(h) as tf.Scalar;
        }, [x]);
      });
    }
  };
  return [
    { name: 'add [10] bare', unit: 'us/op', count: OPS, run: () => { for (let i = 0; i < OPS; i++) tf.add(a, b).dispose(); } },
    { name: 'add [10] in one tidy', unit: 'us/op', count: OPS, run: () => { tf.tidy(() => { for (let i = 0; i < OPS; i++) tf.add(a, b); }); } },
    { name: 'add [10] chain under variableGrads (per fwd op)', unit: 'us/op', count: 10 * CHAIN, run: chain(tf.add) },
    { name: 'mul [10] chain under variableGrads (per fwd op)', unit: 'us/op', count: 10 * CHAIN, run: chain(tf.mul) },
  ];
}

/** Deterministic Fashion-MNIST-shaped inputs and labels. */
function dataset(n: number, seedValue: number): { X: tf.Tensor2D; labels: tf.Tensor1D } {
  const rng = new Rng(seedValue);
  return {
    X: tf.tensor2d(rng.normalArray(n * 784), [n, 784]),
    labels: tf.tensor1d(Int32Array.from({ length: n }, () => rng.int(10)), 'int32'),
  };
}

function mlpParams(hidden: number, seedValue: number): Record<string, tf.Variable> {
  const rng = new Rng(seedValue);
  return tf.tidy(() => ({
    W1: tf.variable(tf.mul(tf.tensor2d(rng.normalArray(784 * hidden), [784, hidden]), Math.sqrt(2 / 784))),
    b1: tf.variable(tf.zeros([hidden])),
    W2: tf.variable(tf.mul(tf.tensor2d(rng.normalArray(hidden * 10), [hidden, 10]), Math.sqrt(2 / hidden))),
    b2: tf.variable(tf.zeros([10])),
  }));
}

function steps(): Case[] {
  // 784-50-10 at batch 100, written out: forward, variableGrads, W -= lr * dW, loss read.
  const { X, labels } = dataset(100, 3);
  const p = mlpParams(50, 4);
  const vars = Object.values(p);
  const STEPS = 40;
  const handStep = () => {
    for (let s = 0; s < STEPS; s++) {
      const lossT = tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => {
          const h = tf.relu(tf.add(tf.matMul(X, p.W1), p.b1));
          return tf.losses.softmaxCrossEntropy(tf.oneHot(labels, 10), tf.add(tf.matMul(h, p.W2), p.b2)) as tf.Scalar;
        }, vars);
        for (const v of vars) v.assign(tf.sub(v, tf.mul(grads[v.name], 1e-3)));
        return value;
      });
      lossT.dataSync();
      lossT.dispose();
    }
  };

  // The same network through the lessons' `train` helper: 2,000 examples, one epoch of 20 steps
  // (plus its end-of-epoch accuracy on 1,000), as lessons 05-07 run it.
  const big = dataset(2000, 5);
  const q = mlpParams(50, 6);
  const model = {
    params: q,
    forward: (x: tf.Tensor) => tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, q.W1), q.b1)), q.W2), q.b2),
  };
  const loss = (scores: tf.Tensor, y: tf.Tensor) => tf.losses.softmaxCrossEntropy(tf.oneHot(y as tf.Tensor1D, 10), scores) as tf.Scalar;
  const trainRng = new Rng(7);
  const helperEpoch = async () => {
    await train({ model, loss, X: big.X, y: big.labels, numEpochs: 1, batchSize: 100, rng: trainRng, lr: 1e-3 });
  };

  // The batch-norm sweep's step: 7 hidden layers of 50 with batch norm, batch 50 (742 kernels).
  const bn = dataset(50, 8);
  const sizes = [784, 50, 50, 50, 50, 50, 50, 50, 10];
  const rng = new Rng(9);
  const layers = tf.tidy(() => sizes.slice(1).map((n, i) => ({
    W: tf.variable(tf.mul(tf.tensor2d(rng.normalArray(sizes[i] * n), [sizes[i], n]), Math.sqrt(2 / sizes[i]))),
    b: tf.variable(tf.zeros([n])),
    gamma: tf.variable(tf.ones([n])),
    beta: tf.variable(tf.zeros([n])),
  })));
  const bnVars = layers.flatMap((l, i) => (i === layers.length - 1 ? [l.W, l.b] : [l.W, l.b, l.gamma, l.beta]));
  const BN_STEPS = 10;
  const bnStep = () => {
    for (let s = 0; s < BN_STEPS; s++) {
      const lossT = tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => {
          let h: tf.Tensor = bn.X;
          for (const [i, l] of layers.entries()) {
            h = tf.add(tf.matMul(h, l.W), l.b);
            if (i === layers.length - 1) break;
            const { mean, variance } = tf.moments(h, 0);
            h = tf.relu(tf.add(tf.mul(tf.div(tf.sub(h, mean), tf.sqrt(tf.add(variance, 1e-5))), l.gamma), l.beta));
          }
          return tf.losses.softmaxCrossEntropy(tf.oneHot(bn.labels, 10), h) as tf.Scalar;
        }, bnVars);
        for (const v of bnVars) v.assign(tf.sub(v, tf.mul(grads[v.name], 1e-3)));
        return value;
      });
      lossT.dataSync();
      lossT.dispose();
    }
  };
  return [
    { name: 'mlp 784-50-10 b100 step (variableGrads, SGD)', unit: 'ms/step', count: STEPS, run: handStep },
    { name: 'mlp 784-50-10 b100 step via train() helper', unit: 'ms/step', count: 20, run: helperEpoch },
    { name: 'bn sweep step (7x50 + BN, b50)', unit: 'ms/step', count: BN_STEPS, run: bnStep },
  ];
}

/** Workloads of `npm run bench`, by id, timed as `npm run bench` prepares them. */
function benchCases(): Case[] {
  return BENCH_IDS.map((id) => {
    const spec = SPECS.find((s) => s.id === id);
    if (spec === undefined) throw new Error(`kernel-overhead: unknown bench id '${id}' (see scripts/bench/specs.ts)`);
    const prepared = prepare(spec);
    const repeats = spec.kind === 'mlpStep' ? 50 : 1;
    return {
      name: `bench ${id}`,
      unit: 'ms/run',
      count: repeats,
      run: async () => {
        for (let i = 0; i < repeats; i++) await prepared.run();
      },
    };
  });
}

async function main(): Promise<void> {
  await initBackend({ prefer: ['wasm'] });
  const cases = [...tinyOps(), ...steps(), ...benchCases()].filter((c) => CASES === null || CASES.test(c.name));
  const variants: Array<{ name: string; set(): void }> = [
    { name: 'stock', set: () => void removeWasmLeanKernels() },
    { name: 'lean', set: () => void applyWasmLeanKernels() },
  ];
  const samples = new Map<string, { cpu: number[]; wall: number[] }>();
  for (let round = -2; round < ROUNDS; round++) {
    for (const variant of variants) {
      variant.set();
      for (const c of cases) {
        const wall0 = performance.now();
        const cpu0 = cpuMs();
        await c.run();
        const scale = c.unit === 'us/op' ? 1000 / c.count : 1 / c.count;
        if (round < 0) continue; // warm-up rounds: JIT, XNNPACK operator caches
        const key = `${c.name}|${variant.name}`;
        if (!samples.has(key)) samples.set(key, { cpu: [], wall: [] });
        samples.get(key)!.cpu.push((cpuMs() - cpu0) * scale);
        samples.get(key)!.wall.push((performance.now() - wall0) * scale);
      }
    }
  }
  applyWasmLeanKernels();
  console.log(`median of ${ROUNDS} interleaved rounds; CPU time of this process (wall time in brackets)`);
  console.log(`${'case'.padEnd(50)} ${'stock'.padStart(18)} ${'lean'.padStart(18)}   change`);
  for (const c of cases) {
    const s = samples.get(`${c.name}|stock`)!;
    const l = samples.get(`${c.name}|lean`)!;
    const fmt = (v: { cpu: number[]; wall: number[] }) => `${median(v.cpu).toFixed(3)} (${median(v.wall).toFixed(3)})`;
    const change = (median(l.cpu) / median(s.cpu) - 1) * 100;
    console.log(`${c.name.padEnd(50)} ${fmt(s).padStart(18)} ${fmt(l).padStart(18)}   ${change >= 0 ? '+' : ''}${change.toFixed(1)}% ${c.unit}`);
  }
}

void main();
