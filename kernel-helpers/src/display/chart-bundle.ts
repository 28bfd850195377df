/**
 * A chart as one Jupyter output with three representations:
 *
 * - `application/vnd.vegalite.v5+json`: the spec; JupyterLab 4, Notebook 7 and VS Code render it
 *   interactively (tooltips, sliders).
 * - `image/png`: the same chart rendered in Node; what GitHub, nbviewer, classic Notebook and
 *   nbconvert's HTML export show, since they cannot run Vega.
 * - `text/plain`: the title, for terminals and logs.
 *
 * There is deliberately no `text/html`: frontends rank HTML above Vega-Lite and would show it
 * instead of the interactive chart.
 */
import { interactiveSpec, staticSpec, isInteractiveFigure, type Figure } from '../charts/figure';
import { isVegaLiteSpec } from '../charts/figure';
import { VEGALITE_MIME, type DisplayBundle, type DisplayBundleProvider } from './bundle';
import { renderPng, pngSize } from './render';

/** Options of {@link chartBundle}. */
export interface ChartBundleOptions {
  /** Pixel density of the PNG fallback. Default 2 (sharp on high-DPI screens, shown at CSS size). */
  scale?: number;
  /** Include the PNG fallback. Default true; false skips rendering (e.g. for a fast live preview). */
  png?: boolean;
  /** The `text/plain` form. Default: `Chart: <title>`. */
  text?: string;
}

/** The title text of a spec (string, lines, or `{ text }`), or `undefined`. */
export function specTitle(spec: unknown): string | undefined {
  const title = (spec as { title?: unknown })?.title;
  const text = typeof title === 'object' && title !== null && !Array.isArray(title) ? (title as { text?: unknown }).text : title;
  if (typeof text === 'string') return text;
  if (Array.isArray(text)) return text.join(' ');
  return undefined;
}

function checkFigure(fn: string, figure: unknown): asserts figure is Figure {
  if (isInteractiveFigure(figure)) {
    if (!isVegaLiteSpec(figure.interactive) || !isVegaLiteSpec(figure.static)) throw new TypeError(`${fn}: figure.interactive and figure.static must be Vega-Lite specs`);
    return;
  }
  if (!isVegaLiteSpec(figure)) {
    throw new TypeError(`${fn}: expected a Vega-Lite spec (an object with mark, layer, facet, hconcat, vconcat, concat or repeat) or { interactive, static }`);
  }
}

/**
 * Builds the display bundle of a chart: Vega-Lite JSON (the interactive form), PNG (the static
 * form, rendered in Node) and a text summary.
 *
 * @param figure a spec from a chart builder, or `{ interactive, static }`.
 * @returns `{ data, metadata }` with exactly `application/vnd.vegalite.v5+json`, `image/png`
 *   (base64; omitted with `png: false`) and `text/plain`; `metadata['image/png']` holds the CSS
 *   size so a 2× PNG is shown at its natural size.
 */
export async function chartBundle(figure: Figure, options: ChartBundleOptions = {}): Promise<DisplayBundle> {
  checkFigure('chartBundle', figure);
  const title = specTitle(interactiveSpec(figure));
  const data: Record<string, unknown> = {
    [VEGALITE_MIME]: interactiveSpec(figure),
    'text/plain': options.text ?? `Chart: ${title ?? '(untitled)'}`,
  };
  const metadata: Record<string, unknown> = {};
  if (options.png ?? true) {
    const scale = options.scale ?? 2;
    const png = await renderPng(staticSpec(figure), { scale });
    const { width, height } = pngSize(png);
    data['image/png'] = png.toString('base64');
    metadata['image/png'] = { width: Math.round(width / scale), height: Math.round(height / scale) };
  }
  return { data, metadata };
}

/**
 * A chart value: the last expression of a cell shows it (lessons kernel), and `show()` sends it.
 * The bundle is rendered on first request and cached.
 */
export class Chart implements DisplayBundleProvider {
  private bundle?: Promise<DisplayBundle>;

  /**
   * @param figure a spec, or `{ interactive, static }`.
   * @param options bundle options, see {@link ChartBundleOptions}.
   */
  constructor(readonly figure: Figure, readonly options: ChartBundleOptions = {}) {
    checkFigure('chart', figure);
  }

  /** The display bundle (see {@link chartBundle}), rendered once. */
  toMimeBundle(): Promise<DisplayBundle> {
    this.bundle ??= chartBundle(this.figure, this.options);
    return this.bundle;
  }

  /** The PNG fallback as bytes, e.g. to save to a file. */
  async png(): Promise<Buffer> {
    const b = await this.toMimeBundle();
    const base64 = b.data['image/png'];
    if (typeof base64 !== 'string') throw new Error('Chart.png: this chart was built with png: false');
    return Buffer.from(base64, 'base64');
  }
}

/** Wraps a spec as a {@link Chart}: `chart(lineChart(rows, {...}))` as a cell's last line displays it. */
export function chart(figure: Figure, options: ChartBundleOptions = {}): Chart {
  return new Chart(figure, options);
}
