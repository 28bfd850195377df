import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layerStatsChart } from '../../../kernel-helpers/src/charts/layer-stats';
import { compileWarnings, plain } from './spec-helpers';

const rows = [1, 2, 3].flatMap((layer) => [
  { init: 'small', layer, mean: 1e-5, std: 0.01 ** layer },
  { init: 'xavier', layer, mean: -2e-4, std: 0.6 - 0.1 * layer },
]);

test('two panels, mean linear and std log, layers as ordered categories, init palette', () => {
  const spec = plain(layerStatsChart(rows, { title: 'Xavier keeps the spread' }));
  assert.equal(spec.hconcat.length, 2);
  const [mean, std] = spec.hconcat.map((p: { encoding: Record<string, any> }) => p.encoding);
  assert.equal(mean.y.field, 'mean');
  assert.equal(mean.y.scale.type, 'linear');
  assert.equal(std.y.field, 'std');
  assert.equal(std.y.scale.type, 'log');
  assert.equal(std.y.title, 'std of activations (log scale)');
  assert.equal(mean.x.type, 'ordinal');
  assert.deepEqual(mean.color.scale.domain, ['0.01·randn', 'Xavier']);
  assert.equal(mean.color.title, 'initialization');
  assert.deepEqual(compileWarnings(layerStatsChart(rows, { title: 't' })), []);
});

test('other fields, quantity and palette', () => {
  const r = [{ act: 'relu', l: 1, m: 0, s: 1 }];
  const spec = plain(layerStatsChart(r, { title: 't', layer: 'l', series: 'act', palette: 'activation', mean: 'm', std: 's', stdScale: 'linear', quantity: 'gradient' }));
  assert.equal(spec.hconcat[1].encoding.y.title, 'std of gradients');
  assert.deepEqual(spec.hconcat[0].encoding.color.scale.domain, ['ReLU']);
});

test('errors name the field and the row', () => {
  assert.throws(() => layerStatsChart([{ init: 'he', layer: 1, mean: 0, std: 0 }], { title: 't' }), /rows\[0\]\.std \(option std\) is 0, but it is on a log scale/);
  assert.throws(() => layerStatsChart([{ init: 'he', layer: 1, mean: 0 }], { title: 't' }), /option std names field 'std'/);
  assert.throws(() => layerStatsChart([{ init: 'lecun', layer: 1, mean: 0, std: 1 }], { title: 't' }), /'lecun' is not in the init palette/);
});
