/**
 * The whole ground-truth step in one call: validate every input, build the criteria and evidence
 * tables and the post-level splits, then write `criteria_groundtruth.csv`,
 * `evidence_groundtruth.csv`, `splits.json` and `repairs.json` into the output folder. Any input
 * error is thrown before a single byte reaches the output folder.
 *
 * @module
 */
import { join } from "node:path";
import { writeFilesAtomic } from "./_atomic_write.ts";
import { criteriaForPolicy, type Dsm5Criterion, readDsm5Criteria } from "./dsm5_criteria.ts";
import { DataError } from "./errors.ts";
import {
  buildGroundTruth,
  type CriteriaGroundTruthRow,
  type EvidenceGroundTruthRow,
  formatCriteriaGroundTruthCsv,
  formatEvidenceGroundTruthCsv,
  type GroundTruth,
  parseCriteriaGroundTruthCsv,
  parseEvidenceGroundTruthCsv,
} from "./groundtruth.ts";
import { type LoadSplitsOptions, parseSplits } from "./load_splits.ts";
import { readRedsm5, type Redsm5Corpus } from "./redsm5.ts";
import {
  formatSplitsJson,
  makeSplits,
  type PostSplits,
  type SplitRatios,
  validateSplitRatios,
} from "./splits.ts";
import type { SpecialCasePolicy } from "./symptoms.ts";

/** Inputs and outputs of {@link makeGroundTruth} (the `data.*` config keys, resolved). */
export interface MakeGroundTruthOptions {
  /** Path of `redsm5_posts.csv` (`data.posts_csv`). */
  readonly postsCsv: string;
  /** Path of `redsm5_annotations.csv` (`data.annotations_csv`). */
  readonly annotationsCsv: string;
  /** Path of a criteria JSON, or `null` for the shipped DSM-5 MDD file (`data.criteria_json`). */
  readonly criteriaJson: string | null;
  /** Folder the outputs go to (`data.output_dir`). */
  readonly outputDir: string;
  /** SPECIAL_CASE policy (`data.special_case`). */
  readonly specialCase: SpecialCasePolicy;
  /** Split ratios (`data.split`); validated again here. */
  readonly ratios: SplitRatios;
  /** Split seed (`data.split.seed`). */
  readonly seed: number;
  /** A name for the data source, kept in `splits.json` (e.g. `data.name`). */
  readonly source: string;
}

/** What {@link makeGroundTruth} built and wrote. */
export interface MakeGroundTruthResult {
  /** The loaded, repaired corpus (its `repairs` were saved as `repairs.json`). */
  readonly corpus: Redsm5Corpus;
  /** The criteria in task order. */
  readonly criteria: readonly Dsm5Criterion[];
  /** Both ground-truth tables. */
  readonly groundTruth: GroundTruth;
  /** The post-level splits. */
  readonly splits: PostSplits;
  /** Paths of the files written. */
  readonly files: readonly string[];
}

/** File names written into the output folder. */
export const GROUNDTRUTH_FILES = {
  criteria: "criteria_groundtruth.csv",
  evidence: "evidence_groundtruth.csv",
  splits: "splits.json",
  repairs: "repairs.json",
} as const;

/** Loads, validates, builds and writes the ground truth (see the module doc). */
export async function makeGroundTruth(
  options: MakeGroundTruthOptions,
): Promise<MakeGroundTruthResult> {
  const ratios = validateSplitRatios({ ...options.ratios }, { keyPrefix: "data.split" });
  const criteriaFile = await readDsm5Criteria(options.criteriaJson);
  const criteria = criteriaForPolicy(
    criteriaFile,
    options.specialCase,
    options.criteriaJson ?? "lib/data/dsm5_mdd_criteria.json",
  );
  const corpus = await readRedsm5(options);
  const groundTruth = buildGroundTruth(corpus, { specialCase: options.specialCase });
  const splits = makeSplits(corpus.posts.map((p) => p.postId), {
    ratios,
    seed: options.seed,
    source: options.source,
  });
  const files = await writeFilesAtomic(options.outputDir, {
    [GROUNDTRUTH_FILES.criteria]: formatCriteriaGroundTruthCsv(groundTruth.criteria),
    [GROUNDTRUTH_FILES.evidence]: formatEvidenceGroundTruthCsv(groundTruth.evidence),
    [GROUNDTRUTH_FILES.splits]: formatSplitsJson(splits),
    [GROUNDTRUTH_FILES.repairs]: JSON.stringify(corpus.repairs, null, 2) + "\n",
  });
  return { corpus, criteria, groundTruth, splits, files };
}

/** The ground-truth tables and splits read back from an output folder. */
export interface GroundTruthFiles {
  /** Rows of `criteria_groundtruth.csv`. */
  readonly criteria: readonly CriteriaGroundTruthRow[];
  /** Rows of `evidence_groundtruth.csv`. */
  readonly evidence: readonly EvidenceGroundTruthRow[];
  /** `splits.json`, checked for leakage (and unknown posts, given `knownPostIds`). */
  readonly splits: PostSplits;
}

async function readOutput(path: string): Promise<string> {
  try {
    return await Deno.readTextFile(path);
  } catch (cause) {
    throw new DataError(
      `Cannot read ground truth: ${(cause as Error).message} (run \`deno task make_groundtruth\`)`,
      { file: path },
      { cause },
    );
  }
}

/**
 * Reads what {@link makeGroundTruth} wrote into `outputDir`; the splits are re-checked for a
 * post in two splits and, with `knownPostIds`, for posts not in the corpus.
 */
export async function readGroundTruthFiles(
  outputDir: string,
  options: LoadSplitsOptions = {},
): Promise<GroundTruthFiles> {
  const path = (name: string) => join(outputDir, name);
  const criteriaPath = path(GROUNDTRUTH_FILES.criteria);
  const evidencePath = path(GROUNDTRUTH_FILES.evidence);
  const splitsPath = path(GROUNDTRUTH_FILES.splits);
  return {
    criteria: parseCriteriaGroundTruthCsv(await readOutput(criteriaPath), criteriaPath),
    evidence: parseEvidenceGroundTruthCsv(await readOutput(evidencePath), evidencePath),
    splits: parseSplits(await readOutput(splitsPath), splitsPath, options),
  };
}
