/**
 * display: one Jupyter output with several representations (interactive Vega-Lite, a PNG
 * rendered in Node, text), live charts that redraw in place, formulas as LaTeX, and Plotly
 * figures with a static fallback. Builders return bundles; `show…` functions send them through a
 * replaceable sink.
 */
export type { DisplayBundle, DisplayBundleProvider } from './bundle';
export { VEGALITE_MIME, PLOTLY_MIME, isDisplayBundle, isDisplayBundleProvider } from './bundle';
export type { DisplayMessage, DisplaySink, CapturedDisplays } from './sink';
export { kernelSink, setDisplaySink, sendDisplay, captureDisplays } from './sink';
export type { ChartFontFiles } from './fonts';
export { findChartFont, chartFontFiles, fontDirectories } from './fonts';
export type { FontMetrics } from './font-metrics';
export { loadFontMetrics } from './font-metrics';
export type { RenderPngOptions, RenderSvgOptions } from './render';
export { renderSvg, renderPng, svgToPng, pngSize } from './render';
export type { ChartBundleOptions } from './chart-bundle';
export { chartBundle, Chart, chart, specTitle } from './chart-bundle';
export type { Showable, ShowOptions } from './show';
export { show, toDisplayBundle } from './show';
export type { LiveChart, LiveChartOptions } from './live';
export { liveChart } from './live';
export type { Formula, TexOptions } from './tex';
export { texBundle, showTex, formulaToTex } from './tex';
export type { PlotlyFigure, PlotlyBundleOptions } from './plotly';
export { plotlyBundle, showPlotly, resetPlotlyJs } from './plotly';
