/**
 * The slicing part of the WASM fast path: `Slice`, `StridedSlice`, `SplitV` and `Unpack` that copy
 * only the bytes they return.
 *
 * Why: tfjs-backend-wasm 4.22's `Slice` starts with `backend.readSync(x.dataId)`, which copies the
 * *whole* input out of the WebAssembly heap into a fresh JavaScript array (`HEAPU8.slice`) before
 * taking the few rows it wants. For `X.slice(0, 200)` of a [50000, 784] float32 tensor that is a
 * 157 MB copy for 627 KB of output: 60-200 ms depending on the machine's load, against well under
 * a millisecond for the rows themselves. `StridedSlice` (its contiguous cases), `SplitV`
 * (`tf.split`) and `Unpack` (`tf.unstack`) call that same `slice` function directly, not through
 * the kernel registry, so they pay the full copy once per output: `tf.unstack` of n rows copies
 * the input n times. Replacing the registered `Slice` alone would not reach them, so they are
 * replaced as well.
 *
 * The replacements read the input through a view of the heap (`typedArrayFromHeap`, no copy) and
 * copy the slice into the output in contiguous runs. Values are moved, never computed, so the
 * results are bit-identical to the stock kernels' wherever those are right; the two places they
 * are not (a `Slice` past the input's end, and `StridedSlice` with real strides on int32/bool or
 * with a shrunk axis) are described at {@link fastSlice} and {@link fastStridedSlice}. Strings and
 * any dtype without a heap view go to the stock kernels (which keep strings in JavaScript arrays
 * and never copy them from the heap).
 * The factories here are wired into the fast path's apply/remove mechanism by `wasmFastMatMul.ts`.
 */
import * as tf from '@tensorflow/tfjs';
import type { KernelFn, WasmBackendLike } from './wasmFastMatMul';

type KernelConfig = tf.KernelConfig;
type TensorInfo = tf.TensorInfo;
type HeapView = Float32Array | Int32Array | Uint8Array;

/** The dtypes the WASM backend keeps on its heap (`typedArrayFromHeap` serves exactly these). */
const HEAP_DTYPES: ReadonlySet<string> = new Set(['float32', 'int32', 'bool']);

/**
 * Runs shorter than this many elements are copied with a plain loop; longer ones with
 * `copyWithin` on the heap (a memmove, no object allocated per run). Measured on [50000, 784]
 * float32, one run per row: a loop is fastest for runs of up to about 8 elements and falls far
 * behind from 16 on (20 ms against 1 ms for 50,000 runs of 16); `copyWithin` beats
 * `dst.set(src.subarray(...))`, which allocates a view per run, by 1.5-3x at 8-128 elements.
 */
const SHORT_RUN = 8;

function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major element strides of `shape` (the last dimension has stride 1). */
function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

/**
 * How a slice lies in its input's memory: `counts.reduce(*)` runs of `run` contiguous elements,
 * the first starting at element `base`; run number (i0, i1, ...) starts at
 * `base + i0 * steps[0] + i1 * steps[1] + ...`, and runs are laid out in the output one after the
 * other in that (row-major) order. All quantities are in elements of the input's dtype, not bytes.
 */
export interface SliceRuns {
  /** Element offset in the input of the slice's first element. */
  base: number;
  /** Elements per contiguous run (>= 1 for a non-empty slice). */
  run: number;
  /** Number of runs along each outer dimension that varies (size-1 dimensions are dropped). */
  counts: number[];
  /** Input element stride of each dimension in `counts`. */
  steps: number[];
}

/**
 * Plans the copy of `slice(x, begin, size)` as contiguous runs. The innermost dimensions the slice
 * takes whole are merged into one run with the next one out, so a block of whole rows (the
 * lessons' `X.slice(start, n)`) is a single run and a column band `X.slice([0, c], [-1, k])` is one
 * run of `k` per row. Exported for the unit tests (not re-exported by the package).
 *
 * @param shape the input's shape, rank >= 1.
 * @param begin the slice's start per dimension (already parsed: no shorthand), each in [0, shape[i]].
 * @param size the slice's extent per dimension (no -1), with begin[i] + size[i] <= shape[i].
 * @returns the runs to copy; meaningful only when every size is > 0.
 */
