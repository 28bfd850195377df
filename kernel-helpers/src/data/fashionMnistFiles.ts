/**
 * What we know about the Fashion-MNIST files (Xiao, Rasul and Vollgraf 2017, arXiv:1708.07747;
 * https://github.com/zalandoresearch/fashion-mnist, MIT license): names, shapes and checksums of
 * the full set and of the subset committed in `datasets/fashion-mnist-subset/`.
 *
 * Why the checksums are of the *decompressed* IDX bytes: the Debian package
 * `dataset-fashion-mnist` recompressed the upstream `.gz` files (its gzip headers carry the
 * packaging date, 2020-06-05), so its `.gz` files differ byte-for-byte from upstream's and fail the
 * upstream MD5s. Their decompressed content matches the MD5s of the decompressed upstream files
 * that other projects publish, so hashing the IDX content accepts both copies while still
 * detecting any change to the data. `datasets/README.md` records all the hashes.
 *
 * `scripts/fetch-data.mjs` and `datasets/make-subset.mjs` repeat the full-set hashes (they run
 * without building this package); a unit test checks that the copies agree.
 */

/** Fashion-MNIST's ten class names, indexed by label (0 = 'T-shirt/top' … 9 = 'Ankle boot'). */
export const FASHION_MNIST_CLASSES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
] as const;

/** The two splits as the files name them: `train` (60,000 examples) and `t10k` (10,000, the test set). */
export type FashionMnistFileSplit = 'train' | 'test';

/** One of the four distributed files, with its checksums. */
export interface FashionMnistFileInfo {
  /** Standard file name, e.g. `train-images-idx3-ubyte.gz`; the committed subset uses the same names. */
  name: string;
  split: FashionMnistFileSplit;
  kind: 'images' | 'labels';
  /** IDX dimensions of the full set: `[N, 28, 28]` for images, `[N]` for labels. */
  fullDims: readonly number[];
  /** SHA-256 of the decompressed IDX bytes of the full-set file (upstream and Debian agree). */
  fullSha256: string;
  /** SHA-256 of the Debian package's `.gz` file (as installed in /usr/share/datasets/fashion-mnist/). */
  debianGzSha256: string;
  /** MD5 of upstream's `.gz` file, as published in the upstream README (for reference only). */
  upstreamGzMd5: string;
  /** MD5 of the decompressed upstream file, as published by other projects; matched by the Debian copy. */
  upstreamIdxMd5: string;
  /** IDX dimensions of the committed subset file. */
  subsetDims: readonly number[];
  /** SHA-256 of the decompressed IDX bytes of the committed subset file. */
  subsetSha256: string;
  /** SHA-256 of the committed subset's `.gz` file as written by `datasets/make-subset.mjs` (gzip level 9). */
  subsetGzSha256: string;
}

/** The four files, training images first. */
export const FASHION_MNIST_FILES: readonly FashionMnistFileInfo[] = [
  {
    name: 'train-images-idx3-ubyte.gz',
    split: 'train',
    kind: 'images',
    fullDims: [60000, 28, 28],
    fullSha256: 'c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888',
    debianGzSha256: 'b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7',
    upstreamGzMd5: '8d4fb7e6c68d591d4c3dfef9ec88bf0d',
    upstreamIdxMd5: 'f4a8712d7a061bf5bd6d2ca38dc4d50a',
    subsetDims: [10000, 28, 28],
    subsetSha256: 'd33512cfdc636a0d8972818e6659995be209a88891df7fa2109d7895922c8985',
    subsetGzSha256: '97e48297e17befbae2d7b14a01526a3889e584ecd9370c095f91b8c60079e6b8',
  },
  {
    name: 'train-labels-idx1-ubyte.gz',
    split: 'train',
    kind: 'labels',
    fullDims: [60000],
    fullSha256: 'bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9',
    debianGzSha256: '0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056',
    upstreamGzMd5: '25c81989df183df01b3e8a0aad5dffbe',
    upstreamIdxMd5: '9018921c3c673c538a1fc5bad174d6f9',
    subsetDims: [10000],
    subsetSha256: '620cb8e3b9348037c5ff9a07b02d773ab165330e072dfd19e0d21c59f8042dcf',
    subsetGzSha256: 'e43128c6977447b7333b70c2fed2047f0a5b2ef8fb5e5180a37380c179153040',
  },
  {
    name: 't10k-images-idx3-ubyte.gz',
    split: 'test',
    kind: 'images',
    fullDims: [10000, 28, 28],
    fullSha256: '5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b',
    debianGzSha256: 'cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa',
    upstreamGzMd5: 'bef4ecab320f06d8554ea6380940ec79',
    upstreamIdxMd5: '8181f5470baa50b63fa0f6fddb340f0a',
    subsetDims: [2000, 28, 28],
    subsetSha256: '15a92dd1e9b16ea361928086e77df4dfa890c255c00b5a8c8162c1040ce8eef1',
    subsetGzSha256: '91d67b5c5b9e655adaeb50d69a20825546752c03c4734e395a2e6160d73536a1',
  },
  {
    name: 't10k-labels-idx1-ubyte.gz',
    split: 'test',
    kind: 'labels',
    fullDims: [10000],
    fullSha256: '0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34',
    debianGzSha256: '8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05',
    upstreamGzMd5: 'bb300cfdad3c16e7a12a480ee83cd310',
    upstreamIdxMd5: '15d484375f8d13e6eb1aabb0c3f46965',
    subsetDims: [2000],
    subsetSha256: '234596aeb6eb48133ec99a62541f90bc0728c9559a681f1e0638037462458f2c',
    subsetGzSha256: '02867bb9ac2eb01d57818359126fe0f142c48d6a688adc73daba5ff30c2dfb04',
  },
];

/** The file record for one split and kind. */
export function fashionMnistFile(split: FashionMnistFileSplit, kind: 'images' | 'labels'): FashionMnistFileInfo {
  const info = FASHION_MNIST_FILES.find((f) => f.split === split && f.kind === kind);
  // Unreachable with the typed arguments; guards calls from untyped notebook code.
  if (!info) throw new RangeError(`fashionMnistFile: unknown split '${split}' or kind '${kind}'`);
  return info;
}
