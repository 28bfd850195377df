/**
 * Several marks overlaid on shared axes, each layer with its own rows: a curve with a shaded band
 * around it, the points a search tried, estimates scattered around a truth line, segments and
 * labels. For figures that no single-purpose builder draws: the grid-versus-random layout with its
 * marginal curves, a Gaussian-process posterior (mean, ±2σ band, observations) above its
 * acquisition function, validation estimates around the test accuracy.
 *
 * Layers that name a `label` (one legend entry for the whole layer) or a `series` field (one entry
 * per value) share one colour legend; other layers take a fixed colour and stay out of it. Instead,
 * layers may colour their marks by a number (`colorValue`, e.g. validation accuracy over learning
 * rate and regularization) on one continuous scale with a colour-bar legend.
 *
 * Introduced by lesson 06 (hyperparameter search).
 */
import type { VegaLiteSpec, Row } from './types';
import { seriesColors } from './theme';
import { checkRows, checkField, checkNumberField, checkPositive } from './validate';
import { checkTitle, specHeader, axisScale, logAxis, type AxisScale, type TitleOptions } from './parts';

/** What a layer draws. */
export type LayerMark = 'line' | 'point' | 'area' | 'rule' | 'text';

/** One layer of {@link layeredChart}. */
export interface ChartLayer {
  /** The rows this layer draws (not modified). */
  rows: readonly Row[];
  /**
   * `'line'`: rows joined in x order (or in `order`); `'point'`: one mark per row; `'area'`: a band
   * from `y` up to `y2`; `'rule'`: a segment from (`x`, `y`) to (`x2` ?? `x`, `y2` ?? `y`); `'text'`:
   * the field `text` written at (`x`, `y`).
   */
  mark: LayerMark;
  /** Field for x (finite numbers; > 0 on a log axis). */
  x: string;
  /** Field for y (finite numbers; > 0 on a log axis). For an area, its lower edge. */
  y: string;
  /** Field for the second x of a rule (a horizontal or slanted segment). */
  x2?: string;
  /** Field for the upper edge of an area, or the second y of a rule. Required for areas. */
  y2?: string;
  /** The layer's legend entry (every row of the layer gets this colour). */
  label?: string;
  /** A field whose values are legend entries (one colour each), instead of `label`. */
  series?: string;
  /**
   * A numeric field coloured on the chart's continuous scale (`colorScheme`), instead of `label` or
   * `series`. A chart cannot mix this with legend entries.
   */
  colorValue?: string;
  /** Colour of a layer without `label` or `series` (no legend entry). Default `'#555555'`. */
  color?: string;
  /** For `'text'`: the field holding the text. */
  text?: string;
  /** Opacity in [0, 1]. Default 0.25 for areas, 0.9 for points, 1 otherwise. */
  opacity?: number;
  /** Point area in square pixels (default 50), line or rule width in pixels (default 2), or font size (default 11). */
  size?: number;
  /** Dash pattern of a line or rule, e.g. `[4, 3]`. Default solid. */
  dash?: readonly number[];
  /** Points filled (default) or hollow rings. */
  filled?: boolean;
  /** Point shape. Default `'circle'`. */
  shape?: 'circle' | 'square' | 'diamond' | 'cross' | 'triangle-up' | 'triangle-down';
  /** For `'line'`: a numeric field giving the order in which rows are joined (a vertical curve, a path). Default: by x. */
  order?: string;
  /** For `'text'`: horizontal offset in pixels (default 6) and alignment (default `'left'`). */
  dx?: number;
  /** For `'text'`: vertical offset in pixels. Default -6. */
  dy?: number;
  align?: 'left' | 'center' | 'right';
}

