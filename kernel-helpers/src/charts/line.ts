/**
 * Line and multi-line charts: one line per value of a series field (run, init scheme,
 * activation…), optional log axes, optional reference lines (e.g. the 1e-3 update ratio).
 */
import type { VegaLiteSpec, Row } from './types';
import type { PaletteName } from './theme';
import { checkRows, checkField, checkNumberField, checkPositive, checkRules } from './validate';
import { checkTitle, specHeader, paletteColumn, axisScale, logAxis, type AxisScale, type TitleOptions } from './parts';

/** A horizontal (`y`) or vertical (`x`) reference line, in data units, with an optional label. */
export interface ReferenceLine {
  /** Draw a horizontal line at this y value. */
  y?: number;
  /** Draw a vertical line at this x value. */
  x?: number;
  /** Text next to the line, e.g. `'target 1e-3'`. */
  label?: string;
}

/** How rows become lines: the options {@link lineChart} and `smallMultiples` share. */
export interface LineEncodingOptions {
  /** Field for the x axis (numbers). */
  x: string;
  /** Field for the y axis (finite numbers; > 0 on a log scale). */
  y: string;
  /** Field whose values split the rows into lines (one colour each, with a legend). Default: a single line. */
  series?: string;
  /** Colour the series by a theme palette (`'activation'`, `'init'`, `'batchNorm'`, `'split'`); values must be its keys or labels. Default: the theme's categorical colours. */
  palette?: PaletteName;
  /** Legend title for the series. Default: the series field name. */
  seriesTitle?: string;
  /** Field whose values set the dash pattern (e.g. train vs validation within a run, `f(x)` vs `f'(x)`). Default: none. */
  dash?: string;
  /** x axis title, with units. Default: the field name. */
  xTitle?: string;
  /** y axis title, with units. Default: the field name. */
  yTitle?: string;
  /** x scale. Default `'linear'`. */
  xScale?: AxisScale;
  /** y scale. Default `'linear'`. */
  yScale?: AxisScale;
  /** Treat x as ordered categories (e.g. layer numbers 1…10 with one tick each). Default false. */
  xOrdinal?: boolean;
  /** Draw a point at each data row. Default: true when no line has more than 30 points. */
  points?: boolean;
  /** Reference lines (in every panel, for small multiples). Default none. */
  rules?: readonly ReferenceLine[];
}

/** Options of {@link lineChart}. */
export interface LineChartOptions extends TitleOptions, LineEncodingOptions {
  /** Plot width in pixels. Default 480. */
  width?: number;
  /** Plot height in pixels. Default 300. */
  height?: number;
}

/**
 * The x and y encodings of lines drawn from `rows` (ordinal or quantitative x, linear or log
 * scales, log axes with ticks at the decades the data spans); shared by {@link lineChart} and
 * `smallMultiples`.
 */
export function lineAxes(rows: readonly Row[], o: LineEncodingOptions) {
  const xEncoding = o.xOrdinal
    ? { field: o.x, type: 'ordinal' as const, title: o.xTitle ?? o.x, axis: { labelAngle: 0 } }
    : {
        field: o.x,
        type: 'quantitative' as const,
        title: o.xTitle ?? o.x,
        scale: axisScale(o.xScale),
        ...(o.xScale === 'log' ? { axis: logAxis(rows.map((r) => r[o.x] as number)) } : {}),
      };
  const yEncoding = {
    field: o.y,
    type: 'quantitative' as const,
    title: o.yTitle ?? o.y,
    scale: axisScale(o.yScale),
    ...(o.yScale === 'log' ? { axis: logAxis(rows.map((r) => r[o.y] as number)) } : {}),
  };
  return { xEncoding, yEncoding };
}

/**
 * A line chart of `rows`: `x` against `y`, one line per value of `series`.
 *
 * @param rows data rows, e.g. `{ step: 100, loss: 2.1, run: 'lr 1e-3' }`; not modified.
 * @returns a Vega-Lite spec with the rows inlined.
 * @throws on empty rows, unknown field names, non-finite values, values ≤ 0 on a log axis,
 *   values not in the palette, or a missing title.
 */
export function lineChart(rows: readonly Row[], options: LineChartOptions): VegaLiteSpec {
  const fn = 'lineChart';
  checkRows(fn, rows);
  checkTitle(fn, options);
  const o = options;
  checkNumberField(fn, rows, o.x, 'x', { logScale: o.xScale === 'log' });
  checkNumberField(fn, rows, o.y, 'y', { logScale: o.yScale === 'log' });
  if (o.series !== undefined) checkField(fn, rows, o.series, 'series');
  if (o.dash !== undefined) checkField(fn, rows, o.dash, 'dash');
  const width = o.width ?? 480;
  const height = o.height ?? 300;
  checkPositive(fn, width, 'width');
  checkPositive(fn, height, 'height');
  checkRules(fn, o.rules, o);

  const colored = o.series ? paletteColumn(rows, o.series, o.palette) : { rows: rows.map((r) => ({ ...r })), order: [] };
  const perLine = new Map<string, number>();
  for (const r of colored.rows) {
    const key = o.series ? String(r[o.series]) : '';
    perLine.set(key, (perLine.get(key) ?? 0) + 1);
  }
  const points = o.points ?? Math.max(...perLine.values()) <= 30;

  const { xEncoding, yEncoding } = lineAxes(rows, o);
  const tooltip = [
    { field: o.x, type: o.xOrdinal ? ('ordinal' as const) : ('quantitative' as const), title: o.xTitle ?? o.x },
    { field: o.y, type: 'quantitative' as const, title: o.yTitle ?? o.y, format: '.4~g' },
    ...(o.series ? [{ field: o.series, type: 'nominal' as const, title: o.seriesTitle ?? o.series }] : []),
    ...(o.dash ? [{ field: o.dash, type: 'nominal' as const }] : []),
  ];

  const lineLayer = {
    mark: { type: 'line' as const, point: points, interpolate: 'linear' as const },
    encoding: {
      x: xEncoding,
      y: yEncoding,
      ...(o.series
        ? {
            color: {
              field: o.series,
              type: 'nominal' as const,
              title: o.seriesTitle ?? o.series,
              sort: colored.order,
              ...(colored.scale ? { scale: colored.scale } : {}),
            },
          }
        : {}),
      ...(o.dash ? { strokeDash: { field: o.dash, type: 'nominal' as const } } : {}),
      tooltip,
    },
  };
  const ruleLayers = (o.rules ?? []).flatMap((r) => {
    const horizontal = r.y !== undefined;
    const datum = { v: horizontal ? r.y : r.x, label: r.label ?? '' };
    const pos = horizontal
      ? { y: { field: 'v', type: 'quantitative' as const } }
      : { x: { field: 'v', type: 'quantitative' as const } };
    const rule = { data: { values: [datum] }, mark: { type: 'rule' as const, color: '#555555', strokeDash: [4, 3] }, encoding: pos };
    if (!r.label) return [rule];
    const text = {
      data: { values: [datum] },
      mark: horizontal
        ? { type: 'text' as const, align: 'right' as const, baseline: 'bottom' as const, dy: -2, x: 'width' as const, color: '#555555' }
        : { type: 'text' as const, align: 'left' as const, baseline: 'top' as const, dx: 3, y: 0, color: '#555555' },
      encoding: { ...pos, text: { field: 'label', type: 'nominal' as const } },
    };
    return [rule, text];
  });

  return {
    ...specHeader(o),
    width,
    height,
    data: { values: colored.rows },
    layer: [lineLayer, ...ruleLayers],
  };
}
