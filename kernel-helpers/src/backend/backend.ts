import * as tf from '@tensorflow/tfjs';

/** The tfjs backends the lessons can run on, fastest first. `tensorflow` is tfjs-node's native backend. */
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

/** Options for {@link initBackend}. */
export interface InitBackendOptions {
  /**
   * Backends to try, in order. Default `['tensorflow', 'wasm', 'cpu']`: tfjs-node when its native
   * addon loads, else WebAssembly, else the pure-JavaScript `cpu` backend.
   */
  prefer?: BackendName[];
}

/** Hooks run after a backend is selected (for example the WASM matMul fast path). Keyed by backend. */
const afterSelectHooks: Array<(name: BackendName) => void> = [];

/** Registers a function called with the chosen backend's name each time {@link initBackend} selects one. */
export function onBackendSelected(hook: (name: BackendName) => void): void {
  afterSelectHooks.push(hook);
}

/** Loads the package that registers a backend; false when it is not installed or cannot load here. */
function loadBackendPackage(name: BackendName): boolean {
  try {
    if (name === 'tensorflow') require('@tensorflow/tfjs-node');
    else if (name === 'wasm') require('@tensorflow/tfjs-backend-wasm');
    return tf.findBackendFactory(name) !== null;
  } catch {
    // tfjs-node is optional: on machines where its native addon could not be installed, requiring
    // it throws, and we fall through to the next backend.
    return false;
  }
}

/**
 * Selects the fastest available tfjs backend and waits until it is ready. Prints nothing.
 *
 * Call (and await) this before any tensor op: importing the WASM package makes it the default
 * backend, and an op issued before it is ready would fail.
 *
 * @returns the name of the backend now in use.
 * @throws if none of the preferred backends can be initialized.
 */
export async function initBackend(options: InitBackendOptions = {}): Promise<BackendName> {
  const prefer = options.prefer ?? ['tensorflow', 'wasm', 'cpu'];
  if (!Array.isArray(prefer) || prefer.length === 0) {
    throw new TypeError(`initBackend: options.prefer must be a non-empty array of backend names, got ${JSON.stringify(prefer)}`);
  }
  const tried: string[] = [];
  for (const name of prefer) {
    if (!['tensorflow', 'wasm', 'cpu'].includes(name)) {
      throw new TypeError(`initBackend: unknown backend '${name}' in options.prefer (expected tensorflow, wasm or cpu)`);
    }
    if (!loadBackendPackage(name)) {
      tried.push(`${name} (not installed or failed to load)`);
      continue;
    }
    if (await tf.setBackend(name)) {
      await tf.ready();
      if (name === 'cpu') silenceCpuBanner();
      for (const hook of afterSelectHooks) hook(name);
      return name;
    }
    tried.push(`${name} (failed to initialize)`);
  }
  throw new Error(`initBackend: no tfjs backend could be initialized; tried ${tried.join(', ')}`);
}

/**
 * The cpu backend prints a "looks like you are running TensorFlow.js in Node.js" banner on first
 * use. The lessons choose the cpu backend only as a last resort and say so in the setup line, so
 * the banner is noise (and stderr noise fails the notebook tests). It is printed once, guarded by
 * the backend's `firstUse` flag, which we clear.
 */
function silenceCpuBanner(): void {
  const backend = tf.backend() as unknown as { firstUse?: boolean };
  if (typeof backend.firstUse === 'boolean') backend.firstUse = false;
}

/** The name of the backend in use, as one of {@link BackendName}. */
export function currentBackend(): BackendName {
  return tf.getBackend() as BackendName;
}
