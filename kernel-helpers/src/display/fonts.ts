/**
 * Finds a sans-serif font for the Node PNG renderer. resvg draws text only with fonts it is
 * given, and a bare CI machine may have a single font or none, so the renderer looks for known
 * good fonts by file name in the usual font folders, falls back to any readable .ttf/.otf, and
 * fails with the Debian package to install when there is none.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadFontMetrics, type FontMetrics } from './font-metrics';

/** The font the PNG renderer uses. */
export interface ChartFontFiles {
  /** Family name as stored in the font, e.g. `'DejaVu Sans'`; given to resvg for `sans-serif`. */
  family: string;
  /** Path of the regular face. */
  regular: string;
  /** Path of the bold face (chart titles are bold), if found. */
  bold?: string;
  /** Metrics of the regular face, for text layout. */
  regularMetrics: FontMetrics;
  /** Metrics of the bold face, if found. */
  boldMetrics?: FontMetrics;
}

// Preferred fonts, best first: [regular file, bold file, package that provides them].
const KNOWN: ReadonlyArray<readonly [string, string, string]> = [
  ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'Debian fonts-dejavu-core'],
  ['LiberationSans-Regular.ttf', 'LiberationSans-Bold.ttf', 'Debian fonts-liberation'],
  ['NotoSans-Regular.ttf', 'NotoSans-Bold.ttf', 'Debian fonts-noto-core'],
  ['FreeSans.ttf', 'FreeSansBold.ttf', 'Debian fonts-freefont-ttf'],
  ['Arial.ttf', 'Arial Bold.ttf', 'macOS'],
  ['arial.ttf', 'arialbd.ttf', 'Windows'],
];

/** Folders searched for fonts, most specific first. `CHART_FONT_DIR` (if set) comes first. */
export function fontDirectories(): string[] {
  const home = os.homedir();
  const dirs = [
    process.env.CHART_FONT_DIR,
    '/usr/share/fonts',
    '/usr/local/share/fonts',
    home && path.join(home, '.local/share/fonts'),
    home && path.join(home, '.fonts'),
    '/System/Library/Fonts',
    '/Library/Fonts',
    process.env.WINDIR && path.join(process.env.WINDIR, 'Fonts'),
  ];
  return dirs.filter((d): d is string => typeof d === 'string' && d !== '');
}

/** All .ttf/.otf files under `dirs`, depth-limited (font trees are shallow; symlink loops are cut). */
function listFontFiles(dirs: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && depth < 4) walk(p, depth + 1);
      else if ((e.isFile() || e.isSymbolicLink()) && /\.(ttf|otf)$/i.test(e.name)) found.push(p);
    }
  };
  for (const d of dirs) walk(d, 0);
  return found;
}

function tryMetrics(file: string | undefined): FontMetrics | undefined {
  if (!file) return undefined;
  try {
    return loadFontMetrics(file);
  } catch {
    return undefined;
  }
}

/**
 * Picks the font for PNG charts: the first of DejaVu Sans, Liberation Sans, Noto Sans, FreeSans,
 * Arial found in {@link fontDirectories}, else any readable font there whose name does not look
 * like a symbol, math or monospace font.
 *
 * @param dirs folders to search; default {@link fontDirectories}.
 * @throws if no usable font exists, naming the Debian package to install.
 */
export function findChartFont(dirs: readonly string[] = fontDirectories()): ChartFontFiles {
  const files = listFontFiles(dirs);
  const byName = new Map<string, string>();
  for (const f of files) if (!byName.has(path.basename(f))) byName.set(path.basename(f), f);

  for (const [regularName, boldName] of KNOWN) {
    const regular = byName.get(regularName);
    const regularMetrics = tryMetrics(regular);
    if (!regular || !regularMetrics) continue;
    const bold = byName.get(boldName);
    const boldMetrics = tryMetrics(bold);
    return { family: regularMetrics.family, regular, regularMetrics, ...(bold && boldMetrics ? { bold, boldMetrics } : {}) };
  }
  const plausible = files
    .filter((f) => !/(mono|math|symbol|emoji|icon|awesome|glyph|mathjax|cm[a-z]+10|bold|italic|oblique)/i.test(path.basename(f)))
    .sort();
  for (const f of plausible) {
    const m = tryMetrics(f);
    if (m && m.width('Ag', 10) > 0) return { family: m.family, regular: f, regularMetrics: m };
  }
  throw new Error(
    `No font for PNG charts in ${dirs.join(', ')}. Install one, e.g. on Debian/Ubuntu: ` +
      `apt-get install -y fonts-dejavu-core (or set CHART_FONT_DIR to a folder with a .ttf).`,
  );
}

let cached: ChartFontFiles | undefined;

/** {@link findChartFont} for the default folders, looked up once per process. */
export function chartFontFiles(): ChartFontFiles {
  cached ??= findChartFont();
  return cached;
}
