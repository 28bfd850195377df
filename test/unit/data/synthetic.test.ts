import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../kernel-helpers/src/backend';
import { Rng } from '../../../kernel-helpers/src/random';
import { spiral, gaussianBlobs, correlatedGaussian, labeledTensors, pointsTensor } from '../../../kernel-helpers/src/data/synthetic';

before(async () => {
  await initBackend();
});

/** Column means and the population covariance of `X` `[n, d]`. */
function moments(X: Float32Array, n: number, d: number): { mean: number[]; cov: number[][] } {
  const mean = new Array(d).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += X[i * d + j] / n;
  const cov = mean.map(() => new Array(d).fill(0));
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) cov[a][b] += ((X[i * d + a] - mean[a]) * (X[i * d + b] - mean[b])) / n;
  }
  return { mean, cov };
}

test('spiral follows the CS231n recipe: r = linspace(0, 1, N), t = linspace(4j, 4(j+1), N) + 0.2·randn', () => {
  const N = 100;
  const K = 3;
  const data = spiral({ rng: new Rng(1) });
  assert.deepEqual(data.shape, [N * K, 2]);
  assert.equal(data.numClasses, K);
  let residualSq = 0;
  for (let j = 0; j < K; j++) {
    for (let i = 0; i < N; i++) {
      const row = j * N + i;
      assert.equal(data.y[row], j);
      const [x0, x1] = [data.X[2 * row], data.X[2 * row + 1]];
      assert.ok(Math.abs(Math.hypot(x0, x1) - i / (N - 1)) < 1e-6, `radius of point ${row}`);
      if (i === 0) continue; // r = 0: the angle is undefined
      // X = [r sin t, r cos t], so t = atan2(x0, x1); compare with the noiseless angle modulo 2π.
      const t0 = 4 * j + (4 * i) / (N - 1);
      let dt = Math.atan2(x0, x1) - t0;
      dt -= 2 * Math.PI * Math.round(dt / (2 * Math.PI));
      residualSq += dt * dt;
    }
  }
  const noiseStd = Math.sqrt(residualSq / (K * (N - 1)));
  assert.ok(Math.abs(noiseStd - 0.2) < 0.02, `angle noise std ${noiseStd}`);
});

test('spiral is reproducible from the seed, and options change it as documented', () => {
  const a = spiral({ numClasses: 4, pointsPerClass: 50, rng: new Rng(7) });
  const b = spiral({ numClasses: 4, pointsPerClass: 50, rng: new Rng(7) });
  const c = spiral({ numClasses: 4, pointsPerClass: 50, rng: new Rng(8) });
  assert.deepEqual(a.X, b.X);
  assert.notDeepEqual(a.X, c.X);
  assert.deepEqual(a.shape, [200, 2]);
  assert.deepEqual(Array.from(new Set(a.y)), [0, 1, 2, 3]);
  // noise 0: points lie exactly on the arms.
  const clean = spiral({ numClasses: 1, pointsPerClass: 3, noise: 0, rng: new Rng(1) });
  const expected = [0, 0.5 * Math.sin(2), 0.5 * Math.cos(2), Math.sin(4), Math.cos(4)];
  assert.deepEqual(Array.from(clean.X.subarray(1)), expected.map(Math.fround));
});

test('spiral rejects bad options', () => {
  assert.throws(() => spiral({ rng: undefined as unknown as Rng }), /spiral: options\.rng must be an Rng/);
  assert.throws(() => spiral({ numClasses: 0, rng: new Rng(1) }), /numClasses must be a positive integer, got 0/);
  assert.throws(() => spiral({ pointsPerClass: 2.5, rng: new Rng(1) }), /pointsPerClass must be a positive integer, got 2\.5/);
  assert.throws(() => spiral({ noise: NaN, rng: new Rng(1) }), /noise must be a finite number >= 0, got NaN/);
});

test('gaussianBlobs: each class centred on its centre with its own std', () => {
  const centers = [[-3, 0], [3, 1], [0, 5]];
  const data = gaussianBlobs({ centers, std: [0.5, 1, 2], pointsPerClass: 20000, rng: new Rng(3) });
  assert.deepEqual(data.shape, [60000, 2]);
  assert.equal(data.numClasses, 3);
  for (let k = 0; k < 3; k++) {
    const block = data.X.subarray(k * 40000, (k + 1) * 40000);
    const { mean, cov } = moments(block, 20000, 2);
    const std = [0.5, 1, 2][k];
    assert.ok(Math.abs(mean[0] - centers[k][0]) < 0.05 && Math.abs(mean[1] - centers[k][1]) < 0.05, `class ${k} mean ${mean}`);
    assert.ok(Math.abs(Math.sqrt(cov[0][0]) - std) < 0.03 * std, `class ${k} std ${Math.sqrt(cov[0][0])}`);
    assert.ok(Math.abs(cov[0][1]) < 0.05 * std * std, `class ${k} covariance ${cov[0][1]}`);
    assert.ok(data.y.subarray(k * 20000, (k + 1) * 20000).every((v) => v === k));
  }
});

