import { test } from 'node:test';
import assert from 'node:assert/strict';
import { palettes, paletteEntry, paletteLabel, paletteScale, chartTheme, chartFont, type PaletteName } from '../../../kernel-helpers/src/charts/theme';

test('every palette has unique keys, labels and colours, all hex', () => {
  for (const [name, entries] of Object.entries(palettes)) {
    for (const field of ['key', 'label', 'color'] as const) {
      const values = entries.map((e) => e[field]);
      assert.equal(new Set(values).size, values.length, `${name}: duplicate ${field}`);
    }
    for (const e of entries) assert.match(e.color, /^#[0-9a-f]{6}$/, `${name}.${e.key}`);
  }
});

test('the palettes cover what the lessons compare', () => {
  assert.deepEqual(palettes.activation.map((e) => e.key), ['sigmoid', 'tanh', 'relu', 'leakyRelu', 'prelu', 'elu', 'maxout', 'gelu', 'silu']);
  assert.deepEqual(palettes.init.map((e) => e.key), ['small', 'large', 'xavier', 'xavierRelu', 'he', 'zeros']);
  assert.deepEqual(palettes.batchNorm.map((e) => e.key), ['on', 'off']);
  assert.deepEqual(palettes.split.map((e) => e.key), ['train', 'val']);
});

test('paletteEntry finds by key, by label, booleans for batch norm, "validation" for split', () => {
  assert.equal(paletteEntry('init', 'he').label, 'He (Kaiming)');
  assert.equal(paletteEntry('init', 'He (Kaiming)').key, 'he');
  assert.equal(paletteEntry('batchNorm', true).key, 'on');
  assert.equal(paletteEntry('batchNorm', false).key, 'off');
  assert.equal(paletteEntry('split', 'validation').key, 'val');
  assert.equal(paletteLabel('activation', 'leakyRelu'), 'Leaky ReLU');
});

test('an unknown value throws naming the palette and its keys', () => {
  assert.throws(() => paletteEntry('activation', 'relu6'), /'relu6' is not in the activation palette; use one of 'sigmoid', 'tanh'/);
  assert.throws(() => paletteEntry('colours' as PaletteName, 'x'), /palette must be one of activation, init, batchNorm, split/);
});

test('paletteScale keeps palette order and only the values present', () => {
  const scale = paletteScale('init', ['he', 'small', 'xavier', 'he']);
  assert.deepEqual(scale.domain, ['0.01·randn', 'Xavier', 'He (Kaiming)']);
  assert.deepEqual(scale.range, [paletteEntry('init', 'small').color, paletteEntry('init', 'xavier').color, paletteEntry('init', 'he').color]);
});

test('the theme sets the font stack, ending in a generic family the PNG renderer maps', () => {
  assert.equal(chartTheme.font, chartFont);
  assert.match(chartFont, /^DejaVu Sans,.*sans-serif$/);
});
