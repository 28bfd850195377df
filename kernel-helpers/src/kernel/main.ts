/**
 * Entry point of the "TypeScript (lessons)" kernel (kernel.json runs
 * `node dist/kernel/main.js --config-path {connection_file}`).
 */
import { startLessonsKernel } from './start';

/** The value of `--config-path` in `argv`, or an error naming what is missing. */
function configPathFrom(argv: readonly string[]): string {
  const i = argv.indexOf('--config-path');
  const value = i >= 0 ? argv[i + 1] : undefined;
  if (!value) throw new Error('usage: node dist/kernel/main.js --config-path <connection file>');
  return value;
}

startLessonsKernel({ configPath: configPathFrom(process.argv) }).catch((err: unknown) => {
  console.error('lessons kernel failed to start:', err);
  process.exit(1);
});
