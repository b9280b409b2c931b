/**
 * Pure sampling helpers over a {@link Prng}: they never mutate their inputs.
 *
 * @module
 */
import type { Prng } from "./prng.ts";

/**
 * A shuffled copy of `items` (Fisher–Yates, drawing from `prng`).
 *
 * @example
 * ```ts
 * import { Prng, shuffle } from "./mod.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * deepStrictEqual(shuffle(new Prng(1), [1, 2, 3]).sort(), [1, 2, 3]);
 * ```
 */
export function shuffle<T>(prng: Prng, items: readonly T[]): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = prng.int(0, i);
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out;
}

/**
 * `k` distinct elements of `items` drawn without replacement, in draw order (a partial
 * Fisher–Yates shuffle).
 *
 * @example
 * ```ts
 * import { Prng, sample } from "./mod.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * deepStrictEqual(sample(new Prng(7), ["a", "b", "c", "d"], 2).length, 2);
 * ```
 */
export function sample<T>(prng: Prng, items: readonly T[], k: number): T[] {
  if (!Number.isInteger(k) || k < 0 || k > items.length) {
    throw new RangeError(`Cannot sample ${k} items: expected an integer in [0, ${items.length}]`);
  }
  const pool = items.slice();
  for (let i = 0; i < k; i++) {
    const j = prng.int(i, pool.length - 1);
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
  }
  return pool.slice(0, k);
}

/**
 * An index drawn with probability proportional to `weights` (non-negative, not all zero).
 *
 * @example
 * ```ts
 * import { Prng, weightedIndex } from "./mod.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * deepStrictEqual(weightedIndex(new Prng(3), [0, 1, 0]), 1);
 * ```
 */
export function weightedIndex(prng: Prng, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) {
    if (!(w >= 0) || !Number.isFinite(w)) {
      throw new RangeError(`Cannot draw a weighted index: weight ${w} is not a finite value ≥ 0`);
    }
    total += w;
  }
  if (total <= 0) throw new RangeError("Cannot draw a weighted index: all weights are zero");
  let r = prng.float() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i];
    if (r < 0) return i;
  }
  for (let i = weights.length - 1; i >= 0; i--) if (weights[i] > 0) return i;
  return weights.length - 1;
}
