/**
 * The WASM fast path: replacement kernels that route transposed layouts around two slow spots of
 * the tfjs WASM backend (4.22, single-threaded in Node).
 *
 * 1. `BatchMatMul` / `_FusedMatMul` with `transposeA` or `transposeB` set run 5-10x slower than
 *    the same product on operands laid out plainly. tfjs's own matMul gradient sets both flags
 *    (`dA = dy·Bᵀ`, `dB = Aᵀ·dy`), so every backward pass pays it. We materialise the transposed
 *    operand first and multiply without flags.
 * 2. The backend's rank-2 `Transpose` is 5-10x slower than its rank-3 one whenever the input's
 *    leading dimension (the output's row length) is a multiple of 128, which is every power-of-two
 *    batch size from 128 up (cache-set aliasing of the strided writes). We split that dimension in
 *    two, which gives the same bytes through the faster code path. Reductions over a non-innermost
 *    axis (`sum(x, 0)`, `mean(x, 0)`: bias gradients, batch-norm statistics) transpose internally
 *    the same slow way, so they get the same treatment.
 *
 * 3. `GatherV2` (minibatch selection: `tf.gather(X, batchIndices)`) costs milliseconds per call
 *    in the backend (6 ms for 256 rows of 784 floats), 100x more than copying the rows. We copy
 *    the selected rows (or elements) on the WASM heap directly; the values are moved, not
 *    computed, so they are identical.
 * 4. `Slice` copies its whole input out of the WASM heap before taking the slice (about 60-200 ms
 *    for any slice of a [50000, 784] tensor), and `StridedSlice`, `SplitV` and `Unpack` call it
 *    internally. Their replacements, in `wasmFastSlice.ts`, copy only the slice's bytes.
 *
 * Results are the backend's own kernels applied to rearranged operands: the same float32 products
 * and sums, possibly accumulated in a different order (equal to the `cpu` backend's within float32
 * tolerance; see the unit test). {@link applyWasmFastPath} is called automatically when
 * `initBackend` selects `wasm` and never when it selects `tensorflow` (tfjs-node) or `cpu`.
 */
import * as tf from '@tensorflow/tfjs';
import { onBackendSelected } from './backend';
import { kernelSwapper } from './kernelSwap';
import { fastSlice, fastSplitV, fastStridedSlice, fastUnpack } from './wasmFastSlice';

type KernelConfig = tf.KernelConfig;
type TensorInfo = tf.TensorInfo;

/** The part of the WASM backend object the replacement kernels use. */
export interface WasmBackendLike {
  disposeData(dataId: object, force?: boolean): boolean;
  makeOutput(shape: number[], dtype: tf.DataType): TensorInfo;
  /** A view (not a copy) of a tensor's bytes on the WASM heap; invalid once the heap grows. */
  typedArrayFromHeap(info: TensorInfo): Float32Array | Int32Array | Uint8Array;
}

/** Arguments every kernel function receives (tfjs passes `inputs`, `backend`, `attrs`). */
export interface KernelArgs {
  inputs: Record<string, TensorInfo | null | undefined>;
  backend: WasmBackendLike;
  attrs?: Record<string, unknown>;
}

/** A kernel function: one output, or several (`SplitV`, `Unpack`). */
export type KernelFn = (args: KernelArgs) => TensorInfo | TensorInfo[];

/** The kernels the fast path replaces on the `wasm` backend. */
export const WASM_FAST_PATH_KERNELS: readonly string[] = Object.freeze([
  'BatchMatMul',
  '_FusedMatMul',
  'Transpose',
  'Sum',
  'Mean',
  'Max',
  'Min',
  'Prod',
  'GatherV2',
  'Slice',
  'StridedSlice',
  'SplitV',
  'Unpack',
]);

const BACKEND = 'wasm';

/** The fast path's replacements, marked with (and restorable to) the configs they replaced. */
const fastPath = kernelSwapper(BACKEND, Symbol.for('kernel-helpers.wasmFastPath.original'));

/**
 * The backend's own kernel `name`, as it was before the fast path. The replacements call the stock
 * kernels directly (never through the registry), so they do not recurse into themselves; they hold
 * the configs from the time they were made (a registry lookup per call costs more than some
 * kernels) and read `kernelFunc` at call time.
 */