/** Options of {@link layeredChart}. */
export interface LayeredChartOptions extends TitleOptions {
  /** x axis title with units. Default: the first layer's x field. */
  xTitle?: string;
  /** y axis title with units. Default: the first layer's y field. */
  yTitle?: string;
  /** x scale. Default `'linear'`. */
  xScale?: AxisScale;
  /** y scale. Default `'linear'`. */
  yScale?: AxisScale;
  /** Fixed x domain `[low, high]`. Default: the data's extent. */
  xDomain?: readonly [number, number];
  /** Fixed y domain `[low, high]`. Default: the data's extent. */
  yDomain?: readonly [number, number];
  /** Axis number formats (d3-format) on linear axes. Default `'~g'`. */
  xFormat?: string;
  yFormat?: string;
  /** Hide an axis (for marginal panels that share the main panel's axis). Default false. */
  hideXAxis?: boolean;
  hideYAxis?: boolean;
  /** Colour of each legend entry, by entry. Default: the theme's categorical colours, in order of first appearance. */
  colors?: Readonly<Record<string, string>>;
  /** Legend title. Default: none. */
  legendTitle?: string;
  /** Show the legend (when any layer has a label, series or colorValue). Default true. */
  legend?: boolean;
  /** Vega colour scheme of `colorValue`. Default `'viridis'` (dark = low, yellow = high). */
  colorScheme?: string;
  /** Title of the colour bar of `colorValue`. Default: the field name. */
  colorTitle?: string;
  /** Number format of the colour bar and tooltips of `colorValue` (d3-format). Default `'.3f'`. */
  colorFormat?: string;
  /** Plot width in pixels. Default 420. */
  width?: number;
  /** Plot height in pixels. Default 300. */
  height?: number;
}

const MARKS: readonly LayerMark[] = ['line', 'point', 'area', 'rule', 'text'];
const LEGEND_FIELD = '__entry';

/**
 * Overlays `layers` on one pair of axes.
 *
 * @example
 * ```ts
 * layeredChart([
 *   { rows: grid, mark: 'area', x: 'x', y: 'lower', y2: 'upper', label: 'mean ± 2σ' },
 *   { rows: grid, mark: 'line', x: 'x', y: 'mean', label: 'GP mean' },
 *   { rows: observed, mark: 'point', x: 'x', y: 'y', label: 'trials' },
 * ], { title: 'Uncertainty shrinks where the trials are', xTitle: 'x', yTitle: 'f(x)' });
 * ```
 * @returns a Vega-Lite spec with one layer per input layer (rows inlined).
 * @throws on no layers, empty rows, unknown fields, non-finite values, values ≤ 0 on a log axis,
 *   an area without `y2`, a text layer without `text`, a layer with both `label` and `series`, or a
 *   missing title.
 */
