/**
 * The display protocol this module speaks: a bundle of representations keyed by MIME type, and
 * "providers", values with a `toMimeBundle()` method that the lessons kernel shows by that bundle
 * when they are a cell's last expression (like IPython's `_repr_mimebundle_`).
 */

/**
 * One output in several representations, as Jupyter's `display_data` carries it. Frontends pick
 * the richest type they can render.
 */
export interface DisplayBundle {
  /** Representations by MIME type: strings for text types and base64 `image/png`, objects for JSON types. */
  data: Record<string, unknown>;
  /** Per-type metadata, e.g. `{ 'image/png': { width: 600, height: 400 } }` (CSS pixels of a 2× PNG). */
  metadata?: Record<string, unknown>;
}

/** A value that displays itself: the lessons kernel awaits `toMimeBundle()` and shows the bundle. */
export interface DisplayBundleProvider {
  toMimeBundle(): DisplayBundle | Promise<DisplayBundle>;
}

/** The Vega-Lite v5 MIME type (JupyterLab 4, Notebook 7 and VS Code render it natively). */
export const VEGALITE_MIME = 'application/vnd.vegalite.v5+json';
/** The Plotly MIME type (VS Code; JupyterLab with the jupyterlab-plotly extension). */
export const PLOTLY_MIME = 'application/vnd.plotly.v1+json';

/** True if `value` has a callable `toMimeBundle` (own or inherited). Never calls it. */
export function isDisplayBundleProvider(value: unknown): value is DisplayBundleProvider {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
  try {
    return typeof (value as { toMimeBundle?: unknown }).toMimeBundle === 'function';
  } catch {
    return false;
  }
}

/** True if `value` is shaped like a {@link DisplayBundle} (an object with a `data` object). */
export function isDisplayBundle(value: unknown): value is DisplayBundle {
  if (value === null || typeof value !== 'object') return false;
  const data = (value as { data?: unknown }).data;
  return typeof data === 'object' && data !== null && !Array.isArray(data);
}
