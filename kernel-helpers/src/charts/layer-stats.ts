/**
 * Per-layer mean and standard deviation of activations (or gradients), one line per case, two
 * panels side by side: the lecture's "hidden layer 3 had mean … and std …" as a picture.
 */
import type { VegaLiteSpec, Row } from './types';
import type { PaletteName } from './theme';
import { checkRows, checkField, checkNumberField, checkPositive } from './validate';
import { checkTitle, specHeader, paletteColumn, axisScale, logAxis, type AxisScale, type TitleOptions } from './parts';

/** Options of {@link layerStatsChart}. */
export interface LayerStatsOptions extends TitleOptions {
  /** Field with the layer number (1-based integers). Default `'layer'`. */
  layer?: string;
  /** Field naming the case each row belongs to (init scheme, activation…). Default `'init'`. */
  series?: string;
  /** Palette for the series values. Default `'init'`; `null` for the theme's categorical colours. */
  palette?: PaletteName | null;
  /** Field with the mean. Default `'mean'`. */
  mean?: string;
  /** Field with the standard deviation. Default `'std'`. */
  std?: string;
  /** Scale of the std panel: `'log'` shows a collapse to 1e-7 and a blow-up to 1e3 on one axis. Default `'log'`. */
  stdScale?: AxisScale;
  /** What is measured, for axis titles, e.g. `'activation'` or `'gradient'`. Default `'activation'`. */
  quantity?: string;
  /** Legend title. Default `'initialization'` for the init palette, else the series field. */
  seriesTitle?: string;
  /** Width of each panel in pixels. Default 300. */
  panelWidth?: number;
  /** Height of each panel in pixels. Default 240. */
  panelHeight?: number;
}

/**
 * Two line charts side by side: the mean and the std of each layer, one line per case.
 *
 * @param rows one row per (case, layer), e.g. `{ init: 'xavier', layer: 3, mean: 0.0001, std: 0.21 }`.
 * @returns a Vega-Lite spec (hconcat of two panels sharing the colour legend).
 */
export function layerStatsChart(rows: readonly Row[], options: LayerStatsOptions): VegaLiteSpec {
  const fn = 'layerStatsChart';
  checkRows(fn, rows);
  checkTitle(fn, options);
  const layer = options.layer ?? 'layer';
  const series = options.series ?? 'init';
  const palette = options.palette === undefined ? 'init' : options.palette ?? undefined;
  const mean = options.mean ?? 'mean';
  const std = options.std ?? 'std';
  const stdScale = options.stdScale ?? 'log';
  const quantity = options.quantity ?? 'activation';
  const width = options.panelWidth ?? 300;
  const height = options.panelHeight ?? 240;
  checkPositive(fn, width, 'panelWidth');
  checkPositive(fn, height, 'panelHeight');
  checkNumberField(fn, rows, layer, 'layer');
  checkField(fn, rows, series, 'series');
  checkNumberField(fn, rows, mean, 'mean');
  checkNumberField(fn, rows, std, 'std', { logScale: stdScale === 'log' });

  const colored = paletteColumn(rows, series, palette);
  const seriesTitle = options.seriesTitle ?? (palette === 'init' ? 'initialization' : series);
  const color = {
    field: series,
    type: 'nominal' as const,
    title: seriesTitle,
    sort: colored.order,
    ...(colored.scale ? { scale: colored.scale } : {}),
  };
  const x = { field: layer, type: 'ordinal' as const, title: 'layer', axis: { labelAngle: 0 } };
  const tooltip = [
    { field: series, type: 'nominal' as const, title: seriesTitle },
    { field: layer, type: 'ordinal' as const, title: 'layer' },
    { field: mean, type: 'quantitative' as const, title: 'mean', format: '.3~e' },
    { field: std, type: 'quantitative' as const, title: 'std', format: '.3~e' },
  ];
  const panel = (field: string, title: string, scale: AxisScale) => ({
    width,
    height,
    mark: { type: 'line' as const, point: true },
    encoding: {
      x,
      y: {
        field,
        type: 'quantitative' as const,
        title,
        scale: axisScale(scale),
        ...(scale === 'log' ? { axis: logAxis(rows.map((r) => r[field] as number)) } : {}),
      },
      color,
      tooltip,
    },
  });
  return {
    ...specHeader(options),
    data: { values: colored.rows },
    hconcat: [
      panel(mean, `mean of ${quantity}s`, 'linear'),
      panel(std, `std of ${quantity}s${stdScale === 'log' ? ' (log scale)' : ''}`, stdScale),
    ],
  };
}
