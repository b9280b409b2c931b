/**
 * The `data.*` config section, read and checked once: file paths, output folder, SPECIAL_CASE
 * policy, split ratios and seed, and the synthetic corpus's size and seed. Errors are
 * `ConfigError`s naming the key.
 *
 * @module
 */
import {
  ConfigError,
  configHas,
  configInt,
  configSection,
  configString,
  type ConfigTree,
  configValue,
} from "../config/mod.ts";
import { DataError } from "./errors.ts";
import { type SplitRatios, validateSplitRatios } from "./splits.ts";
import { isSpecialCasePolicy, type SpecialCasePolicy } from "./symptoms.ts";

/** The resolved `data.*` section. */
export interface DataConfig {
  /** Dataset name (`data.name`), kept in `splits.json` as the source. */
  readonly name: string;
  /** `data.posts_csv`. */
  readonly postsCsv: string;
  /** `data.annotations_csv`. */
  readonly annotationsCsv: string;
  /** `data.criteria_json`; `null` → the shipped DSM-5 MDD criteria. */
  readonly criteriaJson: string | null;
  /** `data.output_dir`: where ground truth and splits go. */
  readonly outputDir: string;
  /** `data.special_case`: `drop` (default) or `A.10`. */
  readonly specialCase: SpecialCasePolicy;
  /** `data.split.{train,val,test}`, validated. */
  readonly ratios: SplitRatios;
  /** `data.split.seed`. */
  readonly splitSeed: number;
  /** `data.synthetic.{n_posts,seed}` when the section exists (the `synthetic` data config). */
  readonly synthetic: { readonly nPosts: number; readonly seed: number } | null;
}

/**
 * Reads and checks `data.*` from a composed config.
 *
 * @example
 * ```ts
 * import { dataConfigFromConfig } from "./data_config.ts";
 * import { equal } from "node:assert/strict";
 * const data = dataConfigFromConfig({
 *   data: {
 *     name: "x", posts_csv: "p.csv", annotations_csv: "a.csv", criteria_json: null,
 *     output_dir: "out", special_case: "drop",
 *     split: { train: 0.8, val: 0.1, test: 0.1, seed: 3 },
 *   },
 * });
 * equal(data.splitSeed, 3);
 * equal(data.criteriaJson, null);
 * ```
 */
export function dataConfigFromConfig(config: ConfigTree): DataConfig {
  const criteria = configValue(config, "data.criteria_json");
  if (criteria !== null && typeof criteria !== "string") {
    throw new ConfigError("Cannot read data.criteria_json: expected a path or null", {
      keyPath: "data.criteria_json",
    });
  }
  const specialCase = configHas(config, "data.special_case")
    ? configValue(config, "data.special_case")
    : "drop";
  if (!isSpecialCasePolicy(specialCase)) {
    throw new ConfigError(
      `Cannot read data.special_case: ${JSON.stringify(specialCase)} is not "drop" or "A.10"`,
      { keyPath: "data.special_case" },
    );
  }
  let ratios: SplitRatios;
  try {
    ratios = validateSplitRatios(configSection(config, "data.split"), { keyPrefix: "data.split" });
  } catch (cause) {
    if (!(cause instanceof DataError)) throw cause;
    throw new ConfigError(cause.reason, { keyPath: cause.key ?? "data.split", cause });
  }
  return {
    name: configString(config, "data.name"),
    postsCsv: configString(config, "data.posts_csv"),
    annotationsCsv: configString(config, "data.annotations_csv"),
    criteriaJson: criteria,
    outputDir: configString(config, "data.output_dir"),
    specialCase,
    ratios,
    splitSeed: configInt(config, "data.split.seed"),
    synthetic: configHas(config, "data.synthetic")
      ? {
        nPosts: configInt(config, "data.synthetic.n_posts"),
        seed: configInt(config, "data.synthetic.seed"),
      }
      : null,
  };
}
