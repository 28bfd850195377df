export { initBackend, currentBackend, onBackendSelected } from './backend';
export type { BackendName, InitBackendOptions } from './backend';
export { versions, versionLine } from './versions';
export type { Versions } from './versions';
export { setupLesson } from './setup';
export type { SetupLessonOptions, LessonSetup } from './setup';
