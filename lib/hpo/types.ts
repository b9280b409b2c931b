/**
 * The data a study is made of: distributions, trial states and frozen trials, and the narrow
 * interfaces of samplers, pruners and storages. Everything here is plain, read-only data.
 *
 * @module
 */

/** A float parameter: uniform in [low, high], optionally on a log scale or a grid of `step`. */
export interface FloatDistribution {
  /** Tag of the union. */
  readonly kind: "float";
  /** Lower bound (inclusive). */
  readonly low: number;
  /** Upper bound (inclusive for a `step` grid; exclusive for continuous sampling). */
  readonly high: number;
  /** Sample uniformly in log space (needs `low > 0`). */
  readonly log: boolean;
  /** Grid spacing (`null` for continuous); incompatible with `log`. */
  readonly step: number | null;
}

/** An integer parameter in [low, high] with `step` (default 1), optionally on a log scale. */
export interface IntDistribution {
  /** Tag of the union. */
  readonly kind: "int";
  /** Lower bound (inclusive). */
  readonly low: number;
  /** Upper bound (inclusive). */
  readonly high: number;
  /** Sample uniformly in log space (needs `low ≥ 1` and `step` 1). */
  readonly log: boolean;
  /** Spacing of the admissible integers. */
  readonly step: number;
}

/** A categorical JSON value: what Optuna accepts as a choice. */
export type CategoricalChoice = null | boolean | number | string;

/** One of a fixed list of choices. */
export interface CategoricalDistribution {
  /** Tag of the union. */
  readonly kind: "categorical";
  /** The admissible values, in order (the internal value is the index). */
  readonly choices: readonly CategoricalChoice[];
}

/** Any search-space dimension. */
export type Distribution = FloatDistribution | IntDistribution | CategoricalDistribution;

/** A parameter's external value (what the objective sees). */
export type ParamValue = number | CategoricalChoice;

/** The life of a trial, with Optuna's names and journal codes (RUNNING 0 … WAITING 4). */
export type TrialState = "RUNNING" | "COMPLETE" | "PRUNED" | "FAIL" | "WAITING";

/** Whether the objective is minimised or maximised. */
export type StudyDirection = "minimize" | "maximize";

/** A JSON value, for user and system attributes. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/** A trial as stored: immutable snapshot handed to samplers and pruners. */
export interface FrozenTrial {
  /** Index of the trial within its study, from 0. */
  readonly number: number;
  /** Storage-wide id (unique across studies of one storage). */
  readonly trialId: number;
  /** Where the trial is in its life. */
  readonly state: TrialState;
  /** Final objective value (COMPLETE), last intermediate value (PRUNED), else `null`. */
  readonly value: number | null;
  /** External parameter values, by name. */
  readonly params: Readonly<Record<string, ParamValue>>;
  /** The distribution each parameter was drawn from, by name. */
  readonly distributions: Readonly<Record<string, Distribution>>;
  /** Reported intermediate values, by step (integer ≥ 0). */
  readonly intermediateValues: ReadonlyMap<number, number>;
  /** Attributes set by the user. */
  readonly userAttrs: Readonly<Record<string, JsonValue>>;
  /** Attributes set by samplers, pruners and the study (`fixed_params`, `completed_rung_0`). */
  readonly systemAttrs: Readonly<Record<string, JsonValue>>;
  /** Start time (`null` for WAITING trials). */
  readonly datetimeStart: Date | null;
  /** Completion time of a finished trial, else `null`. */
  readonly datetimeComplete: Date | null;
}

/**
 * What a sampler or pruner may see of a study: its direction, name and trials. With Hyperband,
 * samplers get a bracket-filtered view.
 */
export interface StudyView {
  /** The study's unique name (Hyperband hashes it). */
  readonly studyName: string;
  /** Whether values are minimised or maximised. */
  readonly direction: StudyDirection;
  /** All trials of the study in number order (optionally filtered by state). */
  trials(states?: readonly TrialState[]): readonly FrozenTrial[];
  /**
   * Records a system attribute on a trial of this study (pruners keep their state there, e.g.
   * `completed_rung_0`). Optional: read-only views (tests, filtered views) may omit it.
   */
  setTrialSystemAttr?(trialId: number, key: string, value: JsonValue): void;
}

/**
 * A sampler proposes parameter values. Optuna's protocol: for each trial, first
 * `inferRelativeSearchSpace` + `sampleRelative` (joint sampling; may return `{}`), then
 * `sampleIndependent` for each `suggest*` whose name the relative result lacks.
 */
export interface Sampler {
  /** The parameters to sample jointly for `trial` (`{}` for an independent sampler). */
  inferRelativeSearchSpace(study: StudyView, trial: FrozenTrial): Record<string, Distribution>;
  /** Joint values for `searchSpace` (may be `{}`). */
  sampleRelative(
    study: StudyView,
    trial: FrozenTrial,
    searchSpace: Readonly<Record<string, Distribution>>,
  ): Record<string, ParamValue>;
  /** One value for a parameter the relative sample does not cover. */
  sampleIndependent(
    study: StudyView,
    trial: FrozenTrial,
    name: string,
    distribution: Distribution,
  ): ParamValue;
  /** Called when a trial has finished (any terminal state). */
  afterTrial?(study: StudyView, trial: FrozenTrial, state: TrialState, value: number | null): void;
  /**
   * True when the sampler has nothing left to propose (a grid whose every point has a trial);
   * `optimize` then stops before starting another trial, as Optuna's `GridSampler` stops a study.
   */
  isExhausted?(study: StudyView): boolean;
}

/** A pruner answers one question: should this running trial stop now? */
export interface Pruner {
  /** Whether `trial` (RUNNING, with its reports so far) should stop now. */
  prune(study: StudyView, trial: FrozenTrial): boolean;
  /**
   * Optional hook: the view of the study the sampler should see for `trial` (Hyperband hands
   * the sampler only the trials of the trial's bracket). Absent = the whole study.
   */
  samplerView?(study: StudyView, trial: FrozenTrial): StudyView;
}
