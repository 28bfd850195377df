/**
 * Large typed arrays in trial inputs, sent to the workers without serialising them again for
 * every trial. Lesson 05 gives every trial its 39 MB of training images: posting such an input
 * copies it on this thread (about 30 ms here) and again in the worker (about 20 ms), once per
 * trial, and this thread is the one that feeds both workers, so trials queued up behind it.
 *
 * Instead, each large array is copied once per `runTrials` call into a `SharedArrayBuffer`, which
 * `postMessage` passes without copying; the worker then copies it into memory of its own before
 * the trial starts. So a trial still gets a private copy, as with a plain `postMessage` (a trial
 * that writes into its input changes nothing for the others, and results do not depend on which
 * worker ran what), at the cost of one `memcpy` in the worker. Arrays that already live in a
 * `SharedArrayBuffer` (lesson 06's pool of images) are shared on purpose and left as they are.
 */

/** Typed arrays of at least this many bytes (1 MiB) are sent through shared memory; smaller ones cost less than 1 ms to clone. */
export const LARGE_INPUT_BYTES = 1 << 20;

type TypedArray =
  | Int8Array | Uint8Array | Uint8ClampedArray | Int16Array | Uint16Array | Int32Array | Uint32Array
  | Float32Array | Float64Array | BigInt64Array | BigUint64Array;
type TypedArrayConstructor = new (buffer: ArrayBufferLike, byteOffset?: number, length?: number) => TypedArray;

/** The inputs as sent to the workers. */
export interface SharedInputs<I> {
  /** Per trial: its input, with each large typed array replaced by a view of a shared copy. */
  inputs: I[];
  /** Per trial: those shared views (each once), which the worker turns back into private copies. */
  shared: TypedArray[][];
}

function isTypedArray(value: unknown): value is TypedArray {
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Replaces every typed array of at least `minBytes` bytes (not already in shared memory) found
 * in arrays, plain objects and Map values of the inputs by a view of a shared copy, made once per
 * distinct array. Containers on the way are copied (shallowly); the caller's inputs are not
 * changed. Other objects (class instances, Sets) are left for `postMessage` to clone as usual.
 *
 * @param minBytes size threshold in bytes (default {@link LARGE_INPUT_BYTES}).
 */
export function shareLargeArrays<I>(inputs: readonly I[], minBytes = LARGE_INPUT_BYTES): SharedInputs<I> {
  const copies = new Map<TypedArray, TypedArray>();
  // Containers rebuilt so far, so an object reached twice (or a cycle) stays one object, as
  // structured cloning keeps it; null marks one without large arrays inside (sent as it is).
  const rebuilt = new Map<object, object | null>();

  const share = (value: TypedArray): TypedArray => {
    let copy = copies.get(value);
    if (copy === undefined) {
      const Ctor = value.constructor as TypedArrayConstructor;
      copy = new Ctor(new SharedArrayBuffer(value.byteLength), 0, value.length);
      (copy as Uint8Array).set(value as Uint8Array);
      copies.set(value, copy);
    }
    return copy;
  };
  /** The value with large arrays replaced, or the value itself if it holds none. */
  const visit = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (isTypedArray(value)) {
      return value.byteLength >= minBytes && !(value.buffer instanceof SharedArrayBuffer) ? share(value) : value;
    }
    if (rebuilt.has(value)) return rebuilt.get(value) ?? value;
    if (value instanceof Map) {
      const out = new Map();
      rebuilt.set(value, out);
      let changed = false;
      for (const [key, item] of value) {
        const v = visit(item);
        changed ||= v !== item;
        out.set(key, v);
      }
      if (!changed) rebuilt.set(value, null);
      return changed ? out : value;
    }
    if (!Array.isArray(value) && !isPlainObject(value)) return value;
    const out: Record<string, unknown> = Array.isArray(value) ? (new Array(value.length) as unknown as Record<string, unknown>) : {};
    rebuilt.set(value, out);
    let changed = false;
    for (const key of Object.keys(value)) {
      const item = (value as Record<string, unknown>)[key];
      const v = visit(item);
      changed ||= v !== item;
      // (A key named __proto__, as JSON.parse makes, must stay a key, not set the prototype.)
      if (key === '__proto__') Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
      else out[key] = v;
    }
    if (!changed) rebuilt.set(value, null);
    return changed ? out : value;
  };

  const packed = inputs.map((input) => visit(input) as I);
  const shared = packed.map((input) => (copies.size === 0 ? [] : collect(input, new Set(copies.values()))));
  return { inputs: packed, shared };
}

/** The views of `wanted` reachable from `value` through arrays, objects and Map values, each once. */
function collect(value: unknown, wanted: Set<TypedArray>): TypedArray[] {
  const found = new Set<TypedArray>();
  const seen = new Set<object>();
  const walk = (v: unknown): void => {
    if (v === null || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (isTypedArray(v)) {
      if (wanted.has(v)) found.add(v);
    } else if (v instanceof Map) {
      for (const item of v.values()) walk(item);
    } else if (Array.isArray(v) || isPlainObject(v)) {
      for (const key of Object.keys(v)) walk((v as Record<string, unknown>)[key]);
    }
  };
  walk(value);
  return [...found];
}

/**
 * In the worker: replaces each of the `shared` views inside `input` (a fresh clone, from
 * `postMessage`, so changed in place) by a private copy, so the trial owns its input.
 *
 * @returns the input (a new value only if the input itself is one of the shared views).
 */
export function privatizeSharedArrays<T>(input: T, shared: readonly ArrayBufferView[]): T {
  if (shared.length === 0) return input;
  const copies = new Map<unknown, TypedArray>();
  for (const view of shared) {
    const v = view as TypedArray;
    const Ctor = v.constructor as TypedArrayConstructor;
    const copy = new Ctor(new ArrayBuffer(v.byteLength), 0, v.length);
    (copy as Uint8Array).set(v as Uint8Array);
    copies.set(view, copy);
  }
  const seen = new Set<object>();
  const walk = (v: unknown): void => {
    if (v === null || typeof v !== 'object' || seen.has(v) || ArrayBuffer.isView(v)) return;
    seen.add(v);
    if (v instanceof Map) {
      for (const [key, item] of v) {
        const copy = copies.get(item);
        if (copy !== undefined) v.set(key, copy);
        else walk(item);
      }
    } else if (Array.isArray(v) || isPlainObject(v)) {
      const record = v as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const copy = copies.get(record[key]);
        if (copy !== undefined) record[key] = copy;
        else walk(record[key]);
      }
    }
  };
  const own = copies.get(input);
  if (own !== undefined) return own as T;
  walk(input);
  return input;
}
