/**
 * Fashion-MNIST loader: finds the files, verifies them, decodes them into typed arrays, and turns
 * a split into tensors.
 *
 * Search order (first match wins):
 * 1. `options.dir`, when given;
 * 2. the `FASHION_MNIST_DIR` environment variable, when set;
 * 3. `datasets/fashion-mnist/` in this repository (the full set, installed by `npm run fetch-data`);
 * 4. `/usr/share/datasets/fashion-mnist/` (Debian package `dataset-fashion-mnist`);
 * 5. `datasets/fashion-mnist-subset/` in this repository (10,000 train / 2,000 test, committed),
 *    announced once with a one-line notice on stdout.
 *
 * A location in steps 3–5 counts only when it holds every file the requested split needs; a
 * location given in steps 1–2 must hold them, or loading fails (the caller asked for it).
 */
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { parseIdx, readMaybeGzip } from './idx';
import { sha256Hex } from './checksum';
import { FASHION_MNIST_FILES, fashionMnistFile, type FashionMnistFileSplit } from './fashionMnistFiles';

/** Which splits to load: one of them, or both. */
export type FashionMnistSplitName = 'train' | 'test' | 'both';

/** Options for {@link loadFashionMnist}. */
export interface LoadFashionMnistOptions<S extends FashionMnistSplitName = FashionMnistSplitName> {
  /** Load from this directory only (skips the search). It must hold the standard `.gz` file names. */
  dir?: string;
  /** Which splits to load. Default `'both'`. */
  split?: S;
  /** Keep only the first `limit` examples of each loaded split (all of them when the split is smaller). Default: all. */
  limit?: number;
  /**
   * Check the SHA-256 of every file's decompressed content against the known full set (or, for
   * the committed subset, the subset). Default `true`. Only a directory given by `dir` or
   * `FASHION_MNIST_DIR` may hold other files, and only with `verify: false`.
   */
  verify?: boolean;
  /** Suppress the one-line notice printed when falling back to the committed subset. Default `false`. */
  quiet?: boolean;
}

/** One split, decoded. Pixel `(r, c)` of image `i` is `images[i * 784 + r * 28 + c]`. */
export interface FashionMnistSplit {
  /** Raw pixels 0..255 (0 = background), `[n, 28, 28]` row-major. */
  images: Uint8Array;
  /** Class labels 0..9, `[n]`; names in `FASHION_MNIST_CLASSES`. */
  labels: Uint8Array;
  /** Number of examples. */
  n: number;
  /** `[n, 28, 28]`. */
  shape: [number, number, number];
}

/** Where the data came from. */
export interface FashionMnistSource {
  /** Which search step matched: `option` (`dir`), `env` (`FASHION_MNIST_DIR`), `repo` (`datasets/fashion-mnist/`), `system` (Debian package) or `subset` (committed). */
  location: 'option' | 'env' | 'repo' | 'system' | 'subset';
  /** What the files are: the `full` set, the committed `subset`, or `other` files (only when loaded with `verify: false`). */
  kind: 'full' | 'subset' | 'other';
  /** Absolute path of the directory read. */
  dir: string;
}

/** The result of {@link loadFashionMnist}: the requested split(s) plus where they came from. */
export type FashionMnist<S extends FashionMnistSplitName = 'both'> = { source: FashionMnistSource } & (S extends 'train'
  ? { train: FashionMnistSplit }
  : S extends 'test'
    ? { test: FashionMnistSplit }
    : { train: FashionMnistSplit; test: FashionMnistSplit });

/** The directories searched, in order. Exposed for tests, which point them at temporary folders. */
export interface FashionMnistSearchPaths {
  /** Value of `FASHION_MNIST_DIR`, if set. */
  env?: string;
  /** The repository's `datasets/fashion-mnist/`. */
  repo: string;
  /** `/usr/share/datasets/fashion-mnist/`. */
  system: string;
  /** The repository's `datasets/fashion-mnist-subset/`. */
  subset: string;
}

