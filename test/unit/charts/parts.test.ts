import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logAxis, paletteColumn, checkTitle, specHeader, axisScale } from '../../../kernel-helpers/src/charts/parts';

test('logAxis: one tick per decade across decades, Vega default within less than two', () => {
  assert.deepEqual(logAxis([3e-4, 2]).values, [1e-4, 1e-3, 1e-2, 1e-1, 1, 10]);
  assert.equal(logAxis([0.3, 2]).values, undefined);
  // 30 decades: every third power, so at most ~12 labels.
  const wide = logAxis([1e-20, 1e10]).values as number[];
  assert.ok(wide.length <= 12);
  assert.equal(wide[0], 1e-20);
  assert.match(logAxis([1, 10]).labelExpr, /format\(datum\.value, '~g'\)/);
});

test('paletteColumn maps keys to labels; without a palette it keeps first-seen order', () => {
  const { rows, scale, order } = paletteColumn([{ a: 'he' }, { a: 'small' }], 'a', 'init');
  assert.deepEqual(rows, [{ a: 'He (Kaiming)' }, { a: '0.01·randn' }]);
  assert.deepEqual(order, ['0.01·randn', 'He (Kaiming)']);
  assert.equal(scale?.domain.length, 2);
  assert.deepEqual(paletteColumn([{ a: 2 }, { a: 1 }], 'a', undefined).order, ['2', '1']);
});

test('title is required; header carries schema, theme and subtitle', () => {
  assert.throws(() => checkTitle('f', {}), /f: option title is required and must state the finding/);
  assert.deepEqual(specHeader({ title: 'x', subtitle: 'y' }).title, { text: 'x', subtitle: 'y' });
  assert.deepEqual(axisScale('log'), { type: 'log' });
  assert.deepEqual(axisScale(undefined), { type: 'linear', zero: false });
});
