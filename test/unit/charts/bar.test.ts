import { test } from 'node:test';
import assert from 'node:assert/strict';
import { barChart } from '../../../kernel-helpers/src/charts/bar';
import { paletteEntry } from '../../../kernel-helpers/src/charts/theme';
import { compileWarnings, plain } from './spec-helpers';

const rows = [
  { activation: 'sigmoid', acc: 0.71 },
  { activation: 'relu', acc: 0.86 },
  { activation: 'tanh', acc: 0.83 },
];
const base = { category: 'activation', value: 'acc', title: 'Sigmoid trails' };

test('horizontal bars sorted by value, palette colours, value labels, shared position encoding', () => {
  const spec = plain(barChart(rows, { ...base, palette: 'activation', format: '.1%', domain: [0, 1] }));
  assert.equal(spec.encoding.y.field, 'activation');
  assert.deepEqual(spec.encoding.y.sort, { field: 'acc', op: 'max', order: 'descending' });
  assert.equal(spec.encoding.x.axis.format, '.0%');
  assert.deepEqual(spec.encoding.x.scale.domain, [0, 1]);
  assert.deepEqual(spec.layer[0].encoding.color.scale.range, ['sigmoid', 'tanh', 'relu'].map((k) => paletteEntry('activation', k).color));
  assert.equal(spec.layer[1].encoding.text.format, '.1%');
  assert.deepEqual(compileWarnings(barChart(rows, { ...base, palette: 'activation' })), []);
});

test('vertical, given order, no labels', () => {
  const spec = plain(barChart(rows, { ...base, orientation: 'vertical', sort: 'given', showValues: false }));
  assert.equal(spec.encoding.x.field, 'activation');
  assert.deepEqual(spec.encoding.x.sort, ['sigmoid', 'relu', 'tanh']);
  assert.equal(spec.layer.length, 1);
});

test('errors: repeated category, bad domain, unknown palette value', () => {
  assert.throws(() => barChart([...rows, rows[0]], base), /rows\[3\] repeats category 'sigmoid'; one bar per category/);
  assert.throws(() => barChart(rows, { ...base, domain: [1, 0] }), /option domain must be \[low, high\] with low < high/);
  assert.throws(() => barChart([{ activation: 'swish', acc: 1 }], { ...base, palette: 'activation' }), /'swish' is not in the activation palette/);
});
