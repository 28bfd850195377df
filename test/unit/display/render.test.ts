import { test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { renderPng, renderSvg, svgToPng, pngSize } from '../../../kernel-helpers/src/display/render';
import { lineChart, imageGrid, type VegaLiteSpec } from '../../../kernel-helpers/src/charts';
import { decodePng, inkFraction, greyPixels } from './png-decode';

const rows = Array.from({ length: 50 }, (_, i) => ({ step: i * 10, loss: 2.3 * Math.exp(-i / 15) + 0.2, run: i % 2 ? 'a' : 'b' }));
const spec = lineChart(rows, { x: 'step', y: 'loss', series: 'run', title: 'Loss falls by 10× in 500 iterations', xTitle: 'iteration', yTitle: 'loss' });

test('renderPng gives a valid PNG at the requested scale', async () => {
  const png = await renderPng(spec, { scale: 2 });
  assert.deepEqual([...png.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10]);
  const svg = await renderSvg(spec);
  const w = Number(/width="(\d+)"/.exec(svg)?.[1]);
  const h = Number(/height="(\d+)"/.exec(svg)?.[1]);
  assert.deepEqual(pngSize(png), { width: 2 * w, height: 2 * h });
});

test('the PNG is not blank and the title text is drawn with a real font', async () => {
  const img = decodePng(await renderPng(spec, { scale: 1 }));
  const all = inkFraction(img);
  assert.ok(all > 0.02 && all < 0.5, `ink fraction ${all}`);
  // The title occupies the top ~30 px: glyphs there mean a font was found and used.
  const title = inkFraction(img, { x0: 0, y0: 0, x1: 300, y1: 30 });
  assert.ok(title > 0.03, `title ink ${title}`);
});

test('text layout uses the font metrics: the chart is not padded for 0.8 em per character', async () => {
  // Vega's estimate would make the legend and y-axis title area ~40% wider.
  const svg = await renderSvg(spec);
  const w = Number(/width="(\d+)"/.exec(svg)?.[1]);
  assert.ok(w < 480 + 110, `chart width ${w}`);
});

test('unsmoothed images keep square pixels in the PNG', async () => {
  const checker = new Float32Array(16).map((_, i) => ((i % 4) + Math.floor(i / 4)) % 2);
  const crisp = imageGrid([checker], { title: 'c', cellSize: 96 });
  const smooth = JSON.parse(JSON.stringify(crisp));
  smooth.layer[0].mark.smooth = true;
  const g1 = greyPixels(decodePng(await renderPng(crisp, { scale: 1 })));
  const g2 = greyPixels(decodePng(await renderPng(smooth, { scale: 1 })));
  assert.ok(g2 > 1000, `smoothed image has grey edges (${g2})`);
  assert.ok(g1 < g2 / 10, `pixelated image has few grey pixels (${g1} vs ${g2})`);
});

test('a typical chart renders in well under 300 ms after warm-up', async () => {
  await renderPng(spec);
  const t = performance.now();
  await renderPng(spec);
  const ms = performance.now() - t;
  assert.ok(ms < 300, `render took ${ms.toFixed(0)} ms`);
});

test('svgToPng rasterizes any SVG', () => {
  const png = svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="5"><rect width="10" height="5" fill="red"/></svg>', { scale: 3 });
  assert.deepEqual(pngSize(png), { width: 30, height: 15 });
  const img = decodePng(png);
  assert.deepEqual([...img.pixels.subarray(0, 3)], [255, 0, 0]);
});

test('bad input: not a spec, a spec Vega-Lite rejects, a bad scale', async () => {
  await assert.rejects(renderSvg(null as unknown as VegaLiteSpec), /renderSvg: spec must be a Vega-Lite spec object/);
  await assert.rejects(renderSvg({ mark: 'nonsense' } as unknown as VegaLiteSpec), /renderSvg: Vega-Lite could not compile the spec/);
  await assert.rejects(renderPng(spec, { scale: 0 }), /option scale must be a number in \(0, 8\], got 0/);
  assert.throws(() => pngSize(Buffer.from('nope')), /not a PNG/);
});
