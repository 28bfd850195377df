/**
 * Eigendecomposition of a real symmetric matrix: the role numpy's `np.linalg.eigh` (or `svd` of a
 * covariance matrix, as in the CS231n notes) plays for PCA and whitening. TensorFlow.js has no
 * eigendecomposition, and mathjs's `eigs` takes about four seconds on a 200×200 matrix, so this is
 * the classic dense algorithm in plain JavaScript on Float64Arrays: Householder reduction to
 * tridiagonal form, then the implicit QL algorithm with Wilkinson-style shifts (EISPACK `tred2` /
 * `tql2`, as in JAMA, which is in the public domain). About 1.5 s for the 784×784 pixel covariance
 * of Fashion-MNIST; O(n³).
 *
 * Plumbing only: the lesson computes the covariance, rotates the data into the eigenbasis and
 * whitens it with tfjs ops in the notebook (lesson 02, data preprocessing).
 */

/** Options for {@link symmetricEigen}. */
export interface SymmetricEigenOptions {
  /**
   * Largest |A[i][j] − A[j][i]| accepted, relative to max |A|. The matrix is symmetrized
   * ((A + Aᵀ) / 2) before decomposition, so float32 round-off from computing Xᵀ·X is fine.
   * Default 1e-4.
   */
  symmetryTolerance?: number;
}

/** The result of {@link symmetricEigen}: A = U · diag(values) · Uᵀ. */
export interface SymmetricEigen {
  /** Eigenvalues in descending order, length n. */
  values: Float64Array;
  /**
   * Eigenvectors as the columns of an n×n row-major matrix U (like numpy's): component `i` of
   * eigenvector `j` is `vectors[i * n + j]`. Orthonormal. Each column's sign is fixed so that
   * its largest-magnitude component is positive (first such component on ties), so results do
   * not depend on round-off.
   */
  vectors: Float64Array;
  /** The matrix size. */
  n: number;
}

/**
 * Eigenvalues (descending) and orthonormal eigenvectors of a real symmetric n×n matrix.
 *
 * @param A the matrix, row-major, length n·n (a `Float32Array` from `await C.data()` is fine).
 * @param n its size.
 * @example
 * const C = tf.tidy(() => tf.matMul(Xc, Xc, true, false).div(N));   // [D, D] covariance
 * const { values, vectors } = symmetricEigen(await C.data(), D);     // S, U (columns)
 * @throws when n is not a positive integer, A has the wrong length or non-finite entries, A is not
 *   symmetric within the tolerance, or the QL iteration fails to converge (not expected for finite
 *   symmetric input).
 */
export function symmetricEigen(A: ArrayLike<number>, n: number, options: SymmetricEigenOptions = {}): SymmetricEigen {
  const fn = 'symmetricEigen';
  if (!Number.isInteger(n) || n <= 0) throw new RangeError(`${fn}: n must be a positive integer, got ${n}`);
  if (!A || typeof A.length !== 'number' || A.length !== n * n) {
    throw new RangeError(`${fn}: A must have n·n = ${n * n} entries, got ${A?.length}`);
  }
  const tol = options.symmetryTolerance ?? 1e-4;
  if (!(tol >= 0)) throw new RangeError(`${fn}: options.symmetryTolerance must be >= 0, got ${tol}`);
  let scale = 0;
  for (let i = 0; i < n * n; i++) {
    const v = A[i];
    if (!Number.isFinite(v)) throw new RangeError(`${fn}: A[${Math.floor(i / n)}][${i % n}] is ${v}; entries must be finite`);
    scale = Math.max(scale, Math.abs(v));
  }
  // V starts as the symmetrized A; tred2 overwrites it with the accumulated transformations.
  const V = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const a = A[i * n + j];
      const b = A[j * n + i];
      if (Math.abs(a - b) > tol * scale) {
        throw new RangeError(`${fn}: A is not symmetric: A[${i}][${j}] = ${a}, A[${j}][${i}] = ${b}`);
      }
      V[i * n + j] = V[j * n + i] = (a + b) / 2;
    }
  }
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  tred2(n, V, d, e);
  tql2(n, V, d, e);

  // Sort descending (tql2 leaves them ascending) and fix signs.
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => d[b] - d[a]);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    values[dst] = d[src];
    let big = 0;
    let at = 0;
    for (let i = 0; i < n; i++) {
      const m = Math.abs(V[i * n + src]);
      if (m > big * (1 + 1e-9)) { big = m; at = i; }
    }
    const sign = V[at * n + src] < 0 ? -1 : 1;
    for (let i = 0; i < n; i++) vectors[i * n + dst] = sign * V[i * n + src];
  });
  return { values, vectors, n };
}

/** Householder reduction to tridiagonal form: d gets the diagonal, e the subdiagonal, V the transformation. */
function tred2(n: number, V: Float64Array, d: Float64Array, e: Float64Array): void {
  for (let j = 0; j < n; j++) d[j] = V[(n - 1) * n + j];
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) {
        d[j] = V[(i - 1) * n + j];
        V[i * n + j] = 0;
        V[j * n + i] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k] /= scale;
        h += d[k] * d[k];
      }
      let f = d[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j];
        V[j * n + i] = f;
        g = e[j] + V[j * n + j] * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += V[k * n + j] * d[k];
          e[k] += V[k * n + j] * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * d[j];
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      for (let j = 0; j < i; j++) {
        f = d[j];
        g = e[j];
        for (let k = j; k <= i - 1; k++) V[k * n + j] -= f * e[k] + g * d[k];
        d[j] = V[(i - 1) * n + j];
        V[i * n + j] = 0;
      }
    }
    d[i] = h;
  }
  // Accumulate the transformations.
  for (let i = 0; i < n - 1; i++) {
    V[(n - 1) * n + i] = V[i * n + i];
    V[i * n + i] = 1;
    const h = d[i + 1];
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = V[k * n + i + 1] / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += V[k * n + i + 1] * V[k * n + j];
        for (let k = 0; k <= i; k++) V[k * n + j] -= g * d[k];
      }
    }
    for (let k = 0; k <= i; k++) V[k * n + i + 1] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = V[(n - 1) * n + j];
    V[(n - 1) * n + j] = 0;
  }
  V[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
}

/** Implicit QL on the tridiagonal (d, e), applying the rotations to V. Leaves eigenvalues in d, ascending-ish. */
function tql2(n: number, V: Float64Array, d: Float64Array, e: Float64Array): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n) {
      if (Math.abs(e[m]) <= eps * tst1) break;
      m++;
    }
    if (m > l) {
      let iter = 0;
      do {
        if (++iter > 100) throw new Error(`symmetricEigen: QL iteration did not converge for eigenvalue ${l}`);
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        p = d[m];
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1];
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = Math.hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          for (let k = 0; k < n; k++) {
            const row = k * n;
            h = V[row + i + 1];
            V[row + i + 1] = s * V[row + i] + c * h;
            V[row + i] = c * V[row + i] - s * h;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > eps * tst1);
    }
    d[l] += f;
    e[l] = 0;
  }
}
