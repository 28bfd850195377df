// Temporary entry point: starts plain tslab until the lessons kernel (issue 8) replaces it.
import { startKernel } from 'tslab/dist/main';

const configIndex = process.argv.indexOf('--config-path');
startKernel({ configPath: process.argv[configIndex + 1], enableFindLocal: false, jsKernel: false });
