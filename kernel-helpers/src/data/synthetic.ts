/**
 * Seeded synthetic data sets for the lessons: the CS231n spiral, Gaussian blobs, and correlated
 * Gaussian clouds for the preprocessing figures. Every generator takes an explicit {@link Rng}, so
 * the same seed gives the same points.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../random';

/** Points with class labels: row `i` of `X` is `X[i * d .. i * d + d - 1]`. */
export interface LabeledPoints {
  /** Coordinates, `[n, d]` row-major. */
  X: Float32Array;
  /** Class of each point, `[n]`, in 0..numClasses-1. */
  y: Int32Array;
  /** `[n, d]`. */
  shape: [number, number];
  /** Number of classes. */
  numClasses: number;
}

/** Points without labels. */
export interface Points {
  /** Coordinates, `[n, d]` row-major. */
  X: Float32Array;
  /** `[n, d]`. */
  shape: [number, number];
}

/** Options for {@link spiral}. */
export interface SpiralOptions {
  /** Number of arms (classes), K. Default 3. */
  numClasses?: number;
  /** Points per arm, N. Default 100. */
  pointsPerClass?: number;
  /** Standard deviation of the Gaussian noise added to each point's angle, in radians. Default 0.2. */
  noise?: number;
  /** Random source; pass `rng()` or a fork of it. */
  rng: Rng;
}

/**
 * The spiral data set of the CS231n notes ("Putting it together: minimal neural network case
 * study", https://cs231n.github.io/neural-networks-case-study/): K arms of N points each, in 2-D.
 * For arm j: r = linspace(0, 1, N), t = linspace(4j, 4(j+1), N) + noise·randn(N),
 * X = [r·sin t, r·cos t]. Linearly inseparable for K ≥ 2.
 *
 * @returns `X` `[K·N, 2]` (arm 0 first, then arm 1, …; radii from 0 to 1), `y` `[K·N]`.
 * @throws when a count is not a positive integer or `noise` is negative or not finite.
 */
export function spiral(options: SpiralOptions): LabeledPoints {
  const { numClasses = 3, pointsPerClass = 100, noise = 0.2 } = options ?? ({} as SpiralOptions);
  const rng = requireRng(options?.rng, 'spiral');
  positiveInt(numClasses, 'spiral', 'numClasses');
  positiveInt(pointsPerClass, 'spiral', 'pointsPerClass');
  if (!Number.isFinite(noise) || noise < 0) throw new RangeError(`spiral: noise must be a finite number >= 0, got ${noise}`);
  const n = numClasses * pointsPerClass;
  const X = new Float32Array(n * 2);
  const y = new Int32Array(n);
  for (let j = 0; j < numClasses; j++) {
    for (let i = 0; i < pointsPerClass; i++) {
      const row = j * pointsPerClass + i;
      const r = linspaceAt(0, 1, pointsPerClass, i);
      const t = linspaceAt(4 * j, 4 * (j + 1), pointsPerClass, i) + rng.normal(0, 1) * noise;
      X[2 * row] = r * Math.sin(t);
      X[2 * row + 1] = r * Math.cos(t);
      y[row] = j;
    }
  }
  return { X, y, shape: [n, 2], numClasses };
}

/** Options for {@link gaussianBlobs}. */
export interface GaussianBlobsOptions {
  /** One centre per class, each a point in d dimensions (all the same d), e.g. `[[-2, 0], [2, 0]]`. */
  centers: number[][];
  /** Standard deviation of every coordinate around its centre: one number for all classes, or one per class. Default 1. */
  std?: number | number[];
  /** Points per class. Default 100. */
  pointsPerClass?: number;
  /** Random source. */
  rng: Rng;
}

/**
 * Isotropic Gaussian blobs, one per class: point ~ centre + std·N(0, I).
 *
 * @returns `X` `[K·N, d]` (class 0 first), `y` `[K·N]`, with K = `centers.length`, N = `pointsPerClass`.
 * @throws on an empty or ragged `centers`, non-finite coordinates, a negative std, a `std` list
 *   whose length is not K, or a non-positive count.
 */
