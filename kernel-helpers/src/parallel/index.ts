export { runTrials, TrialError } from './runTrials';
export { shutdownTrialWorkers, trialWorkerStats, DEFAULT_IDLE_TIMEOUT_MS, type TrialWorkerStats } from './pool';
export { formatTrialProgress, printTrialProgress } from './progress';
export type { Trial, TrialContext, TrialProgress, RunTrialsOptions } from './types';
export { shareFunctions, rebuildFunctions, type SharedFunctions } from './sharedFunctions';