function originalKernel(name: string): KernelConfig {
  const stock = fastPath.stockOf(name);
  if (stock === undefined) {
    throw new Error(
      `wasm fast path: kernel '${name}' is not registered for the 'wasm' backend; ` +
        `load @tensorflow/tfjs-backend-wasm (initBackend does) before applying the fast path`,
    );
  }
  return stock;
}

function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/**
 * The row length, in elements, from which the backend's rank-2 transpose slows down: when the
 * output's rows are a multiple of 128 floats (512 bytes) apart, the strided writes keep landing in
 * the same few cache sets. Measured on the course machine: 128, 256, 384, 512, 768, 1024, 2048 are
 * all 3-10x slower than their neighbours; 64, 96, 192, 320, 1000 are not.
 */
const ALIASING_STRIDE = 128;

/** How to run a transpose through the backend's faster rank-3+ code path, or null to run it as is. */
interface SplitPlan {
  shape: number[];
  perm: number[];
}

/**
 * Plans the split for `transpose(x, perm)`. The backend first drops size-1 dimensions; in what
 * remains, the input dimension that becomes the output's innermost one is written with a stride
 * of its own size. When that size is a multiple of {@link ALIASING_STRIDE} we split it into
 * `[2, size / 2]`, keeping both halves adjacent and last in the output, so the output bytes are
 * unchanged but the backend takes its general (rank >= 3) path. Exported for the unit tests (not
 * re-exported by the package).
 *
 * @param shape the input's shape.
 * @param perm the permutation (output dim i is input dim perm[i]).
 * @returns the input view shape and permutation to use instead, or null when there is nothing to
 *   gain (no aliasing, an identity after dropping size-1 dims, or an innermost dim that stays put).
 */
export function planFastTranspose(shape: readonly number[], perm: readonly number[]): SplitPlan | null {
  // Drop size-1 dims, renumbering the permutation over the dims that remain.
  const kept: number[] = [];
  for (let i = 0; i < shape.length; i++) if (shape[i] !== 1) kept.push(i);
  const renumber = new Map(kept.map((dim, i) => [dim, i]));
  const reducedShape = kept.map((dim) => shape[dim]);
  const reducedPerm = perm.filter((dim) => shape[dim] !== 1).map((dim) => renumber.get(dim) as number);
  const rank = reducedShape.length;
  if (rank < 2) return null;
  const inner = reducedPerm[rank - 1];
  if (inner === rank - 1) return null; // the innermost dim stays innermost: rows are copied whole
  const size = reducedShape[inner];
  if (size % ALIASING_STRIDE !== 0) return null;
  const splitShape = [...reducedShape.slice(0, inner), 2, size / 2, ...reducedShape.slice(inner + 1)];
  const splitPerm: number[] = [];
  for (const dim of reducedPerm) {
    if (dim < inner) splitPerm.push(dim);
    else if (dim === inner) splitPerm.push(inner, inner + 1);
    else splitPerm.push(dim + 1);
  }
  return { shape: splitShape, perm: splitPerm };
}

function permutedShape(shape: readonly number[], perm: readonly number[]): number[] {
  return perm.map((dim) => shape[dim]);
}

/**
 * Transposes `x` by `perm` with the original backend kernel, through the split view when that is
 * faster. The caller owns (and must dispose) the returned buffer.
 */
function transposeInfo(x: TensorInfo, perm: readonly number[], backend: WasmBackendLike, stock: KernelConfig): TensorInfo {
  const transpose = stock.kernelFunc as unknown as KernelFn;
  const outShape = permutedShape(x.shape, perm);
  const plan = planFastTranspose(x.shape, perm);
  const input = plan === null ? x : { dataId: x.dataId, shape: plan.shape, dtype: x.dtype };
  const out = transpose({ inputs: { x: input }, backend, attrs: { perm: plan === null ? [...perm] : plan.perm } }) as TensorInfo;
  // The backend reports the split shape; the bytes are those of the requested output shape.
  (out as { shape: number[] }).shape = outShape;
  return out;
}

/** The permutation that swaps the last two dims of a rank-`rank` tensor. */
function swapLastTwo(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return perm;
}

/** Replacement for `Transpose`: the original kernel, through the split view when it aliases. */
function fastTranspose(stock: KernelConfig): KernelFn {
  return (args) => {
    const { inputs, backend, attrs } = args;
    const x = inputs.x as TensorInfo;
    const perm = (attrs?.perm ?? []) as number[];
    if (x.dtype === 'string' || x.dtype === 'complex64' || planFastTranspose(x.shape, perm) === null) {
      return (stock.kernelFunc as unknown as KernelFn)(args);
    }
    return transposeInfo(x, perm, backend, stock);
  };
}

