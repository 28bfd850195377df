import { test } from 'node:test';
import assert from 'node:assert/strict';
import { symmetricEigen } from '../../../kernel-helpers/src/data/eigh';

/** A deterministic pseudo-random symmetric positive semi-definite matrix B·Bᵀ (n×n, rank ≤ k). */
function randomPsd(n: number, k: number, seed: number): Float64Array {
  let s = seed;
  const r = () => ((s = (s * 16807) % 2147483647) / 2147483647) - 0.5;
  const B = Float64Array.from({ length: n * k }, r);
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let v = 0;
      for (let t = 0; t < k; t++) v += B[i * k + t] * B[j * k + t];
      A[i * n + j] = A[j * n + i] = v;
    }
  }
  return A;
}

/** max |A·U − U·diag(S)| and max |UᵀU − I|. */
function residuals(A: ArrayLike<number>, values: Float64Array, U: Float64Array, n: number): { eig: number; orth: number } {
  let eig = 0;
  let orth = 0;
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      let av = 0;
      for (let k = 0; k < n; k++) av += A[i * n + k] * U[k * n + j];
      eig = Math.max(eig, Math.abs(av - values[j] * U[i * n + j]));
      let dot = 0;
      for (let k = 0; k < n; k++) dot += U[k * n + i] * U[k * n + j];
      orth = Math.max(orth, Math.abs(dot - (i === j ? 1 : 0)));
    }
  }
  return { eig, orth };
}

test('2×2: closed-form eigenvalues and eigenvectors, descending, sign fixed', () => {
  // [[2, 1], [1, 2]] has eigenvalues 3 (vector [1, 1]/√2) and 1 (vector [1, -1]/√2 up to sign).
  const { values, vectors, n } = symmetricEigen([2, 1, 1, 2], 2);
  assert.equal(n, 2);
  assert.ok(Math.abs(values[0] - 3) < 1e-12 && Math.abs(values[1] - 1) < 1e-12, `values ${values}`);
  const h = Math.SQRT1_2;
  assert.ok(Math.abs(vectors[0] - h) < 1e-12 && Math.abs(vectors[2] - h) < 1e-12, 'first column is +[1, 1]/√2');
  assert.ok(Math.abs(Math.abs(vectors[1]) - h) < 1e-12 && Math.abs(vectors[1] + vectors[3]) < 1e-12, 'second column is ±[1, -1]/√2');
  // Tie in magnitude: the first largest component is the positive one.
  assert.ok(vectors[1] > 0, 'sign: first of the tied largest components is positive');
});

test('diagonal, identity (repeated eigenvalues), zero and 1×1 matrices', () => {
  const diag = symmetricEigen([1, 0, 0, 0, 5, 0, 0, 0, 3], 3);
  assert.deepEqual(Array.from(diag.values), [5, 3, 1]);
  assert.deepEqual(Array.from(diag.vectors), [0, 0, 1, 1, 0, 0, 0, 1, 0]);
  const eye = symmetricEigen([1, 0, 0, 1], 2);
  assert.deepEqual(Array.from(eye.values), [1, 1]);
  const r = residuals([1, 0, 0, 1], eye.values, eye.vectors, 2);
  assert.ok(r.orth < 1e-12);
  const zero = symmetricEigen(new Float64Array(9), 3);
  assert.deepEqual(Array.from(zero.values), [0, 0, 0]);
  assert.ok(residuals(new Float64Array(9), zero.values, zero.vectors, 3).orth < 1e-12, 'zero matrix still gets an orthonormal basis');
  const one = symmetricEigen([-4], 1);
  assert.deepEqual([one.values[0], one.vectors[0]], [-4, 1]);
});

test('random 60×60 PSD matrix of rank 20: A·U = U·diag(S), UᵀU = I, sorted, trace preserved', () => {
  const n = 60;
  const A = randomPsd(n, 20, 12345);
  const { values, vectors } = symmetricEigen(A, n);
  const { eig, orth } = residuals(A, values, vectors, n);
  assert.ok(eig < 1e-11, `eigen residual ${eig}`);
  assert.ok(orth < 1e-12, `orthogonality residual ${orth}`);
  for (let i = 1; i < n; i++) assert.ok(values[i - 1] >= values[i], `descending at ${i}`);
  let trace = 0;
  for (let i = 0; i < n; i++) trace += A[i * n + i];
  assert.ok(Math.abs(values.reduce((s, v) => s + v, 0) - trace) < 1e-10 * trace, 'sum of eigenvalues = trace');
  for (let i = 20; i < n; i++) assert.ok(Math.abs(values[i]) < 1e-12, `rank 20: eigenvalue ${i} is ${values[i]}`);
});

test('indefinite matrices and float32 input with round-off asymmetry', () => {
  const n = 25;
  const A = randomPsd(n, n, 777);
  for (let i = 0; i < n; i++) A[i * n + i] -= 2; // shift: some eigenvalues negative
  const A32 = Float32Array.from(A);
  A32[1] += 1e-7; // float32-sized asymmetry, within tolerance
  const { values, vectors } = symmetricEigen(A32, n);
  assert.ok(values[n - 1] < 0 && values[0] > 0, 'both signs present');
  const { eig, orth } = residuals(A, values, vectors, n);
  assert.ok(eig < 1e-5 && orth < 1e-12, `residuals ${eig}, ${orth}`);
});

test('result does not depend on the input array being reused, and is deterministic', () => {
  const A = randomPsd(10, 10, 42);
  const a = symmetricEigen(A, 10);
  const b = symmetricEigen(Array.from(A), 10);
  assert.deepEqual(Array.from(a.values), Array.from(b.values));
  assert.deepEqual(Array.from(a.vectors), Array.from(b.vectors));
  assert.deepEqual(Array.from(A), Array.from(randomPsd(10, 10, 42)), 'input untouched');
});

test('rejects bad input with messages naming the problem', () => {
  assert.throws(() => symmetricEigen([1, 2, 3], 2), /n·n = 4 entries, got 3/);
  assert.throws(() => symmetricEigen([1], 0), /positive integer/);
  assert.throws(() => symmetricEigen([1, 2, 0, 1], 2), /not symmetric: A\[1\]\[0\] = 0, A\[0\]\[1\] = 2/);
  assert.throws(() => symmetricEigen([1, NaN, NaN, 1], 2), /A\[0\]\[1\] is NaN/);
  assert.throws(() => symmetricEigen([1, 0, 0, 1], 2, { symmetryTolerance: -1 }), /symmetryTolerance/);
});
