/**
 * The Tree-structured Parzen Estimator sampler, with Optuna's defaults and semantics
 * (shared/tpe-notes.md §1): random startup, a below/above split of the finished trials, two
 * Parzen estimators l(x) and g(x), 24 candidates drawn from l, the one maximising ln l − ln g.
 *
 * @module
 */
import { deriveSeed, Prng } from "../random/mod.ts";
import {
  buildParzenEstimator,
  defaultWeights,
  logDensity,
  type ParzenEstimatorOptions,
  sampleParzenEstimator,
} from "./_parzen_estimator.ts";
import {
  defaultGamma,
  groupDecomposedSearchSpace,
  intersectionSearchSpace,
  observationsOf,
  splitTrials,
} from "./_tpe_trials.ts";
import { isSingleValued, toExternal } from "./distributions.ts";
import { HpoError } from "./errors.ts";
import { drawUniform, randomSampler } from "./random_sampler.ts";
import type {
  Distribution,
  FrozenTrial,
  ParamValue,
  Sampler,
  StudyView,
  TrialState,
} from "./types.ts";

/** Options of {@link tpeSampler}; every default is Optuna's. */
export interface TpeSamplerOptions {
  /** Root seed (default 0); the startup trials equal `randomSampler({ seed })`'s. */
  readonly seed?: number;
  /** Trials drawn at random before TPE starts (COMPLETE + PRUNED count). Default 10. */
  readonly nStartupTrials?: number;
  /** Candidates drawn from l(x) per sample. Default 24. */
  readonly nEiCandidates?: number;
  /** How many of n finished trials are "good". Default `min(ceil(0.1·n), 25)`. */
  readonly gamma?: (n: number) => number;
  /** Mixture weights of m observations, oldest first. Default: 1s, ramped above 25. */
  readonly weights?: (m: number) => ArrayLike<number>;
  /** Weight of the prior component. Default 1. */
  readonly priorWeight?: number;
  /** Floor kernel widths at (range)/min(100, m + 2). Default true. */
  readonly considerMagicClip?: boolean;
  /** Let the outermost kernels see the range ends. Default false. */
  readonly considerEndpoints?: boolean;
  /**
   * Sample the relative search space jointly. Default false, as Optuna ≤ 4.9 (5.0 turned it on;
   * `deno task bench:hpo` shows it ahead on all three benchmark problems).
   */
  readonly multivariate?: boolean;
  /** Decompose conditional spaces into groups (needs `multivariate`). Default false. */
  readonly group?: boolean;
  /**
   * Count other workers' RUNNING trials as bad ("above") so parallel workers spread out; no
   * effect in a sequential study. Default false, as Optuna ≤ 4.9 (5.0 turned it on).
   */
  readonly constantLiar?: boolean;
  /**
   * Kernel widths in multivariate mode: `"neighbour"` (Optuna 5.0, default) or `"scott"`
   * (Optuna 3.1–4.9). Univariate sampling always uses the neighbour rule.
   */
  readonly bandwidth?: "neighbour" | "scott";
}

interface Settings {
  readonly seed: number;
  readonly nStartupTrials: number;
  readonly nEiCandidates: number;
  readonly gamma: (n: number) => number;
  readonly constantLiar: boolean;
  readonly estimator: ParzenEstimatorOptions;
}

const FINISHED: readonly TrialState[] = ["COMPLETE", "PRUNED"];
const WITH_RUNNING: readonly TrialState[] = ["COMPLETE", "PRUNED", "RUNNING"];

/**
 * One TPE draw for `space` (sampled jointly when it has several names), or `null` while fewer
 * than `nStartupTrials` trials are finished.
 */
function sampleTpe(
  study: StudyView,
  trial: FrozenTrial,
  space: Readonly<Record<string, Distribution>>,
  prng: Prng,
  settings: Settings,
  multivariate: boolean,
): Record<string, ParamValue> | null {
  const names = Object.keys(space);
  let trials = study.trials(settings.constantLiar ? WITH_RUNNING : FINISHED);
  if (settings.constantLiar) trials = trials.filter((t) => t.number !== trial.number);
  const n = trials.reduce((count, t) => count + (t.state === "RUNNING" ? 0 : 1), 0);
  if (n < settings.nStartupTrials) return null;
  const { below, above } = splitTrials(trials, settings.gamma(n), study.direction);
  const distributions = names.map((name) => space[name]);
  const options: ParzenEstimatorOptions = multivariate
    ? settings.estimator
    : { ...settings.estimator, bandwidth: "neighbour" };
  const l = buildParzenEstimator(distributions, observationsOf(below, names, space), options);
  const g = buildParzenEstimator(distributions, observationsOf(above, names, space), options);
  const candidates = sampleParzenEstimator(l, prng, settings.nEiCandidates);
  const logL = logDensity(l, candidates);
  const logG = logDensity(g, candidates);
  let best = 0;
  let bestScore = -Infinity;
  for (let i = 0; i < settings.nEiCandidates; i++) {
    const score = logL[i] - logG[i];
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  }
  const out: Record<string, ParamValue> = {};
  names.forEach((name, d) => (out[name] = toExternal(space[name], candidates[d][best])));
  return out;
}

