import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layerHistograms, type LayerHistogram } from '../../../kernel-helpers/src/charts/layer-histograms';
import { histogramBins } from '../../../kernel-helpers/src/charts/histogram';
import { Rng } from '../../../kernel-helpers/src/random';
import { compileWarnings, plain } from './spec-helpers';

const rng = new Rng(3);
function panels(cases: string[], layers: number, bins = 20): LayerHistogram[] {
  return cases.flatMap((c, k) =>
    Array.from({ length: layers }, (_, l) => ({
      layer: layers - l, // given in reverse: the chart must still sort columns by layer
      case: c,
      histogram: histogramBins(Float32Array.from({ length: 50_000 }, () => Math.tanh(rng.normal(0, 0.5 + k))), { bins, domain: [-1, 1] }),
    })),
  );
}

test('columns are layers in ascending order, rows are cases in palette order, data is bins only', () => {
  const p = panels(['xavier', 'small'], 10);
  const spec = plain(layerHistograms(p, { title: 'Xavier keeps the spread', palette: 'init' }));
  assert.equal(spec.facet.column.field, 'layer');
  assert.equal(spec.facet.column.sort, 'ascending');
  assert.equal(spec.facet.column.header.labelExpr, "'layer ' + datum.value");
  assert.equal(spec.facet.column.header.title, 'activation value');
  assert.deepEqual(spec.facet.row.sort, ['0.01·randn', 'Xavier']);
  assert.equal(spec.data.values.length, 2 * 10 * 20, 'one row per bin, never raw values');
  assert.ok(JSON.stringify(spec).length < 200_000);
  assert.deepEqual(spec.resolve, { scale: { x: 'shared', y: 'independent' } });
  assert.deepEqual(compileWarnings(layerHistograms(p, { title: 't', palette: 'init' })), []);
});

test('each panel carries its σ once and a headroom mark above its tallest bar', () => {
  const p = panels(['a'], 2);
  const rows = plain(layerHistograms(p, { title: 't' })).data.values;
  const withStats = rows.filter((r: { stats?: string }) => r.stats !== undefined);
  assert.equal(withStats.length, 2);
  assert.match(withStats[0].stats, /^σ \d/);
  for (const r of withStats) {
    const panelMax = Math.max(...rows.filter((q: { layer: number }) => q.layer === r.layer).map((q: { fraction: number }) => q.fraction));
    assert.ok(Math.abs(r.top - 1.3 * panelMax) < 1e-12);
  }
  const none = plain(layerHistograms(p, { title: 't', stats: 'none' }));
  assert.equal(none.spec.layer.length, 2);
  assert.ok(none.data.values.every((r: { stats?: string }) => r.stats === undefined));
});

test('a single case has no row facet; shared y shows the axis', () => {
  const spec = plain(layerHistograms(panels([''], 3), { title: 't', yResolve: 'shared' }));
  assert.equal(spec.facet.row, undefined);
  assert.equal(spec.spec.layer[0].encoding.y.axis.format, '.0%');
});

test('errors: empty, repeated panel, bad histogram, unknown palette case', () => {
  assert.throws(() => layerHistograms([], { title: 't' }), /layerHistograms: panels is empty/);
  const p = panels(['a'], 1);
  assert.throws(() => layerHistograms([...p, ...p], { title: 't' }), /panels\[1\] repeats layer 1 of case 'a'/);
  assert.throws(() => layerHistograms([{ layer: 1, histogram: { counts: [1], edges: [0] } as never }], { title: 't' }), /must come from histogramBins/);
  assert.throws(() => layerHistograms(p, { title: 't', palette: 'activation' }), /'a' is not in the activation palette/);
});
