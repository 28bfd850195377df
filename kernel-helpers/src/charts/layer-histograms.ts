/**
 * Small multiples of per-layer histograms: columns are layers (in layer order), rows are cases
 * (init schemes, activations…). Built from precomputed bins ({@link histogramBins}), so a panel
 * costs a few dozen rows however many values the layer had.
 */
import type { VegaLiteSpec, InteractiveFigure, Row } from './types';
import type { PaletteName } from './theme';
import { paletteEntry, palettes } from './theme';
import type { Histogram } from './histogram';
import { checkPositive } from './validate';
import { checkTitle, specHeader, type TitleOptions } from './parts';

/** One panel: the histogram of one layer in one case. */
export interface LayerHistogram {
  /** Layer number (1-based); columns are sorted by it. */
  layer: number;
  /** The case, e.g. an init scheme key (`'xavier'`) or any label; rows follow first appearance (or palette order). Default `''` (one row). */
  case?: string;
  /** The bins, from {@link histogramBins}. */
  histogram: Histogram;
}

/** Options shared by {@link layerHistograms} and {@link weightScaleHistograms}. */
export interface HistogramPanelsOptions extends TitleOptions {
  /** x axis title with units. Default `'activation value'`. */
  xTitle?: string;
  /** Colour bars by this palette, looking up each panel's `case`. Default: one neutral colour. */
  palette?: PaletteName;
  /** y axis: `'independent'` scales each panel to its tallest bin (shapes stay visible even when one layer piles into a single bin); `'shared'` compares heights across panels. Default `'independent'`. */
  yResolve?: 'independent' | 'shared';
  /** x axis: `'shared'` puts every panel on one range (a collapse toward 0 shows as a spike); `'independent'` zooms each panel. Default `'shared'`. */
  xResolve?: 'independent' | 'shared';
  /** What each panel prints in its top-right corner: `'std'` (`σ 0.21`), `'meanStd'` (`μ 0.01 σ 0.21`) or `'none'`. Default `'std'`. */
  stats?: 'std' | 'meanStd' | 'none';
  /** Panel width in pixels. Default 80. */
  panelWidth?: number;
  /** Panel height in pixels. Default 56. */
  panelHeight?: number;
}

const NEUTRAL = '#4c78a8';

/** 6 significant digits: plenty for a bar's position and height, and half the JSON of a full double. */
function round6(v: number): number {
  return Number(v.toPrecision(6));
}

function compactNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 0.01 && a < 1000 ? String(Number(v.toPrecision(2))) : v.toExponential(1);
}

export function checkPanels(fn: string, panels: readonly LayerHistogram[]): void {
  if (!Array.isArray(panels)) throw new TypeError(`${fn}: panels must be an array of { layer, case?, histogram }`);
  if (panels.length === 0) throw new RangeError(`${fn}: panels is empty; there is nothing to plot`);
  const seen = new Set<string>();
  panels.forEach((p, i) => {
    if (!Number.isFinite(p?.layer)) throw new TypeError(`${fn}: panels[${i}].layer must be a number, got ${String(p?.layer)}`);
    const h = p.histogram;
    if (!h || !Array.isArray(h.counts) || !Array.isArray(h.edges) || h.edges.length !== h.counts.length + 1) {
      throw new TypeError(`${fn}: panels[${i}].histogram must come from histogramBins (edges.length = counts.length + 1)`);
    }
    if (h.edges.some((e: number) => !Number.isFinite(e))) throw new RangeError(`${fn}: panels[${i}].histogram has non-finite edges`);
    const key = `${p.case ?? ''}\u0000${p.layer}`;
    if (seen.has(key)) throw new RangeError(`${fn}: panels[${i}] repeats layer ${p.layer}${p.case ? ` of case '${p.case}'` : ''}`);
    seen.add(key);
  });
}

/** Bars of every panel as rows; `extra` adds fields (e.g. the weight scale) to each. */
export function barRows(
  panels: readonly LayerHistogram[],
  palette: PaletteName | undefined,
  o: HistogramPanelsOptions,
  extra: (p: LayerHistogram) => Row = () => ({}),
): Row[] {
  const rows: Row[] = [];
  const peak = (h: Histogram) => (h.total > 0 ? Math.max(...h.counts) / h.total : 0);
  const sharedPeak = Math.max(...panels.map((p) => peak(p.histogram)));
  const statsMode = o.stats ?? 'std';
  for (const p of panels) {
    const { edges, counts, total, mean, std } = p.histogram;
    const label = caseLabel(p, palette);
    const stats = statsMode === 'none' ? undefined : statsMode === 'std' ? `σ ${compactNumber(std)}` : `μ ${compactNumber(mean)} σ ${compactNumber(std)}`;
    // Headroom above the tallest bar keeps the stats text off the bars: an invisible mark at
    // 1.3 × the peak stretches each panel's y domain (or the shared one).
    const top = 1.3 * ((o.yResolve ?? 'independent') === 'shared' ? sharedPeak : peak(p.histogram)) || 1;
    counts.forEach((count, i) => {
      rows.push({
        layer: p.layer,
        case: label,
        x0: round6(edges[i]),
        x1: round6(edges[i + 1]),
        fraction: total > 0 ? round6(count / total) : 0,
        // The stats label is carried by the first bin only, so each panel prints it once.
        ...(i === 0 ? { top, ...(stats ? { stats } : {}) } : {}),
        ...extra(p),
      });
    });
  }
  return rows;
}

