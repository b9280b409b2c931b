/**
 * Train/validation/test splits by post: seeded, ratios validated, persisted as `splits.json` and
 * re-checked for leakage (a post in two splits, an unknown post) whenever loaded.
 *
 * @module
 */
import { deriveSeed, Prng, shuffle } from "../random/mod.ts";
import { DataError } from "./errors.ts";

/** Split fractions; each ≥ 0 and together 1 (within 1e-9). */
export interface SplitRatios {
  /** Fraction of posts in the training split. */
  readonly train: number;
  /** Fraction of posts in the validation split. */
  readonly val: number;
  /** Fraction of posts in the test split. */
  readonly test: number;
}

/** The split names, in file order. */
export const SPLIT_NAMES: readonly (keyof SplitRatios)[] = ["train", "val", "test"];

/** What produced a split file: seed, ratios, sizes and the data source. */
export interface SplitsMetadata {
  /** The seed the posts were shuffled with. */
  readonly seed: number;
  /** The requested ratios. */
  readonly ratios: SplitRatios;
  /** Posts per split, and in total. */
  readonly counts: {
    readonly train: number;
    readonly val: number;
    readonly test: number;
    readonly total: number;
  };
  /** A name for the data the split was made from (e.g. the dataset name or posts path). */
  readonly source: string;
}

/** Post ids per split plus metadata; no post appears in two splits. */
export interface PostSplits {
  /** Training post ids (sorted). */
  readonly train: readonly string[];
  /** Validation post ids (sorted). */
  readonly val: readonly string[];
  /** Test post ids (sorted). */
  readonly test: readonly string[];
  /** How the split was made. */
  readonly metadata: SplitsMetadata;
}

/** Where a ratio came from, for error messages: a file and a key prefix (`data.split`). */
export interface ValidateSplitRatiosOptions {
  /** The config or split file the ratios came from. */
  readonly file?: string;
  /** The key of the ratios object; errors name `${keyPrefix}.train` etc. */
  readonly keyPrefix?: string;
}

/**
 * Checks split ratios: each a finite number ≥ 0, summing to 1 within 1e-9. Throws a
 * {@link DataError} naming the offending key otherwise.
 *
 * @example
 * ```ts
 * import { validateSplitRatios } from "./splits.ts";
 * import { deepEqual, throws } from "node:assert/strict";
 * deepEqual(validateSplitRatios({ train: 0.7, val: 0.15, test: 0.15 }), {
 *   train: 0.7,
 *   val: 0.15,
 *   test: 0.15,
 * });
 * throws(() => validateSplitRatios({ train: 0.7, val: 0.2, test: 0.2 }), /data\.split/);
 * ```
 */
export function validateSplitRatios(
  ratios: Readonly<Record<string, unknown>>,
  options: ValidateSplitRatiosOptions = {},
): SplitRatios {
  const file = options.file ?? "<config>";
  const prefix = options.keyPrefix ?? "data.split";
  const values = SPLIT_NAMES.map((name) => {
    const v = ratios[name];
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
      throw new DataError(`Cannot use a split ratio: ${JSON.stringify(v)} is not a number ≥ 0`, {
        file,
        key: `${prefix}.${name}`,
      });
    }
    return v;
  });
  const sum = values[0] + values[1] + values[2];
  if (Math.abs(sum - 1) > 1e-9) {
    throw new DataError(`Cannot use split ratios: train + val + test = ${sum}, not 1`, {
      file,
      key: prefix,
    });
  }
  return { train: values[0], val: values[1], test: values[2] };
}

/** Options for {@link makeSplits}. */
export interface MakeSplitsOptions {
  /** Split fractions (validated). */
  readonly ratios: SplitRatios;
  /** Root seed; the shuffle uses `deriveSeed(seed, "splits")`. */
  readonly seed: number;
  /** A name for the data source, kept in the metadata. */
  readonly source: string;
}

/**
 * Splits posts (not sentences) into train/val/test: the sorted ids are shuffled with a seeded
 * generator, then val gets `round(n·val)` posts, test `round(n·test)` and train the rest.
 *
 * @example
 * ```ts
 * import { makeSplits } from "./splits.ts";
 * import { equal } from "node:assert/strict";
 * const ids = Array.from({ length: 20 }, (_, i) => `p${i}`);
 * const s = makeSplits(ids, { ratios: { train: 0.7, val: 0.15, test: 0.15 }, seed: 1, source: "x" });
 * equal(s.train.length + s.val.length + s.test.length, 20);
 * equal(s.val.length, 3);
 * ```
 */
export function makeSplits(postIds: readonly string[], options: MakeSplitsOptions): PostSplits {
  const ratios = validateSplitRatios({ ...options.ratios });
  const ids = [...new Set(postIds)].toSorted();
  if (ids.length !== postIds.length) {
    throw new DataError("Cannot split posts: a post id appears twice", { file: options.source });
  }
  const order = shuffle(new Prng(deriveSeed(options.seed, "splits")), ids);
  const n = order.length;
  const nTest = Math.min(Math.round(n * ratios.test), n);
  const nVal = Math.min(Math.round(n * ratios.val), n - nTest);
  const nTrain = n - nVal - nTest;
  const train = order.slice(0, nTrain).toSorted();
  const val = order.slice(nTrain, nTrain + nVal).toSorted();
  const test = order.slice(nTrain + nVal).toSorted();
  return {
    train,
    val,
    test,
    metadata: {
      seed: options.seed,
      ratios,
      counts: { train: nTrain, val: nVal, test: nTest, total: n },
      source: options.source,
    },
  };
}

/** Formats splits as the `splits.json` text (2-space JSON, final newline). */
export function formatSplitsJson(splits: PostSplits): string {
  const { train, val, test, metadata } = splits;
  return JSON.stringify({ train, val, test, metadata }, null, 2) + "\n";
}