function settingsOf(options: TpeSamplerOptions): Settings {
  const bandwidth = options.bandwidth ?? "neighbour";
  const check = (ok: boolean, rule: string): void => {
    if (!ok) throw new HpoError(`Cannot create a TPE sampler: ${rule}`);
  };
  const { nStartupTrials = 10, nEiCandidates = 24, priorWeight = 1 } = options;
  check(
    Number.isInteger(nStartupTrials) && nStartupTrials >= 0,
    `nStartupTrials must be an integer ≥ 0, got ${nStartupTrials}`,
  );
  check(
    Number.isInteger(nEiCandidates) && nEiCandidates >= 1,
    `nEiCandidates must be an integer ≥ 1, got ${nEiCandidates}`,
  );
  check(
    priorWeight > 0 && Number.isFinite(priorWeight),
    `priorWeight must be a finite number > 0, got ${priorWeight}`,
  );
  check(!options.group || options.multivariate === true, "group needs multivariate: true");
  check(
    bandwidth === "neighbour" || bandwidth === "scott",
    `bandwidth must be "neighbour" or "scott", got ${JSON.stringify(bandwidth)}`,
  );
  return {
    seed: options.seed ?? 0,
    nStartupTrials,
    nEiCandidates,
    gamma: options.gamma ?? defaultGamma,
    constantLiar: options.constantLiar ?? false,
    estimator: {
      priorWeight,
      considerMagicClip: options.considerMagicClip ?? true,
      considerEndpoints: options.considerEndpoints ?? false,
      bandwidth,
      weights: options.weights ?? defaultWeights,
    },
  };
}

/**
 * A seeded TPE sampler with Optuna's defaults. Univariate by default; `multivariate` samples the
 * intersection of all finished trials' parameters jointly (one shared mixture component per
 * candidate), and `group` splits a conditional space into groups sampled jointly each.
 * Parameters outside the relative space are sampled by univariate TPE on the trials that have them.
 *
 * Reproducibility: every draw for trial n comes from a generator seeded with
 * `deriveSeed(deriveSeed(seed, "tpe", n), purpose)` (purpose `"relative"` with the group index,
 * or `"independent/<name>"`), and startup draws equal `randomSampler({ seed })`'s. So a trial's
 * values depend only on the seed, its number and the trials the study shows — not on call history
 * — and parallel workers sharing one study stay reproducible given the same trial history.
 * Diagnostics Optuna prints as warnings (independent sampling of conditional parameters) are not
 * emitted: the library does not log.
 *
 * @example
 * ```ts
 * import { tpeSampler } from "./tpe_sampler.ts";
 * import { floatDistribution } from "./distributions.ts";
 * import type { FrozenTrial, StudyView } from "./types.ts";
 * import { equal } from "node:assert/strict";
 * const x = floatDistribution(-5, 5);
 * const trials: FrozenTrial[] = Array.from({ length: 12 }, (_, i) => ({
 *   number: i, trialId: i, state: "COMPLETE", value: (i - 6) ** 2, params: { x: i - 6 },
 *   distributions: { x }, intermediateValues: new Map(), userAttrs: {}, systemAttrs: {},
 *   datetimeStart: null, datetimeComplete: null,
 * }));
 * const study: StudyView = { studyName: "s", direction: "minimize", trials: () => trials };
 * const next = { ...trials[0], number: 12, state: "RUNNING" as const, params: {} };
 * const a = tpeSampler({ seed: 1 }).sampleIndependent(study, next, "x", x);
 * equal(a, tpeSampler({ seed: 1 }).sampleIndependent(study, next, "x", x));
 * ```
 */
export function tpeSampler(options: TpeSamplerOptions = {}): Sampler {
  const settings = settingsOf(options);
  const multivariate = options.multivariate ?? false;
  const group = multivariate && (options.group ?? false);
  const startup = randomSampler({ seed: settings.seed });
  const trialSeed = (trial: FrozenTrial): number => deriveSeed(settings.seed, "tpe", trial.number);
  return {
    inferRelativeSearchSpace(study: StudyView): Record<string, Distribution> {
      if (!multivariate) return {};
      const trials = study.trials(FINISHED);
      if (!group) return intersectionSearchSpace(trials);
      return Object.assign({}, ...groupDecomposedSearchSpace(trials));
    },
    sampleRelative(
      study: StudyView,
      trial: FrozenTrial,
      searchSpace: Readonly<Record<string, Distribution>>,
    ): Record<string, ParamValue> {
      if (!multivariate || Object.keys(searchSpace).length === 0) return {};
      const spaces = group
        ? groupDecomposedSearchSpace(study.trials(FINISHED)).map((g) => restrict(g, searchSpace))
        : [searchSpace];
      const seed = trialSeed(trial);
      const out: Record<string, ParamValue> = {};
      for (const [index, space] of spaces.entries()) {
        if (Object.keys(space).length === 0) continue;
        const prng = new Prng(deriveSeed(seed, "relative", index));
        const values = sampleTpe(study, trial, space, prng, settings, true);
        if (values === null) return {};
        Object.assign(out, values);
      }
      return out;
    },
    sampleIndependent(
      study: StudyView,
      trial: FrozenTrial,
      name: string,
      distribution: Distribution,
    ): ParamValue {
      if (isSingleValued(distribution)) {
        return drawUniform(new Prng(settings.seed), distribution);
      }
      if (study.trials(FINISHED).length < settings.nStartupTrials) {
        return startup.sampleIndependent(study, trial, name, distribution);
      }
      const prng = new Prng(deriveSeed(trialSeed(trial), `independent/${name}`));
      const values = sampleTpe(study, trial, { [name]: distribution }, prng, settings, false);
      return values === null
        ? startup.sampleIndependent(study, trial, name, distribution)
        : values[name];
    },
  };
}

/** The part of `group` that the study asked for, with the study's distributions. */
function restrict(
  group: Readonly<Record<string, Distribution>>,
  searchSpace: Readonly<Record<string, Distribution>>,
): Record<string, Distribution> {
  const out: Record<string, Distribution> = {};
  for (const name of Object.keys(group)) if (name in searchSpace) out[name] = searchSpace[name];
  return out;
}