test('gaussianBlobs rejects bad input', () => {
  const rng = new Rng(1);
  assert.throws(() => gaussianBlobs({ centers: [], rng }), /centers must be a non-empty array/);
  assert.throws(() => gaussianBlobs({ centers: [[0, 0], [1]], rng }), /centers\[1\] has 1 coordinates, expected 2/);
  assert.throws(() => gaussianBlobs({ centers: [[0, NaN]], rng }), /centers\[0\] has a non-finite coordinate/);
  assert.throws(() => gaussianBlobs({ centers: [[0], [1]], std: [1], rng }), /std has 1 entries, expected one per centre \(2\)/);
  assert.throws(() => gaussianBlobs({ centers: [[0]], std: -1, rng }), /std must be a finite number >= 0, got -1/);
});

test('correlatedGaussian reproduces the requested mean and covariance', () => {
  const mean = [1, -2];
  const cov = [
    [3, 1.2],
    [1.2, 1],
  ];
  const pts = correlatedGaussian({ mean, cov, n: 100000, rng: new Rng(11) });
  assert.deepEqual(pts.shape, [100000, 2]);
  const m = moments(pts.X, 100000, 2);
  for (let a = 0; a < 2; a++) {
    assert.ok(Math.abs(m.mean[a] - mean[a]) < 0.02, `mean ${m.mean}`);
    for (let b = 0; b < 2; b++) assert.ok(Math.abs(m.cov[a][b] - cov[a][b]) < 0.03 * Math.sqrt(cov[a][a] * cov[b][b]), `cov ${JSON.stringify(m.cov)}`);
  }
});

test('correlatedGaussian accepts a singular covariance and rejects invalid ones', () => {
  // Perfectly correlated: x1 = x0.
  const line = correlatedGaussian({ mean: [0, 0], cov: [[1, 1], [1, 1]], n: 100, rng: new Rng(2) });
  for (let i = 0; i < 100; i++) assert.ok(Math.abs(line.X[2 * i] - line.X[2 * i + 1]) < 1e-6);
  const rng = new Rng(1);
  assert.throws(() => correlatedGaussian({ mean: [0, 0], cov: [[1, 2], [2, 1]], n: 5, rng }), /not positive semi-definite/);
  assert.throws(() => correlatedGaussian({ mean: [0, 0], cov: [[1, 0.5], [0.4, 1]], n: 5, rng }), /cov is not symmetric: cov\[0\]\[1\] = 0\.5, cov\[1\]\[0\] = 0\.4/);
  assert.throws(() => correlatedGaussian({ mean: [0, 0], cov: [[1, 0]], n: 5, rng }), /cov must be a 2×2 matrix/);
  assert.throws(() => correlatedGaussian({ mean: [], cov: [], n: 5, rng }), /mean must be a non-empty array of finite numbers/);
  assert.throws(() => correlatedGaussian({ mean: [0], cov: [[1]], n: 0, rng }), /n must be a positive integer, got 0/);
});

test('tensor helpers: X float32 [n, d], y int32 [n], nothing leaked', () => {
  const data = spiral({ pointsPerClass: 10, rng: new Rng(5) });
  const before = tf.memory().numTensors;
  const { X, y } = labeledTensors(data);
  const P = pointsTensor(correlatedGaussian({ mean: [0, 0, 0], cov: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], n: 7, rng: new Rng(1) }));
  assert.deepEqual(X.shape, [30, 2]);
  assert.equal(X.dtype, 'float32');
  assert.deepEqual(Array.from(X.dataSync()), Array.from(data.X));
  assert.equal(y.dtype, 'int32');
  assert.deepEqual(Array.from(y.dataSync()), Array.from(data.y));
  assert.deepEqual(P.shape, [7, 3]);
  assert.equal(tf.memory().numTensors, before + 3);
  tf.dispose([X, y, P]);
  assert.equal(tf.memory().numTensors, before);
  assert.throws(() => labeledTensors({ ...data, shape: [31, 2] }), /labeledTensors: points must have X \(Float32Array\) of length shape\[0\]·shape\[1\]/);
  assert.throws(() => labeledTensors({ ...data, y: new Int32Array(3) }), /y must be an Int32Array of length 30, got 3/);
  assert.equal(tf.memory().numTensors, before);
});