export function planSliceRuns(shape: readonly number[], begin: readonly number[], size: readonly number[]): SliceRuns {
  const rank = shape.length;
  const strides = stridesOf(shape);
  let base = 0;
  for (let i = 0; i < rank; i++) base += begin[i] * strides[i];
  let d = rank - 1;
  let run = rank === 0 ? 1 : size[d];
  // A dimension taken whole leaves no gap between consecutive rows of the next dimension out.
  while (d > 0 && size[d] === shape[d]) {
    d--;
    run *= size[d];
  }
  const counts: number[] = [];
  const steps: number[] = [];
  for (let i = 0; i < d; i++) {
    if (size[i] === 1) continue; // contributes only to base
    counts.push(size[i]);
    steps.push(strides[i]);
  }
  return { base, run, counts, steps };
}

/**
 * Copies the runs of `plan` from `src` into `dst` (views of the same element type on the same
 * heap), packed in order from `dst[0]`.
 */
function copyRuns(src: HeapView, dst: HeapView, plan: SliceRuns): void {
  const { base, run, counts, steps } = plan;
  const depth = counts.length;
  if (depth === 0) {
    dst.set(src.subarray(base, base + run));
    return;
  }
  // Byte view of the whole heap, and the byte positions of the runs: copyWithin moves bytes
  // between two places of one array, so both tensors are addressed through the same view.
  const bytes = src.BYTES_PER_ELEMENT;
  const heap = new Uint8Array(src.buffer);
  const srcByte = src.byteOffset;
  const dstByte = dst.byteOffset;
  const runBytes = run * bytes;
  const innerCount = counts[depth - 1];
  const innerStep = steps[depth - 1];
  const index = new Array<number>(depth).fill(0);
  let from = base;
  let at = 0;
  for (;;) {
    let f = from;
    if (run < SHORT_RUN) {
      for (let i = 0; i < innerCount; i++) {
        for (let k = 0; k < run; k++) dst[at + k] = src[f + k];
        at += run;
        f += innerStep;
      }
    } else {
      for (let i = 0; i < innerCount; i++) {
        const s = srcByte + f * bytes;
        heap.copyWithin(dstByte + at * bytes, s, s + runBytes);
        at += run;
        f += innerStep;
      }
    }
    // Advance the odometer over the outer dimensions (all but the innermost of `counts`).
    let j = depth - 2;
    for (; j >= 0; j--) {
      from += steps[j];
      if (++index[j] < counts[j]) break;
      from -= steps[j] * counts[j];
      index[j] = 0;
    }
    if (j < 0) return;
  }
}

/**
 * Allocates an output of `outShape` and copies `slice(x, begin, size)` into it
 * (`sizeOf(outShape) === sizeOf(size)`: the output may be the slice reshaped). The caller checked
 * that `x.dtype` is a heap dtype and that the slice lies inside `x`.
 */
function copySlice(backend: WasmBackendLike, x: TensorInfo, begin: readonly number[], size: readonly number[], outShape: number[]): TensorInfo {
  const out = backend.makeOutput(outShape, x.dtype);
  if (sizeOf(size) === 0) return out;
  // Views taken after makeOutput: allocating may grow the heap, which detaches older views.
  const src = backend.typedArrayFromHeap(x);
  const dst = backend.typedArrayFromHeap(out);
  copyRuns(src, dst, planSliceRuns(x.shape, begin, size));
  return out;
}

/** True when `begin` and `size` describe a box inside `shape` (so no byte outside `x` is read). */
function inside(shape: readonly number[], begin: readonly number[], size: readonly number[]): boolean {
  if (begin.length !== shape.length || size.length !== shape.length) return false;
  for (let i = 0; i < shape.length; i++) {
    if (!(Number.isInteger(begin[i]) && Number.isInteger(size[i]))) return false;
    if (begin[i] < 0 || size[i] < 0 || begin[i] + size[i] > shape[i]) return false;
  }
  return true;
}

