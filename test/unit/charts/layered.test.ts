import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layeredChart } from '../../../kernel-helpers/src/charts/layered';
import { concatCharts } from '../../../kernel-helpers/src/charts/concat';
import { seriesColors } from '../../../kernel-helpers/src/charts/theme';
import { renderPng, pngSize } from '../../../kernel-helpers/src/display/render';
import { compileWarnings, plain } from './spec-helpers';

const grid = Array.from({ length: 11 }, (_, i) => ({ x: i / 10, mean: Math.sin(i / 3), lower: Math.sin(i / 3) - 0.5, upper: Math.sin(i / 3) + 0.5 }));
const observed = [{ x: 0.1, y: 0.2 }, { x: 0.7, y: 0.6 }];
const gpLayers = [
  { rows: grid, mark: 'area' as const, x: 'x', y: 'lower', y2: 'upper', label: 'mean ± 2σ' },
  { rows: grid, mark: 'line' as const, x: 'x', y: 'mean', label: 'GP mean' },
  { rows: observed, mark: 'point' as const, x: 'x', y: 'y', label: 'trials', size: 80 },
  { rows: [{ x: 0.5, y: -1, y2: 1 }], mark: 'rule' as const, x: 'x', y: 'y', y2: 'y2', color: '#d62728', dash: [4, 3] },
  { rows: [{ x: 0.5, y: 1, text: 'next' }], mark: 'text' as const, x: 'x', y: 'y', text: 'text' },
];

test('layers share axes and one colour legend; unlabelled layers take a fixed colour', () => {
  const spec = plain(layeredChart(gpLayers, { title: 'Uncertainty shrinks near the trials', xTitle: 'x', yTitle: 'f(x)', colors: { trials: '#000000' } }));
  assert.equal(spec.layer.length, 5);
  const [area, line, points, rule, text] = spec.layer;
  assert.equal(area.mark.type, 'area');
  assert.equal(area.encoding.y2.field, 'upper');
  assert.deepEqual(area.encoding.color.scale.domain, ['mean ± 2σ', 'GP mean', 'trials']);
  assert.deepEqual(area.encoding.color.scale.range, [seriesColors[0], seriesColors[1], '#000000']);
  assert.deepEqual(line.encoding.color.scale, area.encoding.color.scale, 'one scale for every layer');
  assert.equal(points.data.values[0].__entry, 'trials');
  assert.equal(points.mark.size, 80);
  assert.equal(rule.mark.color, '#d62728');
  assert.deepEqual(rule.mark.strokeDash, [4, 3]);
  assert.equal('color' in rule.encoding, false);
  assert.equal(text.encoding.text.field, 'text');
  for (const l of spec.layer) assert.equal(l.encoding.x.title, 'x');
  assert.equal(spec.layer[0].encoding.x.scale.type, 'linear');
  assert.deepEqual(compileWarnings(layeredChart(gpLayers, { title: 't' })), []);
});

test('series layers add one legend entry per value; log axes get decade ticks; domains and hidden axes', () => {
  const rows = [
    { lr: 1e-5, acc: 0.2, method: 'random' },
    { lr: 1e-3, acc: 0.7, method: 'BO' },
    { lr: 3e-3, acc: 0.8, method: 'random' },
  ];
  const spec = plain(layeredChart([{ rows, mark: 'point', x: 'lr', y: 'acc', series: 'method' }], {
    title: 't', xScale: 'log', yDomain: [0, 1], hideYAxis: true, legendTitle: 'search',
  }));
  const enc = spec.layer[0].encoding;
  assert.deepEqual(enc.color.scale.domain, ['random', 'BO']);
  assert.equal(enc.color.legend.title, 'search');
  assert.equal(enc.x.scale.type, 'log');
  assert.deepEqual(enc.x.axis.values, [1e-5, 1e-4, 1e-3, 1e-2]);
  assert.deepEqual(enc.y.scale.domain, [0, 1]);
  assert.equal(enc.y.axis, null);
  assert.deepEqual(compileWarnings(layeredChart([{ rows, mark: 'point', x: 'lr', y: 'acc', series: 'method' }], { title: 't', xScale: 'log' })), []);
});

test('a line can follow an order field (a vertical curve) and nests in concatCharts', () => {
  const curve = Array.from({ length: 5 }, (_, i) => ({ h: i * i, y: i / 4 }));
  const side = layeredChart([{ rows: curve, mark: 'line', x: 'h', y: 'y', order: 'y' }], { title: 'h(y)', width: 60, height: 200 });
  assert.equal(plain(side).layer[0].encoding.order.field, 'y');
  const main = layeredChart([{ rows: observed, mark: 'point', x: 'x', y: 'y' }], { title: 'trials', width: 200, height: 200 });
  const top = layeredChart(gpLayers.slice(0, 2), { title: 'g(x)', width: 200, height: 60, legend: false });
  const figure = concatCharts([top, concatCharts([main, side], { title: 'row', direction: 'horizontal' })], { title: 'Layout' });
  assert.deepEqual(compileWarnings(figure), []);
});

