/**
 * Swapping a backend's registered kernels for replacements and back: the mechanism under the WASM
 * fast path (wasmFastMatMul.ts) and the lean wrappers (wasmLeanKernels.ts). A replacement config
 * carries the stock config under a tag symbol, so it can be recognised, unwrapped and restored.
 */
import * as tf from '@tensorflow/tfjs';
import type { KernelConfig } from '@tensorflow/tfjs';

/** Swaps kernels of one backend, marking its replacements with one tag. */
export interface KernelSwapper {
  /** True if `config` is one of this swapper's replacements. */
  isSwapped(config: KernelConfig | undefined): boolean;
  /** The stock config of kernel `name`, whether or not it is swapped now; undefined if unregistered. */
  stockOf(name: string): KernelConfig | undefined;
  /**
   * Registers `kernelFunc` in place of `stock` (keeping its setup and dispose functions, so the
   * backend's own setup still binds its C++ function and the stock config stays usable).
   */
  swap(stock: KernelConfig, kernelFunc: tf.KernelFunc): void;
  /**
   * Puts the stock configs back for those of `names` that are swapped.
   *
   * @returns true if any kernel was restored.
   */
  restore(names: readonly string[]): boolean;
}

/**
 * A {@link KernelSwapper} for `backendName`. `tag` should be a `Symbol.for` symbol: the kernel
 * registry is global, so a second copy of kernel-helpers in the process (`dist/` and `src/`) must
 * recognise the replacements instead of wrapping them again.
 */
export function kernelSwapper(backendName: string, tag: symbol): KernelSwapper {
  type Swapped = KernelConfig & Record<symbol, KernelConfig>;
  const isSwapped = (config: KernelConfig | undefined): config is Swapped =>
    config !== undefined && (config as Partial<Swapped>)[tag] !== undefined;
  return {
    isSwapped,
    stockOf(name) {
      const current = tf.getKernel(name, backendName);
      return isSwapped(current) ? current[tag] : current;
    },
    swap(stock, kernelFunc) {
      const replacement: Swapped = {
        kernelName: stock.kernelName,
        backendName,
        kernelFunc,
        setupFunc: stock.setupFunc,
        disposeFunc: stock.disposeFunc,
        [tag]: stock,
      };
      tf.unregisterKernel(stock.kernelName, backendName);
      tf.registerKernel(replacement);
    },
    restore(names) {
      let changed = false;
      for (const name of names) {
        const current = tf.getKernel(name, backendName);
        if (!isSwapped(current)) continue;
        tf.unregisterKernel(name, backendName);
        tf.registerKernel(current[tag]);
        changed = true;
      }
      return changed;
    },
  };
}
