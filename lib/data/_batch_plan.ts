/**
 * Which item indices go into which batch, per epoch — pure index arithmetic, no tensors.
 *
 * - Sequential (`shuffle: false`): `0..n-1` in order, cut into consecutive batches.
 * - Shuffled: a Fisher–Yates permutation from `Prng(deriveSeed(seed, "shuffle", epoch))`, cut
 *   into consecutive batches. Same seed and epoch → same batches; another epoch → another order.
 * - Length-grouped (`groupByLength: true`, like Hugging Face's `group_by_length`): the shuffled
 *   permutation is cut into chunks of `chunkBatches × batchSize` items, each chunk is sorted by
 *   length (longest first, ties kept in permutation order) and cut into batches, and then the
 *   order of all batches is shuffled with the same generator. Batches hold similar lengths, so
 *   padding (and the shape buckets the engine compiles) stay small.
 *
 * `dropLast` drops the one incomplete batch, wherever it ended up. Every item appears exactly
 * once per epoch otherwise.
 *
 * @module
 */
import { deriveSeed, Prng, shuffle } from "../random/mod.ts";
import { DataError } from "./errors.ts";

/** Where in-memory input "comes from" in a `DataError`. */
const MEMORY = "<memory>";

/** Options of {@link planBatches}. */
export interface BatchPlanOptions {
  /** Items per batch. */
  readonly batchSize: number;
  /** Root seed of the shuffling (required: randomness is explicit). */
  readonly seed: number;
  /** Epoch number; each epoch draws its own order. Default 0. */
  readonly epoch?: number;
  /** Shuffle the items; default `true`. With `false` the order is sequential. */
  readonly shuffle?: boolean;
  /** Drop the incomplete batch; default `false`. */
  readonly dropLast?: boolean;
  /** Group items of similar length into the same batch; default `false`. */
  readonly groupByLength?: boolean;
  /**
   * Batches per sorted chunk when grouping by length; default as Hugging Face's
   * `mega_batch_mult`: `min(floor(n / (4·batchSize)), 50)`, at least 1.
   */
  readonly chunkBatches?: number;
}

function positiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new DataError(`Cannot plan batches: ${name} ${value} is not a positive integer`, {
      file: MEMORY,
    });
  }
}

function cut(order: readonly number[], batchSize: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < order.length; i += batchSize) out.push(order.slice(i, i + batchSize));
  return out;
}

/**
 * The batches of one epoch as lists of item indices, for items of the given token `lengths`.
 *
 * @example
 * ```ts
 * import { planBatches } from "./mod.ts";
 * import { deepEqual } from "node:assert/strict";
 * const plan = planBatches([5, 3, 9, 4, 7], { batchSize: 2, seed: 42, epoch: 1 });
 * deepEqual(plan.flat().sort(), [0, 1, 2, 3, 4]);
 * deepEqual(plan, planBatches([5, 3, 9, 4, 7], { batchSize: 2, seed: 42, epoch: 1 }));
 * ```
 */
export function planBatches(lengths: readonly number[], options: BatchPlanOptions): number[][] {
  const { batchSize, seed, epoch = 0 } = options;
  positiveInteger("batchSize", batchSize);
  if (!Number.isInteger(seed)) {
    throw new DataError(`Cannot plan batches: seed ${seed} is not an integer`, { file: MEMORY });
  }
  if (!Number.isSafeInteger(epoch) || epoch < 0) {
    throw new DataError(`Cannot plan batches: epoch ${epoch} is not an integer ≥ 0`, {
      file: MEMORY,
    });
  }
  const indices = lengths.map((_, i) => i);
  let batches: number[][];
  if (options.shuffle === false) {
    batches = cut(indices, batchSize);
  } else {
    const prng = new Prng(deriveSeed(seed, "shuffle", epoch));
    const order = shuffle(prng, indices);
    if (options.groupByLength) {
      const chunkBatches = options.chunkBatches ??
        Math.max(1, Math.min(Math.floor(lengths.length / (4 * batchSize)), 50));
      positiveInteger("chunkBatches", chunkBatches);
      const chunkSize = chunkBatches * batchSize;
      const grouped: number[][] = [];
      for (let i = 0; i < order.length; i += chunkSize) {
        const chunk = order.slice(i, i + chunkSize);
        // Array.prototype.sort is stable, so ties keep their (seeded) permutation order.
        chunk.sort((a, b) => lengths[b] - lengths[a]);
        grouped.push(...cut(chunk, batchSize));
      }
      batches = shuffle(prng, grouped);
    } else {
      batches = cut(order, batchSize);
    }
  }
  return options.dropLast ? batches.filter((b) => b.length === batchSize) : batches;
}
