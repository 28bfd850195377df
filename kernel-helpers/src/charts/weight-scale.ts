/**
 * Per-layer histograms under a weight-scale slider: the lecture's "what if we scale the
 * initial weights?" as a control. Every scale's histograms are precomputed; the slider only
 * filters which set is shown, so the browser never recomputes a network.
 */
import type { InteractiveFigure, Row } from './types';
import { checkTitle, specHeader } from './parts';
import { checkPositive } from './validate';
import {
  checkPanels,
  barRows,
  panelSpec,
  histogramResolve,
  layerColumn,
  type LayerHistogram,
  type HistogramPanelsOptions,
} from './layer-histograms';

/** One panel: the histogram of one layer for one weight scale. */
export interface ScaledLayerHistogram extends Omit<LayerHistogram, 'case'> {
  /** The weight scale (the σ in `σ·randn`), > 0. */
  scale: number;
}

/** Options of {@link weightScaleHistograms}. */
export interface WeightScaleHistogramsOptions extends Omit<HistogramPanelsOptions, 'palette'> {
  /** Scale shown first by the slider. Default: the middle one of the precomputed scales. */
  initialScale?: number;
  /** Scales shown as rows in the static (PNG) figure. Default: up to 4, spread from smallest to largest. */
  staticScales?: readonly number[];
  /** The control: `'range'` is a slider over log₁₀(scale) snapping to the nearest precomputed scale; `'select'` a drop-down of the scales. Default `'range'`. */
  control?: 'range' | 'select';
  /** Text before the control. Default `'log₁₀ weight scale '` for a range, `'weight scale '` for a select. */
  controlLabel?: string;
}

function formatScale(s: number): string {
  return s >= 0.01 && s < 1000 ? String(Number(s.toPrecision(3))) : s.toExponential(2).replace(/\.?0+e/, 'e');
}

/**
 * Per-layer histograms for several weight scales: an interactive form with a slider picking the
 * scale (one row of layers), and a static form with a few scales as rows for the PNG fallback.
 *
 * @param panels one entry per (scale, layer); histograms from {@link histogramBins}, ideally on a
 *   common domain so the collapse at small scales and saturation at large ones line up.
 * @returns `{ interactive, static }`; pass it to `chartBundle`/`show` as is.
 * @throws on empty panels, scales ≤ 0 or non-finite, a repeated (scale, layer), or an
 *   `initialScale`/`staticScales` value that is not one of the panels' scales.
 */
