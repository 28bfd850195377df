/**
 * The display protocol between notebook values and the lessons kernel.
 *
 * When a cell's last expression is an object with a `toMimeBundle()` method, the kernel shows it
 * by the bundle that method returns, the way IPython uses `_repr_mimebundle_`. Charts use it to
 * ship an interactive Vega-Lite spec together with a PNG fallback and a one-line text summary.
 *
 * This module has no dependencies and starts nothing, so notebooks and helpers can import it
 * freely (it is part of the notebook-facing package).
 */

/**
 * A set of representations of one value, keyed by MIME type, as Jupyter's `display_data` and
 * `execute_result` messages carry them.
 *
 * Text formats (`text/plain`, `text/html`, `image/svg+xml`) are strings; binary formats
 * (`image/png`) are base64 strings (a `Uint8Array` is also accepted and encoded by the kernel);
 * JSON formats (`application/vnd.vegalite.v5+json`, `application/json`) are plain objects.
 */
export interface MimeBundle {
  /** Representations keyed by MIME type, e.g. `{ 'text/plain': '…', 'image/png': '<base64>' }`. */
  data: Record<string, unknown>;
  /** Per-type metadata, e.g. `{ 'image/png': { width: 640, height: 480 } }`. Optional. */
  metadata?: Record<string, unknown>;
}

/**
 * A value that knows how to display itself.
 *
 * The kernel calls `toMimeBundle()` once when the value is a cell's last expression, awaits it if it
 * returns a promise, and sends the bundle as the cell's `Out[n]`. If the bundle has no
 * `text/plain` entry, the kernel adds one, so plain-text frontends still show something.
 *
 * @example
 * ```ts
 * class Verdict implements MimeBundleProvider {
 *   constructor(private ok: boolean) {}
 *   toMimeBundle() {
 *     return { data: { 'text/plain': this.ok ? '✓' : '✗', 'text/html': `<b>${this.ok ? '✓' : '✗'}</b>` } };
 *   }
 * }
 * ```
 */
export interface MimeBundleProvider {
  /** Returns the value's representations; may return a promise (e.g. while a PNG is rendered). */
  toMimeBundle(): MimeBundle | Promise<MimeBundle>;
}

/**
 * Whether `value` follows the {@link MimeBundleProvider} protocol, i.e. has a callable
 * `toMimeBundle` (own or inherited). Never calls the method.
 */
export function hasMimeBundle(value: unknown): value is MimeBundleProvider {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
  // A Proxy or a getter could throw on property access; such a value simply is not a provider.
  try {
    return typeof (value as { toMimeBundle?: unknown }).toMimeBundle === 'function';
  } catch {
    return false;
  }
}
