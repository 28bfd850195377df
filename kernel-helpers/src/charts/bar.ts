/**
 * Bar charts of one value per category, e.g. final accuracy per activation function, with the
 * value printed at the end of each bar so the figure reads without the axis.
 */
import type { VegaLiteSpec, Row } from './types';
import type { PaletteName } from './theme';
import { checkRows, checkField, checkNumberField, checkPositive } from './validate';
import { checkTitle, specHeader, paletteColumn, type TitleOptions } from './parts';

/** Options of {@link barChart}. */
export interface BarChartOptions extends TitleOptions {
  /** Field naming each bar's category. */
  category: string;
  /** Field with the bar's value (finite numbers). */
  value: string;
  /** Colour bars by a theme palette looked up by category (e.g. `'activation'`). Default: one colour. */
  palette?: PaletteName;
  /** Category axis title. Default: the field name. */
  categoryTitle?: string;
  /** Value axis title with units. Default: the field name. */
  valueTitle?: string;
  /** Number format of value labels and axis (d3-format), e.g. `'.1%'` for accuracies. Default `'.3~g'`. */
  format?: string;
  /** `'horizontal'` bars (category names stay readable) or `'vertical'`. Default `'horizontal'`. */
  orientation?: 'horizontal' | 'vertical';
  /** `'descending'` by value, or `'given'` (row order; palette order with a palette). Default `'descending'`. */
  sort?: 'descending' | 'given';
  /** Fixed value-axis domain, e.g. `[0, 1]` for accuracy. Default: from 0 to the largest value. */
  domain?: readonly [number, number];
  /** Print each value at the end of its bar. Default true. */
  showValues?: boolean;
  /** Length of the value axis in pixels. Default 360. */
  length?: number;
  /** Thickness of one bar band in pixels. Default 26. */
  band?: number;
}

/**
 * A bar per row: `category` against `value`.
 *
 * @param rows e.g. `{ activation: 'relu', valAcc: 0.52 }`; categories must be unique.
 * @throws on empty rows, unknown fields, non-finite values, repeated categories, categories unknown to the palette.
 */
export function barChart(rows: readonly Row[], options: BarChartOptions): VegaLiteSpec {
  const fn = 'barChart';
  checkRows(fn, rows);
  checkTitle(fn, options);
  const o = options;
  checkField(fn, rows, o.category, 'category');
  checkNumberField(fn, rows, o.value, 'value');
  const length = o.length ?? 360;
  const band = o.band ?? 26;
  checkPositive(fn, length, 'length');
  checkPositive(fn, band, 'band');
  const colored = paletteColumn(rows, o.category, o.palette);
  const dup = colored.rows.findIndex((r, i) => colored.rows.findIndex((q) => q[o.category] === r[o.category]) !== i);
  if (dup >= 0) throw new RangeError(`${fn}: rows[${dup}] repeats category '${String(colored.rows[dup][o.category])}'; one bar per category`);
  if (o.domain && !(o.domain[1] > o.domain[0])) throw new RangeError(`${fn}: option domain must be [low, high] with low < high`);

  const format = o.format ?? '.3~g';
  const horizontal = (o.orientation ?? 'horizontal') === 'horizontal';
  // Sorting by the value field (not by '-x') keeps the bar and label layers' sorts identical,
  // so Vega-Lite can union their domains without a warning.
  const sort = (o.sort ?? 'descending') === 'descending' ? { field: o.value, op: 'max' as const, order: 'descending' as const } : colored.order;
  const cat = {
    field: o.category,
    type: 'nominal' as const,
    title: o.categoryTitle ?? o.category,
    sort,
    ...(horizontal ? {} : { axis: { labelAngle: 0 } }),
  };
  const val = {
    field: o.value,
    type: 'quantitative' as const,
    title: o.valueTitle ?? o.value,
    // Axis ticks are round numbers: drop the labels' decimals for percentages (20%, not 20.0%).
    axis: { format: format.endsWith('%') ? '.0%' : format },
    ...(o.domain ? { scale: { domain: [...o.domain] } } : {}),
  };
  const color = colored.scale
    ? { color: { field: o.category, type: 'nominal' as const, scale: colored.scale, legend: null } }
    : {};
  const position = horizontal ? { y: cat, x: val } : { x: cat, y: val };
  const bars = {
    mark: { type: 'bar' as const, ...(colored.scale ? {} : { color: '#4c78a8' }) },
    encoding: {
      ...color,
      tooltip: [
        { field: o.category, type: 'nominal' as const, title: o.categoryTitle ?? o.category },
        { field: o.value, type: 'quantitative' as const, title: o.valueTitle ?? o.value, format },
      ],
    },
  };
  const labels = {
    mark: horizontal
      ? { type: 'text' as const, align: 'left' as const, dx: 4, fontSize: 11 }
      : { type: 'text' as const, baseline: 'bottom' as const, dy: -3, fontSize: 11 },
    encoding: { text: { field: o.value, type: 'quantitative' as const, format } },
  };
  const size = horizontal ? { width: length, height: { step: band } } : { width: { step: band * 1.6 }, height: length };
  return {
    ...specHeader(o),
    ...size,
    data: { values: colored.rows },
    encoding: position,
    layer: o.showValues ?? true ? [bars, labels] : [bars],
  };
}
