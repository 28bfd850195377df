import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plotlyBundle, showPlotly, resetPlotlyJs, type PlotlyFigure } from '../../../kernel-helpers/src/display/plotly';
import { captureDisplays } from '../../../kernel-helpers/src/display/sink';
import { heatmap, matrixRows } from '../../../kernel-helpers/src/charts';

const z = [[1, 2], [3, 4]];
const figure: PlotlyFigure = { data: [{ type: 'surface', z }], layout: { title: { text: 'Loss surface </script><b>' }, height: 400 } };
const fallback = heatmap(matrixRows(z), { x: 'col', y: 'row', value: 'value', title: 'Loss surface (static)' });

test('exactly plotly JSON, HTML, PNG and text', async () => {
  resetPlotlyJs();
  const b = await plotlyBundle(figure, { fallback, includePlotlyJs: 'never', scale: 1 });
  assert.deepEqual(Object.keys(b.data).sort(), ['application/vnd.plotly.v1+json', 'image/png', 'text/html', 'text/plain']);
  assert.deepEqual(b.data['application/vnd.plotly.v1+json'], { data: figure.data, layout: figure.layout });
  assert.equal(b.data['text/plain'], 'Plotly figure: Loss surface </script><b>');
  assert.match(b.data['image/png'] as string, /^iVBORw0KGgo/);
});

test('the HTML holds the PNG as fallback and script-safe figure JSON', async () => {
  const html = (await plotlyBundle(figure, { fallback, includePlotlyJs: 'never', scale: 1 })).data['text/html'] as string;
  const png = (await plotlyBundle(figure, { fallback, includePlotlyJs: 'never', scale: 1 })).data['image/png'] as string;
  assert.ok(html.includes(`src="data:image/png;base64,${png}"`));
  assert.match(html, /alt="Loss surface &lt;\/script&gt;&lt;b&gt; \(static fallback\)"/);
  // The only </script> tags are our own closing tags: the title's is escaped as \u003c/script>.
  assert.equal(html.split('</script>').length - 1, 1);
  assert.ok(html.includes('\\u003c/script>'));
  assert.ok(!html.includes('plotly.js v'), "'never' does not inline the library");
});

test("'once' inlines plotly.js (gzip, base64) in the first output only; 'always' in every one", async () => {
  resetPlotlyJs();
  const first = (await plotlyBundle(figure, { fallback, scale: 1 })).data['text/html'] as string;
  const second = (await plotlyBundle(figure, { fallback, scale: 1 })).data['text/html'] as string;
  const always = (await plotlyBundle(figure, { fallback, scale: 1, includePlotlyJs: 'always' })).data['text/html'] as string;
  assert.ok(first.length > 1_500_000 && first.length < 4_000_000, `first output ${first.length} chars`);
  assert.match(first, /<script type="text\/plain" id="plotly-[0-9a-f-]+-lib">H4sI/, 'a gzip payload in base64');
  assert.match(first, /DecompressionStream\('gzip'\)/);
  assert.ok(second.length < 200_000, `second output ${second.length} chars`);
  assert.ok(always.length > 1_500_000);
});

test('the inlined payload decompresses to plotly.js', async () => {
  resetPlotlyJs();
  const html = (await plotlyBundle(figure, { fallback, scale: 1 })).data['text/html'] as string;
  const base64 = /<script type="text\/plain" id="[^"]+">([^<]+)<\/script>/.exec(html)?.[1] ?? '';
  const js = require('node:zlib').gunzipSync(Buffer.from(base64.trim(), 'base64')).toString('utf8');
  assert.match(js.slice(0, 200), /plotly\.js v3/);
  assert.ok(js.includes('window.Plotly = Plotly'));
});

test('errors: no traces, no fallback', async () => {
  await assert.rejects(plotlyBundle({ data: [] }, { fallback }), /figure.data is empty/);
  await assert.rejects(plotlyBundle(figure, {} as never), /option fallback \(a Vega-Lite spec for the static PNG\) is required/);
  await assert.rejects(plotlyBundle({} as never, { fallback }), /figure must be \{ data: \[traces\]/);
});

test('showPlotly sends one display_data', async () => {
  const cap = captureDisplays();
  try {
    await showPlotly(figure, { fallback, includePlotlyJs: 'never', scale: 1 });
    assert.equal(cap.messages.length, 1);
    assert.ok('application/vnd.plotly.v1+json' in cap.messages[0].message.data);
  } finally {
    cap.restore();
  }
});
