export { parseIdx, readIdx, readMaybeGzip, encodeIdx, isGzip } from './idx';
export type { IdxArray, IdxData, IdxDtype } from './idx';
export { sha256Hex, verifySha256 } from './checksum';
export { FASHION_MNIST_CLASSES, FASHION_MNIST_FILES, fashionMnistFile } from './fashionMnistFiles';
export type { FashionMnistFileInfo, FashionMnistFileSplit } from './fashionMnistFiles';
export { loadFashionMnist, fashionMnistTensors, defaultFashionMnistSearchPaths, repoDatasetsDir, subsetNotice } from './fashionMnist';
export type {
  FashionMnist,
  FashionMnistSplit,
  FashionMnistSplitName,
  FashionMnistSource,
  FashionMnistSearchPaths,
  FashionMnistTensorOptions,
  LoadFashionMnistOptions,
} from './fashionMnist';
export { spiral, gaussianBlobs, correlatedGaussian, labeledTensors, pointsTensor } from './synthetic';
export type { LabeledPoints, Points, SpiralOptions, GaussianBlobsOptions, CorrelatedGaussianOptions } from './synthetic';
export { trainValTestSplit, kFoldIndices, selectRows } from './splits';
export type { TrainValTestIndices, TrainValTestSplitOptions, Fold, KFoldOptions, NumericArray } from './splits';
export { Standardizer } from './standardizer';
export type { StandardizerOptions, StandardizeOver } from './standardizer';
export { symmetricEigen, type SymmetricEigen, type SymmetricEigenOptions } from './eigh';
