import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../../kernel-helpers/src/random';
import { trainValTestSplit, kFoldIndices, selectRows } from '../../../kernel-helpers/src/data/splits';

const isSortedUnique = (a: Int32Array) => a.every((v, i) => i === 0 || v > a[i - 1]);

/** Asserts the arrays partition 0..n-1. */
function assertPartition(n: number, ...parts: Int32Array[]): void {
  const all = parts.flatMap((p) => Array.from(p)).sort((a, b) => a - b);
  assert.deepEqual(all, Array.from({ length: n }, (_, i) => i));
}

function countsOf(labels: ArrayLike<number>, indices: Int32Array, numClasses: number): number[] {
  const c = new Array(numClasses).fill(0);
  for (const i of indices) c[labels[i]]++;
  return c;
}

test('fractions and counts give the documented sizes; the sets partition 0..n-1, sorted', () => {
  const s = trainValTestSplit({ n: 1000, val: 0.1, test: 0.2, rng: new Rng(1) });
  assert.equal(s.val.length, 100);
  assert.equal(s.test.length, 200);
  assert.equal(s.train.length, 700);
  assertPartition(1000, s.train, s.val, s.test);
  assert.ok(isSortedUnique(s.train) && isSortedUnique(s.val) && isSortedUnique(s.test));
  // Random, not the first 100.
  assert.notDeepEqual(Array.from(s.val.subarray(0, 5)), [0, 1, 2, 3, 4]);
  const counts = trainValTestSplit({ n: 50, val: 7, test: 1, rng: new Rng(1) });
  assert.deepEqual([counts.train.length, counts.val.length, counts.test.length], [42, 7, 1]);
  const noTest = trainValTestSplit({ n: 10, val: 0.25, rng: new Rng(1) });
  assert.deepEqual([noTest.train.length, noTest.val.length, noTest.test.length], [7, 3, 0]);
});

test('the same rng seed gives the same split; another seed a different one', () => {
  const a = trainValTestSplit({ n: 200, val: 0.2, rng: new Rng(9) });
  const b = trainValTestSplit({ n: 200, val: 0.2, rng: new Rng(9) });
  const c = trainValTestSplit({ n: 200, val: 0.2, rng: new Rng(10) });
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.val, c.val);
});

test('stratified: every class split in the same proportions, within one example', () => {
  // Unbalanced classes: 500, 300, 150, 50.
  const labels = [...new Array(500).fill(0), ...new Array(300).fill(1), ...new Array(150).fill(2), ...new Array(50).fill(3)];
  new Rng(4).shuffle(labels);
  const s = trainValTestSplit({ val: 0.1, test: 0.2, rng: new Rng(2), stratifyBy: labels });
  assert.equal(s.val.length, 100);
  assert.equal(s.test.length, 200);
  assertPartition(1000, s.train, s.val, s.test);
  const sizes = [500, 300, 150, 50];
  countsOf(labels, s.val, 4).forEach((c, k) => assert.ok(Math.abs(c - 0.1 * sizes[k]) <= 1, `val class ${k}: ${c}`));
  countsOf(labels, s.test, 4).forEach((c, k) => assert.ok(Math.abs(c - 0.2 * sizes[k]) <= 1, `test class ${k}: ${c}`));
});

test('trainValTestSplit rejects bad input', () => {
  const rng = new Rng(1);
  assert.throws(() => trainValTestSplit({ n: 0, val: 0.1, rng }), /n must be a positive integer, got 0/);
  assert.throws(() => trainValTestSplit({ val: 0.1, rng }), /n must be a positive integer, got undefined/);
  assert.throws(() => trainValTestSplit({ n: 10, val: -1, rng }), /val must be a fraction in \(0, 1\) or a count >= 0, got -1/);
  assert.throws(() => trainValTestSplit({ n: 10, test: 2.5, rng }), /test = 2\.5 is neither a fraction in \(0, 1\) nor an integer count/);
  assert.throws(() => trainValTestSplit({ n: 10, val: 5, test: 5, rng }), /val \(5\) \+ test \(5\) examples leave none of the 10 for training/);
  assert.throws(() => trainValTestSplit({ n: 10, val: 0.1, rng: undefined as unknown as Rng }), /options\.rng must be an Rng/);
  assert.throws(() => trainValTestSplit({ n: 3, val: 1, rng, stratifyBy: [0, 1] }), /stratifyBy has 2 labels but n is 3/);
  assert.throws(() => trainValTestSplit({ val: 1, rng, stratifyBy: [0, 1.5, 1] }), /stratifyBy\[1\] is 1\.5, not an integer label/);
});

test('kFoldIndices without rng matches np.array_split(range(n), k)', () => {
  const folds = kFoldIndices({ n: 11, k: 4 });
  assert.deepEqual(folds.map((f) => Array.from(f.val)), [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9, 10]]);
  assert.deepEqual(Array.from(folds[1].train), [0, 1, 2, 6, 7, 8, 9, 10]);
});

test('kFoldIndices with rng: validation sets partition 0..n-1, train is the complement, reproducible', () => {
  const folds = kFoldIndices({ n: 103, k: 5, rng: new Rng(3) });
  assert.deepEqual(folds.map((f) => f.val.length), [21, 21, 21, 20, 20]);
  assertPartition(103, ...folds.map((f) => f.val));
  for (const f of folds) {
    assertPartition(103, f.train, f.val);
    assert.ok(isSortedUnique(f.train) && isSortedUnique(f.val));
  }
  assert.deepEqual(kFoldIndices({ n: 103, k: 5, rng: new Rng(3) }), folds);
  assert.notDeepEqual(Array.from(folds[0].val), Array.from({ length: 21 }, (_, i) => i));
});

test('stratified k-fold: each fold holds each class in proportion, within one', () => {
  const labels = [...new Array(60).fill(0), ...new Array(30).fill(1), ...new Array(10).fill(2)];
  for (const rng of [undefined, new Rng(6)]) {
    const folds = kFoldIndices({ k: 5, rng, stratifyBy: labels });
    assertPartition(100, ...folds.map((f) => f.val));
    for (const f of folds) countsOf(labels, f.val, 3).forEach((c, k) => assert.ok(Math.abs(c - [12, 6, 2][k]) <= 1, `class ${k}: ${c}`));
  }
});

test('kFoldIndices rejects bad k', () => {
  assert.throws(() => kFoldIndices({ n: 5, k: 1 }), /k must be an integer with 2 <= k <= n \(5\), got 1/);
  assert.throws(() => kFoldIndices({ n: 5, k: 6 }), /got 6/);
  assert.throws(() => kFoldIndices({ n: 5, k: 2, rng: {} as Rng }), /options\.rng must be an Rng or omitted/);
});

test('selectRows copies the chosen rows into the same array type', () => {
  const images = Uint8Array.from({ length: 12 }, (_, i) => i); // 4 rows of 3
  const picked = selectRows(images, 3, Int32Array.from([3, 0, 3]));
  assert.ok(picked instanceof Uint8Array);
  assert.deepEqual(Array.from(picked), [9, 10, 11, 0, 1, 2, 9, 10, 11]);
  const labels = Float32Array.from([0.5, 1.5, 2.5]);
  assert.deepEqual(Array.from(selectRows(labels, 1, [2])), [2.5]);
  assert.throws(() => selectRows(images, 5, [0]), /data has 12 elements, not a multiple of rowLength 5/);
  assert.throws(() => selectRows(images, 3, [4]), /indices\[0\] = 4 is outside 0\.\.3/);
  assert.throws(() => selectRows(images, 0, [0]), /rowLength must be a positive integer, got 0/);
});