const IMAGE_SIDE = 28;
const IMAGE_PIXELS = IMAGE_SIDE * IMAGE_SIDE;
const SYSTEM_DIR = '/usr/share/datasets/fashion-mnist';

let repoDatasetsCache: string | null = null;

/**
 * The repository's `datasets/` folder, found from this file's location (not the working
 * directory: notebooks run with cwd `notebooks/`). Works from `src/data/` (tests, via tsx) and
 * from `dist/data/` (the built package), both three levels below the repository root.
 */
export function repoDatasetsDir(): string {
  if (repoDatasetsCache) return repoDatasetsCache;
  let dir = __dirname;
  for (let up = 0; up < 6; up++) {
    const candidate = path.join(dir, 'datasets');
    if (fs.existsSync(path.join(candidate, 'fashion-mnist-subset'))) return (repoDatasetsCache = candidate);
    dir = path.dirname(dir);
  }
  throw new Error(`repoDatasetsDir: no datasets/fashion-mnist-subset/ found in any parent of ${__dirname}; is the repository complete?`);
}

/** The search paths for this process: `FASHION_MNIST_DIR` from the environment, the repository's folders, the Debian path. */
export function defaultFashionMnistSearchPaths(): FashionMnistSearchPaths {
  const datasets = repoDatasetsDir();
  const env = process.env.FASHION_MNIST_DIR;
  return {
    env: env && env.trim() !== '' ? env : undefined,
    repo: path.join(datasets, 'fashion-mnist'),
    system: SYSTEM_DIR,
    subset: path.join(datasets, 'fashion-mnist-subset'),
  };
}

let subsetNoticePrinted = false;

/** The notice printed (once per process) when the committed subset is used. */
export function subsetNotice(): string {
  const nTrain = fashionMnistFile('train', 'labels').subsetDims[0];
  const nTest = fashionMnistFile('test', 'labels').subsetDims[0];
  return `Using the committed Fashion-MNIST subset (${nTrain} train / ${nTest} test); run "npm run fetch-data" for the full set.`;
}

/**
 * Loads Fashion-MNIST (Xiao, Rasul and Vollgraf 2017) as typed arrays. See the module comment for
 * where it looks; `source` in the result says where it found the data.
 *
 * Loading the full set takes well under a second (gunzip plus SHA-256 of 55 MB).
 *
 * @example
 * const { train, test, source } = loadFashionMnist();          // both splits
 * const { train } = loadFashionMnist({ split: 'train', limit: 5000 });
 * const { X, y } = fashionMnistTensors(train);                 // X [N, 784] in [0, 1], y [N] int32
 *
 * @throws when `dir` or `FASHION_MNIST_DIR` names a folder without the needed files; when no
 *   location has them; when a file is corrupted, truncated or (with `verify`) fails its SHA-256
 *   check, naming the file; or on bad options.
 */
export function loadFashionMnist<S extends FashionMnistSplitName = 'both'>(
  options: LoadFashionMnistOptions<S> = {},
  searchPaths?: FashionMnistSearchPaths,
): FashionMnist<S> {
  const split: FashionMnistSplitName = options.split ?? 'both';
  if (!['train', 'test', 'both'].includes(split)) {
    throw new RangeError(`loadFashionMnist: options.split must be 'train', 'test' or 'both', got ${JSON.stringify(split)}`);
  }
  const limit = options.limit;
  if (limit !== undefined && (!Number.isInteger(limit) || limit <= 0)) {
    throw new RangeError(`loadFashionMnist: options.limit must be a positive integer, got ${limit}`);
  }
  const verify = options.verify ?? true;
  const splits: FashionMnistFileSplit[] = split === 'both' ? ['train', 'test'] : [split];
  const needed = FASHION_MNIST_FILES.filter((f) => splits.includes(f.split)).map((f) => f.name);

  const { location, dir } = locate(needed, options.dir, searchPaths ?? defaultFashionMnistSearchPaths());
  const acceptable = location === 'subset' ? (['subset'] as const) : location === 'repo' || location === 'system' ? (['full'] as const) : (['full', 'subset'] as const);

  const kinds = new Set<FashionMnistSource['kind']>();
  const result: Record<string, unknown> = {};
  for (const s of splits) {
    const images = readChecked(dir, s, 'images', verify, acceptable, kinds);
    const labels = readChecked(dir, s, 'labels', verify, acceptable, kinds);
    result[s] = assembleSplit(dir, s, images, labels, limit);
  }
  // Mixed kinds (say full training files next to subset test files) cannot pass verification with
  // one kind per file; report 'other' rather than guess.
  const kind = kinds.size === 1 ? [...kinds][0] : 'other';
  if (location === 'subset' && !options.quiet && !subsetNoticePrinted) {
    subsetNoticePrinted = true;
    console.log(subsetNotice());
  }
  result.source = { location, kind, dir } satisfies FashionMnistSource;
  return result as FashionMnist<S>;
}

