/**
 * charts: typed Vega-Lite spec builders for the lessons' figures, the theme (one colour per
 * activation and init scheme), and the data helpers they need (histogram binning, PNG encoding
 * of small images). Builders return specs; the display module shows them.
 */
export type { VegaLiteSpec, VegaLiteConfig, InteractiveFigure, Row } from './types';
export { VEGA_LITE_SCHEMA } from './types';
export type { Figure } from './figure';
export { isInteractiveFigure, isVegaLiteSpec, interactiveSpec, staticSpec } from './figure';
export { palettes, seriesColors, paletteEntry, paletteLabel, paletteScale, chartFont, chartFontSizes, chartTheme } from './theme';
export type { PaletteEntry, PaletteName } from './theme';
export type { TitleOptions, AxisScale } from './parts';
export { histogramBins, histogramRows } from './histogram';
export type { Histogram, HistogramOptions, HistogramRow } from './histogram';
export { lineChart } from './line';
export type { LineChartOptions, LineEncodingOptions, ReferenceLine } from './line';
export { layerStatsChart } from './layer-stats';
export type { LayerStatsOptions } from './layer-stats';
export { trainingCurves } from './training';
export type { TrainingRecord, TrainingCurvesOptions } from './training';
export { layerHistograms } from './layer-histograms';
export type { LayerHistogram, HistogramPanelsOptions } from './layer-histograms';
export { weightScaleHistograms } from './weight-scale';
export type { ScaledLayerHistogram, WeightScaleHistogramsOptions } from './weight-scale';
export { scatterChart } from './scatter';
export type { ScatterChartOptions } from './scatter';
export { heatmap, matrixRows } from './heatmap';
export type { HeatmapOptions } from './heatmap';
export { barChart } from './bar';
export type { BarChartOptions } from './bar';
export { imageGrid } from './image-grid';
export type { ImageGridOptions, ImageStack } from './image-grid';
export { pointClouds } from './point-clouds';
export type { PointCloudPanel, PointCloudsOptions } from './point-clouds';
export { encodePng, pngDataUrl } from './png-encode';
export type { PngChannels } from './png-encode';
export { concatCharts, type ConcatChartsOptions } from './concat';
export { smallMultiples, type SmallMultiplesOptions } from './small-multiples';
export { withBands, type ReferenceBand } from './band';
export { layeredChart, type ChartLayer, type LayerMark, type LayeredChartOptions } from './layered';
