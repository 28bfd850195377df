import { test } from 'node:test';
import assert from 'node:assert/strict';
import { show, toDisplayBundle } from '../../../kernel-helpers/src/display/show';
import { captureDisplays } from '../../../kernel-helpers/src/display/sink';
import { lineChart } from '../../../kernel-helpers/src/charts';

const spec = lineChart([{ x: 1, y: 2 }, { x: 2, y: 1 }], { x: 'x', y: 'y', title: 'Down' });

test('show(spec) sends one display_data with the chart bundle and a display id', async () => {
  const cap = captureDisplays();
  try {
    const result = await show(spec, { scale: 1 });
    assert.equal(result, undefined, 'nothing to print as Out[n]');
    assert.equal(cap.messages.length, 1);
    const { message, update } = cap.messages[0];
    assert.equal(update, false);
    assert.match(String(message.transient.display_id), /^[0-9a-f-]{36}$/);
    assert.deepEqual(Object.keys(message.data).sort(), ['application/vnd.vegalite.v5+json', 'image/png', 'text/plain']);
    assert.ok('image/png' in message.metadata);
  } finally {
    cap.restore();
  }
});

test('show works with anything that has toMimeBundle (sync or async) and with plain bundles', async () => {
  const cap = captureDisplays();
  try {
    await show({ toMimeBundle: () => ({ data: { 'text/plain': 'sync' } }) });
    await show({ toMimeBundle: async () => ({ data: { 'text/markdown': '**async**' }, metadata: { a: 1 } }) });
    await show({ data: { 'text/plain': 'bundle' } });
    assert.deepEqual(cap.messages.map((m) => m.message.data), [{ 'text/plain': 'sync' }, { 'text/markdown': '**async**' }, { 'text/plain': 'bundle' }]);
    assert.deepEqual(cap.messages[1].message.metadata, { a: 1 });
  } finally {
    cap.restore();
  }
});

test('update replaces the output with the given display id', async () => {
  const cap = captureDisplays();
  try {
    await show({ data: { 'text/plain': 'v1' } }, { displayId: 'fixed' });
    await show({ data: { 'text/plain': 'v2' } }, { displayId: 'fixed', update: true });
    assert.deepEqual(cap.messages.map((m) => [m.message.transient.display_id, m.update]), [['fixed', false], ['fixed', true]]);
    await assert.rejects(show({ data: {} }, { update: true }), /update needs the displayId/);
  } finally {
    cap.restore();
  }
});

test('junk is refused, and a provider returning junk too', async () => {
  await assert.rejects(toDisplayBundle(7 as never), /show: expected a Vega-Lite spec, \{ interactive, static \}, a value with toMimeBundle\(\), or a \{ data \} bundle/);
  await assert.rejects(toDisplayBundle({ toMimeBundle: () => 'x' } as never), /toMimeBundle\(\) must return \{ data, metadata\? \}/);
});
