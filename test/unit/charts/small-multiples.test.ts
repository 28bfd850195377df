import { test } from 'node:test';
import assert from 'node:assert/strict';
import { smallMultiples } from '../../../kernel-helpers/src/charts/small-multiples';
import { chartTheme, paletteEntry } from '../../../kernel-helpers/src/charts/theme';
import { VEGA_LITE_SCHEMA } from '../../../kernel-helpers/src/charts/types';
import { renderSvg } from '../../../kernel-helpers/src/display/render';
import { compileWarnings, plain } from './spec-helpers';

const zoo = ['relu', 'sigmoid', 'tanh'].flatMap((activation) =>
  [-1, 0, 1].flatMap((x) => [
    { activation, x, value: x, curve: 'f(x)' },
    { activation, x, value: 1, curve: "f'(x)" },
  ]),
);
const base = { x: 'x', y: 'value', facet: 'activation', title: 'Each function beside its derivative' };

test('facets in palette order with palette labels; lines take the facet colour without a series', () => {
  const spec = plain(smallMultiples(zoo, { ...base, facetPalette: 'activation', dash: 'curve', columns: 2 }));
  assert.equal(spec.$schema, VEGA_LITE_SCHEMA);
  assert.deepEqual(spec.config, plain(chartTheme));
  assert.equal(spec.columns, 2);
  assert.deepEqual(spec.facet.sort, ['sigmoid', 'tanh', 'ReLU']);
  const enc = spec.spec.layer[0].encoding;
  assert.equal(enc.color.field, 'activation');
  assert.equal(enc.color.legend, null);
  assert.deepEqual(enc.color.scale.range, ['sigmoid', 'tanh', 'relu'].map((k) => paletteEntry('activation', k).color));
  assert.equal(enc.strokeDash.field, 'curve');
  assert.ok(spec.data.values.every((r: { activation: string }) => ['sigmoid', 'tanh', 'ReLU'].includes(r.activation)));
  assert.equal(zoo[0].activation, 'relu', 'input rows are not modified');
  assert.deepEqual(compileWarnings(smallMultiples(zoo, { ...base, facetPalette: 'activation', dash: 'curve' })), []);
});

test('series with a palette colour the lines; log y with independent panels; rules by datum', () => {
  const rows = ['tanh', 'relu'].flatMap((activation) =>
    [1, 2, 3].flatMap((layer) => ['xavier', 'large'].map((init) => ({ activation, layer, g: 10 ** -layer, init }))),
  );
  const spec = plain(
    smallMultiples(rows, {
      x: 'layer', y: 'g', facet: 'activation', facetPalette: 'activation', series: 'init', palette: 'init',
      xOrdinal: true, yScale: 'log', independentY: true, rules: [{ y: 1e-2, label: 'ref' }], title: 'Gradients per layer',
    }),
  );
  const enc = spec.spec.layer[0].encoding;
  assert.equal(enc.color.field, 'init');
  assert.deepEqual(enc.color.scale.domain, ['1.0·randn', 'Xavier']);
  assert.equal(enc.x.type, 'ordinal');
  assert.equal(enc.y.scale.type, 'log');
  assert.equal(spec.resolve.scale.y, 'independent');
  assert.equal(spec.spec.layer[1].mark.type, 'rule');
  assert.deepEqual(spec.spec.layer[1].encoding.y, { datum: 1e-2 });
  assert.equal(spec.spec.layer[2].encoding.text.value, 'ref');
  assert.deepEqual(compileWarnings(spec as never), []);
});

test('an order field draws paths in row order, and the spec renders', async () => {
  const path = [
    { run: 'positive', step: 0, w1: 0, w2: 0 },
    { run: 'positive', step: 1, w1: 0.5, w2: 0.4 },
    { run: 'positive', step: 2, w1: 0.2, w2: -0.1 },
    { run: 'centred', step: 0, w1: 0, w2: 0 },
    { run: 'centred', step: 1, w1: 0.7, w2: -0.6 },
  ];
  const spec = smallMultiples(path, { x: 'w1', y: 'w2', facet: 'run', order: 'step', facetOrder: ['positive', 'centred'], rules: [{ x: 1 }, { y: -1 }], title: 'Zig-zag' });
  const p = plain(spec);
  assert.deepEqual(p.spec.layer[0].encoding.order, { field: 'step', type: 'quantitative' });
  assert.deepEqual(p.facet.sort, ['positive', 'centred']);
  assert.deepEqual(compileWarnings(spec), []);
  const svg = await renderSvg(spec);
  assert.match(svg, /<svg/);
  assert.match(svg, /Zig-zag/);
});

test('clear errors on bad input', () => {
  assert.throws(() => smallMultiples([], base), /smallMultiples: rows is empty/);
  assert.throws(() => smallMultiples(zoo, { ...base, title: '' }), /option title is required/);
  assert.throws(() => smallMultiples(zoo, { ...base, facet: 'act' }), /option facet names field 'act'/);
  assert.throws(() => smallMultiples([{ activation: 'relu', x: 0, value: NaN }], base), /rows\[0\]\.value \(option y\) is NaN/);
  assert.throws(() => smallMultiples(zoo, { ...base, facetPalette: 'init' }), /'relu' is not in the init palette/);
  assert.throws(() => smallMultiples(zoo, { ...base, facetOrder: ['relu'] }), /facetOrder misses facet value\(s\) 'sigmoid', 'tanh'/);
  assert.throws(() => smallMultiples(zoo, { ...base, columns: 0 }), /option columns must be a positive integer/);
  assert.throws(() => smallMultiples(zoo, { ...base, rules: [{ x: 1, y: 1 }] }), /rules\[0\] must have exactly one of x or y/);
});
