/**
 * Lean JavaScript wrappers for the WASM backend's most frequent small kernels (tfjs-backend-wasm
 * 4.22, single-threaded in Node). They cut the fixed cost of a kernel call, not its arithmetic:
 * the same compiled C++ function runs on the same bytes, so results are bit-identical.
 *
 * 1. **Elementwise binary ops** (`Add`, `Sub`, `Multiply`, `RealDiv`, comparisons, …). The stock
 *    wrapper passes the two shapes to C++ as `new Uint8Array(new Int32Array(shape).buffer)`
 *    through emscripten's generic `ccall`: four fresh ArrayBuffers and a marshalling call per op,
 *    about 1.3 µs of the 3.3 µs a `tf.add` of two [10] tensors costs in total (measured on the
 *    course machine). We write the shapes straight onto the WASM stack and call the export.
 * 2. **`Identity`**. The gradient tape saves a kernel's inputs by cloning them through `Identity`,
 *    which the WASM backend implements as malloc + copy (every saved activation and weight, e.g.
 *    the whole minibatch for a first-layer matMul, is copied once per step). tfjs tensors are
 *    immutable, so the `cpu` and `webgl` backends share the buffer and count a reference instead;
 *    so do we, exactly as the WASM backend's own `Reshape` does.
 *
 * {@link applyWasmLeanKernels} runs automatically when `initBackend` selects `wasm`; the stock
 * kernels come back with {@link removeWasmLeanKernels} (and when another backend is selected).
 */
import * as tf from '@tensorflow/tfjs';
import { onBackendSelected } from './backend';
import { kernelSwapper } from './kernelSwap';

type KernelConfig = tf.KernelConfig;
type TensorInfo = tf.TensorInfo;

/** The parts of the emscripten module of tfjs-backend-wasm that the lean wrappers call. */
interface WasmModule {
  /** The WASM heap as int32s; replaced by a new view when the heap grows. */
  HEAP32: Int32Array;
  stackSave(): number;
  /** Reserves `bytes` on the WASM stack (16-byte aligned); returns its address. */
  stackAlloc(bytes: number): number;
  stackRestore(sp: number): void;
  /** The kernel exports, `_Add`, `_Sub`, …: `(aId, aShapePtr, aRank, bId, bShapePtr, bRank, dtype, outId)`. */
  [exportName: string]: unknown;
}

/** The parts of the WASM backend object the lean wrappers use. */
interface WasmBackendLike {
  wasm: WasmModule;
  dataIdMap: { get(dataId: object): { id: number } };
  makeOutput(shape: number[], dtype: tf.DataType): TensorInfo;
  incRef(dataId: object): void;
}

interface KernelArgs {
  inputs: Record<string, TensorInfo>;
  backend: WasmBackendLike;
  attrs?: Record<string, unknown>;
}

type KernelFn = (args: KernelArgs) => TensorInfo;

/**
 * The WASM backend's binary kernels (all made by its `createBinaryKernelConfig`), with the dtype
 * of their output: `null` for "the inputs' dtype", `'bool'` for comparisons and logical ops.
 */
const BINARY_KERNELS: ReadonlyArray<readonly [string, 'bool' | null]> = [
  ['Add', null],
  ['Sub', null],
  ['Multiply', null],
  ['RealDiv', null],
  ['Maximum', null],
  ['Minimum', null],
  ['SquaredDifference', null],
  ['Pow', null],
  ['FloorDiv', null],
  ['Mod', null],
  ['Atan2', null],
  ['BitwiseAnd', null],
  ['Equal', 'bool'],
  ['NotEqual', 'bool'],
  ['Greater', 'bool'],
  ['GreaterEqual', 'bool'],
  ['Less', 'bool'],
  ['LessEqual', 'bool'],
  ['LogicalAnd', 'bool'],
  ['LogicalOr', 'bool'],
  ['LogicalXor', 'bool'],
];

/** The kernels {@link applyWasmLeanKernels} replaces on the `wasm` backend (names as tfjs registers them). */
export const WASM_LEAN_KERNELS: readonly string[] = Object.freeze([...BINARY_KERNELS.map(([name]) => name), 'Identity']);

const BACKEND = 'wasm';

/** The C++ side's dtype codes (tfjs-backend-wasm's `CppDType`); other dtypes go to the stock kernel. */
const CPP_DTYPE: Readonly<Record<string, number>> = { float32: 0, int32: 1, bool: 2 };

/** The lean wrappers, marked with (and restorable to) the stock configs they replaced. */
const lean = kernelSwapper(BACKEND, Symbol.for('kernel-helpers.wasmLeanKernels.stock'));

/**
 * The lean wrapper for binary kernel `name`: the stock wrapper's steps in the same order (input
 * ids, broadcast shape, output, zero-size short cut), with the shapes written onto the WASM stack
 * as the stock `ccall` does, but without allocating typed arrays or going through `ccall`.
 */
