export { minibatchIndices, gatherBatch } from './minibatches';
export type { MinibatchOptions } from './minibatches';
export { accuracy } from './accuracy';
export { train } from './loop';
export type { Model, ForwardOutput, TensorStats, StepInfo, EpochInfo, StopReason, TrainOptions, TrainResult } from './loop';
