export { initBackend, currentBackend, onBackendSelected } from './backend';
export type { BackendName, InitBackendOptions } from './backend';
export { versions, versionLine } from './versions';
export type { Versions } from './versions';
export { setupLesson } from './setup';
export type { SetupLessonOptions, LessonSetup } from './setup';
export { applyWasmFastPath, removeWasmFastPath, isWasmFastPathApplied, WASM_FAST_PATH_KERNELS } from './wasmFastMatMul';
export { batchedMatMul } from './batchedMatMul';
export { applyWasmLeanKernels, removeWasmLeanKernels, isWasmLeanKernelsApplied, WASM_LEAN_KERNELS } from './wasmLeanKernels';