/**
 * Replacement for `BatchMatMul` and `_FusedMatMul`: when an operand is flagged as transposed,
 * materialise its transpose (fast) and multiply plainly (fast), instead of multiplying with the
 * flag (slow). Other inputs (`bias`, `preluActivationWeights`) and attributes pass through.
 */
function fastMatMul(own: KernelConfig, stockTranspose: KernelConfig): KernelFn {
  return (args) => {
    const original = own.kernelFunc as unknown as KernelFn;
    const { inputs, backend, attrs = {} } = args;
    const a = inputs.a as TensorInfo;
    const b = inputs.b as TensorInfo;
    const transposeA = attrs.transposeA === true;
    const transposeB = attrs.transposeB === true;
    if ((!transposeA && !transposeB) || a.dtype !== 'float32' || b.dtype !== 'float32' || a.shape.length < 2 || b.shape.length < 2) {
      return original(args);
    }
    const innerA = transposeA ? a.shape[a.shape.length - 2] : a.shape[a.shape.length - 1];
    const innerB = transposeB ? b.shape[b.shape.length - 1] : b.shape[b.shape.length - 2];
    // Let tfjs raise its own error, which names the shapes and flags the caller passed.
    if (innerA !== innerB) return original(args);
    const made: TensorInfo[] = [];
    try {
      const plainA = transposeA ? transposeInfo(a, swapLastTwo(a.shape.length), backend, stockTranspose) : a;
      if (transposeA) made.push(plainA);
      const plainB = transposeB ? transposeInfo(b, swapLastTwo(b.shape.length), backend, stockTranspose) : b;
      if (transposeB) made.push(plainB);
      return original({
        inputs: { ...inputs, a: plainA, b: plainB },
        backend,
        attrs: { ...attrs, transposeA: false, transposeB: false },
      });
    } finally {
      for (const info of made) backend.disposeData(info.dataId);
    }
  };
}

/**
 * Replacement for the reductions that take `{axis, keepDims}`: when the reduced axes are not the
 * innermost ones and the internal transpose would alias, transpose with the split view first and
 * reduce over the innermost axes.
 */
function fastReduction(own: KernelConfig, stockTranspose: KernelConfig): KernelFn {
  return (args) => {
    const original = own.kernelFunc as unknown as KernelFn;
    const { inputs, backend, attrs = {} } = args;
    const x = inputs.x as TensorInfo;
    if (x.dtype === 'string' || x.dtype === 'complex64') return original(args);
    const rank = x.shape.length;
    const axes = tf.util.parseAxisParam(attrs.axis as number | number[], x.shape);
    const perm = tf.backend_util.getAxesPermutation(axes, rank);
    if (perm === null || planFastTranspose(x.shape, perm) === null) return original(args);
    const transposed = transposeInfo(x, perm, backend, stockTranspose);
    try {
      const innermost = tf.backend_util.getInnerMostAxes(axes.length, rank);
      const out = original({ inputs: { x: transposed }, backend, attrs: { ...attrs, axis: innermost, keepDims: false } }) as TensorInfo;
      if (attrs.keepDims === true) {
        (out as { shape: number[] }).shape = tf.backend_util.expandShapeToKeepDim(out.shape, axes);
      }
      return out;
    } finally {
      backend.disposeData(transposed.dataId);
    }
  };
}

/**
 * Replacement for `GatherV2` with `batchDims` 0 (every `tf.gather(x, indices, axis)` a lesson
 * writes): copies the selected slices between WASM heap views. Other cases, and out-of-range
 * indices (so that tfjs raises its own error), go to the backend's kernel.
 */
function fastGather(own: KernelConfig): KernelFn {
  return (args) => gatherRows(args, own.kernelFunc as unknown as KernelFn);
}

