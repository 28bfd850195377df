import { test } from 'node:test';
import assert from 'node:assert/strict';
import { heatmap, matrixRows } from '../../../kernel-helpers/src/charts/heatmap';
import { compileWarnings, plain } from './spec-helpers';

const grid = [1e-4, 1e-3, 1e-2].flatMap((lr) => [0.1, 0.01].map((reg) => ({ lr, reg, acc: lr * 10 + reg })));

test('rects with numeric categories sorted, sequential colour, labels on small grids', () => {
  const spec = plain(heatmap([...grid].reverse(), { x: 'lr', y: 'reg', value: 'acc', title: 'lr 1e-2 wins' }));
  const [rects, text] = spec.layer;
  assert.deepEqual(rects.encoding.x.sort, [1e-4, 1e-3, 1e-2]);
  assert.deepEqual(rects.encoding.y.sort, [0.01, 0.1]);
  assert.equal(rects.encoding.color.scale.scheme, 'viridis');
  assert.equal(text.encoding.text.field, 'acc');
  assert.deepEqual(spec.width, { step: spec.height.step });
  assert.deepEqual(compileWarnings(heatmap(grid, { x: 'lr', y: 'reg', value: 'acc', title: 't' })), []);
});

test('diverging colour is symmetric around the midpoint with blue below it', () => {
  const rows = matrixRows([[1, -3], [0.5, 2]]);
  const scale = plain(heatmap(rows, { x: 'col', y: 'row', value: 'value', colors: 'diverging', title: 't' })).layer[0].encoding.color.scale;
  assert.deepEqual(scale, { scheme: 'redblue', domain: [-3, 3], reverse: true });
});

test('matrixRows from nested and flat arrays', () => {
  assert.deepEqual(matrixRows([[1, 2], [3, 4]])[1], { row: 0, col: 1, value: 2 });
  assert.deepEqual(matrixRows(new Float32Array([1, 2, 3, 4, 5, 6]), 3)[4], { row: 1, col: 1, value: 5 });
  assert.throws(() => matrixRows(new Float32Array(5), 2), /needs columns, a positive integer dividing the length; got 2/);
});

test('errors: repeated cell, NaN value, unknown field', () => {
  assert.throws(() => heatmap([...grid, grid[0]], { x: 'lr', y: 'reg', value: 'acc', title: 't' }), /rows\[6\] repeats the cell \(lr 0.0001, reg 0.1\)/);
  assert.throws(() => heatmap([{ a: 1, b: 1, v: NaN }], { x: 'a', y: 'b', value: 'v', title: 't' }), /rows\[0\]\.v \(option value\) is NaN/);
  assert.throws(() => heatmap(grid, { x: 'lr', y: 'reg', value: 'val', title: 't' }), /option value names field 'val'/);
});
