/**
 * Train/validation/test splits and k-fold cross-validation folds, as index arrays.
 *
 * Splits are made on indices (`Int32Array`, ready for `tf.gather` or {@link selectRows}) so one
 * split serves images, labels and anything else aligned with them. Each returned index array is
 * sorted ascending: the randomness decides *which* examples go where, and the examples keep their
 * original relative order (shuffling for minibatches is the training loop's job).
 */
import type { Rng } from '../random';

/** Index sets of a three-way split; together they hold every index 0..n-1 exactly once. */
export interface TrainValTestIndices {
  train: Int32Array;
  val: Int32Array;
  test: Int32Array;
}

/** Options for {@link trainValTestSplit}. */
export interface TrainValTestSplitOptions {
  /** Number of examples. May be omitted when `stratifyBy` is given (its length is used). */
  n?: number;
  /**
   * Size of the validation set: a fraction of n when in (0, 1), else a count (an integer ≥ 0; so
   * `1` means one example). Default 0.
   */
  val?: number;
  /** Size of the test set, as for `val`. Default 0. */
  test?: number;
  /** Random source deciding which examples land in which set. */
  rng: Rng;
  /**
   * Class label of each example (length n): when given, every class is split in the same
   * proportions (each class's count in a set is within about one example of its share).
   */
  stratifyBy?: ArrayLike<number>;
}

/**
 * Splits indices 0..n-1 at random into training, validation and test sets.
 *
 * Sizes: a fraction f gives round(f·n) examples. Validation is taken first, then test; training
 * gets the rest and must not be empty.
 *
 * @example
 * const { train, val } = trainValTestSplit({ n: 10000, val: 0.1, rng: rng(), stratifyBy: labels });
 *
 * @throws when n is not a positive integer, a size is negative or not a count or fraction, the
 *   sizes leave no training examples, `stratifyBy` has the wrong length or non-integer labels, or
 *   `rng` is missing.
 */
export function trainValTestSplit(options: TrainValTestSplitOptions): TrainValTestIndices {
  const fn = 'trainValTestSplit';
  const { n, labels } = resolveN(options, fn);
  if (typeof (options.rng as Rng | undefined)?.permutation !== 'function') {
    throw new TypeError(`${fn}: options.rng must be an Rng (from seed(…) or rng().fork())`);
  }
  const nVal = resolveSize(options.val ?? 0, n, fn, 'val');
  const nTest = resolveSize(options.test ?? 0, n, fn, 'test');
  if (nVal + nTest >= n) {
    throw new RangeError(`${fn}: val (${nVal}) + test (${nTest}) examples leave none of the ${n} for training`);
  }
  const order = labels ? stratifiedOrder(labels, options.rng) : options.rng.permutation(n);
  return {
    val: sorted(order.subarray(0, nVal)),
    test: sorted(order.subarray(nVal, nVal + nTest)),
    train: sorted(order.subarray(nVal + nTest)),
  };
}

/** One fold of k-fold cross-validation. */
export interface Fold {
  /** Indices to train on: every index not in `val`. */
  train: Int32Array;
  /** Indices held out in this fold. */
  val: Int32Array;
}

/** Options for {@link kFoldIndices}. */
export interface KFoldOptions {
  /** Number of examples. May be omitted when `stratifyBy` is given. */
  n?: number;
  /** Number of folds, 2 ≤ k ≤ n. */
  k: number;
  /**
   * Random source for assigning examples to folds. Omit it for contiguous folds in index order,
   * the same as numpy's `np.array_split(range(n), k)` (the CS231n assignment 1 recipe).
   */
  rng?: Rng;
  /** Class label of each example: when given, every fold gets each class in about the same proportion. */
  stratifyBy?: ArrayLike<number>;
}

/**
 * Fold indices for k-fold cross-validation: the validation sets partition 0..n-1; fold sizes
 * differ by at most one (the first n mod k folds get the extra example, as `np.array_split`).
 *
 * @returns `k` folds, each with sorted `train` and `val` index arrays.
 * @throws when n or k is not an integer with 2 ≤ k ≤ n, or on a bad `stratifyBy` or `rng`.
 */
export function kFoldIndices(options: KFoldOptions): Fold[] {
  const fn = 'kFoldIndices';
  const { n, labels } = resolveN(options, fn);
  const { k, rng } = options;
  if (!Number.isInteger(k) || k < 2 || k > n) throw new RangeError(`${fn}: k must be an integer with 2 <= k <= n (${n}), got ${k}`);
  if (rng !== undefined && typeof (rng as Rng).permutation !== 'function') {
    throw new TypeError(`${fn}: options.rng must be an Rng or omitted`);
  }
  let order: Int32Array;
  if (labels) order = stratifiedOrder(labels, rng);
  else if (rng) order = rng.permutation(n);
  else order = Int32Array.from({ length: n }, (_, i) => i);
  const base = Math.floor(n / k);
  const extra = n % k;
  const folds: Fold[] = [];
  let start = 0;
  for (let f = 0; f < k; f++) {
    const size = base + (f < extra ? 1 : 0);
    const inFold = new Uint8Array(n);
    const val = sorted(order.subarray(start, start + size));
    for (const i of val) inFold[i] = 1;
    const train = new Int32Array(n - size);
    for (let i = 0, t = 0; i < n; i++) if (!inFold[i]) train[t++] = i;
    folds.push({ train, val });
    start += size;
  }
  return folds;
}