export function gaussianBlobs(options: GaussianBlobsOptions): LabeledPoints {
  const { centers, std = 1, pointsPerClass = 100 } = options ?? ({} as GaussianBlobsOptions);
  const rng = requireRng(options?.rng, 'gaussianBlobs');
  if (!Array.isArray(centers) || centers.length === 0) throw new RangeError('gaussianBlobs: centers must be a non-empty array of points');
  const d = Array.isArray(centers[0]) ? centers[0].length : 0;
  if (d === 0) throw new RangeError('gaussianBlobs: centers[0] must be a non-empty array of coordinates');
  centers.forEach((c, k) => {
    if (!Array.isArray(c) || c.length !== d) throw new RangeError(`gaussianBlobs: centers[${k}] has ${Array.isArray(c) ? c.length : 'no'} coordinates, expected ${d} like centers[0]`);
    if (c.some((v) => !Number.isFinite(v))) throw new RangeError(`gaussianBlobs: centers[${k}] has a non-finite coordinate: [${c.join(', ')}]`);
  });
  const stds = Array.isArray(std) ? std : centers.map(() => std);
  if (stds.length !== centers.length) throw new RangeError(`gaussianBlobs: std has ${stds.length} entries, expected one per centre (${centers.length})`);
  stds.forEach((s, k) => {
    if (!Number.isFinite(s) || s < 0) throw new RangeError(`gaussianBlobs: std${Array.isArray(std) ? `[${k}]` : ''} must be a finite number >= 0, got ${s}`);
  });
  positiveInt(pointsPerClass, 'gaussianBlobs', 'pointsPerClass');
  const n = centers.length * pointsPerClass;
  const X = new Float32Array(n * d);
  const y = new Int32Array(n);
  for (let k = 0; k < centers.length; k++) {
    for (let i = 0; i < pointsPerClass; i++) {
      const row = k * pointsPerClass + i;
      for (let j = 0; j < d; j++) X[row * d + j] = centers[k][j] + stds[k] * rng.normal(0, 1);
      y[row] = k;
    }
  }
  return { X, y, shape: [n, d], numClasses: centers.length };
}

/** Options for {@link correlatedGaussian}. */
export interface CorrelatedGaussianOptions {
  /** Mean vector, length d. */
  mean: number[];
  /** Covariance matrix, d×d, symmetric positive semi-definite, e.g. `[[3, 1.2], [1.2, 1]]`. */
  cov: number[][];
  /** Number of points. */
  n: number;
  /** Random source. */
  rng: Rng;
}

/**
 * Samples from a multivariate Gaussian N(mean, cov): x = mean + L·z with L the Cholesky factor of
 * `cov` (L·Lᵀ = cov) and z ~ N(0, I). Used for the preprocessing figures (zero-centring,
 * normalization, decorrelation and whitening of a correlated 2-D cloud, as in the CS231n notes).
 *
 * @returns `X` `[n, d]`.
 * @throws when `mean` is empty or not finite, `cov` is not d×d, not symmetric, or not positive
 *   semi-definite, or `n` is not a positive integer.
 */
export function correlatedGaussian(options: CorrelatedGaussianOptions): Points {
  const { mean, cov, n } = options ?? ({} as CorrelatedGaussianOptions);
  const rng = requireRng(options?.rng, 'correlatedGaussian');
  if (!Array.isArray(mean) || mean.length === 0 || mean.some((v) => !Number.isFinite(v))) {
    throw new RangeError(`correlatedGaussian: mean must be a non-empty array of finite numbers, got ${JSON.stringify(mean)}`);
  }
  positiveInt(n, 'correlatedGaussian', 'n');
  const L = cholesky(cov, mean.length);
  const d = mean.length;
  const X = new Float32Array(n * d);
  const z = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) z[j] = rng.normal(0, 1);
    for (let r = 0; r < d; r++) {
      let v = mean[r];
      for (let c = 0; c <= r; c++) v += L[r][c] * z[c];
      X[i * d + r] = v;
    }
  }
  return { X, shape: [n, d] };
}

/**
 * Lower-triangular Cholesky factor of a symmetric positive semi-definite matrix. A zero pivot
 * (a singular but valid covariance, such as perfectly correlated features) gives a zero column
 * instead of a division by zero.
 */
