/**
 * Renders Vega-Lite specs to SVG and PNG in Node, for the `image/png` fallback that GitHub,
 * nbviewer, classic Notebook and exported HTML show.
 *
 * Pipeline: vega-lite compiles the spec to Vega; a headless Vega view (`renderer: 'none'`)
 * produces SVG; resvg (a Rust SVG rasterizer shipped prebuilt in `@resvg/resvg-js`) turns it into
 * PNG with the font found by {@link chartFontFiles}. Text layout uses that font's real advance
 * widths (see `font-metrics.ts`), so labels and titles neither overlap nor leave gaps.
 */
import type * as Vega from 'vega';
import type * as VegaLite from 'vega-lite';
import type * as ResvgJs from '@resvg/resvg-js';
import { staticSpec, type Figure } from '../charts/figure';
import { chartFontFiles, type ChartFontFiles } from './fonts';

/** Options of {@link renderPng}. */
export interface RenderPngOptions {
  /** Pixel density: 2 renders a 600×400 chart as 1200×800 pixels, sharp on high-DPI screens. Default 2. */
  scale?: number;
  /** The font to draw text with. Default: {@link chartFontFiles} (found once per process). */
  font?: ChartFontFiles;
}

/** Options of {@link renderSvg}. */
export interface RenderSvgOptions {
  /** The font whose metrics lay out text. Default: {@link chartFontFiles}. */
  font?: ChartFontFiles;
}

// Vega and Vega-Lite take ~0.5 s to load; they are required on first render, so importing the
// helpers into a notebook stays fast for lessons that draw nothing.
let vegaModule: typeof Vega | undefined;
let vlModule: typeof VegaLite | undefined;
let resvgModule: typeof ResvgJs | undefined;
/** The vega module, loaded on first use. */
export function loadVega(): typeof Vega {
  vegaModule ??= require('vega') as typeof Vega;
  return vegaModule;
}
function loadVegaLite(): typeof VegaLite {
  vlModule ??= require('vega-lite') as typeof VegaLite;
  return vlModule;
}
function loadResvg(): typeof ResvgJs {
  resvgModule ??= require('@resvg/resvg-js') as typeof ResvgJs;
  return resvgModule;
}

interface VegaItem {
  fontSize?: number;
  fontWeight?: string | number;
  limit?: number;
}

let metricsFont: ChartFontFiles | undefined;

/**
 * Points Vega's text measurement at `font`. Vega keeps one global `textMetrics.width`; replacing
 * it is Vega's documented hook for headless renderers (vl-convert does the same). In the browser
 * Vega measures with its canvas and never sees this.
 */
function useFontMetrics(font: ChartFontFiles): void {
  if (metricsFont === font) return;
  metricsFont = font;
  const textMetrics = (loadVega() as unknown as { textMetrics: { width: (item: VegaItem, text: unknown) => number } }).textMetrics;
  textMetrics.width = (item: VegaItem, text: unknown): number => {
    const s = text == null ? '' : String(text).trim();
    if (s === '') return 0;
    const size = item.fontSize != null ? +item.fontSize || 0 : 11;
    const weight = item.fontWeight;
    const isBold = weight === 'bold' || weight === 'bolder' || (typeof weight === 'number' && weight >= 600) || (typeof weight === 'string' && +weight >= 600);
    const metrics = isBold ? (font.boldMetrics ?? font.regularMetrics) : font.regularMetrics;
    // Without a bold face, bold glyphs are synthesized ~8% wider than regular ones.
    const w = metrics.width(s, size) * (isBold && !font.boldMetrics ? 1.08 : 1);
    // Vega truncates to `limit` by comparing widths with '<'; clamping keeps that logic intact.
    return item.limit != null && item.limit > 0 ? Math.min(w, item.limit) : w;
  };
}

function compileToVega(spec: Figure): Vega.Spec {
  const chosen = staticSpec(spec);
  if (typeof chosen !== 'object' || chosen === null) throw new TypeError('renderSvg: spec must be a Vega-Lite spec object');
  try {
    return loadVegaLite().compile(chosen).spec as Vega.Spec;
  } catch (e) {
    throw new Error(`renderSvg: Vega-Lite could not compile the spec: ${(e as Error).message}`);
  }
}

/**
 * Renders a Vega-Lite spec (or the `static` form of an interactive figure) to an SVG string at
 * its natural size in CSS pixels.
 */
export async function renderSvg(spec: Figure, options: RenderSvgOptions = {}): Promise<string> {
  const font = options.font ?? chartFontFiles();
  useFontMetrics(font);
  const vega = loadVega();
  const view = new vega.View(vega.parse(compileToVega(spec)), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Rasterizes an SVG string to PNG bytes.
 *
 * @param svg an SVG document, e.g. from {@link renderSvg}.
 * @param options `scale` (default 2) and `font`.
 */
export function svgToPng(svg: string, options: RenderPngOptions = {}): Buffer {
  const scale = options.scale ?? 2;
  if (!(typeof scale === 'number' && Number.isFinite(scale) && scale > 0 && scale <= 8)) {
    throw new RangeError(`renderPng: option scale must be a number in (0, 8], got ${String(scale)}`);
  }
  const font = options.font ?? chartFontFiles();
  // Vega writes `image-rendering: optimizeSpeed; image-rendering: pixelated` for unsmoothed
  // images; resvg does not know 'pixelated', and the later declaration wins, so 28×28 images
  // came out blurred. Keep only the value resvg understands.
  svg = svg.replace(/image-rendering:\s*optimizeSpeed;\s*image-rendering:\s*pixelated;?/g, 'image-rendering: optimizeSpeed;');
  const resvg = new (loadResvg().Resvg)(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: {
      loadSystemFonts: false,
      fontFiles: [font.regular, ...(font.bold ? [font.bold] : [])],
      defaultFontFamily: font.family,
      sansSerifFamily: font.family,
    },
  });
  return resvg.render().asPng();
}

/**
 * Renders a Vega-Lite spec (or the `static` form of an interactive figure) to PNG bytes.
 *
 * @returns the PNG file contents; its pixel size is the chart's CSS size times `scale`.
 */
export async function renderPng(spec: Figure, options: RenderPngOptions = {}): Promise<Buffer> {
  const font = options.font ?? chartFontFiles();
  const svg = await renderSvg(spec, { font });
  return svgToPng(svg, { ...options, font });
}

/** Width and height in pixels read from a PNG's header. Throws if `png` is not a PNG. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const signature = [137, 80, 78, 71, 13, 10, 26, 10];
  if (png.length < 24 || signature.some((b, i) => png[i] !== b)) throw new TypeError('pngSize: not a PNG file');
  const dv = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: dv.getUint32(16), height: dv.getUint32(20) };
}
