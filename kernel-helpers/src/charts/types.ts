/**
 * Types shared by the chart builders.
 *
 * Every builder returns a plain Vega-Lite v5 specification ({@link VegaLiteSpec}) with its data
 * inlined and the lessons' theme in `config`, so the same object renders identically in the
 * browser (vega-embed) and in Node (the display module's PNG renderer), and tests can inspect it.
 */
import type { TopLevelSpec, Config } from 'vega-lite';

/** A complete Vega-Lite v5 specification, as the builders return it. */
export type VegaLiteSpec = TopLevelSpec;

/** A Vega-Lite `config` object (fonts, sizes, axis and legend styling). */
export type VegaLiteConfig = Config;

/**
 * A figure with a different form for each kind of frontend: `interactive` is what live frontends
 * (JupyterLab, Notebook 7, VS Code) run, with sliders or selections; `static` is what the PNG
 * fallback shows (GitHub, nbviewer, classic Notebook, exported HTML), e.g. a fixed set of panels
 * instead of a slider. The display module's `chartBundle` accepts either a spec or this pair.
 */
export interface InteractiveFigure {
  interactive: VegaLiteSpec;
  static: VegaLiteSpec;
}

/** A data row as the builders take it: named fields with number, string or boolean values. */
export type Row = Record<string, unknown>;

/** The JSON schema URL every spec carries, so editors and vega-embed know the version. */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';
