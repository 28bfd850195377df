import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as vl from 'vega-lite';
import { concatCharts } from '../../../kernel-helpers/src/charts/concat';
import { lineChart } from '../../../kernel-helpers/src/charts/line';
import { chartTheme } from '../../../kernel-helpers/src/charts/theme';
import { VEGA_LITE_SCHEMA } from '../../../kernel-helpers/src/charts/types';

const rows = [
  { layer: 1, std: 0.5, init: 'xavier' },
  { layer: 2, std: 0.4, init: 'xavier' },
  { layer: 1, std: 0.8, init: 'he' },
  { layer: 2, std: 0.8, init: 'he' },
];
const a = lineChart(rows, { title: 'left', x: 'layer', y: 'std', series: 'init', palette: 'init' });
const b = lineChart(rows, { title: 'right', x: 'layer', y: 'std', series: 'init', palette: 'init', yScale: 'log' });

test('concatCharts stacks parts under one title, with the schema and theme once', () => {
  const spec = concatCharts([a, b], { title: 'Both', subtitle: 'setup' }) as unknown as Record<string, unknown>;
  assert.equal(spec.$schema, VEGA_LITE_SCHEMA);
  assert.deepEqual(spec.config, chartTheme);
  assert.deepEqual(spec.title, { text: 'Both', subtitle: 'setup' });
  const parts = spec.vconcat as Record<string, unknown>[];
  assert.equal(parts.length, 2);
  for (const p of parts) {
    assert.equal('$schema' in p, false);
    assert.equal('config' in p, false);
  }
  assert.deepEqual((parts[0].title as { text: string }).text, 'left');
  assert.deepEqual(parts[1].layer, (b as unknown as Record<string, unknown>).layer);
});

test('concatCharts puts parts side by side with direction horizontal, and compiles', () => {
  const spec = concatCharts([a, b], { title: 'Side by side', direction: 'horizontal', spacing: 10 }) as unknown as Record<string, unknown>;
  assert.equal((spec.hconcat as unknown[]).length, 2);
  assert.equal(spec.spacing, 10);
  assert.equal('vconcat' in spec, false);
  const compiled = vl.compile(spec as unknown as vl.TopLevelSpec);
  assert.ok(compiled.spec);
});

test('concatCharts does not modify its parts', () => {
  const before = JSON.stringify(a);
  concatCharts([a], { title: 'One' });
  assert.equal(JSON.stringify(a), before);
});

test('concatCharts rejects empty parts, non-specs, a missing title and a bad direction', () => {
  assert.throws(() => concatCharts([], { title: 't' }), /non-empty array/);
  assert.throws(() => concatCharts([{ interactive: a, static: b } as never], { title: 't' }), /parts\[0\] is not a Vega-Lite spec/);
  assert.throws(() => concatCharts([a], { title: '' }), /title is required/);
  assert.throws(() => concatCharts([a], { title: 't', direction: 'diagonal' as never }), /direction must be/);
  assert.throws(() => concatCharts([a], { title: 't', spacing: -1 }), /spacing must be/);
});
