import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineChart } from '../../../kernel-helpers/src/charts/line';
import { chartTheme, paletteEntry } from '../../../kernel-helpers/src/charts/theme';
import { VEGA_LITE_SCHEMA } from '../../../kernel-helpers/src/charts/types';
import { compileWarnings, plain } from './spec-helpers';

const rows = [
  { step: 0, loss: 2.3, init: 'xavier' },
  { step: 10, loss: 1.1, init: 'xavier' },
  { step: 0, loss: 2.3, init: 'he' },
  { step: 10, loss: 0.9, init: 'he' },
];
const base = { x: 'step', y: 'loss', title: 'He converges faster' };

test('a multi-line chart: fields, titles, theme, palette colours by label', () => {
  const spec = plain(lineChart(rows, { ...base, series: 'init', palette: 'init', xTitle: 'iteration', yTitle: 'loss (nats)' }));
  assert.equal(spec.$schema, VEGA_LITE_SCHEMA);
  assert.deepEqual(spec.config, plain(chartTheme));
  assert.deepEqual(spec.title, { text: 'He converges faster' });
  const enc = spec.layer[0].encoding;
  assert.equal(enc.x.field, 'step');
  assert.equal(enc.x.title, 'iteration');
  assert.equal(enc.y.title, 'loss (nats)');
  assert.equal(enc.y.scale.type, 'linear');
  assert.deepEqual(enc.color.scale, { domain: ['Xavier', 'He (Kaiming)'], range: [paletteEntry('init', 'xavier').color, paletteEntry('init', 'he').color] });
  assert.deepEqual(spec.data.values.map((r: { init: string }) => r.init), ['Xavier', 'Xavier', 'He (Kaiming)', 'He (Kaiming)']);
  assert.equal(rows[0].init, 'xavier', 'input rows are not modified');
  assert.deepEqual(compileWarnings(lineChart(rows, { ...base, series: 'init', palette: 'init' })), []);
});

test('log y puts one tick per decade when the data spans decades', () => {
  const wide = [{ step: 0, loss: 1e-7 }, { step: 1, loss: 1 }];
  const enc = plain(lineChart(wide, { ...base, yScale: 'log' })).layer[0].encoding;
  assert.equal(enc.y.scale.type, 'log');
  assert.deepEqual(enc.y.axis.values, [1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1]);
  assert.deepEqual(compileWarnings(lineChart(wide, { ...base, yScale: 'log' })), []);
});

test('reference lines become rule (and text) layers; points default by line length', () => {
  const spec = plain(lineChart(rows, { ...base, rules: [{ y: 1, label: 'target' }, { x: 5 }] }));
  assert.equal(spec.layer.length, 4);
  assert.equal(spec.layer[1].mark.type, 'rule');
  assert.equal(spec.layer[2].mark.type, 'text');
  assert.equal(spec.layer[0].mark.point, true);
  const long = Array.from({ length: 40 }, (_, i) => ({ step: i, loss: 1 / (i + 1) }));
  assert.equal(plain(lineChart(long, base)).layer[0].mark.point, false);
});

test('clear errors on bad input', () => {
  assert.throws(() => lineChart([], base), /lineChart: rows is empty/);
  assert.throws(() => lineChart(rows, { ...base, title: '' }), /lineChart: option title is required/);
  assert.throws(() => lineChart(rows, { ...base, y: 'accuracy' }), /option y names field 'accuracy', but rows\[0\] has no such field \(fields: step, loss, init\)/);
  assert.throws(() => lineChart([{ step: 0, loss: NaN }], base), /rows\[0\]\.loss \(option y\) is NaN/);
  assert.throws(() => lineChart([{ step: 0, loss: 0 }], { ...base, yScale: 'log' }), /is 0, but it is on a log scale/);
  assert.throws(() => lineChart(rows, { ...base, series: 'init', palette: 'activation' }), /'xavier' is not in the activation palette/);
  assert.throws(() => lineChart(rows, { ...base, rules: [{ x: 1, y: 1 }] }), /rules\[0\] must have exactly one of x or y/);
  assert.throws(() => lineChart(rows, { ...base, width: 0 }), /option width must be a positive number/);
});
