import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isInteractiveFigure, isVegaLiteSpec, interactiveSpec, staticSpec } from '../../../kernel-helpers/src/charts/figure';
import type { VegaLiteSpec } from '../../../kernel-helpers/src/charts/types';

const a = { mark: 'point', data: { values: [] } } as VegaLiteSpec;
const b = { layer: [], data: { values: [] } } as unknown as VegaLiteSpec;

test('recognizes specs by composition keys or schema, not bundles', () => {
  assert.equal(isVegaLiteSpec(a), true);
  assert.equal(isVegaLiteSpec({ $schema: 'https://vega.github.io/schema/vega-lite/v5.json' }), true);
  assert.equal(isVegaLiteSpec({ data: { 'text/plain': 'x' } }), false);
  assert.equal(isVegaLiteSpec([]), false);
  assert.equal(isVegaLiteSpec(null), false);
});

test('an interactive figure gives its two forms; a spec is both', () => {
  const fig = { interactive: a, static: b };
  assert.equal(isInteractiveFigure(fig), true);
  assert.equal(isInteractiveFigure(a), false);
  assert.equal(interactiveSpec(fig), a);
  assert.equal(staticSpec(fig), b);
  assert.equal(staticSpec(a), a);
  assert.equal(interactiveSpec(a), a);
});
