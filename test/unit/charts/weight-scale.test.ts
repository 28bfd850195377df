import { test } from 'node:test';
import assert from 'node:assert/strict';
import { weightScaleHistograms, type ScaledLayerHistogram } from '../../../kernel-helpers/src/charts/weight-scale';
import { histogramBins } from '../../../kernel-helpers/src/charts/histogram';
import { compileWarnings, plain } from './spec-helpers';

const scales = [0.01, 0.03, 0.1, 0.3, 1];
const panels: ScaledLayerHistogram[] = scales.flatMap((scale) =>
  [1, 2, 3].map((layer) => ({ scale, layer, histogram: histogramBins([-scale, 0, scale / layer], { bins: 4, domain: [-1, 1] }) })),
);

test('interactive: a log₁₀ slider over the precomputed scales filters one row of layers', () => {
  const fig = weightScaleHistograms(panels, { title: 'Too small collapses, too large saturates' });
  const spec = plain(fig.interactive);
  const param = spec.params[0];
  assert.equal(param.name, 'logScale');
  assert.equal(param.bind.input, 'range');
  assert.ok(Math.abs(param.bind.min - -2) < 1e-12 && Math.abs(param.bind.max - 0) < 1e-12);
  assert.ok(Math.abs(param.value - Math.log10(0.1)) < 1e-12, 'initial: the middle scale');
  assert.deepEqual(spec.transform, [{ filter: 'datum.lo <= logScale && logScale < datum.hi' }]);
  assert.equal(spec.data.values.length, 5 * 3 * 4);
  // Each scale owns the log-interval around it, so any slider value selects exactly one scale.
  for (const v of [-2.2, -1.7, -1.26, -0.2, 0.4]) {
    const hit = new Set(spec.data.values.filter((r: { lo: number; hi: number }) => r.lo <= v && v < r.hi).map((r: { scale: number }) => r.scale));
    assert.equal(hit.size, 1, `slider value ${v}`);
  }
  // One row of layers, no row facet (a filtered-out row would leave an empty cell in Vega's
  // layout); the title names the selected scale.
  assert.deepEqual(Object.keys(spec.facet), ['column']);
  assert.match(spec.title.text.expr, /^"Too small collapses, too large saturates \(weight scale " \+ \(logScale < -1.76\d* \? '0.01' : logScale < /);
  assert.deepEqual(compileWarnings(fig.interactive), []);
});

test('static: the chosen scales as rows, for the PNG', () => {
  const fig = weightScaleHistograms(panels, { title: 't', staticScales: [1, 0.01] });
  const spec = plain(fig.static);
  assert.equal(spec.params, undefined);
  assert.deepEqual(spec.facet.row.sort, ['weight scale 0.01', 'weight scale 1']);
  assert.deepEqual([...new Set(spec.data.values.map((r: { scale: number }) => r.scale))], [0.01, 1]);
  assert.deepEqual(compileWarnings(fig.static), []);
  const spread = plain(weightScaleHistograms(panels, { title: 't' }).static);
  assert.equal(spread.facet.row.sort.length, 4, 'default: up to 4 scales spread over the range');
});

test('a select control lists the scales with labels', () => {
  const spec = plain(weightScaleHistograms(panels, { title: 't', control: 'select', initialScale: 0.3 }).interactive);
  assert.deepEqual(spec.params[0].bind.options, scales);
  assert.deepEqual(spec.params[0].bind.labels, ['0.01', '0.03', '0.1', '0.3', '1']);
  assert.equal(spec.params[0].value, 0.3);
  assert.deepEqual(spec.transform, [{ filter: 'datum.scale === weightScale' }]);
  assert.match(spec.title.text.expr, /format\(weightScale, '.3~g'\)/);
});

test('errors: non-positive scale, scale not precomputed', () => {
  assert.throws(() => weightScaleHistograms([{ ...panels[0], scale: 0 }], { title: 't' }), /panels\[0\]\.scale must be a number > 0/);
  assert.throws(() => weightScaleHistograms(panels, { title: 't', initialScale: 0.5 }), /option initialScale 0.5 is not one of the panels' scales \(0.01, 0.03, 0.1, 0.3, 1\)/);
  assert.throws(() => weightScaleHistograms(panels, { title: 't', staticScales: [2] }), /option staticScales 2/);
});