/**
 * Replacement for `Slice` (`tf.slice`, `x.slice`, and every op built on them). Attributes as the
 * stock kernel: `begin`, `size` (a number or a shorter array for leading dimensions; -1 for "to the
 * end"). A slice reaching past the input's end raises tfjs's own error, as the `cpu` and `webgl`
 * backends do (the stock WASM kernel returns whatever follows the input on the heap); other
 * inputs it does not handle (strings, negative begins) go to the stock kernel.
 */
export function fastSlice(own: KernelConfig): KernelFn {
  return (args) => {
    const stock = own.kernelFunc as unknown as KernelFn;
    const { inputs, backend, attrs = {} } = args;
    const x = inputs.x as TensorInfo;
    if (!HEAP_DTYPES.has(x.dtype) || x.shape.length === 0) return stock(args);
    const [begin, size] = tf.slice_util.parseSliceParams(x, attrs.begin as number | number[], attrs.size as number | number[] | undefined);
    if (!inside(x.shape, begin, size)) {
      if (begin.length === x.shape.length && size.length === x.shape.length && begin.every((b) => b >= 0)) {
        tf.slice_util.assertParamsValid(x, begin, size); // throws, naming the overflowing axis
      }
      return stock(args);
    }
    return copySlice(backend, x, begin, size, size.slice());
  };
}

/**
 * Replacement for `StridedSlice` (`tf.stridedSlice`). Its cases, as tfjs plans them
 * (`slice_util.sliceInfo`):
 * - identity: the stock kernel (a reshape, nothing copied);
 * - stride 1 everywhere, or a leading-dimension range: one {@link planSliceRuns} copy, as `Slice`;
 * - real (or negative) strides: copied here in runs ({@link planStridedRuns}). The stock kernel
 *   (C++) is slow there, 1.4 s for every other row of a [50000, 784] tensor against 9-13 ms here,
 *   and wrong in two ways: it always allocates a float32 output and copies 4-byte words, so int32
 *   values come back reinterpreted as tiny floats and bools as garbage; and, like the `cpu`
 *   backend's, it indexes the shrunk output shape with the input's per-dimension begins and
 *   strides, so `x[5, ::2]` (shrinkAxisMask with a stride elsewhere) returns elements of row 0.
 *   Here output element (i0, i1, ...) is input element (begin[d] + i_d * strides[d])_d, as in
 *   TensorFlow.
 */
export function fastStridedSlice(own: KernelConfig): KernelFn {
  return (args) => {
    const stock = own.kernelFunc as unknown as KernelFn;
    const { inputs, backend, attrs = {} } = args;
    const x = inputs.x as TensorInfo;
    if (!HEAP_DTYPES.has(x.dtype) || x.shape.length === 0) return stock(args);
    const info = tf.slice_util.sliceInfo(
      x.shape,
      attrs.begin as number[],
      attrs.end as number[],
      attrs.strides as number[],
      attrs.beginMask as number,
      attrs.endMask as number,
      attrs.ellipsisMask as number,
      attrs.newAxisMask as number,
      attrs.shrinkAxisMask as number,
    );
    if (info.isIdentity) return stock(args);
    if (info.sliceDim0 || info.isSimpleSlice) {
      const size = tf.slice_util.computeOutShape(info.begin, info.end, info.strides);
      // A degenerate range (begin past end) gives a negative size here; the stock kernel's own
      // handling of that (an error) is kept.
      if (!inside(x.shape, info.begin, size) || sizeOf(size) !== sizeOf(info.finalShape)) return stock(args);
      return copySlice(backend, x, info.begin, size, info.finalShape.slice());
    }
    const plan = planStridedRuns(x.shape, info.begin, info.end, info.strides);
    if (plan === null || plan.total !== sizeOf(info.finalShape)) return stock(args);
    const out = backend.makeOutput(info.finalShape.slice(), x.dtype);
    if (plan.total === 0) return out;
    // Views taken after makeOutput: allocating may grow the heap, which detaches older views.
    copyRuns(backend.typedArrayFromHeap(x), backend.typedArrayFromHeap(out), plan);
    return out;
  };
}

/**
 * Plans a strided slice over the input's dimensions (dense `begin`, `end`, `strides` from
 * `sliceInfo`, one per input dimension) as runs: when the innermost stride is 1 each row of the
 * output is one run, otherwise runs are single elements. Counts per dimension follow `sliceInfo`
 * (none when the range and the stride point opposite ways). Exported for the unit tests (not
 * re-exported by the package).
 *
 * @param shape the input's shape.
 * @returns the runs and their total element count, or null if some index would fall outside the
 *   input (then the stock kernel decides).
 */