/** The body of {@link fastGather}; `original` is the backend's `GatherV2`. */
function gatherRows(args: KernelArgs, original: KernelFn): TensorInfo {
  const { inputs, backend, attrs = {} } = args;
  const x = inputs.x as TensorInfo;
  const indices = inputs.indices as TensorInfo;
  if ((attrs.batchDims ?? 0) !== 0 || indices.dtype !== 'int32' || !['float32', 'int32', 'bool'].includes(x.dtype)) {
    return original(args) as TensorInfo;
  }
  const axis = tf.util.parseAxisParam(attrs.axis as number, x.shape)[0];
  const outer = sizeOf(x.shape.slice(0, axis));
  const dimSize = x.shape[axis];
  const slice = sizeOf(x.shape.slice(axis + 1));
  const index = backend.typedArrayFromHeap(indices) as Int32Array;
  const count = index.length;
  for (let i = 0; i < count; i++) {
    if (!(index[i] >= 0 && index[i] < dimSize)) return original(args) as TensorInfo;
  }
  const picked = index.slice(); // a copy: the view below may be detached by makeOutput
  const out = backend.makeOutput([...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)], x.dtype);
  if (outer * count * slice === 0) return out;
  // Views taken after makeOutput: allocating may grow the heap, which detaches older views.
  const src = backend.typedArrayFromHeap(x);
  const dst = backend.typedArrayFromHeap(out);
  let at = 0;
  for (let o = 0; o < outer; o++) {
    const base = o * dimSize * slice;
    for (let i = 0; i < count; i++) {
      const from = base + picked[i] * slice;
      if (slice === 1) dst[at] = src[from];
      else dst.set(src.subarray(from, from + slice), at);
      at += slice;
    }
  }
  return out;
}

/** The replacement for `own`, given the backend's stock `Transpose` that several of them use. */
function replacementFor(own: KernelConfig, stockTranspose: KernelConfig): KernelFn {
  switch (own.kernelName) {
    case 'BatchMatMul':
    case '_FusedMatMul':
      return fastMatMul(own, stockTranspose);
    case 'Transpose':
      return fastTranspose(own);
    case 'GatherV2':
      return fastGather(own);
    case 'Slice':
      return fastSlice(own);
    case 'StridedSlice':
      return fastStridedSlice(own);
    case 'SplitV':
      return fastSplitV(own);
    case 'Unpack':
      return fastUnpack(own);
    default:
      return fastReduction(own, stockTranspose);
  }
}

/** True when the WASM fast path kernels are registered (by this or another copy of kernel-helpers). */
export function isWasmFastPathApplied(): boolean {
  return WASM_FAST_PATH_KERNELS.every((name) => fastPath.isSwapped(tf.getKernel(name, BACKEND)));
}

/**
 * Registers the fast-path replacements of {@link WASM_FAST_PATH_KERNELS} for the `wasm` backend.
 * Idempotent: kernels already replaced are left alone. Called for you by `initBackend` when it
 * selects `wasm`; call it yourself only if you select the backend with `tf.setBackend('wasm')`.
 * The backend's own setup and dispose functions are kept, so a re-initialised backend still works.
 *
 * @returns true if any kernel was replaced by this call, false if all already were.
 * @throws if `@tensorflow/tfjs-backend-wasm` has not been loaded (its kernels are not registered).
 */
export function applyWasmFastPath(): boolean {
  // Check every kernel before changing any, so a failure leaves the registry as it was.
  const originals = WASM_FAST_PATH_KERNELS.map((name) => originalKernel(name));
  const stockTranspose = originalKernel('Transpose');
  let changed = false;
  for (const original of originals) {
    if (fastPath.isSwapped(tf.getKernel(original.kernelName, BACKEND))) continue;
    fastPath.swap(original, replacementFor(original, stockTranspose) as unknown as tf.KernelFunc);
    changed = true;
  }
  return changed;
}

/**
 * Restores the backend's own kernels (for comparisons and tests). Idempotent.
 *
 * @returns true if any kernel was restored by this call.
 */
export function removeWasmFastPath(): boolean {
  return fastPath.restore(WASM_FAST_PATH_KERNELS);
}

/**
 * The `initBackend` hook: apply the fast path when `wasm` is selected; take it off otherwise, so
 * that a session that moves to tfjs-node or cpu is left with tfjs's stock kernels everywhere.
 * Exported for the unit tests (not re-exported by the package).
 */
export function wasmFastPathHook(backendName: string): void {
  if (backendName === BACKEND) applyWasmFastPath();
  else if (tf.getKernel('BatchMatMul', BACKEND) !== undefined) removeWasmFastPath();
}

onBackendSelected(wasmFastPathHook);
