import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { normaliseBundle, plainText, resultContent } from '../../../kernel-helpers/src/kernel/results';

test('plain values get text/plain as the Node REPL shows them', async () => {
  assert.deepEqual(await resultContent(42), { data: { 'text/plain': '42' }, metadata: {} });
  assert.deepEqual(await resultContent('hi'), { data: { 'text/plain': "'hi'" }, metadata: {} });
  assert.equal((await resultContent({ a: [1, 2], b: { c: { d: { e: 1 } } } })).data['text/plain'], '{ a: [ 1, 2 ], b: { c: { d: [Object] } } }');
  assert.equal(plainText(new Map([[1, 'x']])), "Map(1) { 1 => 'x' }");
});

test('a MimeBundleProvider is shown by its bundle, sync or awaited, with its metadata', async () => {
  const sync = { toMimeBundle: () => ({ data: { 'text/html': '<b>x</b>', 'text/plain': 'x' }, metadata: { 'text/html': { isolated: true } } }) };
  assert.deepEqual(await resultContent(sync), {
    data: { 'text/html': '<b>x</b>', 'text/plain': 'x' },
    metadata: { 'text/html': { isolated: true } },
  });
  const spec = { $schema: 'https://vega.github.io/schema/vega-lite/v5.json', mark: 'point' };
  const chart = {
    async toMimeBundle() {
      await new Promise((r) => setTimeout(r, 5));
      return { data: { 'application/vnd.vegalite.v5+json': spec, 'image/png': new Uint8Array([137, 80, 78, 71]), 'text/plain': 'chart' } };
    },
  };
  const content = await resultContent(chart);
  assert.deepEqual(content.data, { 'application/vnd.vegalite.v5+json': spec, 'image/png': 'iVBORw==', 'text/plain': 'chart' });
  assert.deepEqual(content.metadata, {});
});

test('a bundle without text/plain gets one; undefined entries are dropped', () => {
  const content = normaliseBundle({ data: { 'text/html': '<i>y</i>', 'image/svg+xml': undefined } }, () => 'fallback');
  assert.deepEqual(content, { data: { 'text/html': '<i>y</i>', 'text/plain': 'fallback' }, metadata: {} });
});

test('a malformed bundle or a throwing toMimeBundle is an error, not a silent empty output', async () => {
  await assert.rejects(resultContent({ toMimeBundle: () => ({ 'text/plain': 'forgot data' }) }), {
    name: 'TypeError',
    message: /toMimeBundle\(\) must return \{ data: .*got \{ 'text\/plain': 'forgot data' \}/,
  });
  await assert.rejects(resultContent({ toMimeBundle: () => null }), TypeError);
  await assert.rejects(resultContent({ toMimeBundle: () => ({ data: {}, metadata: 'x' }) }), /metadata that is not an object/);
  await assert.rejects(resultContent({ toMimeBundle: () => { throw new RangeError('cannot render'); } }), RangeError);
  await assert.rejects(resultContent({ toMimeBundle: async () => { throw new Error('async render failed'); } }), /async render failed/);
});

test('a tensor gets tfjs text and an HTML table; a provider wins over being a tensor', async () => {
  const t = tf.tensor2d([[1, 2], [3, 4]]);
  const content = await resultContent(t, { tensor: { maxRows: 10 } });
  assert.equal(content.data['text/plain'], 'Tensor\n    [[1, 2],\n     [3, 4]]');
  assert.match(String(content.data['text/html']), /Tensor shape \[2, 2\], dtype float32/);
  const wrapped = Object.assign(t.clone(), { toMimeBundle: () => ({ data: { 'text/plain': 'custom' } }) });
  assert.deepEqual((await resultContent(wrapped)).data, { 'text/plain': 'custom' });
  tf.dispose([t, wrapped]);
});