export function planStridedRuns(
  shape: readonly number[],
  begin: readonly number[],
  end: readonly number[],
  strides: readonly number[],
): (SliceRuns & { total: number }) | null {
  const rank = shape.length;
  if (begin.length !== rank || end.length !== rank || strides.length !== rank) return null;
  const xStrides = stridesOf(shape);
  const counts: number[] = [];
  let base = 0;
  let total = 1;
  for (let d = 0; d < rank; d++) {
    if (!Number.isInteger(strides[d]) || strides[d] === 0) return null;
    const interval = end[d] - begin[d];
    const count = interval === 0 || interval < 0 !== strides[d] < 0 ? 0 : Math.ceil(Math.abs(interval) / Math.abs(strides[d]));
    if (count > 0) {
      const last = begin[d] + (count - 1) * strides[d];
      if (!Number.isInteger(begin[d]) || begin[d] < 0 || begin[d] >= shape[d] || last < 0 || last >= shape[d]) return null;
    }
    base += begin[d] * xStrides[d];
    counts.push(count);
    total *= count;
  }
  const innermostContiguous = rank > 0 && strides[rank - 1] === 1;
  const outer = innermostContiguous ? rank - 1 : rank;
  const plan: SliceRuns & { total: number } = { base, run: innermostContiguous ? counts[rank - 1] : 1, counts: [], steps: [], total };
  for (let d = 0; d < outer; d++) {
    if (counts[d] === 1) continue; // contributes only to base
    plan.counts.push(counts[d]);
    plan.steps.push(strides[d] * xStrides[d]);
  }
  return plan;
}

/**
 * Replacement for `SplitV` (`tf.split`): each part is a slice along `axis`, copied with
 * {@link planSliceRuns}. Returns one output per part, in order.
 */
export function fastSplitV(own: KernelConfig): KernelFn {
  return (args) => {
    const stock = own.kernelFunc as unknown as KernelFn;
    const { inputs, backend, attrs = {} } = args;
    const x = inputs.x as TensorInfo;
    if (!HEAP_DTYPES.has(x.dtype) || x.shape.length === 0) return stock(args);
    const axis = tf.util.parseAxisParam(attrs.axis as number, x.shape)[0];
    const parts = tf.backend_util.prepareSplitSize(x as unknown as tf.Tensor, attrs.numOrSizeSplits as number | number[], axis);
    if (parts.reduce((a, b) => a + b, 0) !== x.shape[axis] || parts.some((p) => !(p >= 0))) return stock(args);
    const begin = new Array<number>(x.shape.length).fill(0);
    return parts.map((part) => {
      const size = x.shape.slice();
      size[axis] = part;
      const out = copySlice(backend, x, begin, size, size.slice());
      begin[axis] += part;
      return out;
    });
  };
}

/**
 * Replacement for `Unpack` (`tf.unstack`): output i is the slice at index i of `axis`, with that
 * dimension dropped from its shape (rank - 1).
 */
export function fastUnpack(own: KernelConfig): KernelFn {
  return (args) => {
    const stock = own.kernelFunc as unknown as KernelFn;
    const { inputs, backend, attrs = {} } = args;
    const value = inputs.value as TensorInfo;
    if (!HEAP_DTYPES.has(value.dtype) || value.shape.length === 0) return stock(args);
    const rank = value.shape.length;
    let axis = attrs.axis as number;
    if (axis < 0) axis += rank;
    if (!(Number.isInteger(axis) && axis >= 0 && axis < rank)) return stock(args);
    const outShape = value.shape.filter((_, i) => i !== axis);
    const begin = new Array<number>(rank).fill(0);
    const size = value.shape.slice();
    size[axis] = 1;
    const outs: TensorInfo[] = [];
    for (let i = 0; i < value.shape[axis]; i++) {
      begin[axis] = i;
      outs.push(copySlice(backend, value, begin, size, outShape.slice()));
    }
    return outs;
  };
}
