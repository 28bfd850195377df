import * as tf from '@tensorflow/tfjs';
import { currentBackend } from './backend';

/** Versions of everything a lesson's numbers depend on. */
export interface Versions {
  node: string;
  tslab: string;
  typescript: string;
  tfjs: string;
  backend: string;
}

function packageVersion(name: string): string {
  try {
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

/** Collects the versions of Node.js, tslab, the TypeScript tslab compiles cells with, tfjs, and the backend in use. */
export function versions(): Versions {
  return {
    node: process.version,
    tslab: packageVersion('tslab'),
    // tslab compiles notebook cells with its own pinned TypeScript build, not the project's.
    typescript: packageVersion('@tslab/typescript-for-tslab'),
    tfjs: tf.version.tfjs,
    backend: currentBackend(),
  };
}

/** One line for the top of a lesson: `node v20.20.2 · tslab 1.0.22 · TypeScript 5.0.4 · tfjs 4.22.0 · backend wasm`. */
export function versionLine(v: Versions = versions()): string {
  return `node ${v.node} · tslab ${v.tslab} · TypeScript ${v.typescript} · tfjs ${v.tfjs} · backend ${v.backend}`;
}
