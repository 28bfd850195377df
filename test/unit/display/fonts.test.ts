import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findChartFont, chartFontFiles, fontDirectories } from '../../../kernel-helpers/src/display/fonts';

const installed = chartFontFiles();
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'fonts-'));

test('an empty font folder fails with the Debian package to install', () => {
  assert.throws(() => findChartFont([tmp()]), /No font for PNG charts in .*apt-get install -y fonts-dejavu-core/);
});

test('a preferred font is found by file name, with its bold face', () => {
  const dir = tmp();
  fs.mkdirSync(path.join(dir, 'truetype', 'x'), { recursive: true });
  fs.copyFileSync(installed.regular, path.join(dir, 'truetype', 'x', 'LiberationSans-Regular.ttf'));
  fs.copyFileSync(installed.bold ?? installed.regular, path.join(dir, 'truetype', 'x', 'LiberationSans-Bold.ttf'));
  fs.copyFileSync(installed.regular, path.join(dir, 'Zzz-Other.ttf'));
  const f = findChartFont([dir]);
  assert.equal(path.basename(f.regular), 'LiberationSans-Regular.ttf');
  assert.equal(path.basename(f.bold ?? ''), 'LiberationSans-Bold.ttf');
  assert.equal(f.family, installed.family, 'the family comes from the font file, not the file name');
});

test('any readable font is the fallback; monospace, math and symbol fonts are skipped', () => {
  const dir = tmp();
  fs.copyFileSync(installed.regular, path.join(dir, 'DejaVuSansMono.ttf'));
  fs.copyFileSync(installed.regular, path.join(dir, 'SomeSans.otf'));
  fs.writeFileSync(path.join(dir, 'Broken.ttf'), 'not a font');
  assert.equal(path.basename(findChartFont([dir]).regular), 'SomeSans.otf');
});

test('CHART_FONT_DIR is searched first', () => {
  const before = process.env.CHART_FONT_DIR;
  process.env.CHART_FONT_DIR = '/some/where';
  try {
    assert.equal(fontDirectories()[0], '/some/where');
  } finally {
    if (before === undefined) delete process.env.CHART_FONT_DIR;
    else process.env.CHART_FONT_DIR = before;
  }
});
