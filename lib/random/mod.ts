/**
 * Seeded randomness: one root seed, child seeds per purpose, a resumable generator.
 *
 * @module
 */
export { Prng, type PrngState } from "./prng.ts";
export { deriveSeed } from "./derive_seed.ts";
export { sample, shuffle, weightedIndex } from "./sampling.ts";
