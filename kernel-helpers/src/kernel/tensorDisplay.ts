/**
 * How the lessons kernel shows a tfjs tensor that ends a cell: `text/plain` as tfjs's own
 * `toString()` prints it, plus an HTML table with shape and dtype for 1-D and 2-D tensors.
 *
 * Tensors are recognised by their shape (duck typing), so the kernel never loads tfjs itself:
 * a cell that never imports tfjs costs nothing, and a tensor from any copy of tfjs works. Reading
 * a tensor here never creates tensors (nothing to leak) and never writes to it.
 */

/** The part of a tfjs `Tensor` (or `Variable`) that the display needs. */
export interface TensorLike {
  readonly shape: readonly number[];
  readonly dtype: string;
  readonly rank: number;
  readonly size: number;
  readonly isDisposed: boolean;
  /** Values in row-major order; `string[]` for string tensors, interleaved re/im for complex64. */
  dataSync(): ArrayLike<number | string>;
  /** tfjs's printout: `Tensor\n    [[1, 2],\n     [3, 4]]`. */
  toString(verbose?: boolean): string;
}

/** Limits for {@link tensorBundle}. */
export interface TensorDisplayOptions {
  /** Rows of a 2-D tensor shown before the table is cut with `⋮` (first half and last half kept). Default 20. */
  maxRows?: number;
  /** Columns shown before the table is cut with `…` (first half and last half kept). Default 12. */
  maxColumns?: number;
  /**
   * Tensors with more elements than this are summarised (shape, dtype, size) instead of printed:
   * printing reads every element, which for a whole data set would stall the kernel. Default 1,000,000.
   */
  maxElements?: number;
}

const DEFAULTS: Required<TensorDisplayOptions> = { maxRows: 20, maxColumns: 12, maxElements: 1_000_000 };

/**
 * Whether `value` looks like a tfjs tensor (has `shape`, `dtype`, `rank`, `size`, `isDisposed`,
 * `dataSync` and `toString`). Reads properties only; never reads tensor data.
 */
export function isTensorLike(value: unknown): value is TensorLike {
  if (value === null || typeof value !== 'object') return false;
  try {
    const t = value as Record<string, unknown>;
    return (
      Array.isArray(t.shape) &&
      typeof t.dtype === 'string' &&
      typeof t.rank === 'number' &&
      typeof t.size === 'number' &&
      typeof t.isDisposed === 'boolean' &&
      typeof t.dataSync === 'function' &&
      typeof t.toString === 'function'
    );
  } catch {
    return false;
  }
}

/** `[2, 3]` → `"[2, 3]"`, the way tfjs writes shapes in its messages. */
function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/**
 * Formats one float for a table cell: up to 5 significant digits, exponent notation outside
 * [1e-4, 1e6) so that tiny standard deviations (3e-7) stay readable.
 */
export function formatFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs < 1e-4 || abs >= 1e6) return x.toExponential(3);
  // toPrecision then Number() drops float32 noise and trailing zeros: 0.10000000149 → "0.1".
  return String(Number(x.toPrecision(5)));
}

/** Cell texts of a tensor in row-major order (complex64 pairs merged into `a+bi`). */
function cellTexts(t: TensorLike): string[] {
  const values = t.dataSync();
  const out: string[] = [];
  if (t.dtype === 'complex64') {
    for (let i = 0; i + 1 < values.length; i += 2) {
      const re = Number(values[i]);
      const im = Number(values[i + 1]);
      out.push(`${formatFloat(re)}${im < 0 ? '-' : '+'}${formatFloat(Math.abs(im))}i`);
    }
    return out;
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (t.dtype === 'bool') out.push(v ? 'true' : 'false');
    else if (t.dtype === 'float32') out.push(formatFloat(Number(v)));
    else out.push(String(v));
  }
  return out;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/**
 * Indices to show out of `n` when at most `max` fit: all of them, or the first ⌈max/2⌉ and the last
 * ⌊max/2⌋ with `null` marking the cut.
 */
export function visibleIndices(n: number, max: number): (number | null)[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const head = Math.ceil(max / 2);
  const tail = Math.floor(max / 2);
  const first = Array.from({ length: head }, (_, i) => i);
  const last = Array.from({ length: tail }, (_, i) => n - tail + i);
  return [...first, null, ...last];
}

/** An HTML table of a 1-D (one row) or 2-D tensor, captioned with shape and dtype. */
function tensorTable(t: TensorLike, opts: Required<TensorDisplayOptions>): string {
  const [rows, cols] = t.rank === 1 ? [1, t.shape[0]] : [t.shape[0], t.shape[1]];
  const texts = cellTexts(t);
  const rowIdx = t.rank === 1 ? [0] : visibleIndices(rows, opts.maxRows);
  const colIdx = visibleIndices(cols, opts.maxColumns);
  const head =
    '<tr><th></th>' + colIdx.map((j) => `<th>${j === null ? '…' : j}</th>`).join('') + '</tr>';
  const body = rowIdx
    .map((i) => {
      if (i === null) {
        return '<tr><th>⋮</th>' + colIdx.map((j) => `<td>${j === null ? '⋱' : '⋮'}</td>`).join('') + '</tr>';
      }
      const cells = colIdx.map((j) => `<td>${j === null ? '…' : escapeHtml(texts[i * cols + j])}</td>`);
      return `<tr><th>${t.rank === 1 ? '' : i}</th>${cells.join('')}</tr>`;
    })
    .join('');
  const caption = `Tensor shape ${formatShape(t.shape)}, dtype ${escapeHtml(t.dtype)}`;
  return (
    '<table class="lessons-tensor" style="font-variant-numeric: tabular-nums">' +
    `<caption style="caption-side: top; text-align: left">${caption}</caption>` +
    `<thead>${head}</thead><tbody>${body}</tbody></table>`
  );
}

/**
 * The MIME data for a tensor: `text/plain` always (tfjs's `toString()`, or a one-line summary for a
 * disposed or very large tensor) and `text/html` for 1-D and 2-D tensors that are printed.
 */
export function tensorBundle(t: TensorLike, options: TensorDisplayOptions = {}): Record<string, string> {
  const opts = { ...DEFAULTS, ...options };
  const summary = `shape ${formatShape(t.shape)}, dtype ${t.dtype}`;
  // A disposed tensor has no data; tfjs's toString() would throw "Tensor is disposed".
  if (t.isDisposed) return { 'text/plain': `Tensor (disposed), ${summary}` };
  if (t.size > opts.maxElements) {
    return {
      'text/plain': `Tensor ${summary}, ${t.size.toLocaleString('en-US')} elements (not printed: more than ${opts.maxElements.toLocaleString('en-US')})`,
    };
  }
  const data: Record<string, string> = { 'text/plain': t.toString() };
  if ((t.rank === 1 || t.rank === 2) && t.size > 0) data['text/html'] = tensorTable(t, opts);
  return data;
}