/** The typed arrays {@link selectRows} accepts. */
export type NumericArray = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

/**
 * Copies the rows `indices` of a row-major array into a new array of the same type.
 *
 * @param data `[n, rowLength]` row-major (e.g. Fashion-MNIST images with rowLength 784, or labels with 1).
 * @param rowLength elements per row.
 * @param indices row indices, each in 0..n-1 (repeats allowed).
 * @returns `[indices.length, rowLength]`.
 * @throws when `data.length` is not a multiple of `rowLength` or an index is out of range.
 */
export function selectRows<T extends NumericArray>(data: T, rowLength: number, indices: ArrayLike<number>): T {
  if (!ArrayBuffer.isView(data)) throw new TypeError('selectRows: data must be a typed array');
  if (!Number.isInteger(rowLength) || rowLength <= 0) throw new RangeError(`selectRows: rowLength must be a positive integer, got ${rowLength}`);
  if (data.length % rowLength !== 0) throw new RangeError(`selectRows: data has ${data.length} elements, not a multiple of rowLength ${rowLength}`);
  const rows = data.length / rowLength;
  const Ctor = data.constructor as new (length: number) => T;
  const out = new Ctor(indices.length * rowLength);
  for (let r = 0; r < indices.length; r++) {
    const i = indices[r];
    if (!Number.isInteger(i) || i < 0 || i >= rows) throw new RangeError(`selectRows: indices[${r}] = ${i} is outside 0..${rows - 1}`);
    out.set(data.subarray(i * rowLength, (i + 1) * rowLength) as unknown as ArrayLike<number>, r * rowLength);
  }
  return out;
}

function resolveN(options: { n?: number; stratifyBy?: ArrayLike<number> }, fn: string): { n: number; labels?: ArrayLike<number> } {
  if (options === null || typeof options !== 'object') throw new TypeError(`${fn}: options must be an object`);
  const labels = options.stratifyBy;
  let n = options.n;
  if (labels !== undefined) {
    if (typeof labels.length !== 'number') throw new TypeError(`${fn}: stratifyBy must be an array of labels`);
    if (n === undefined) n = labels.length;
    else if (labels.length !== n) throw new RangeError(`${fn}: stratifyBy has ${labels.length} labels but n is ${n}`);
    for (let i = 0; i < labels.length; i++) {
      if (!Number.isInteger(labels[i])) throw new RangeError(`${fn}: stratifyBy[${i}] is ${labels[i]}, not an integer label`);
    }
  }
  if (n === undefined || !Number.isInteger(n) || n <= 0) throw new RangeError(`${fn}: n must be a positive integer, got ${n}`);
  return { n, labels };
}

function resolveSize(size: number, n: number, fn: string, name: string): number {
  if (typeof size !== 'number' || !Number.isFinite(size) || size < 0) throw new RangeError(`${fn}: ${name} must be a fraction in (0, 1) or a count >= 0, got ${size}`);
  if (size > 0 && size < 1) return Math.round(size * n);
  if (!Number.isInteger(size)) throw new RangeError(`${fn}: ${name} = ${size} is neither a fraction in (0, 1) nor an integer count`);
  return size;
}

/**
 * An ordering of 0..n-1 in which every prefix (and every contiguous block) holds each class in
 * about its overall proportion: element p (0-based, after an optional shuffle within its class) of
 * a class of size m gets the key (p + 0.5) / m, and indices are sorted by key. Ties between classes
 * break at random with an rng, by class order without one.
 */
function stratifiedOrder(labels: ArrayLike<number>, rng: Rng | undefined): Int32Array {
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const members = byClass.get(labels[i]);
    if (members) members.push(i);
    else byClass.set(labels[i], [i]);
  }
  const classes = [...byClass.keys()].sort((a, b) => a - b);
  const tiebreak = new Map(classes.map((c, i) => [c, i]));
  if (rng) {
    const shuffledClasses = rng.shuffle([...classes]);
    shuffledClasses.forEach((c, i) => tiebreak.set(c, i));
  }
  const entries: { index: number; key: number; tie: number }[] = [];
  for (const c of classes) {
    const members = byClass.get(c)!;
    if (rng) rng.shuffle(members);
    members.forEach((index, p) => entries.push({ index, key: (p + 0.5) / members.length, tie: tiebreak.get(c)! }));
  }
  entries.sort((a, b) => a.key - b.key || a.tie - b.tie);
  return Int32Array.from(entries, (e) => e.index);
}

function sorted(indices: Int32Array): Int32Array {
  return Int32Array.from(indices).sort();
}
