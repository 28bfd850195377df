export { relError, toFlatArray } from './relError';
export type { Numeric } from './relError';
export { expectClose, check, CheckError } from './expect';
export type { CloseOptions } from './expect';
export { numericalGradient, gradCheck } from './gradCheck';
export type { NumericalGradientOptions, GradCheckResult } from './gradCheck';