/** Picks the first location that holds all `needed` files. Exported for tests. */
export function locate(
  needed: readonly string[],
  explicitDir: string | undefined,
  paths: FashionMnistSearchPaths,
): { location: FashionMnistSource['location']; dir: string } {
  const missingIn = (dir: string) => needed.filter((name) => !fs.existsSync(path.join(dir, name)));
  const required = (location: 'option' | 'env', dir: string, what: string) => {
    const abs = path.resolve(dir);
    if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory()) {
      throw new Error(`loadFashionMnist: ${what} ${abs} is not a directory`);
    }
    const missing = missingIn(abs);
    if (missing.length > 0) throw new Error(`loadFashionMnist: ${what} ${abs} lacks ${missing.join(', ')}`);
    return { location, dir: abs };
  };
  if (explicitDir !== undefined) {
    if (typeof explicitDir !== 'string' || explicitDir === '') {
      throw new TypeError(`loadFashionMnist: options.dir must be a non-empty path, got ${JSON.stringify(explicitDir)}`);
    }
    return required('option', explicitDir, 'options.dir');
  }
  if (paths.env !== undefined) return required('env', paths.env, 'FASHION_MNIST_DIR');
  for (const location of ['repo', 'system', 'subset'] as const) {
    const dir = path.resolve(paths[location]);
    if (missingIn(dir).length === 0) return { location, dir };
  }
  throw new Error(
    `loadFashionMnist: no Fashion-MNIST files found in ${paths.repo}, ${paths.system} or ${paths.subset} ` +
      `(needed: ${needed.join(', ')}); run "npm run fetch-data" or restore datasets/fashion-mnist-subset/ from git`,
  );
}

interface CheckedFile {
  dims: number[];
  data: Uint8Array;
  kind: FashionMnistSource['kind'];
  file: string;
}

function readChecked(
  dir: string,
  split: FashionMnistFileSplit,
  fileKind: 'images' | 'labels',
  verify: boolean,
  acceptable: readonly ('full' | 'subset')[],
  kinds: Set<FashionMnistSource['kind']>,
): CheckedFile {
  const info = fashionMnistFile(split, fileKind);
  const file = path.join(dir, info.name);
  const bytes = readMaybeGzip(file);
  let kind: FashionMnistSource['kind'];
  if (verify) {
    const digest = sha256Hex(bytes);
    const match = acceptable.find((k) => digest === (k === 'full' ? info.fullSha256 : info.subsetSha256));
    if (!match) {
      const expected = acceptable.map((k) => `${k === 'full' ? info.fullSha256 : info.subsetSha256} (${k})`).join(' or ');
      const hint = acceptable.length === 2 ? '; pass { verify: false } to load other files from this folder' : '; delete it and run "npm run fetch-data"';
      throw new Error(`${file}: SHA-256 of the decompressed data is ${digest}, expected ${expected}: the file is corrupted or not Fashion-MNIST${hint}`);
    }
    kind = match;
  } else {
    kind = 'other';
  }
  const idx = parseIdx(bytes, file);
  if (idx.dtype !== 'uint8') throw new Error(`${file}: IDX element type ${idx.dtype}, expected uint8`);
  const expectedRank = fileKind === 'images' ? 3 : 1;
  if (idx.dims.length !== expectedRank || (fileKind === 'images' && (idx.dims[1] !== IMAGE_SIDE || idx.dims[2] !== IMAGE_SIDE))) {
    throw new Error(`${file}: dimensions [${idx.dims.join(', ')}], expected ${fileKind === 'images' ? '[N, 28, 28]' : '[N]'}`);
  }
  if (!verify) {
    // Unverified files: name them by size so `source.kind` still says full or subset when it is.
    const n = idx.dims[0];
    kind = n === info.fullDims[0] ? 'full' : n === info.subsetDims[0] ? 'subset' : 'other';
  }
  kinds.add(kind);
  return { dims: idx.dims, data: idx.data as Uint8Array, kind, file };
}

