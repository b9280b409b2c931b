/**
 * Room `hpo` (see shared/DESIGN.md §2): hyper-parameter search with Optuna's semantics —
 * distributions, samplers, pruners, studies with ask/tell and optimize, and storages (in memory,
 * or an Optuna-compatible journal file shared by several processes). The objective is a
 * callback; this room never imports training code.
 *
 * @module
 */
export type * from "./types.ts";
export { HpoError, StudyStorageError, TrialPruned } from "./errors.ts";
export type { StudyStorage, StudySummary, TrialTemplate } from "./storage.ts";
export { InMemoryStorage, type InMemoryStorageOptions } from "./in_memory_storage.ts";
export { JournalFileStorage, type JournalFileStorageOptions } from "./journal_storage.ts";
export {
  createStudy,
  type CreateStudyOptions,
  loadStudy,
  type LoadStudyOptions,
} from "./create_study.ts";
export {
  type EnqueueTrialOptions,
  type Objective,
  type OptimizeCallback,
  type OptimizeOptions,
  Study,
  type StudyOptions,
  type TellResult,
} from "./study.ts";
export { type SuggestFloatOptions, type SuggestIntOptions, Trial } from "./trial.ts";
export { NopPruner } from "./nop_pruner.ts";
export {
  nanPercentile,
  PercentilePruner,
  type PercentilePrunerOptions,
} from "./percentile_pruner.ts";
export { MedianPruner } from "./median_pruner.ts";
export {
  completedRungKey,
  SuccessiveHalvingPruner,
  type SuccessiveHalvingPrunerOptions,
} from "./successive_halving_pruner.ts";
export { HyperbandPruner, type HyperbandPrunerOptions } from "./hyperband_pruner.ts";
export {
  categoricalDistribution,
  containsValue,
  distributionsCompatible,
  distributionsEqual,
  floatDistribution,
  type FloatDistributionOptions,
  intDistribution,
  type IntDistributionOptions,
  isSingleValued,
  toExternal,
  toInternal,
} from "./distributions.ts";
export { distributionFromJson, distributionToJson } from "./distribution_json.ts";
export { randomSampler, type RandomSamplerOptions } from "./random_sampler.ts";
export { type GridSampler, gridSampler, type GridSamplerOptions } from "./grid_sampler.ts";
export { tpeSampler, type TpeSamplerOptions } from "./tpe_sampler.ts";