test('bad layers are named in the error', () => {
  assert.throws(() => layeredChart([], { title: 't' }), /layeredChart: layers must be a non-empty array/);
  assert.throws(() => layeredChart(gpLayers, { title: '' }), /option title is required/);
  assert.throws(() => layeredChart([{ rows: grid, mark: 'area', x: 'x', y: 'lower' }], { title: 't' }), /layers\[0\] is an area and needs y2/);
  assert.throws(() => layeredChart([{ rows: grid, mark: 'bar' as never, x: 'x', y: 'mean' }], { title: 't' }), /layers\[0\]\.mark must be one of/);
  assert.throws(() => layeredChart([{ rows: grid, mark: 'line', x: 'x', y: 'nope' }], { title: 't' }), /option layers\[0\]\.y names field 'nope'/);
  assert.throws(() => layeredChart([{ rows: [{ x: 0, y: 1 }], mark: 'point', x: 'x', y: 'y' }], { title: 't', xScale: 'log' }), /on a log scale/);
  assert.throws(() => layeredChart([{ rows: [{ x: NaN, y: 1 }], mark: 'point', x: 'x', y: 'y' }], { title: 't' }), /is NaN/);
  assert.throws(() => layeredChart([{ rows: observed, mark: 'text', x: 'x', y: 'y' }], { title: 't' }), /needs text/);
  assert.throws(() => layeredChart([{ rows: observed, mark: 'point', x: 'x', y: 'y', label: 'a', series: 'x' }], { title: 't' }), /more than one of label, series and colorValue/);
  assert.throws(() => layeredChart([
    { rows: observed, mark: 'point', x: 'x', y: 'y', colorValue: 'y' },
    { rows: observed, mark: 'line', x: 'x', y: 'y', label: 'fit' },
  ], { title: 't' }), /colorValue cannot be combined with layers that have a label or series/);
  assert.throws(() => layeredChart([{ rows: [{ x: 1, y: 1, v: 'a' }], mark: 'point', x: 'x', y: 'y', colorValue: 'v' }], { title: 't' }), /colorValue\) must be a number/);
  assert.throws(() => layeredChart([{ rows: observed, mark: 'point', x: 'x', y: 'y' }], { title: 't', xDomain: [1, 0] }), /option xDomain must be \[low, high\]/);
  assert.throws(() => layeredChart([{ rows: observed, mark: 'point', x: 'x', y: 'y', opacity: 2 }], { title: 't' }), /opacity must be in \[0, 1\]/);
});

test('colorValue colours a layer on a continuous scale with a colour bar; other layers keep fixed colours', () => {
  const trials = [{ lr: 1e-5, reg: 1e-3, acc: 0.2 }, { lr: 4e-4, reg: 0.6, acc: 0.76 }, { lr: 1e-3, reg: 10, acc: 0.7 }];
  const layers = [
    { rows: trials, mark: 'point' as const, x: 'lr', y: 'reg', colorValue: 'acc' },
    { rows: [trials[1]], mark: 'point' as const, x: 'lr', y: 'reg', filled: false, size: 300, color: '#d62728' },
    { rows: [{ ...trials[1], text: 'best 0.760' }], mark: 'text' as const, x: 'lr', y: 'reg', text: 'text', align: 'right' as const, dx: -12, color: '#d62728' },
  ];
  const spec = plain(layeredChart(layers, { title: 'Best near lr 4e-4', xScale: 'log', yScale: 'log', colorTitle: 'val_acc', colorFormat: '.2f' }));
  const [points, ring, label] = spec.layer;
  assert.equal(points.encoding.color.type, 'quantitative');
  assert.equal(points.encoding.color.scale.scheme, 'viridis');
  assert.deepEqual(points.encoding.color.legend, { title: 'val_acc', format: '.2f' });
  assert.equal(points.encoding.tooltip[2].field, 'acc');
  assert.equal(ring.mark.color, '#d62728');
  assert.equal(ring.mark.filled, false);
  assert.equal(label.mark.align, 'right');
  assert.equal(label.mark.dx, -12);
  assert.deepEqual(compileWarnings(layeredChart(layers, { title: 't', xScale: 'log', yScale: 'log' })), []);
  const boxed = plain(layeredChart(layers, { title: 't', xScale: 'log', yScale: 'log', xDomain: [1e-6, 1e-3], yDomain: [1e-5, 1e5] }));
  assert.deepEqual(boxed.layer[0].encoding.x.axis.values, [1e-6, 1e-5, 1e-4, 1e-3], 'log ticks follow the fixed domain');
  assert.deepEqual(boxed.layer[0].encoding.x.scale.domain, [1e-6, 1e-3]);
});

test('renders to a PNG of the requested size', async () => {
  const png = await renderPng(layeredChart(gpLayers, { title: 'Uncertainty shrinks near the trials', width: 300, height: 200 }));
  const { width, height } = pngSize(png);
  assert.ok(width > 300 && height > 200, `${width} × ${height}`);
});
