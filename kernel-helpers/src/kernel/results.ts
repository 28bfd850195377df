/**
 * Turns the value of a cell's last expression into the MIME data of its `execute_result`
 * (the cell's `Out[n]`).
 */
import { inspect } from 'node:util';
import { hasMimeBundle, type MimeBundle } from './mimeBundle';
import { isTensorLike, tensorBundle, type TensorDisplayOptions } from './tensorDisplay';

/** The `data` and `metadata` fields of an `execute_result` message. */
export interface ResultContent {
  /** Representations keyed by MIME type; always has `text/plain`. */
  data: Record<string, unknown>;
  /** Per-type metadata (empty unless a {@link MimeBundleProvider} supplied some). */
  metadata: Record<string, unknown>;
}

/** Options for {@link resultContent}. */
export interface ResultOptions {
  /** Limits of the tensor table (see {@link TensorDisplayOptions}). */
  tensor?: TensorDisplayOptions;
}

/**
 * The plain-text form of a value, as the Node REPL shows it (`util.inspect`: strings quoted,
 * objects to depth 2).
 */
export function plainText(value: unknown): string {
  return inspect(value);
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Jupyter sends binary formats as base64 strings; accept bytes from providers too. */
function encodeBinary(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [mime, v] of Object.entries(data)) {
    if (v === undefined) continue;
    out[mime] = v instanceof Uint8Array ? Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') : v;
  }
  return out;
}

/**
 * Checks what a `toMimeBundle()` returned and normalises it: bytes become base64, a missing
 * `text/plain` is filled in from `fallbackText`.
 *
 * @throws TypeError when the bundle is not `{ data: { … }, metadata?: { … } }`.
 */
export function normaliseBundle(bundle: unknown, fallbackText: () => string): ResultContent {
  if (!isRecord(bundle) || !isRecord(bundle.data)) {
    throw new TypeError(
      `toMimeBundle() must return { data: { [mimeType]: value }, metadata?: {…} }, got ${inspect(bundle, { depth: 0 })}`,
    );
  }
  if (bundle.metadata !== undefined && !isRecord(bundle.metadata)) {
    throw new TypeError(`toMimeBundle() returned metadata that is not an object: ${inspect(bundle.metadata, { depth: 0 })}`);
  }
  const data = encodeBinary(bundle.data);
  if (typeof data['text/plain'] !== 'string') data['text/plain'] = fallbackText();
  return { data, metadata: (bundle.metadata as MimeBundle['metadata']) ?? {} };
}

/**
 * The `execute_result` data for a value: its own bundle if it is a {@link MimeBundleProvider}
 * (awaited when `toMimeBundle()` returns a promise), a text + HTML-table bundle for a tfjs tensor,
 * else `text/plain` from {@link plainText}.
 *
 * @throws whatever `toMimeBundle()` throws, and TypeError for a malformed bundle: the kernel reports
 *   these as the cell's error, so a broken chart fails its notebook test instead of showing nothing.
 */
export async function resultContent(value: unknown, options: ResultOptions = {}): Promise<ResultContent> {
  if (hasMimeBundle(value)) {
    const bundle = await value.toMimeBundle();
    return normaliseBundle(bundle, () => inspect(value, { depth: 0 }));
  }
  if (isTensorLike(value)) return { data: tensorBundle(value, options.tensor), metadata: {} };
  return { data: { 'text/plain': plainText(value) }, metadata: {} };
}
