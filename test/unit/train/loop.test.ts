import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { train, Model, minibatchIndices, gatherBatch } from '../../../kernel-helpers/src/train';
import { initBackend } from '../../../kernel-helpers/src/backend';
import { Rng } from '../../../kernel-helpers/src/random';

before(async () => {
  await initBackend();
});

/** Two well-separated classes in 2-D, and a linear softmax model on them. */
function setup(seed: number) {
  const r = new Rng(seed);
  const xs: number[] = [], ys: number[] = [];
  for (let i = 0; i < 200; i++) {
    const c = i % 2;
    xs.push(r.normal(c ? 2 : -2, 0.5), r.normal(0, 0.5));
    ys.push(c);
  }
  const X = tf.tensor2d(xs, [200, 2]);
  const y = tf.tensor1d(ys, 'int32');
  const W = tf.variable(tf.mul(tf.randomNormal([2, 2], 0, 1, 'float32', r.tfSeed()), 0.01));
  const b = tf.variable(tf.zeros([2]));
  const model: Model = {
    params: { W, b },
    forward: (x) => {
      const scores = tf.add(tf.matMul(x, W), b);
      return { scores, taps: { scores } };
    },
  };
  const loss = (scores: tf.Tensor, yb: tf.Tensor) => tf.losses.softmaxCrossEntropy(tf.oneHot(tf.cast(yb, 'int32'), 2), scores) as tf.Scalar;
  return { X, y, model, loss, r, dispose: () => tf.dispose([X, y, W, b]) };
}

test('trains a separable problem to accuracy 1 without leaking tensors, reproducibly', async () => {
  const run = async () => {
    const s = setup(1);
    const before = tf.memory().numTensors;
    const res = await train({ model: s.model, loss: s.loss, X: s.X, y: s.y, val: { X: s.X, y: s.y }, numEpochs: 5, batchSize: 20, lr: 0.5, rng: s.r });
    assert.equal(tf.memory().numTensors, before, 'tensor count unchanged');
    s.dispose();
    return res;
  };
  const a = await run();
  const b = await run();
  assert.equal(a.stopReason, 'completed');
  assert.equal(a.steps, 50);
  assert.equal(a.epochs.length, 5);
  assert.ok(a.losses[0] > 0.6 && a.losses[0] < 0.75, `initial loss near ln 2: ${a.losses[0]}`);
  assert.ok(a.epochs[4].trainAcc === 1 && a.epochs[4].valAcc === 1);
  assert.deepEqual(a.losses, b.losses);
});

test('vanilla SGD updates are exactly W - lr * dW with the step\'s rate, as written out by hand', async () => {
  // The loop shares one lr scalar tensor among the parameters; this pins its updates to the
  // plain formula with the number lr, bit for bit, for a constant rate and for a schedule.
  for (const lr of [0.3, (step: number) => 0.5 / (1 + step)]) {
    const lrAt = (step: number) => (typeof lr === 'number' ? lr : lr(step));
    const a = setup(5);
    const res = await train({ model: a.model, loss: a.loss, X: a.X, y: a.y, numEpochs: 2, batchSize: 40, lr, rng: a.r });
    const b = setup(5); // the same data, initial weights and generator state
    const losses: number[] = [];
    const vars = [b.model.params.W, b.model.params.b];
    let step = 0;
    for (let epoch = 0; epoch < 2; epoch++) {
      for (const idx of minibatchIndices(200, { batchSize: 40, rng: b.r })) {
        const lossT = tf.tidy(() => {
          const batch = gatherBatch(b.X, b.y, idx);
          const { value, grads } = tf.variableGrads(() => {
            const out = b.model.forward(batch.X, { training: true });
            return b.loss(out instanceof tf.Tensor ? out : out.scores, batch.y);
          }, vars);
          for (const v of vars) v.assign(tf.sub(v, tf.mul(grads[v.name], lrAt(step))));
          return value;
        });
        losses.push(lossT.dataSync()[0]);
        lossT.dispose();
        step++;
      }
    }
    assert.deepEqual(res.losses, losses);
    assert.deepEqual(Array.from(a.model.params.W.dataSync()), Array.from(b.model.params.W.dataSync()));
    assert.deepEqual(Array.from(a.model.params.b.dataSync()), Array.from(b.model.params.b.dataSync()));
    a.dispose();
    b.dispose();
  }
});

test('reports taps: activation and gradient statistics and update ratios', async () => {
  const s = setup(2);
  const seen: number[] = [];
  await train({
    model: s.model, loss: s.loss, X: s.X, y: s.y, numEpochs: 1, batchSize: 50, lr: 0.1, rng: s.r, tapEvery: 2,
    onStep: (info) => {
      if (info.updateRatios) {
        seen.push(info.step);
        assert.ok(info.updateRatios.W > 0 && Number.isFinite(info.updateRatios.W));
        assert.ok(info.activations!.scores.std > 0);
        assert.ok(info.gradients!.W.std > 0);
      }
    },
  });
  assert.deepEqual(seen, [0, 2]);
  s.dispose();
});

test('stops on NaN, on divergence and on a callback', async () => {
  const s = setup(3);
  const nan = await train({ model: s.model, loss: (scores) => tf.add(tf.mul(tf.sum(scores), 0), NaN) as tf.Scalar, X: s.X, y: s.y, numEpochs: 3, batchSize: 50, lr: 0.1, rng: s.r });
  assert.equal(nan.stopReason, 'nan');
  assert.equal(nan.steps, 1);
  let k = 0;
  // A loss that depends on the weights (so gradients exist) but grows by 1 every step.
  const growing = (scores: tf.Tensor) => tf.add(tf.mul(tf.sum(scores), 0), ++k) as tf.Scalar;
  const div = await train({ model: s.model, loss: growing, X: s.X, y: s.y, numEpochs: 3, batchSize: 50, lr: 0.1, rng: s.r, divergenceFactor: 3 });
  assert.equal(div.stopReason, 'diverged');
  assert.deepEqual(div.losses, [1, 2, 3, 4]);
  const cb = await train({ model: s.model, loss: s.loss, X: s.X, y: s.y, numEpochs: 3, batchSize: 50, lr: 0.1, rng: s.r, onEpoch: () => 'stop' });
  assert.equal(cb.stopReason, 'callback');
  assert.equal(cb.epochs.length, 1);
  s.dispose();
});

test('rejects bad options with the option named', async () => {
  const s = setup(4);
  const base = { model: s.model, loss: s.loss, X: s.X, y: s.y, numEpochs: 1, batchSize: 10, lr: 0.1, rng: s.r };
  await assert.rejects(train({ ...base, numEpochs: 0 }), /numEpochs must be a positive integer/);
  await assert.rejects(train({ ...base, lr: undefined }), /give options.lr/);
  await assert.rejects(train({ ...base, lr: -1 }), /lr must be > 0/);
  await assert.rejects(train({ ...base, rng: undefined as unknown as Rng }), /rng must be an Rng/);
  const y2 = tf.zeros([5], 'int32');
  await assert.rejects(train({ ...base, y: y2 }), /X has 200 rows but y has 5/);
  y2.dispose();
  s.dispose();
});
