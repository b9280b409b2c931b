/**
 * Reading `splits.json` back: shape checks and the leakage check run on every load.
 *
 * @module
 */
import { DataError } from "./errors.ts";
import { type PostSplits, SPLIT_NAMES, validateSplitRatios } from "./splits.ts";

/** Options for {@link parseSplits} and {@link loadSplits}. */
export interface LoadSplitsOptions {
  /** When given, every post id in the splits must be one of these. */
  readonly knownPostIds?: Iterable<string>;
}

function stringArray(value: unknown, file: string, key: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
    throw new DataError("Cannot read splits: expected an array of post id strings", { file, key });
  }
  return value;
}

/**
 * Parses a `splits.json` text and checks it: no post in two splits (or twice in one), counts
 * matching the metadata, ratios valid, and — given `knownPostIds` — no unknown post.
 *
 * @example
 * ```ts
 * import { parseSplits } from "./load_splits.ts";
 * import { throws } from "node:assert/strict";
 * const leaky = JSON.stringify({
 *   train: ["a", "b"],
 *   val: ["b"],
 *   test: [],
 *   metadata: { seed: 1, ratios: { train: 1, val: 0, test: 0 }, source: "x",
 *     counts: { train: 2, val: 1, test: 0, total: 3 } },
 * });
 * throws(() => parseSplits(leaky, "splits.json"), /"b" is in both "train" and "val"/);
 * ```
 */
export function parseSplits(
  text: string,
  file: string,
  options: LoadSplitsOptions = {},
): PostSplits {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new DataError(`Cannot parse splits: ${(cause as Error).message}`, { file }, { cause });
  }
  const lists = SPLIT_NAMES.map((name) => stringArray(raw?.[name], file, name));
  const meta = raw.metadata as Record<string, unknown> | undefined;
  if (typeof meta !== "object" || meta === null || typeof meta.seed !== "number") {
    throw new DataError("Cannot read splits: metadata.seed is missing", { file, key: "metadata" });
  }
  const ratios = validateSplitRatios((meta.ratios ?? {}) as Record<string, unknown>, {
    file,
    keyPrefix: "metadata.ratios",
  });
  const seenIn = new Map<string, string>();
  const known = options.knownPostIds ? new Set(options.knownPostIds) : undefined;
  SPLIT_NAMES.forEach((name, i) => {
    for (const id of lists[i]) {
      const other = seenIn.get(id);
      if (other !== undefined) {
        throw new DataError(`Cannot use splits: post "${id}" is in both "${other}" and "${name}"`, {
          file,
          key: name,
        });
      }
      if (known && !known.has(id)) {
        throw new DataError(`Cannot use splits: post "${id}" is not in the corpus`, {
          file,
          key: name,
        });
      }
      seenIn.set(id, name);
    }
  });
  const counts = {
    train: lists[0].length,
    val: lists[1].length,
    test: lists[2].length,
    total: seenIn.size,
  };
  const stated = meta.counts as Record<string, unknown> | undefined;
  for (const key of ["train", "val", "test", "total"] as const) {
    if (stated?.[key] !== counts[key]) {
      throw new DataError(
        `Cannot use splits: metadata.counts.${key} is ${
          JSON.stringify(stated?.[key])
        }, lists hold ${counts[key]}`,
        { file, key: `metadata.counts.${key}` },
      );
    }
  }
  return {
    train: lists[0],
    val: lists[1],
    test: lists[2],
    metadata: { seed: meta.seed, ratios, counts, source: String(meta.source ?? "") },
  };
}

/** Reads and checks a `splits.json` file (see {@link parseSplits}). */
export async function loadSplits(
  path: string,
  options: LoadSplitsOptions = {},
): Promise<PostSplits> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (cause) {
    throw new DataError(`Cannot read splits: ${(cause as Error).message}`, { file: path }, {
      cause,
    });
  }
  return parseSplits(text, path, options);
}