function assembleSplit(dir: string, split: FashionMnistFileSplit, images: CheckedFile, labels: CheckedFile, limit: number | undefined): FashionMnistSplit {
  const total = images.dims[0];
  if (labels.dims[0] !== total) {
    throw new Error(`${dir}: ${split} split has ${total} images (${images.file}) but ${labels.dims[0]} labels (${labels.file})`);
  }
  for (let i = 0; i < labels.data.length; i++) {
    if (labels.data[i] > 9) throw new Error(`${labels.file}: label ${labels.data[i]} at index ${i} is outside 0..9`);
  }
  const n = limit === undefined ? total : Math.min(limit, total);
  // With a limit, copy the kept part so the (large) decompressed buffer can be freed.
  const imageData = n === total ? images.data : images.data.slice(0, n * IMAGE_PIXELS);
  const labelData = n === total ? labels.data : labels.data.slice(0, n);
  return { images: imageData, labels: labelData, n, shape: [n, IMAGE_SIDE, IMAGE_SIDE] };
}

/** Options for {@link fashionMnistTensors}. */
export interface FashionMnistTensorOptions {
  /** Pixel scale of `X`: `'unit'` divides by 255 (values in [0, 1]); `'raw'` keeps 0..255. Default `'unit'`. */
  scale?: 'unit' | 'raw';
}

/**
 * A split as tensors, for the lessons' fully connected networks.
 *
 * @returns `X` float32 `[N, 784]` (each row one image, row-major pixels) and `y` int32 `[N]`
 *   labels 0..9. The caller owns both and must dispose them.
 * @throws when `split` is not a decoded split (sizes inconsistent) or `scale` is unknown.
 */
export function fashionMnistTensors(split: FashionMnistSplit, options: FashionMnistTensorOptions = {}): { X: tf.Tensor2D; y: tf.Tensor1D } {
  const scale = options.scale ?? 'unit';
  if (scale !== 'unit' && scale !== 'raw') {
    throw new RangeError(`fashionMnistTensors: options.scale must be 'unit' or 'raw', got ${JSON.stringify(scale)}`);
  }
  const { images, labels, n } = split ?? ({} as FashionMnistSplit);
  if (!(images instanceof Uint8Array) || !(labels instanceof Uint8Array) || !Number.isInteger(n)) {
    throw new TypeError('fashionMnistTensors: split must be a split from loadFashionMnist ({ images, labels, n })');
  }
  if (images.length !== n * IMAGE_PIXELS || labels.length !== n) {
    throw new RangeError(`fashionMnistTensors: split.n is ${n}, but images has ${images.length} bytes (want ${n * IMAGE_PIXELS}) and labels ${labels.length}`);
  }
  // Built in JavaScript rather than with tf ops so no intermediate tensor exists to leak.
  const pixels = new Float32Array(images.length);
  if (scale === 'unit') for (let i = 0; i < images.length; i++) pixels[i] = images[i] / 255;
  else pixels.set(images);
  return { X: tf.tensor2d(pixels, [n, IMAGE_PIXELS], 'float32'), y: tf.tensor1d(Int32Array.from(labels), 'int32') };
}