export function weightScaleHistograms(panels: readonly ScaledLayerHistogram[], options: WeightScaleHistogramsOptions): InteractiveFigure {
  const fn = 'weightScaleHistograms';
  if (!Array.isArray(panels)) throw new TypeError(`${fn}: panels must be an array of { scale, layer, histogram }`);
  panels.forEach((p, i) => {
    if (typeof p?.scale !== 'number' || !Number.isFinite(p.scale) || p.scale <= 0) {
      throw new RangeError(`${fn}: panels[${i}].scale must be a number > 0 (it goes on a log slider), got ${String(p?.scale)}`);
    }
  });
  const asCases: LayerHistogram[] = panels.map((p) => ({ layer: p.layer, case: formatScale(p.scale), histogram: p.histogram }));
  checkPanels(fn, asCases);
  checkTitle(fn, options);
  checkPositive(fn, options.panelWidth ?? 80, 'panelWidth');
  checkPositive(fn, options.panelHeight ?? 56, 'panelHeight');

  const scales = [...new Set(panels.map((p) => p.scale))].sort((a, b) => a - b);
  const pick = (s: number, option: string): number => {
    const found = scales.find((x) => Math.abs(x - s) <= 1e-9 * x);
    if (found === undefined) throw new RangeError(`${fn}: option ${option} ${s} is not one of the panels' scales (${scales.map(formatScale).join(', ')})`);
    return found;
  };
  const initial = options.initialScale !== undefined ? pick(options.initialScale, 'initialScale') : scales[Math.floor((scales.length - 1) / 2)];
  const staticScales = options.staticScales
    ? [...new Set(options.staticScales.map((s) => pick(s, 'staticScales')))].sort((a, b) => a - b)
    : spread(scales, 4);

  // Snap a log₁₀ slider value to the nearest precomputed scale: each scale owns the interval
  // between the midpoints (in log space) to its neighbours.
  const logs = scales.map(Math.log10);
  const bounds = new Map<number, { lo: number; hi: number }>();
  scales.forEach((s, i) => {
    bounds.set(s, {
      lo: i === 0 ? -1e9 : Number(((logs[i - 1] + logs[i]) / 2).toFixed(6)),
      hi: i === scales.length - 1 ? 1e9 : Number(((logs[i] + logs[i + 1]) / 2).toFixed(6)),
    });
  });
  const rows = barRows(asCases, undefined, options, (p) => {
    const s = panels.find((q) => formatScale(q.scale) === p.case)!.scale;
    return { scale: s, ...bounds.get(s) };
  });
  const relabel = (r: Row): Row => ({ ...r, case: `weight scale ${r.case}` });

  const control = options.control ?? 'range';
  const evenStep = scales.length > 1 ? (logs[logs.length - 1] - logs[0]) / (scales.length - 1) : 1;
  const isEven = logs.every((l, i) => Math.abs(l - (logs[0] + i * evenStep)) < 1e-6);
  const param =
    control === 'select'
      ? {
          name: 'weightScale',
          value: initial,
          bind: { input: 'select' as const, options: scales, labels: scales.map(formatScale), name: options.controlLabel ?? 'weight scale ' },
        }
      : {
          name: 'logScale',
          value: Math.log10(initial),
          bind: {
            input: 'range' as const,
            min: logs[0],
            max: logs[logs.length - 1] + (scales.length === 1 ? 1 : 0),
            step: isEven ? evenStep : (logs[logs.length - 1] - logs[0]) / 200 || 0.01,
            name: options.controlLabel ?? 'log₁₀ weight scale ',
          },
        };
  const filter = control === 'select' ? 'datum.scale === weightScale' : 'datum.lo <= logScale && logScale < datum.hi';

  // The interactive form has no row facet: when a filter empties a facet row, Vega keeps the
  // row's empty cell in the layout and the selected panels drop one row down (seen in Chromium).
  // The selected scale is named in the title instead, computed from the control's value.
  const current =
    control === 'select'
      ? "format(weightScale, '.3~g')"
      : scales
          .slice(0, -1)
          .map((s, i) => `logScale < ${bounds.get(s)!.hi} ? '${formatScale(s)}' : `)
          .join('') + `'${formatScale(scales[scales.length - 1])}'`;
  const spec = panelSpec(options, undefined, []);
  const header = specHeader(options);
  const { text, ...titleRest } = header.title;
  return {
    interactive: {
      ...header,
      title: { ...titleRest, text: { expr: `${JSON.stringify(text + ' (weight scale ')} + (${current}) + ')'` } },
      params: [param],
      data: { values: rows.map(relabel) },
      transform: [{ filter }],
      facet: { column: layerColumn(options) },
      spec,
      resolve: histogramResolve(options),
    },
    static: {
      ...header,
      data: { values: rows.filter((r) => staticScales.includes(r.scale as number)).map(relabel) },
      facet: {
        column: layerColumn(options),
        row: {
          field: 'case',
          type: 'nominal' as const,
          sort: staticScales.map((s) => `weight scale ${formatScale(s)}`),
          header: { title: null, labelAngle: 0, labelAlign: 'left' as const },
        },
      },
      spec,
      resolve: histogramResolve(options),
    },
  };
}

/** Up to `n` values of sorted `values`, evenly spread by index, always including both ends. */
function spread(values: readonly number[], n: number): number[] {
  if (values.length <= n) return [...values];
  return [...new Set(Array.from({ length: n }, (_, i) => values[Math.round((i * (values.length - 1)) / (n - 1))]))];
}