export function layeredChart(layers: readonly ChartLayer[], options: LayeredChartOptions): VegaLiteSpec {
  const fn = 'layeredChart';
  checkTitle(fn, options);
  if (!Array.isArray(layers) || layers.length === 0) throw new RangeError(`${fn}: layers must be a non-empty array`);
  const o = options;
  const width = o.width ?? 420;
  const height = o.height ?? 300;
  checkPositive(fn, width, 'width');
  checkPositive(fn, height, 'height');
  for (const [name, d] of [['xDomain', o.xDomain], ['yDomain', o.yDomain]] as const) {
    if (d !== undefined && !(Array.isArray(d) && d.length === 2 && Number.isFinite(d[0]) && Number.isFinite(d[1]) && d[1] > d[0])) {
      throw new RangeError(`${fn}: option ${name} must be [low, high] with low < high, got ${JSON.stringify(d)}`);
    }
  }

  // Legend entries in order of first appearance, each with its colour.
  const entries: string[] = [];
  const addEntry = (e: string) => {
    if (!entries.includes(e)) entries.push(e);
  };
  layers.forEach((layer, i) => {
    const where = `layers[${i}]`;
    if (layer === null || typeof layer !== 'object') throw new TypeError(`${fn}: ${where} must be an object`);
    checkRows(fn, layer.rows, `${where}.rows`);
    if (!MARKS.includes(layer.mark)) throw new RangeError(`${fn}: ${where}.mark must be one of ${MARKS.join(', ')}, got ${JSON.stringify(layer.mark)}`);
    checkNumberField(fn, layer.rows, layer.x, `${where}.x`, { logScale: o.xScale === 'log' }, `${where}.rows`);
    checkNumberField(fn, layer.rows, layer.y, `${where}.y`, { logScale: o.yScale === 'log' }, `${where}.rows`);
    if (layer.x2 !== undefined) checkNumberField(fn, layer.rows, layer.x2, `${where}.x2`, { logScale: o.xScale === 'log' }, `${where}.rows`);
    if (layer.y2 !== undefined) checkNumberField(fn, layer.rows, layer.y2, `${where}.y2`, { logScale: o.yScale === 'log' }, `${where}.rows`);
    if (layer.mark === 'area' && layer.y2 === undefined) throw new TypeError(`${fn}: ${where} is an area and needs y2 (its upper edge)`);
    if (layer.mark === 'text') {
      if (layer.text === undefined) throw new TypeError(`${fn}: ${where} is a text layer and needs text (the field holding the text)`);
      checkField(fn, layer.rows, layer.text, `${where}.text`, `${where}.rows`);
    }
    if (layer.order !== undefined) checkNumberField(fn, layer.rows, layer.order, `${where}.order`, {}, `${where}.rows`);
    if ([layer.label, layer.series, layer.colorValue].filter((v) => v !== undefined).length > 1) {
      throw new TypeError(`${fn}: ${where} has more than one of label, series and colorValue; give one`);
    }
    if (layer.colorValue !== undefined) checkNumberField(fn, layer.rows, layer.colorValue, `${where}.colorValue`, {}, `${where}.rows`);
    if (layer.label !== undefined) {
      if (typeof layer.label !== 'string' || layer.label === '') throw new TypeError(`${fn}: ${where}.label must be a non-empty string`);
      addEntry(layer.label);
    }
    if (layer.series !== undefined) {
      checkField(fn, layer.rows, layer.series, `${where}.series`, `${where}.rows`);
      layer.rows.forEach((r: Row) => addEntry(String(r[layer.series as string])));
    }
    if (layer.opacity !== undefined && !(layer.opacity >= 0 && layer.opacity <= 1)) throw new RangeError(`${fn}: ${where}.opacity must be in [0, 1], got ${layer.opacity}`);
    if (layer.size !== undefined) checkPositive(fn, layer.size, `${where}.size`);
  });
  const continuous = layers.filter((l) => l.colorValue !== undefined);
  if (continuous.length > 0 && entries.length > 0) {
    throw new TypeError(`${fn}: layers with colorValue cannot be combined with layers that have a label or series (one colour channel, one legend)`);
  }
  let nextColor = 0;
  const range = entries.map((e) => o.colors?.[e] ?? seriesColors[nextColor++ % seriesColors.length]);
  const colorScale = { domain: entries, range };

  const axisFor = (values: number[], scale: AxisScale | undefined, format: string | undefined, hidden: boolean | undefined) => {
    if (hidden) return null;
    // Within less than two decades Vega picks the log ticks (2e-4, 3e-4, …): drop labels that would overlap.
    return scale === 'log' ? { ...logAxis(values), labelOverlap: 'greedy', labelSeparation: 4 } : { format: format ?? '~g' };
  };
  const xValues = layers.flatMap((l) => l.rows.flatMap((r: Row) => [r[l.x] as number, ...(l.x2 ? [r[l.x2] as number] : [])]));
  const yValues = layers.flatMap((l) => l.rows.flatMap((r: Row) => [r[l.y] as number, ...(l.y2 ? [r[l.y2] as number] : [])]));
  const xScale = { ...axisScale(o.xScale), nice: false, ...(o.xDomain ? { domain: [...o.xDomain] } : {}) };
  const yScale = { ...axisScale(o.yScale), nice: false, ...(o.yDomain ? { domain: [...o.yDomain] } : {}) };
  // A fixed domain decides the ticks of a log axis too (one per power of ten inside it).
  const xAxis = axisFor(o.xDomain ? [...o.xDomain] : xValues, o.xScale, o.xFormat, o.hideXAxis);
  const yAxis = axisFor(o.yDomain ? [...o.yDomain] : yValues, o.yScale, o.yFormat, o.hideYAxis);
  const xTitle = o.xTitle ?? layers[0].x;
  const yTitle = o.yTitle ?? layers[0].y;
  const showLegend = o.legend ?? true;

  const built = layers.map((layer) => {
    const legendEntry = layer.label !== undefined || layer.series !== undefined;
    const colored = legendEntry || layer.colorValue !== undefined;
    const values = layer.rows.map((r: Row) => ({
      ...r,
      ...(layer.label !== undefined ? { [LEGEND_FIELD]: layer.label } : {}),
      ...(layer.series !== undefined ? { [LEGEND_FIELD]: String(r[layer.series]) } : {}),
    }));
    const fixedColor = colored ? {} : { color: layer.color ?? '#555555' };
    const dash = layer.dash ? { strokeDash: [...layer.dash] } : {};
    let mark: Record<string, unknown>;
    switch (layer.mark) {
      case 'line':
        mark = { type: 'line', strokeWidth: layer.size ?? 2, opacity: layer.opacity ?? 1, ...dash, ...fixedColor };
        break;
      case 'point':
        mark = { type: 'point', filled: layer.filled ?? true, size: layer.size ?? 50, opacity: layer.opacity ?? 0.9, shape: layer.shape ?? 'circle', ...(layer.filled === false ? { strokeWidth: 1.5 } : {}), ...fixedColor };
        break;
      case 'area':
        mark = { type: 'area', opacity: layer.opacity ?? 0.25, ...fixedColor };
        break;
      case 'rule':
        mark = { type: 'rule', strokeWidth: layer.size ?? 2, opacity: layer.opacity ?? 1, ...dash, ...fixedColor };
        break;
      default:
        mark = { type: 'text', fontSize: layer.size ?? 11, align: layer.align ?? 'left', dx: layer.dx ?? 6, dy: layer.dy ?? -6, opacity: layer.opacity ?? 1, ...fixedColor };
    }
    const encoding: Record<string, unknown> = {
      x: { field: layer.x, type: 'quantitative', title: xTitle, scale: xScale, axis: xAxis },
      y: { field: layer.y, type: 'quantitative', title: yTitle, scale: yScale, axis: yAxis },
      ...(layer.x2 !== undefined ? { x2: { field: layer.x2 } } : {}),
      ...(layer.y2 !== undefined ? { y2: { field: layer.y2 } } : {}),
      ...(legendEntry
        ? { color: { field: LEGEND_FIELD, type: 'nominal', scale: colorScale, sort: entries, legend: showLegend ? { title: o.legendTitle ?? null, symbolOpacity: 1 } : null } }
        : {}),
      ...(layer.colorValue !== undefined
        ? {
            color: {
              field: layer.colorValue, type: 'quantitative', scale: { scheme: o.colorScheme ?? 'viridis' },
              legend: showLegend ? { title: o.colorTitle ?? layer.colorValue, format: o.colorFormat ?? '.3f' } : null,
            },
          }
        : {}),
      ...(layer.mark === 'text' ? { text: { field: layer.text, type: 'nominal' } } : {}),
      ...(layer.mark === 'line' && layer.order !== undefined ? { order: { field: layer.order, type: 'quantitative' } } : {}),
    };
    if (layer.mark === 'point' || layer.mark === 'line') {
      encoding.tooltip = [
        { field: layer.x, type: 'quantitative', title: xTitle, format: '.3~g' },
        { field: layer.y, type: 'quantitative', title: yTitle, format: '.4~g' },
        ...(legendEntry ? [{ field: LEGEND_FIELD, type: 'nominal', title: o.legendTitle ?? 'layer' }] : []),
        ...(layer.colorValue !== undefined ? [{ field: layer.colorValue, type: 'quantitative', title: o.colorTitle ?? layer.colorValue, format: o.colorFormat ?? '.3f' }] : []),
      ];
    }
    return { data: { values }, mark, encoding };
  });

  return { ...specHeader(o), width, height, layer: built } as unknown as VegaLiteSpec;
}
