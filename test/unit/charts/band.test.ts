import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBands } from '../../../kernel-helpers/src/charts/band';
import { lineChart } from '../../../kernel-helpers/src/charts/line';
import { smallMultiples } from '../../../kernel-helpers/src/charts/small-multiples';
import { concatCharts } from '../../../kernel-helpers/src/charts/concat';
import { renderSvg } from '../../../kernel-helpers/src/display/render';
import { compileWarnings, plain } from './spec-helpers';

const rows = ['W1', 'W2'].flatMap((param) => [0, 10, 20].map((step) => ({ param, step, ratio: 10 ** (-3 - step / 20) })));
const ratioChart = () => lineChart(rows, { x: 'step', y: 'ratio', series: 'param', yScale: 'log', title: 'Ratios stay near 1e-3' });

/** How many shapes in the SVG have the band's fill opacity (one per band per panel). */
const bandShapes = (svg: string, color = '#2ca02c', opacity = 0.12) => (svg.match(new RegExp(`fill="${color}" opacity="${opacity}"`, 'g')) ?? []).length;

test('a layered chart gets its bands first (drawn under the lines), one row each, with labels', async () => {
  const spec = withBands(ratioChart(), [{ y: [3e-4, 3e-3], label: 'about 1e-3' }, { x: [5, 8], color: '#888888', opacity: 0.2 }]);
  const p = plain(spec);
  assert.equal(p.layer.length, 2 + 1 + 1); // rect + label, rect, then the line layer
  assert.deepEqual(p.layer[0].encoding, { y: { datum: 3e-4 }, y2: { datum: 3e-3 } });
  assert.deepEqual(p.layer[0].data, { values: [{}] });
  assert.equal(p.layer[1].encoding.text.value, 'about 1e-3');
  assert.deepEqual(p.layer[2].encoding, { x: { datum: 5 }, x2: { datum: 8 } });
  assert.equal(p.layer[2].mark.color, '#888888');
  assert.equal(p.layer[3].mark.type, 'line');
  assert.equal(plain(ratioChart()).layer.length, 1, 'the input spec is not modified');
  assert.deepEqual(compileWarnings(spec), []);
  const svg = await renderSvg(spec);
  assert.equal(bandShapes(svg), 1);
  assert.equal(bandShapes(svg, '#888888', 0.2), 1);
  assert.match(svg, /about 1e-3/);
});

test('small multiples get the band once in every panel', async () => {
  const facetRows = ['lr 1e-3', 'lr 3e-2', 'lr 1'].flatMap((lr) => rows.map((r) => ({ ...r, lr })));
  const spec = withBands(smallMultiples(facetRows, { x: 'step', y: 'ratio', facet: 'lr', series: 'param', yScale: 'log', title: 'Per learning rate' }), [{ y: [3e-4, 3e-3] }]);
  const p = plain(spec);
  assert.equal(p.spec.layer[0].mark.type, 'rect');
  assert.deepEqual(p.spec.layer[0].transform, [{ aggregate: [{ op: 'count', as: 'bandRows' }] }]);
  assert.deepEqual(compileWarnings(spec), []);
  assert.equal(bandShapes(await renderSvg(spec)), 3);
});

test('bad bands and unsupported specs are refused with clear messages', () => {
  assert.throws(() => withBands(ratioChart(), []), /bands must be a non-empty array/);
  assert.throws(() => withBands(ratioChart(), [{}]), /exactly one of x and y/);
  assert.throws(() => withBands(ratioChart(), [{ x: [1, 2], y: [1, 2] }]), /exactly one of x and y/);
  assert.throws(() => withBands(ratioChart(), [{ y: [3, 1] }]), /bands\[0\]\.y must be \[low, high\]/);
  assert.throws(() => withBands(ratioChart(), [{ y: [NaN, 1] }]), /finite low < high/);
  assert.throws(() => withBands(ratioChart(), [{ y: [1, 2], opacity: 0 }]), /opacity must be in \(0, 1\]/);
  const joined = concatCharts([ratioChart(), ratioChart()], { title: 'Two' });
  assert.throws(() => withBands(joined, [{ y: [1e-4, 1e-3] }]), /add bands to the parts of a concatenation/);
});
