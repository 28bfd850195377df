import { test } from 'node:test';
import assert from 'node:assert/strict';
import { texBundle, showTex, formulaToTex } from '../../../kernel-helpers/src/display/tex';
import { captureDisplays } from '../../../kernel-helpers/src/display/sink';

test('a mathjs expression becomes display TeX via toTex, with the expression as text', () => {
  const b = texBundle('std / sqrt(fanIn)');
  assert.deepEqual(Object.keys(b.data).sort(), ['text/latex', 'text/plain']);
  assert.equal(b.data['text/latex'], '$$\\frac{ std}{\\sqrt{ fanIn}}$$');
  assert.equal(b.data['text/plain'], 'std / sqrt(fanIn)');
});

test('TeX passes through: strings with a backslash, or { tex }; outer $ are stripped', () => {
  assert.equal(texBundle('\\sigma = \\sqrt{2 / n}').data['text/latex'], '$$\\sigma = \\sqrt{2 / n}$$');
  assert.equal(texBundle({ tex: '$x^2$' }).data['text/latex'], '$$x^2$$');
  assert.equal(texBundle({ tex: 'x_i' }, { mode: 'inline', text: 'x sub i' }).data['text/latex'], '$x_i$');
  assert.equal(texBundle({ tex: 'x_i' }, { text: 'x sub i' }).data['text/plain'], 'x sub i');
});

test('{ expr } and mathjs nodes; parenthesis option', () => {
  assert.equal(formulaToTex({ expr: '(x + y) * z' }).tex, '\\left( x+ y\\right)\\cdot z');
  const math = require('mathjs');
  assert.deepEqual(formulaToTex(math.parse('x^2')), { tex: '{ x}^{2}', text: 'x ^ 2' });
  assert.equal(formulaToTex({ expr: '((x))' }, { parenthesis: 'auto' }).tex, ' x');
});

test('errors: unparseable expression suggests { tex }; empty; wrong type', () => {
  assert.throws(() => texBundle('a +* b'), /texBundle: 'a \+\* b' is not a mathjs expression .*; pass TeX as \{ tex: '…' \}/);
  assert.throws(() => texBundle('  '), /formula is empty/);
  assert.throws(() => texBundle(5 as never), /formula must be a string, \{ expr \}, \{ tex \} or a mathjs node/);
});

test('showTex sends the bundle', async () => {
  const cap = captureDisplays();
  try {
    await showTex('x^2');
    assert.deepEqual(cap.messages[0].message.data, { 'text/latex': '$${ x}^{2}$$', 'text/plain': 'x^2' });
  } finally {
    cap.restore();
  }
});
