import { initBackend, InitBackendOptions, BackendName } from './backend';
import { versionLine } from './versions';
import { seed, Rng } from '../random';

/** Options for {@link setupLesson}. */
export interface SetupLessonOptions extends InitBackendOptions {
  /** The lesson's one seed, an integer in [0, 2^32). */
  seed: number;
  /** Print the versions line (default true). */
  print?: boolean;
}

/** What {@link setupLesson} returns. */
export interface LessonSetup {
  backend: BackendName;
  /** The lesson's root generator (the same one `rng()` returns). */
  rng: Rng;
}

/**
 * The first cell of every lesson: selects and readies the fastest backend, seeds every random
 * stream, and prints one line of versions and the backend.
 */
export async function setupLesson(options: SetupLessonOptions): Promise<LessonSetup> {
  if (options === undefined || typeof options.seed !== 'number') {
    throw new TypeError('setupLesson: options.seed is required (an integer in [0, 2^32))');
  }
  const backend = await initBackend(options);
  const root = seed(options.seed);
  if (options.print ?? true) console.log(`${versionLine()} · seed ${options.seed}`);
  return { backend, rng: root };
}
