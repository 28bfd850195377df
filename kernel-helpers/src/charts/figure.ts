/**
 * Helpers to treat a plain spec and an {@link InteractiveFigure} alike: the display module sends
 * the interactive form to live frontends and renders the static form to PNG.
 */
import type { InteractiveFigure, VegaLiteSpec } from './types';

/** A spec, or a pair of specs for live frontends and for the PNG fallback. */
export type Figure = VegaLiteSpec | InteractiveFigure;

/** True if `figure` is an {@link InteractiveFigure} (has both `interactive` and `static` specs). */
export function isInteractiveFigure(figure: unknown): figure is InteractiveFigure {
  return (
    typeof figure === 'object' &&
    figure !== null &&
    typeof (figure as InteractiveFigure).interactive === 'object' &&
    typeof (figure as InteractiveFigure).static === 'object'
  );
}

/** The spec live frontends should get: `interactive` of a pair, else the spec itself. */
export function interactiveSpec(figure: Figure): VegaLiteSpec {
  return isInteractiveFigure(figure) ? figure.interactive : figure;
}

/** The spec the PNG fallback should show: `static` of a pair, else the spec itself. */
export function staticSpec(figure: Figure): VegaLiteSpec {
  return isInteractiveFigure(figure) ? figure.static : figure;
}

/**
 * True if `value` looks like a Vega-Lite spec: a plain object with a view-composition key
 * (`mark`, `layer`, `facet`, `hconcat`, `vconcat`, `concat`, `repeat`) or a vega-lite `$schema`.
 */
export function isVegaLiteSpec(value: unknown): value is VegaLiteSpec {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  if (typeof v.$schema === 'string' && v.$schema.includes('vega-lite')) return true;
  return ['mark', 'layer', 'facet', 'hconcat', 'vconcat', 'concat', 'repeat'].some((k) => k in v);
}
