import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chartBundle, chart, Chart, specTitle } from '../../../kernel-helpers/src/display/chart-bundle';
import { pngSize, renderPng, renderSvg } from '../../../kernel-helpers/src/display/render';
import { lineChart, weightScaleHistograms, histogramBins, type VegaLiteSpec } from '../../../kernel-helpers/src/charts';

const spec = lineChart([{ x: 1, y: 2 }, { x: 2, y: 3 }], { x: 'x', y: 'y', title: 'Up and to the right' });

test('exactly Vega-Lite, PNG and text; no text/html; PNG shown at CSS size', async () => {
  const bundle = await chartBundle(spec);
  assert.deepEqual(Object.keys(bundle.data).sort(), ['application/vnd.vegalite.v5+json', 'image/png', 'text/plain']);
  assert.equal(bundle.data['application/vnd.vegalite.v5+json'], spec);
  assert.equal(bundle.data['text/plain'], 'Chart: Up and to the right');
  const png = Buffer.from(bundle.data['image/png'] as string, 'base64');
  const size = pngSize(png);
  assert.deepEqual(bundle.metadata, { 'image/png': { width: size.width / 2, height: size.height / 2 } });
});

test('png: false skips rendering; text and scale options', async () => {
  const bundle = await chartBundle(spec, { png: false, text: 'custom' });
  assert.deepEqual(Object.keys(bundle.data).sort(), ['application/vnd.vegalite.v5+json', 'text/plain']);
  assert.equal(bundle.data['text/plain'], 'custom');
  const one = await chartBundle(spec, { scale: 1 });
  assert.deepEqual(one.metadata?.['image/png'], pngSize(Buffer.from(one.data['image/png'] as string, 'base64')));
});

test('an interactive figure sends the interactive spec and renders the static one', async () => {
  const panels = [0.1, 1].flatMap((scale) => [1, 2].map((layer) => ({ scale, layer, histogram: histogramBins([0, scale], { bins: 4, domain: [-1, 1] }) })));
  const fig = weightScaleHistograms(panels, { title: 'Scale matters', staticScales: [0.1, 1] });
  const bundle = await chartBundle(fig);
  assert.equal(bundle.data['application/vnd.vegalite.v5+json'], fig.interactive);
  const sent = pngSize(Buffer.from(bundle.data['image/png'] as string, 'base64'));
  assert.deepEqual(sent, pngSize(await renderPng(fig.static)));
  assert.notDeepEqual(sent, pngSize(await renderPng(fig.interactive)), 'two rows of panels, not one');
});

test('the interactive figure renders too, its title naming the selected scale', async () => {
  const panels = [0.01, 0.1, 1].flatMap((scale) => [1, 2].map((layer) => ({ scale, layer, histogram: histogramBins([0, scale], { bins: 4, domain: [-1, 1] }) })));
  const svg = await renderSvg(weightScaleHistograms(panels, { title: 'Scale matters', initialScale: 1 }).interactive);
  assert.ok(svg.includes('Scale matters (weight scale 1)'));
  const svg2 = await renderSvg(weightScaleHistograms(panels, { title: 'Scale matters', control: 'select' }).interactive);
  assert.ok(svg2.includes('Scale matters (weight scale 0.1)'));
});

test('Chart renders once, caches, and gives the PNG bytes', async () => {
  const c = chart(spec, { scale: 1 });
  assert.ok(c instanceof Chart);
  assert.equal(c.toMimeBundle(), c.toMimeBundle());
  assert.deepEqual([...(await c.png()).subarray(0, 4)], [137, 80, 78, 71]);
  await assert.rejects(chart(spec, { png: false }).png(), /built with png: false/);
});

test('non-specs are refused with what was expected', async () => {
  await assert.rejects(chartBundle({ data: { 'text/plain': 'x' } } as unknown as VegaLiteSpec), /chartBundle: expected a Vega-Lite spec/);
  assert.throws(() => chart(42 as unknown as VegaLiteSpec), /chart: expected a Vega-Lite spec/);
});

test('specTitle reads strings, line arrays and title objects', () => {
  assert.equal(specTitle({ title: 'a' }), 'a');
  assert.equal(specTitle({ title: ['a', 'b'] }), 'a b');
  assert.equal(specTitle({ title: { text: 'c', subtitle: 'd' } }), 'c');
  assert.equal(specTitle({}), undefined);
});
