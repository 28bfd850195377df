/**
 * Plotly figures for views Vega-Lite cannot do well (interactive 3-D surfaces of a loss, animated
 * frames), always with a static PNG fallback rendered from a Vega-Lite spec.
 *
 * One output carries four representations; which one a frontend shows:
 *
 * | frontend | shows |
 * | --- | --- |
 * | VS Code (Jupyter renderers) | `application/vnd.plotly.v1+json`, interactive |
 * | JupyterLab 4 / Notebook 7 with jupyterlab-plotly | `application/vnd.plotly.v1+json`, interactive |
 * | JupyterLab 4 / Notebook 7 without it, classic Notebook | `text/html`: runs the bundled plotly.js (trusted outputs only); until then, or if scripts are blocked, the PNG inside it |
 * | nbconvert HTML export | `text/html`, interactive (scripts run in the exported page) |
 * | GitHub, nbviewer (scripts stripped) | the PNG inside `text/html` (or `image/png`) |
 * | terminals, logs | `text/plain` |
 *
 * No network is needed: the `text/html` inlines plotly.js from the installed `plotly.js-dist`
 * package, gzip-compressed and base64-encoded (11 MB → 2.7 MB), decompressed in the browser with
 * `DecompressionStream`. By default only the first Plotly output of a kernel session carries it;
 * later outputs wait for it (see {@link PlotlyBundleOptions.includePlotlyJs}).
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import { gzipSync } from 'node:zlib';
import { staticSpec, type Figure } from '../charts/figure';
import { PLOTLY_MIME, type DisplayBundle } from './bundle';
import { chartBundle } from './chart-bundle';
import { show, type ShowOptions } from './show';

/** A Plotly figure as plotly.js takes it (`Plotly.newPlot(el, data, layout, config)`, plus optional animation frames). */
export interface PlotlyFigure {
  /** Traces, e.g. `[{ type: 'surface', z: [[…]] }]`. */
  data: Record<string, unknown>[];
  /** Layout: title, axes, size, sliders/updatemenus for animation. */
  layout?: Record<string, unknown>;
  /** Config: `{ responsive: true }`, mode bar options. */
  config?: Record<string, unknown>;
  /** Animation frames (`Plotly.addFrames`). */
  frames?: Record<string, unknown>[];
}

/** Options of {@link plotlyBundle}. */
export interface PlotlyBundleOptions {
  /** A Vega-Lite spec (or `{ interactive, static }`) showing the same finding statically; rendered to the PNG fallback. Required. */
  fallback: Figure;
  /**
   * Where plotly.js comes from: `'once'` inlines it in the first Plotly output of this kernel
   * session and later outputs wait for it; `'always'` inlines it in every output (2.7 MB each,
   * but each output works alone, e.g. after its predecessor is cleared); `'never'` relies on a
   * Plotly already on the page or on the plotly MIME renderer. Default `'once'`.
   */
  includePlotlyJs?: 'once' | 'always' | 'never';
  /** Pixel density of the PNG fallback. Default 2. */
  scale?: number;
  /** The `text/plain` form. Default: `Plotly figure: <layout title>`. */
  text?: string;
}

let plotlyJsSent = false;
let plotlyJsGzipBase64: string | undefined;

/** plotly.js from `plotly.js-dist`, gzip-compressed and base64-encoded, computed once (~0.3 s). */
function plotlyJsPayload(): string {
  if (plotlyJsGzipBase64 === undefined) {
    const file = require.resolve('plotly.js-dist');
    plotlyJsGzipBase64 = gzipSync(fs.readFileSync(file), { level: 6 }).toString('base64');
  }
  return plotlyJsGzipBase64;
}

