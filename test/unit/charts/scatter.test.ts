import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scatterChart } from '../../../kernel-helpers/src/charts/scatter';
import { compileWarnings, plain } from './spec-helpers';

const trials = [
  { lr: 1e-5, reg: 1e-3, valAcc: 0.2 },
  { lr: 4.3e-4, reg: 0.66, valAcc: 0.482 },
  { lr: 1e-2, reg: 10, valAcc: 0.1 },
];
const base = { x: 'lr', y: 'reg', color: 'valAcc', title: 'Best near lr 4e-4' };

test('log axes by default, continuous colour, the best run ringed and labelled', () => {
  const spec = plain(scatterChart(trials, base));
  const [points, ring, label] = spec.layer;
  assert.equal(points.encoding.x.scale.type, 'log');
  assert.equal(points.encoding.y.scale.type, 'log');
  assert.deepEqual(points.encoding.x.axis.values, [1e-5, 1e-4, 1e-3, 1e-2]);
  assert.equal(points.encoding.color.type, 'quantitative');
  assert.equal(points.encoding.color.scale.scheme, 'viridis');
  assert.deepEqual(ring.transform, [{ filter: 'datum.__best' }]);
  assert.equal(label.mark.text, 'best valAcc 0.482');
  assert.deepEqual(spec.data.values.map((r: { __best: boolean }) => r.__best), [false, true, false]);
  assert.deepEqual(compileWarnings(scatterChart(trials, base)), []);
});

test('best min, no best, linear axes', () => {
  assert.equal(plain(scatterChart(trials, { ...base, best: 'min', colorFormat: '.1%' })).layer[2].mark.text, 'best valAcc 10.0%');
  const none = plain(scatterChart(trials, { ...base, best: 'none', xScale: 'linear', yScale: 'linear' }));
  assert.equal(none.layer.length, 1);
  assert.equal(none.layer[0].encoding.x.scale.type, 'linear');
  assert.equal(plain(scatterChart(trials, { x: 'lr', y: 'reg', title: 't' })).layer.length, 1, 'no colour, no best');
});

test('a non-positive value on a log axis names the row', () => {
  assert.throws(() => scatterChart([...trials, { lr: 0, reg: 1, valAcc: 0.1 }], base), /scatterChart: rows\[3\]\.lr \(option x\) is 0, but it is on a log scale/);
  assert.throws(() => scatterChart(trials, { ...base, color: 'acc' }), /option color names field 'acc'/);
});
