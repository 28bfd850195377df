import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadFontMetrics } from '../../../kernel-helpers/src/display/font-metrics';
import { chartFontFiles } from '../../../kernel-helpers/src/display/fonts';

const font = chartFontFiles();

test('reads the family name and advance widths that add up and scale with size', () => {
  const m = loadFontMetrics(font.regular);
  assert.equal(m.family, font.family);
  assert.ok(m.family.length > 0);
  const ab = m.width('ab', 10);
  assert.ok(Math.abs(ab - (m.width('a', 10) + m.width('b', 10))) < 1e-9);
  assert.ok(Math.abs(m.width('layer 10', 22) - 2 * m.width('layer 10', 11)) < 1e-9);
  assert.ok(m.width('W', 10) > m.width('i', 10));
  // A Latin sans-serif averages 0.45–0.7 em per character.
  const perChar = m.width('The quick brown fox jumps', 10) / 25 / 10;
  assert.ok(perChar > 0.4 && perChar < 0.75, `${perChar} em per character`);
});

test('DejaVu Sans advances match the font tables (M is 1767/2048 em)', { skip: path.basename(font.regular) !== 'DejaVuSans.ttf' }, () => {
  const m = loadFontMetrics(font.regular);
  assert.ok(Math.abs(m.width('M', 2048) - 1767) < 1e-9);
});

test('a file that is not a font is refused with its name', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fm-')), 'fake.ttf');
  fs.writeFileSync(file, Buffer.alloc(64, 1));
  assert.throws(() => loadFontMetrics(file), new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: not a TrueType/OpenType font`));
});