function leanBinary(name: string, outDtype: 'bool' | null, stock: KernelConfig): KernelFn {
  const exportName = `_${name}`;
  return (args) => {
    const { backend, inputs } = args;
    const a = inputs.a;
    const b = inputs.b;
    const dtypeCode = CPP_DTYPE[a.dtype];
    // string/complex64: let the stock kernel do (or refuse) whatever it does.
    if (dtypeCode === undefined) return (stock.kernelFunc as unknown as KernelFn)(args);
    const aId = backend.dataIdMap.get(a.dataId).id;
    const bId = backend.dataIdMap.get(b.dataId).id;
    const outShape = tf.backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
    const out = backend.makeOutput(outShape, outDtype ?? a.dtype);
    if (tf.util.sizeFromShape(outShape) === 0) return out;
    const outId = backend.dataIdMap.get(out.dataId).id;
    const wasm = backend.wasm;
    const aRank = a.shape.length;
    const bRank = b.shape.length;
    const sp = wasm.stackSave();
    try {
      const ptr = wasm.stackAlloc(4 * (aRank + bRank));
      // Read HEAP32 only now: makeOutput may have grown the heap, which replaces the view.
      const heap = wasm.HEAP32;
      const at = ptr >> 2;
      for (let i = 0; i < aRank; i++) heap[at + i] = a.shape[i];
      for (let i = 0; i < bRank; i++) heap[at + aRank + i] = b.shape[i];
      (wasm[exportName] as (...xs: number[]) => void)(aId, ptr, aRank, bId, ptr + 4 * aRank, bRank, dtypeCode, outId);
    } finally {
      wasm.stackRestore(sp);
    }
    return out;
  };
}

/**
 * The lean `Identity`: the output shares the input's buffer and the backend counts one more
 * reference, as the WASM backend's own `Reshape` and the `cpu` backend's `Identity` do. Strings
 * (kept off the heap) go to the stock kernel.
 */
function leanIdentity(stock: KernelConfig): KernelFn {
  return (args) => {
    const x = args.inputs.x;
    if (x.dtype === 'string') return (stock.kernelFunc as unknown as KernelFn)(args);
    args.backend.incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
}

/** True when every kernel of {@link WASM_LEAN_KERNELS} has its lean wrapper registered on `wasm`. */
export function isWasmLeanKernelsApplied(): boolean {
  return WASM_LEAN_KERNELS.every((name) => lean.isSwapped(tf.getKernel(name, BACKEND)));
}

/**
 * Registers the lean wrappers of {@link WASM_LEAN_KERNELS} for the `wasm` backend. Idempotent.
 * Called for you by `initBackend` when it selects `wasm`. Kernels whose WASM export is missing (a
 * different tfjs-backend-wasm build) keep their stock wrapper.
 *
 * @returns true if any kernel was replaced by this call.
 * @throws if the `wasm` backend is not the active, initialised backend (`initBackend` first).
 */
export function applyWasmLeanKernels(): boolean {
  if (tf.getBackend() !== BACKEND) {
    throw new Error(`applyWasmLeanKernels: the active backend is '${tf.getBackend()}', not 'wasm'; call initBackend({ prefer: ['wasm'] }) first`);
  }
  const wasm = (tf.backend() as unknown as WasmBackendLike).wasm;
  const hasStack = typeof wasm?.stackSave === 'function' && typeof wasm.stackAlloc === 'function' && typeof wasm.stackRestore === 'function';
  let changed = false;
  const replace = (name: string, make: (stock: KernelConfig) => KernelFn): void => {
    const stock = lean.stockOf(name);
    if (stock === undefined || lean.isSwapped(tf.getKernel(name, BACKEND))) return;
    lean.swap(stock, make(stock) as unknown as tf.KernelFunc);
    changed = true;
  };
  if (hasStack && wasm.HEAP32 instanceof Int32Array) {
    for (const [name, outDtype] of BINARY_KERNELS) {
      if (typeof wasm[`_${name}`] !== 'function') continue;
      replace(name, (stock) => leanBinary(name, outDtype, stock));
    }
  }
  replace('Identity', leanIdentity);
  return changed;
}

/**
 * Puts the backend's stock kernels back in place of the lean wrappers (for comparisons and tests).
 * Idempotent.
 *
 * @returns true if any kernel was restored by this call.
 */
export function removeWasmLeanKernels(): boolean {
  return lean.restore(WASM_LEAN_KERNELS);
}

/**
 * The `initBackend` hook: lean wrappers on `wasm`, stock kernels otherwise (so a session that
 * moves to tfjs-node or cpu leaves tfjs's stock registry behind). Exported for the unit tests
 * (not re-exported by the package).
 */
export function wasmLeanKernelsHook(backendName: string): void {
  if (backendName === BACKEND) applyWasmLeanKernels();
  else removeWasmLeanKernels();
}

onBackendSelected(wasmLeanKernelsHook);
