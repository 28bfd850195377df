/**
 * Heatmaps: a value per (row, column) cell, from rows or from a matrix. For grids of
 * hyperparameters (accuracy over lr × reg), weight matrices, covariance matrices.
 */
import type { VegaLiteSpec, Row } from './types';
import { checkRows, checkField, checkNumberField, checkPositive } from './validate';
import { checkTitle, specHeader, type TitleOptions } from './parts';

/** Options of {@link heatmap}. */
export interface HeatmapOptions extends TitleOptions {
  /** Field for the columns (categories, or numbers shown as ordered categories). */
  x: string;
  /** Field for the rows. */
  y: string;
  /** Field with the cell value (finite numbers). */
  value: string;
  /** x axis title with units. Default: the field name. */
  xTitle?: string;
  /** y axis title with units. Default: the field name. */
  yTitle?: string;
  /** Legend title for the value. Default: the field name. */
  valueTitle?: string;
  /**
   * `'sequential'` (viridis, low → high) or `'diverging'` (blue < 0 < red, centred on `midpoint`,
   * symmetric, for signed values such as weights or correlations). Default `'sequential'`.
   */
  colors?: 'sequential' | 'diverging';
  /** Centre of the diverging scale. Default 0. */
  midpoint?: number;
  /** Print each cell's value in it (only sensible up to ~20×20). Default: true when there are at most 100 cells. */
  labels?: boolean;
  /** Number format of labels, legend and tooltip (d3-format). Default `'.2~f'`. */
  format?: string;
  /** Size of one cell in pixels. Default: fits the grid into about 360 × 360 px, 8–40 px per cell. */
  cellSize?: number;
  /** Sort columns and rows numerically if their values are numbers (otherwise first-seen order). Default true. */
  sortNumeric?: boolean;
}

/**
 * A heatmap of `rows`: one rect per (x, y), coloured by `value`.
 *
 * @param rows e.g. `{ lr: '1e-3', reg: '1e-2', valAcc: 0.47 }`; the same (x, y) must not repeat.
 * @throws on empty rows, unknown fields, non-finite values, repeated cells.
 */
export function heatmap(rows: readonly Row[], options: HeatmapOptions): VegaLiteSpec {
  const fn = 'heatmap';
  checkRows(fn, rows);
  checkTitle(fn, options);
  const o = options;
  checkField(fn, rows, o.x, 'x');
  checkField(fn, rows, o.y, 'y');
  checkNumberField(fn, rows, o.value, 'value');
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    const key = `${String(r[o.x])}\u0000${String(r[o.y])}`;
    if (seen.has(key)) throw new RangeError(`${fn}: rows[${i}] repeats the cell (${o.x} ${String(r[o.x])}, ${o.y} ${String(r[o.y])})`);
    seen.add(key);
  });
  const order = (field: string): unknown[] => {
    const values = [...new Set(rows.map((r) => r[field]))];
    return (o.sortNumeric ?? true) && values.every((v) => typeof v === 'number') ? (values as number[]).sort((a, b) => a - b) : values;
  };
  const xs = order(o.x);
  const ys = order(o.y);
  const cell = o.cellSize ?? Math.max(8, Math.min(40, Math.floor(360 / Math.max(xs.length, ys.length))));
  checkPositive(fn, cell, 'cellSize');
  const format = o.format ?? '.2~f';
  const diverging = (o.colors ?? 'sequential') === 'diverging';
  const midpoint = o.midpoint ?? 0;
  let scale: { scheme: string; domainMid?: number; domain?: number[]; reverse?: boolean };
  if (diverging) {
    const values = rows.map((r) => r[o.value] as number);
    const reach = Math.max(...values.map((v) => Math.abs(v - midpoint))) || 1;
    // A symmetric domain keeps white exactly at the midpoint; 'redblue' reversed puts blue below it.
    scale = { scheme: 'redblue', domain: [midpoint - reach, midpoint + reach], reverse: true };
  } else {
    scale = { scheme: 'viridis' };
  }
  const labels = o.labels ?? xs.length * ys.length <= 100;
  const x = { field: o.x, type: 'ordinal' as const, title: o.xTitle ?? o.x, sort: xs as (string | number)[], axis: { labelAngle: 0, labelOverlap: true } };
  const y = { field: o.y, type: 'ordinal' as const, title: o.yTitle ?? o.y, sort: ys as (string | number)[] };
  const rects = {
    mark: { type: 'rect' as const },
    encoding: {
      x,
      y,
      color: { field: o.value, type: 'quantitative' as const, title: o.valueTitle ?? o.value, scale, legend: { format } },
      tooltip: [
        { field: o.x, type: 'ordinal' as const, title: o.xTitle ?? o.x },
        { field: o.y, type: 'ordinal' as const, title: o.yTitle ?? o.y },
        { field: o.value, type: 'quantitative' as const, title: o.valueTitle ?? o.value, format },
      ],
    },
  };
  // Label colour flips to white on dark cells: viridis is dark below ~45% of its range.
  const values = rows.map((r) => r[o.value] as number);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const darkTest = diverging
    ? `abs(datum['${o.value}'] - ${midpoint}) > ${0.6 * Math.max(Math.abs(hi - midpoint), Math.abs(lo - midpoint))}`
    : `datum['${o.value}'] < ${lo + 0.45 * (hi - lo)}`;
  const text = {
    mark: { type: 'text' as const, fontSize: Math.max(8, Math.min(11, cell / 3.2)) },
    encoding: {
      x,
      y,
      text: { field: o.value, type: 'quantitative' as const, format },
      color: { condition: { test: darkTest, value: 'white' }, value: 'black' },
    },
  };
  return {
    ...specHeader(o),
    width: { step: cell },
    height: { step: cell },
    data: { values: rows.map((r) => ({ ...r })) },
    layer: labels ? [rects, text] : [rects],
  };
}

/**
 * A matrix as heatmap rows `{ row, col, value }` (0-based indices), e.g. for
 * `heatmap(matrixRows(cov), { x: 'col', y: 'row', value: 'value', colors: 'diverging', … })`.
 *
 * @param matrix rows of numbers (`number[][]`), or a flat row-major array with `columns` given.
 * @param columns number of columns when `matrix` is flat (a `Float32Array` from `dataSync()`).
 */
export function matrixRows(matrix: readonly ArrayLike<number>[] | ArrayLike<number>, columns?: number): { row: number; col: number; value: number }[] {
  const out: { row: number; col: number; value: number }[] = [];
  if (Array.isArray(matrix) && matrix.length > 0 && typeof matrix[0] === 'object') {
    (matrix as ArrayLike<number>[]).forEach((r, i) => {
      for (let j = 0; j < r.length; j++) out.push({ row: i, col: j, value: r[j] });
    });
    return out;
  }
  const flat = matrix as ArrayLike<number>;
  if (!columns || !Number.isInteger(columns) || columns <= 0 || flat.length % columns !== 0) {
    throw new RangeError(`matrixRows: a flat matrix of length ${flat.length} needs columns, a positive integer dividing the length; got ${String(columns)}`);
  }
  for (let k = 0; k < flat.length; k++) out.push({ row: Math.floor(k / columns), col: k % columns, value: flat[k] });
  return out;
}
