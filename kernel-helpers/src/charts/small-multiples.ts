/**
 * Small multiples of line charts: one panel per value of a facet field (an activation function,
 * a condition), the same axes in every panel, wrapped into rows. Lines inside a panel split by a
 * series (coloured, with a legend) and/or a dash field. With an `order` field a line follows its
 * rows in that order instead of by x, which draws 2-D paths (an optimizer's trajectory in weight
 * space).
 *
 * Introduced by lesson 01 (activation functions): each function and its derivative side by side,
 * per-layer saturation and gradient magnitude per activation, the zig-zag path of a weight vector.
 */
import type { VegaLiteSpec, Row } from './types';
import type { PaletteName } from './theme';
import { paletteLabel, paletteScale, palettes } from './theme';
import { lineAxes, type LineEncodingOptions } from './line';
import { checkRows, checkField, checkNumberField, checkPositive, checkPositiveInteger, checkRules } from './validate';
import { checkTitle, specHeader, paletteColumn, type TitleOptions } from './parts';

/** Options of {@link smallMultiples}. */
export interface SmallMultiplesOptions extends TitleOptions, LineEncodingOptions {
  /** Field whose values get one panel each. */
  facet: string;
  /**
   * Palette of the facet values (e.g. `'activation'`): panel headers show its labels ("Leaky
   * ReLU"), panels follow its order, and without a `series` each panel's lines take the facet
   * value's colour. Default: none (headers show the raw values, in first-seen order).
   */
  facetPalette?: PaletteName;
  /** Panel order, as facet values (keys or labels of `facetPalette`). Default: palette order, else first-seen. */
  facetOrder?: readonly unknown[];
  /** Panels per row. Default 3. */
  columns?: number;
  /** Legend title of the dash field. Default: the dash field. */
  dashTitle?: string;
  /**
   * Field giving the order in which each line visits its rows (e.g. the step of a trajectory).
   * Default: none, lines are drawn in order of x.
   */
  order?: string;
  /** Give each panel its own y range (values of very different size per panel). Default false (shared). */
  independentY?: boolean;
  /** Width of each panel in pixels. Default 180. */
  panelWidth?: number;
  /** Height of each panel in pixels. Default 140. */
  panelHeight?: number;
}

/**
 * Line charts of `rows` in a grid of panels, one per value of `facet`.
 *
 * @param rows data rows, e.g. `{ activation: 'tanh', x: 0.5, value: 0.46, curve: 'f(x)' }`; not modified.
 * @returns a Vega-Lite spec (a wrapped facet) with the rows inlined.
 * @throws on empty rows, unknown fields, non-finite values, values ≤ 0 on a log axis, values not
 *   in a palette, a facet order that misses a facet value, or a missing title.
 */