function cholesky(cov: number[][], d: number): number[][] {
  if (!Array.isArray(cov) || cov.length !== d || cov.some((row) => !Array.isArray(row) || row.length !== d)) {
    throw new RangeError(`correlatedGaussian: cov must be a ${d}×${d} matrix (d = mean.length), got ${JSON.stringify(cov)}`);
  }
  const scale = Math.max(...cov.map((row, i) => Math.abs(row[i])), 1e-300);
  const tol = 1e-12 * scale;
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      if (!Number.isFinite(cov[i][j])) throw new RangeError(`correlatedGaussian: cov[${i}][${j}] is ${cov[i][j]}`);
      if (Math.abs(cov[i][j] - cov[j][i]) > tol) throw new RangeError(`correlatedGaussian: cov is not symmetric: cov[${i}][${j}] = ${cov[i][j]}, cov[${j}][${i}] = ${cov[j][i]}`);
    }
  }
  const L = cov.map(() => new Array<number>(d).fill(0));
  for (let j = 0; j < d; j++) {
    let pivot = cov[j][j];
    for (let k = 0; k < j; k++) pivot -= L[j][k] * L[j][k];
    if (pivot < -tol) throw new RangeError(`correlatedGaussian: cov is not positive semi-definite (pivot ${j} is ${pivot})`);
    const ljj = pivot > tol ? Math.sqrt(pivot) : 0;
    L[j][j] = ljj;
    for (let i = j + 1; i < d; i++) {
      let v = cov[i][j];
      for (let k = 0; k < j; k++) v -= L[i][k] * L[j][k];
      if (ljj === 0) {
        if (Math.abs(v) > Math.sqrt(tol)) throw new RangeError(`correlatedGaussian: cov is not positive semi-definite (zero variance in direction ${j} but covariance ${v} with ${i})`);
        L[i][j] = 0;
      } else {
        L[i][j] = v / ljj;
      }
    }
  }
  return L;
}

/**
 * Labeled points as tensors.
 *
 * @returns `X` float32 `[n, d]` and `y` int32 `[n]`; the caller owns and disposes both.
 */
export function labeledTensors(points: LabeledPoints): { X: tf.Tensor2D; y: tf.Tensor1D } {
  checkPoints(points, 'labeledTensors');
  if (!(points.y instanceof Int32Array) || points.y.length !== points.shape[0]) {
    throw new RangeError(`labeledTensors: y must be an Int32Array of length ${points.shape?.[0]}, got ${points.y?.length}`);
  }
  return { X: tf.tensor2d(points.X, points.shape, 'float32'), y: tf.tensor1d(points.y, 'int32') };
}

/**
 * Points as a float32 tensor `[n, d]`; the caller owns and disposes it.
 */
export function pointsTensor(points: Points): tf.Tensor2D {
  checkPoints(points, 'pointsTensor');
  return tf.tensor2d(points.X, points.shape, 'float32');
}

function checkPoints(points: Points, fn: string): void {
  const shape = points?.shape;
  if (!Array.isArray(shape) || shape.length !== 2 || !(points.X instanceof Float32Array) || points.X.length !== shape[0] * shape[1]) {
    throw new RangeError(`${fn}: points must have X (Float32Array) of length shape[0]·shape[1]; got shape ${JSON.stringify(shape)} and ${points?.X?.length} values`);
  }
}

/** linspace(a, b, n)[i], matching numpy (n = 1 gives a). */
function linspaceAt(a: number, b: number, n: number, i: number): number {
  return n === 1 ? a : a + ((b - a) * i) / (n - 1);
}

function positiveInt(value: number, fn: string, name: string): void {
  if (!Number.isInteger(value) || value <= 0) throw new RangeError(`${fn}: ${name} must be a positive integer, got ${value}`);
}

function requireRng(rng: Rng | undefined, fn: string): Rng {
  // Duck-typed rather than instanceof: a notebook may hold an Rng from another copy of the package.
  if (typeof (rng as Rng | undefined)?.normal !== 'function') throw new TypeError(`${fn}: options.rng must be an Rng (from seed(…) or rng().fork()); no unseeded fallback, so reruns match`);
  return rng as Rng;
}
