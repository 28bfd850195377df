export { runTrials, TrialError } from './runTrials';
export { formatTrialProgress, printTrialProgress } from './progress';
export type { Trial, TrialContext, TrialProgress, RunTrialsOptions } from './types';
export { shareFunctions, rebuildFunctions, type SharedFunctions } from './sharedFunctions';
