/**
 * Scatter plots with optional log axes and a continuous colour: the hyperparameter search view
 * (validation accuracy over learning rate and regularization, CS231n's random search).
 */
import type { VegaLiteSpec, Row } from './types';
import { checkRows, checkField, checkNumberField, checkPositive } from './validate';
import { checkTitle, specHeader, axisScale, logAxis, type AxisScale, type TitleOptions } from './parts';

/** Options of {@link scatterChart}. */
export interface ScatterChartOptions extends TitleOptions {
  /** Field for x (numbers; > 0 on a log scale). */
  x: string;
  /** Field for y (numbers; > 0 on a log scale). */
  y: string;
  /** Field coloured on a continuous scale (e.g. validation accuracy). Default: no colour field. */
  color?: string;
  /** x axis title with units. Default: the field name. */
  xTitle?: string;
  /** y axis title with units. Default: the field name. */
  yTitle?: string;
  /** Legend title for the colour. Default: the field name. */
  colorTitle?: string;
  /** x scale. Default `'log'` (learning rates and regularization strengths span decades). */
  xScale?: AxisScale;
  /** y scale. Default `'log'`. */
  yScale?: AxisScale;
  /** Vega colour scheme for `color`. Default `'viridis'` (dark = low, yellow = high; readable in greyscale). */
  scheme?: string;
  /** Number format of `color` in the legend and tooltip (d3-format). Default `'.3f'`. */
  colorFormat?: string;
  /** Ring and label the row with the highest (`'max'`) or lowest (`'min'`) `color` value. Default `'max'` when `color` is set. */
  best?: 'max' | 'min' | 'none';
  /** Point area in square pixels. Default 70. */
  pointSize?: number;
  /** Plot width in pixels. Default 420. */
  width?: number;
  /** Plot height in pixels. Default 340. */
  height?: number;
}

/**
 * A scatter plot of `rows`, optionally on log axes and coloured by a numeric field.
 *
 * @param rows e.g. `{ lr: 4.3e-4, reg: 0.66, valAcc: 0.482 }` per trial; not modified.
 * @returns a Vega-Lite spec.
 * @throws on empty rows, unknown fields, non-finite values, or values ≤ 0 on a log axis.
 */
export function scatterChart(rows: readonly Row[], options: ScatterChartOptions): VegaLiteSpec {
  const fn = 'scatterChart';
  checkRows(fn, rows);
  checkTitle(fn, options);
  const o = options;
  const xScale = o.xScale ?? 'log';
  const yScale = o.yScale ?? 'log';
  checkNumberField(fn, rows, o.x, 'x', { logScale: xScale === 'log' });
  checkNumberField(fn, rows, o.y, 'y', { logScale: yScale === 'log' });
  if (o.color !== undefined) checkNumberField(fn, rows, o.color, 'color');
  const width = o.width ?? 420;
  const height = o.height ?? 340;
  const size = o.pointSize ?? 70;
  checkPositive(fn, width, 'width');
  checkPositive(fn, height, 'height');
  checkPositive(fn, size, 'pointSize');
  const colorFormat = o.colorFormat ?? '.3f';
  const best = o.color ? o.best ?? 'max' : 'none';

  const axisFor = (field: string, scale: AxisScale) => (scale === 'log' ? logAxis(rows.map((r) => r[field] as number)) : { format: '~g' });
  const x = { field: o.x, type: 'quantitative' as const, title: o.xTitle ?? o.x, scale: { ...axisScale(xScale), nice: false }, axis: axisFor(o.x, xScale) };
  const y = { field: o.y, type: 'quantitative' as const, title: o.yTitle ?? o.y, scale: { ...axisScale(yScale), nice: false }, axis: axisFor(o.y, yScale) };
  const tooltip = [
    { field: o.x, type: 'quantitative' as const, title: o.xTitle ?? o.x, format: '.2e' },
    { field: o.y, type: 'quantitative' as const, title: o.yTitle ?? o.y, format: '.2e' },
    ...(o.color ? [{ field: o.color, type: 'quantitative' as const, title: o.colorTitle ?? o.color, format: colorFormat }] : []),
  ];
  const points = {
    mark: { type: 'point' as const, filled: true, size, opacity: 0.9, stroke: '#333333', strokeWidth: 0.5 },
    encoding: {
      x,
      y,
      ...(o.color
        ? {
            color: {
              field: o.color,
              type: 'quantitative' as const,
              title: o.colorTitle ?? o.color,
              scale: { scheme: o.scheme ?? 'viridis' },
              legend: { format: colorFormat },
            },
          }
        : {}),
      tooltip,
    },
  };
  if (best === 'none' || !o.color) return { ...specHeader(o), width, height, data: { values: rows.map((r) => ({ ...r })) }, layer: [points] };

  const colorField = o.color;
  let bestIndex = 0;
  rows.forEach((r, i) => {
    const v = r[colorField] as number;
    const b = rows[bestIndex][colorField] as number;
    if (best === 'max' ? v > b : v < b) bestIndex = i;
  });
  const values: Row[] = rows.map((r, i) => ({ ...r, __best: i === bestIndex }));
  const bestRow = values[bestIndex];
  const label = `best ${o.colorTitle ?? colorField} ${formatNumber(bestRow[colorField] as number, colorFormat)}`;
  const bestFilter = { filter: 'datum.__best' };
  return {
    ...specHeader(o),
    width,
    height,
    data: { values },
    layer: [
      points,
      { transform: [bestFilter], mark: { type: 'point' as const, size: size * 4, color: '#d62728', strokeWidth: 2 }, encoding: { x, y } },
      {
        transform: [bestFilter],
        mark: { type: 'text' as const, align: 'left' as const, dx: 12, dy: -10, fontSize: 11, color: '#d62728', text: label },
        encoding: { x, y },
      },
    ],
  };
}

/** Formats like d3-format for the few specifiers used here ('.3f', '.1%', '.2e', other → 4 significant digits). */
function formatNumber(v: number, format: string): string {
  const m = /^\.(\d+)([f%e])$/.exec(format);
  if (!m) return String(Number(v.toPrecision(4)));
  const digits = Number(m[1]);
  if (m[2] === 'f') return v.toFixed(digits);
  if (m[2] === '%') return `${(v * 100).toFixed(digits)}%`;
  return v.toExponential(digits);
}
