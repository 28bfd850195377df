import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import {
  escapeHtml,
  formatFloat,
  isTensorLike,
  tensorBundle,
  visibleIndices,
} from '../../../kernel-helpers/src/kernel/tensorDisplay';

/** Cell texts of an HTML table's body rows (th and td), in order. */
function bodyRows(html: string): string[][] {
  const body = /<tbody>(.*)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) => [...row[1].matchAll(/<t[hd]>(.*?)<\/t[hd]>/g)].map((c) => c[1]));
}

/** Header cells of an HTML table. */
function headerCells(html: string): string[] {
  const head = /<thead><tr>(.*?)<\/tr><\/thead>/.exec(html)?.[1] ?? '';
  return [...head.matchAll(/<th>(.*?)<\/th>/g)].map((c) => c[1]);
}

test('isTensorLike recognises tensors and variables by shape, nothing else', () => {
  const t = tf.tensor([1, 2]);
  const v = tf.variable(tf.zeros([2, 2]));
  assert.equal(isTensorLike(t), true);
  assert.equal(isTensorLike(v), true);
  for (const other of [null, undefined, 3, 'Tensor', [1, 2], { shape: [2], dtype: 'float32' }, { dataSync() {} }]) {
    assert.equal(isTensorLike(other), false, String(other));
  }
  const throwing = new Proxy({}, { get: () => { throw new Error('no'); } });
  assert.equal(isTensorLike(throwing), false);
  tf.dispose([t, v]);
});

test('formatFloat: 5 significant digits, exponents outside [1e-4, 1e6), no float32 noise', () => {
  assert.equal(formatFloat(0), '0');
  assert.equal(formatFloat(0.10000000149011612), '0.1');
  assert.equal(formatFloat(-1.5), '-1.5');
  assert.equal(formatFloat(3.14159265), '3.1416');
  assert.equal(formatFloat(2.9e-7), '2.900e-7');
  assert.equal(formatFloat(12345678), '1.235e+7');
  assert.equal(formatFloat(0.0001), '0.0001');
  assert.equal(formatFloat(NaN), 'NaN');
  assert.equal(formatFloat(-Infinity), '-Infinity');
});

test('visibleIndices keeps everything that fits, else head and tail around a cut', () => {
  assert.deepEqual(visibleIndices(3, 4), [0, 1, 2]);
  assert.deepEqual(visibleIndices(4, 4), [0, 1, 2, 3]);
  assert.deepEqual(visibleIndices(10, 4), [0, 1, null, 8, 9]);
  assert.deepEqual(visibleIndices(10, 5), [0, 1, 2, null, 8, 9]);
});

test('escapeHtml escapes markup characters', () => {
  assert.equal(escapeHtml(`<b a="1">'&'</b>`), '&lt;b a=&quot;1&quot;&gt;&#39;&amp;&#39;&lt;/b&gt;');
});

test('a small 2-D tensor: text/plain is tfjs toString(), text/html a full table with shape and dtype', () => {
  const t = tf.tensor2d([[1.5, -2e-7], [3, 4]]);
  const bundle = tensorBundle(t);
  assert.equal(bundle['text/plain'], t.toString());
  assert.match(bundle['text/plain'], /^Tensor\n/);
  const html = bundle['text/html'];
  assert.match(html, /<caption[^>]*>Tensor shape \[2, 2\], dtype float32<\/caption>/);
  assert.deepEqual(headerCells(html), ['', '0', '1']);
  assert.deepEqual(bodyRows(html), [
    ['0', '1.5', '-2.000e-7'],
    ['1', '3', '4'],
  ]);
  t.dispose();
});

test('a large 2-D tensor is cut with ellipses, keeping first and last rows and columns', () => {
  const t = tf.tidy(() => tf.range(0, 30 * 40, 1, 'int32').reshape([30, 40]));
  const html = tensorBundle(t, { maxRows: 4, maxColumns: 4 })['text/html'];
  assert.match(html, /Tensor shape \[30, 40\], dtype int32/);
  assert.deepEqual(headerCells(html), ['', '0', '1', '…', '38', '39']);
  assert.deepEqual(bodyRows(html), [
    ['0', '0', '1', '…', '38', '39'],
    ['1', '40', '41', '…', '78', '79'],
    ['⋮', '⋮', '⋮', '⋱', '⋮', '⋮'],
    ['28', '1120', '1121', '…', '1158', '1159'],
    ['29', '1160', '1161', '…', '1198', '1199'],
  ]);
  t.dispose();
});

test('a 1-D tensor is one row; bool, string and complex values are shown as such and escaped', () => {
  const v = tf.tensor1d([true, false], 'bool');
  assert.deepEqual(bodyRows(tensorBundle(v)['text/html']), [['', 'true', 'false']]);
  const s = tf.tensor1d(['<b>', 'a&b']);
  assert.deepEqual(bodyRows(tensorBundle(s)['text/html']), [['', '&lt;b&gt;', 'a&amp;b']]);
  const c = tf.complex([1, 2], [0.5, -3]);
  assert.deepEqual(bodyRows(tensorBundle(c)['text/html']), [['', '1+0.5i', '2-3i']]);
  const long = tf.range(0, 100);
  assert.deepEqual(headerCells(tensorBundle(long, { maxColumns: 2 })['text/html']), ['', '0', '…', '99']);
  tf.dispose([v, s, c, long]);
});

test('scalars, 3-D and empty tensors get text/plain only', () => {
  const scalar = tf.scalar(2);
  const cube = tf.zeros([2, 2, 2]);
  const empty = tf.zeros([0, 3]);
  assert.deepEqual(Object.keys(tensorBundle(scalar)), ['text/plain']);
  assert.deepEqual(Object.keys(tensorBundle(cube)), ['text/plain']);
  assert.deepEqual(Object.keys(tensorBundle(empty)), ['text/plain']);
  assert.equal(tensorBundle(cube)['text/plain'], cube.toString());
  tf.dispose([scalar, cube, empty]);
});

test('disposed and very large tensors are summarised, not read', () => {
  const t = tf.zeros([3, 4]);
  t.dispose();
  assert.deepEqual(tensorBundle(t), { 'text/plain': 'Tensor (disposed), shape [3, 4], dtype float32' });
  const big = tf.zeros([100, 100]);
  const original = big.dataSync.bind(big);
  let reads = 0;
  big.dataSync = (() => {
    reads++;
    return original();
  }) as typeof big.dataSync;
  assert.deepEqual(tensorBundle(big, { maxElements: 1000 }), {
    'text/plain': 'Tensor shape [100, 100], dtype float32, 10,000 elements (not printed: more than 1,000)',
  });
  assert.equal(reads, 0);
  big.dispose();
});

test('showing a tensor creates no tensors and leaves its values unchanged', () => {
  const t = tf.tensor2d([[1, 2, 3], [4, 5, 6]]);
  const before = tf.memory().numTensors;
  const values = Array.from(t.dataSync());
  tensorBundle(t);
  tensorBundle(t, { maxRows: 1, maxColumns: 1 });
  assert.equal(tf.memory().numTensors, before);
  assert.deepEqual(Array.from(t.dataSync()), values);
  assert.equal(t.isDisposed, false);
  t.dispose();
});