/** JSON safe to inline in a `<script>`: no `</script>`, no `<!--`, no JS-breaking line separators. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function layoutTitle(layout: Record<string, unknown> | undefined): string | undefined {
  const t = layout?.title;
  if (typeof t === 'string') return t;
  if (t && typeof t === 'object' && typeof (t as { text?: unknown }).text === 'string') return (t as { text: string }).text;
  return undefined;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

// Sets window.__kernelHelpersPlotly to a promise of Plotly, decompressing the inlined library.
const LOADER = `(function(){var w=window;if(w.Plotly||w.__kernelHelpersPlotly)return;
if(typeof DecompressionStream==='undefined')return;
w.__kernelHelpersPlotly=(async function(){var b=atob(document.getElementById(__ID__).textContent.trim());
var u=new Uint8Array(b.length);for(var i=0;i<b.length;i++)u[i]=b.charCodeAt(i);
var s=new Blob([u]).stream().pipeThrough(new DecompressionStream('gzip'));
var src=await new Response(s).text();var e=document.createElement('script');e.text=src;document.head.appendChild(e);
return w.Plotly;})();})();`;

// Draws the figure into the div once Plotly is available; leaves the PNG if it never is.
const RENDER = `(function(){var el=document.getElementById(__ID__);if(!el)return;var fig=__FIG__;
function draw(P){if(!P)return;el.innerHTML='';P.newPlot(el,fig.data,fig.layout||{},fig.config||{}).then(function(){if(fig.frames&&fig.frames.length)return P.addFrames(el,fig.frames);});}
var w=window;if(w.Plotly){draw(w.Plotly);return;}
if(w.__kernelHelpersPlotly){w.__kernelHelpersPlotly.then(draw,function(){});return;}
var tries=0;var t=setInterval(function(){tries++;if(w.Plotly){clearInterval(t);draw(w.Plotly);}
else if(w.__kernelHelpersPlotly){clearInterval(t);w.__kernelHelpersPlotly.then(draw,function(){});}
else if(tries>100){clearInterval(t);}},100);})();`;

function checkFigure(figure: unknown): asserts figure is PlotlyFigure {
  const f = figure as PlotlyFigure;
  if (!f || typeof f !== 'object' || !Array.isArray(f.data)) throw new TypeError('plotlyBundle: figure must be { data: [traces], layout?, config?, frames? }');
  if (f.data.length === 0) throw new RangeError('plotlyBundle: figure.data is empty; add at least one trace');
  f.data.forEach((t, i) => {
    if (!t || typeof t !== 'object') throw new TypeError(`plotlyBundle: figure.data[${i}] must be a trace object`);
  });
}

/**
 * The display bundle of a Plotly figure: exactly `application/vnd.plotly.v1+json`, `text/html`
 * (plotly.js + the figure, with the PNG inside as the fallback), `image/png` (from
 * `options.fallback`) and `text/plain`. See the module comment for which frontend shows which.
 *
 * @throws if the figure has no traces or `options.fallback` is missing or not a Vega-Lite spec.
 */
export async function plotlyBundle(figure: PlotlyFigure, options: PlotlyBundleOptions): Promise<DisplayBundle> {
  checkFigure(figure);
  if (!options || !options.fallback) throw new TypeError('plotlyBundle: option fallback (a Vega-Lite spec for the static PNG) is required');
  const scale = options.scale ?? 2;
  const fallback = await chartBundle(staticSpec(options.fallback), { scale });
  const png = fallback.data['image/png'] as string;
  const pngMeta = (fallback.metadata?.['image/png'] ?? {}) as { width?: number; height?: number };
  const title = layoutTitle(figure.layout);

  const include = options.includePlotlyJs ?? 'once';
  const inline = include === 'always' || (include === 'once' && !plotlyJsSent);
  const id = `plotly-${randomUUID()}`;
  const libId = `${id}-lib`;
  const height = typeof figure.layout?.height === 'number' ? figure.layout.height : Math.max(pngMeta.height ?? 0, 420);
  const json = { data: figure.data, layout: figure.layout ?? {}, ...(figure.config ? { config: figure.config } : {}), ...(figure.frames ? { frames: figure.frames } : {}) };
  const html = [
    `<div id="${id}" style="width:100%;min-height:${height}px">`,
    `<img alt="${escapeHtml(title ?? 'Plotly figure')} (static fallback)" src="data:image/png;base64,${png}" style="max-width:100%;width:${pngMeta.width ?? ''}px">`,
    `</div>`,
    ...(inline
      ? [
          `<script type="text/plain" id="${libId}">${plotlyJsPayload()}</script>`,
          `<script type="text/javascript">${LOADER.replace('__ID__', JSON.stringify(libId))}</script>`,
        ]
      : []),
    `<script type="text/javascript">${RENDER.replace('__ID__', JSON.stringify(id)).replace('__FIG__', scriptJson(json))}</script>`,
  ].join('\n');
  if (inline) plotlyJsSent = true;

  return {
    data: {
      [PLOTLY_MIME]: json,
      'text/html': html,
      'image/png': png,
      'text/plain': options.text ?? `Plotly figure: ${title ?? '(untitled)'}`,
    },
    metadata: { 'image/png': pngMeta },
  };
}

/** Displays a Plotly figure with its fallback (see {@link plotlyBundle}). */
export async function showPlotly(figure: PlotlyFigure, options: PlotlyBundleOptions & Pick<ShowOptions, 'displayId' | 'update'>): Promise<void> {
  return show(await plotlyBundle(figure, options), options);
}

/** Forgets that plotly.js was sent, so the next `'once'` output inlines it again (e.g. after a page reload). */
export function resetPlotlyJs(): void {
  plotlyJsSent = false;
}