/** Case labels in palette order (or first-seen order without a palette). */
export function caseOrder(panels: readonly LayerHistogram[], palette: PaletteName | undefined): string[] {
  const labels = [...new Set(panels.map((p) => caseLabel(p, palette)))];
  if (!palette) return labels;
  const order = palettes[palette].map((e) => e.label);
  return labels.sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

function caseLabel(p: LayerHistogram, palette: PaletteName | undefined): string {
  return palette && p.case !== undefined ? paletteEntry(palette, p.case).label : p.case ?? '';
}

/** The facet's inner layered spec: bars, the invisible headroom mark, the stats label. */
export function panelSpec(o: HistogramPanelsOptions, palette: PaletteName | undefined, cases: string[]) {
  const width = o.panelWidth ?? 80;
  const height = o.panelHeight ?? 56;
  const independentY = (o.yResolve ?? 'independent') === 'independent';
  const color = palette
    ? {
        color: {
          field: 'case',
          type: 'nominal' as const,
          legend: null,
          scale: { domain: cases, range: cases.map((c) => paletteEntry(palette, c).color) },
        },
      }
    : {};
  // Axis titles are not repeated on every panel: the x title sits under the columns (facet
  // header), and per-panel y scales carry no comparable numbers, so their axis is hidden.
  const y = {
    field: 'fraction',
    type: 'quantitative' as const,
    title: null,
    axis: independentY ? null : { tickCount: 2, format: '.0%', grid: false },
  };
  const bars = {
    mark: { type: 'rect' as const, ...(palette ? {} : { color: NEUTRAL }), stroke: null },
    encoding: {
      x: { field: 'x0', type: 'quantitative' as const, title: null, axis: { tickCount: 3, labelFlush: true, format: '~g', labelFontSize: 10 } },
      x2: { field: 'x1' },
      y,
      y2: { datum: 0 },
      ...color,
      tooltip: [
        { field: 'case', type: 'nominal' as const, title: 'case' },
        { field: 'layer', type: 'ordinal' as const, title: 'layer' },
        { field: 'x0', type: 'quantitative' as const, title: 'from', format: '.3~g' },
        { field: 'x1', type: 'quantitative' as const, title: 'to', format: '.3~g' },
        { field: 'fraction', type: 'quantitative' as const, format: '.2%' },
      ],
    },
  };
  const headroom = {
    transform: [{ filter: 'isValid(datum.top)' }],
    mark: { type: 'point' as const, opacity: 0 },
    encoding: { x: { field: 'x0', type: 'quantitative' as const }, y: { field: 'top', type: 'quantitative' as const } },
  };
  const stats = {
    transform: [{ filter: 'isValid(datum.stats)' }],
    mark: { type: 'text' as const, align: 'right' as const, baseline: 'top' as const, x: width - 1, y: 1, fontSize: 9, color: '#333333' },
    encoding: { text: { field: 'stats', type: 'nominal' as const } },
  };
  return { width, height, layer: (o.stats ?? 'std') === 'none' ? [bars, headroom] : [bars, headroom, stats] };
}

/** The column facet: layers in ascending order, labelled on top, the x axis title underneath. */
export function layerColumn(o: HistogramPanelsOptions) {
  return {
    field: 'layer',
    type: 'ordinal' as const,
    sort: 'ascending' as const,
    header: { labelExpr: "'layer ' + datum.value", labelOrient: 'top' as const, title: o.xTitle ?? 'activation value', titleOrient: 'bottom' as const },
  };
}

export function histogramResolve(o: HistogramPanelsOptions) {
  return { scale: { x: o.xResolve ?? 'shared', y: o.yResolve ?? 'independent' } } as const;
}

/**
 * Small multiples of histograms: one column per layer, one row per case.
 *
 * @param panels one entry per (case, layer), histograms from {@link histogramBins}; for comparable
 *   panels bin every layer on the same `domain`.
 * @returns a faceted Vega-Lite spec; its data is the bins (≈ panels × bins rows), never raw values.
 * @throws on empty panels, a panel without valid bins, a repeated (case, layer), or a case
 *   unknown to `palette`.
 */
export function layerHistograms(panels: readonly LayerHistogram[], options: HistogramPanelsOptions): VegaLiteSpec {
  const fn = 'layerHistograms';
  checkPanels(fn, panels);
  checkTitle(fn, options);
  checkPositive(fn, options.panelWidth ?? 80, 'panelWidth');
  checkPositive(fn, options.panelHeight ?? 56, 'panelHeight');
  const palette = options.palette;
  const cases = caseOrder(panels, palette);
  const hasCases = cases.length > 1 || cases[0] !== '';
  return {
    ...specHeader(options),
    data: { values: barRows(panels, palette, options) },
    facet: {
      column: layerColumn(options),
      ...(hasCases ? { row: { field: 'case', type: 'nominal', sort: cases, header: { title: null, labelAngle: 0, labelAlign: 'left' } } } : {}),
    },
    spec: panelSpec(options, palette, cases),
    resolve: histogramResolve(options),
  };
}