export function smallMultiples(rows: readonly Row[], options: SmallMultiplesOptions): VegaLiteSpec {
  const fn = 'smallMultiples';
  checkRows(fn, rows);
  checkTitle(fn, options);
  const o = options;
  if (o.xOrdinal) checkField(fn, rows, o.x, 'x');
  else checkNumberField(fn, rows, o.x, 'x', { logScale: o.xScale === 'log' });
  checkNumberField(fn, rows, o.y, 'y', { logScale: o.yScale === 'log' });
  checkField(fn, rows, o.facet, 'facet');
  if (o.series !== undefined) checkField(fn, rows, o.series, 'series');
  if (o.dash !== undefined) checkField(fn, rows, o.dash, 'dash');
  if (o.order !== undefined) checkNumberField(fn, rows, o.order, 'order');
  const columns = o.columns ?? 3;
  checkPositiveInteger(fn, columns, 'columns');
  const width = o.panelWidth ?? 180;
  const height = o.panelHeight ?? 140;
  checkPositive(fn, width, 'panelWidth');
  checkPositive(fn, height, 'panelHeight');
  checkRules(fn, o.rules, o);

  // Series colours first (labels replace keys in the series column), then facet labels.
  const colored = o.series ? paletteColumn(rows, o.series, o.palette) : { rows: rows.map((r) => ({ ...r })), order: [] as string[] };
  const data = colored.rows.map((r) => ({ ...r, [o.facet]: o.facetPalette ? paletteLabel(o.facetPalette, r[o.facet]) : String(r[o.facet]) }));
  const present = [...new Set(data.map((r) => r[o.facet] as string))];
  let facetSort: string[];
  if (o.facetOrder) {
    facetSort = o.facetOrder.map((v) => (o.facetPalette ? paletteLabel(o.facetPalette, v) : String(v)));
    const missing = present.filter((v) => !facetSort.includes(v));
    if (missing.length) throw new RangeError(`${fn}: option facetOrder misses facet value(s) ${missing.map((m) => `'${m}'`).join(', ')}`);
    facetSort = facetSort.filter((v) => present.includes(v));
  } else if (o.facetPalette) {
    facetSort = palettes[o.facetPalette].map((e) => e.label).filter((l) => present.includes(l));
  } else {
    facetSort = present;
  }

  const perLine = new Map<string, number>();
  for (const r of data) {
    const key = `${r[o.facet]}|${o.series ? r[o.series] : ''}|${o.dash ? r[o.dash] : ''}`;
    perLine.set(key, (perLine.get(key) ?? 0) + 1);
  }
  const points = o.points ?? Math.max(...perLine.values()) <= 30;

  const { xEncoding, yEncoding } = lineAxes(rows, o);
  let color: Record<string, unknown> | undefined;
  if (o.series) {
    color = {
      field: o.series,
      type: 'nominal',
      title: o.seriesTitle ?? o.series,
      sort: colored.order,
      ...(colored.scale ? { scale: colored.scale } : {}),
    };
  } else if (o.facetPalette) {
    color = { field: o.facet, type: 'nominal', scale: paletteScale(o.facetPalette, facetSort), legend: null };
  }
  const tooltip = [
    { field: o.facet, type: 'nominal' as const },
    { field: o.x, type: o.xOrdinal ? ('ordinal' as const) : ('quantitative' as const), title: o.xTitle ?? o.x, ...(o.xOrdinal ? {} : { format: '.4~g' }) },
    { field: o.y, type: 'quantitative' as const, title: o.yTitle ?? o.y, format: '.4~g' },
    ...(o.series ? [{ field: o.series, type: 'nominal' as const, title: o.seriesTitle ?? o.series }] : []),
    ...(o.dash ? [{ field: o.dash, type: 'nominal' as const, title: o.dashTitle ?? o.dash }] : []),
  ];
  const lineLayer = {
    mark: { type: 'line' as const, point: points, interpolate: 'linear' as const },
    encoding: {
      x: xEncoding,
      y: yEncoding,
      ...(color ? { color } : {}),
      ...(o.dash ? { strokeDash: { field: o.dash, type: 'nominal' as const, title: o.dashTitle ?? o.dash } } : {}),
      ...(o.order ? { order: { field: o.order, type: 'quantitative' as const } } : {}),
      tooltip,
    },
  };
  const ruleLayers = (o.rules ?? []).flatMap((r) => {
    const horizontal = r.y !== undefined;
    const pos = horizontal ? { y: { datum: r.y as number } } : { x: { datum: r.x as number } };
    const rule = { mark: { type: 'rule' as const, color: '#555555', strokeDash: [4, 3] }, encoding: pos };
    if (!r.label) return [rule];
    const text = {
      mark: horizontal
        ? { type: 'text' as const, align: 'right' as const, baseline: 'bottom' as const, dy: -2, x: 'width' as const, color: '#555555' }
        : { type: 'text' as const, align: 'left' as const, baseline: 'top' as const, dx: 3, y: 0, color: '#555555' },
      encoding: { ...pos, text: { value: r.label } },
    };
    return [rule, text];
  });

  return {
    ...specHeader(o),
    data: { values: data },
    columns,
    facet: { field: o.facet, type: 'nominal', sort: facetSort, title: null },
    spec: { width, height, layer: [lineLayer, ...ruleLayers] },
    resolve: { scale: { y: o.independentY ? 'independent' : 'shared' } },
  } as unknown as VegaLiteSpec;
}
