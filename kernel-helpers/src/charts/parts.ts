/**
 * Pieces every builder puts in its spec: the schema, the theme, the title block and colour scales.
 * Internal to the charts module (not re-exported).
 */
import { chartTheme, paletteLabel, paletteScale, type PaletteName } from './theme';
import { VEGA_LITE_SCHEMA, type Row } from './types';

/** Title options common to all builders. */
export interface TitleOptions {
  /** The chart's title: state the finding ("Xavier keeps the spread; 0.01·randn collapses it"). Required. */
  title: string;
  /** A second, smaller line under the title: the setup (network, data, what varies). */
  subtitle?: string;
}

/** Throws unless `options.title` is a non-empty string (LESSON-STYLE: the title states the finding). */
export function checkTitle(builder: string, options: unknown): asserts options is TitleOptions {
  const title = (options as Partial<TitleOptions> | undefined)?.title;
  if (typeof title !== 'string' || title.trim() === '') {
    throw new TypeError(`${builder}: option title is required and must state the finding, e.g. 'Xavier keeps the spread; 0.01·randn collapses it'`);
  }
}

/** `$schema`, theme config and title block, spread first into every top-level spec. */
export function specHeader(options: TitleOptions): {
  $schema: string;
  config: typeof chartTheme;
  title: { text: string; subtitle?: string };
} {
  return {
    $schema: VEGA_LITE_SCHEMA,
    config: chartTheme,
    title: options.subtitle ? { text: options.title, subtitle: options.subtitle } : { text: options.title },
  };
}

/**
 * Copies `rows`, replacing the values of `field` by their palette labels, and returns the colour
 * scale for the labels present. Without a palette, returns the rows untouched and no scale (the
 * theme's categorical colours apply, in first-seen order).
 */
export function paletteColumn(
  rows: readonly Row[],
  field: string,
  palette: PaletteName | undefined,
): { rows: Row[]; scale?: { domain: string[]; range: string[] }; order: string[] } {
  if (!palette) {
    const order = [...new Set(rows.map((r) => String(r[field])))];
    return { rows: rows.map((r) => ({ ...r, [field]: String(r[field]) })), order };
  }
  const scale = paletteScale(palette, rows.map((r) => r[field]));
  return { rows: rows.map((r) => ({ ...r, [field]: paletteLabel(palette, r[field]) })), scale, order: scale.domain };
}

/** Axis scale type option: `'log'` for learning rate, regularization, weight scale (LESSON-STYLE). */
export type AxisScale = 'linear' | 'log';

/**
 * Axis properties for a log axis over `values` (all > 0): across two or more decades, one tick
 * and grid line per power of ten, labelled `0.001 … 1000` or `1e-7` beyond; Vega's default puts a
 * tick at every 2…9 multiple, which turns a 9-decade axis into a grey wall. Within less than two
 * decades Vega's default ticks are better and are kept.
 */
export function logAxis(values: readonly number[]): { values?: number[]; labelExpr: string } {
  const labelExpr = "abs(log(datum.value) / LN10) <= 3.01 ? format(datum.value, '~g') : replace(format(datum.value, '.0e'), 'e+', 'e')";
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v > 0 && v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const first = Math.floor(Math.log10(lo) + 1e-9);
  const last = Math.ceil(Math.log10(hi) - 1e-9);
  if (!Number.isFinite(first) || !Number.isFinite(last) || Math.log10(hi / lo) < 2) return { labelExpr };
  const step = Math.ceil((last - first + 1) / 12);
  const ticks: number[] = [];
  for (let k = first; k <= last; k += step) ticks.push(Number(`1e${k}`));
  return { values: ticks, labelExpr };
}

/** A Vega-Lite scale object for an axis: log or linear, never forced through zero on log. */
export function axisScale(type: AxisScale | undefined, zero = false): { type: AxisScale; zero?: boolean } {
  return type === 'log' ? { type: 'log' } : { type: 'linear', zero };
}
