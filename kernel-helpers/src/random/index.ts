export { Rng } from './rng';
export { seed, rng, unseed } from './seed';
