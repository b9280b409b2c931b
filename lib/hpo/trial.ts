/**
 * A running trial: the object an objective receives. Parameters are suggested define-by-run;
 * learning curves are reported step by step so a pruner can stop the trial early.
 *
 * @module
 */
import {
  categoricalDistribution,
  containsValue,
  distributionsCompatible,
  floatDistribution,
  intDistribution,
  isSingleValued,
} from "./distributions.ts";
import { HpoError } from "./errors.ts";
import type { Study } from "./study.ts";
import type {
  CategoricalChoice,
  Distribution,
  FrozenTrial,
  JsonValue,
  ParamValue,
} from "./types.ts";

/** Options of {@link Trial.suggestFloat}. */
export interface SuggestFloatOptions {
  /** Sample on a log scale (`low > 0`). */
  readonly log?: boolean;
  /** Grid spacing (excludes `log`). */
  readonly step?: number | null;
}

/** Options of {@link Trial.suggestInt}. */
export interface SuggestIntOptions {
  /** Sample on a log scale (`low ≥ 1`, step 1). */
  readonly log?: boolean;
  /** Spacing of the integers (default 1). */
  readonly step?: number;
}

function singleValue(distribution: Distribution): ParamValue {
  return distribution.kind === "categorical" ? distribution.choices[0] : distribution.low;
}

/** The jointly sampled values of one trial (Optuna's relative search space and params). */
interface RelativeSample {
  readonly space: Readonly<Record<string, Distribution>>;
  readonly params: Readonly<Record<string, ParamValue>>;
}

/**
 * One trial of a study, handed out by `study.ask()` or passed to the objective by
 * `study.optimize()`.
 *
 * @example
 * ```ts
 * import { createStudy } from "./create_study.ts";
 * import { randomSampler } from "./random_sampler.ts";
 * import { ok as assert } from "node:assert/strict";
 * const study = createStudy({ sampler: randomSampler({ seed: 1 }) });
 * const trial = study.ask();
 * const lr = trial.suggestFloat("lr", 1e-5, 1e-2, { log: true });
 * assert(lr >= 1e-5 && lr <= 1e-2);
 * trial.report(0.9, 0);
 * study.tell(trial, 0.5);
 * ```
 */
export class Trial {
  readonly #study: Study;
  readonly #trialId: number;
  readonly #number: number;
  #relative: RelativeSample | null = null;

  /** Wraps the stored trial `frozen` of `study` (use `study.ask()` instead). */
  constructor(study: Study, frozen: FrozenTrial) {
    this.#study = study;
    this.#trialId = frozen.trialId;
    this.#number = frozen.number;
  }

  /** Index of the trial within its study, from 0. */
  get number(): number {
    return this.#number;
  }

  /** Storage-wide id of the trial. */
  get trialId(): number {
    return this.#trialId;
  }

  /** The parameters suggested so far (external values), by name. */
  get params(): Readonly<Record<string, ParamValue>> {
    return this.frozen().params;
  }

  /** The distributions of the parameters suggested so far, by name. */
  get distributions(): Readonly<Record<string, Distribution>> {
    return this.frozen().distributions;
  }

  /** The user attributes set so far. */
  get userAttrs(): Readonly<Record<string, JsonValue>> {
    return this.frozen().userAttrs;
  }

  /** The trial as stored now. */
  frozen(): FrozenTrial {
    return this.#study.storage.getTrial(this.#trialId);
  }

  /** A float in `[low, high]` (on a log scale or a `step` grid if asked). */
  suggestFloat(name: string, low: number, high: number, options: SuggestFloatOptions = {}): number {
    return this.#suggest(name, floatDistribution(low, high, options)) as number;
  }

  /** An integer in `[low, high]` (on a log scale or a `step` grid if asked). */
  suggestInt(name: string, low: number, high: number, options: SuggestIntOptions = {}): number {
    return this.#suggest(name, intDistribution(low, high, options)) as number;
  }

  /** One of `choices` (null, booleans, finite numbers or strings). */
  suggestCategorical<T extends CategoricalChoice>(name: string, choices: readonly T[]): T {
    return this.#suggest(name, categoricalDistribution(choices)) as T;
  }

  /**
   * Records the objective's intermediate `value` at `step` (an integer ≥ 0), for pruners.
   * Reporting a step a second time is ignored, as in Optuna.
   */
  report(value: number, step: number): void {
    if (typeof value !== "number") {
      throw new HpoError(`Cannot report ${JSON.stringify(value)}: the value must be a number`);
    }
    if (!Number.isSafeInteger(step) || step < 0) {
      throw new HpoError(`Cannot report step ${step}: the step must be an integer ≥ 0`);
    }
    if (this.frozen().intermediateValues.has(step)) return;
    this.#study.storage.setTrialIntermediateValue(this.#trialId, step, value);
  }

  /** Asks the study's pruner whether this trial should stop now (then throw `TrialPruned`). */
  shouldPrune(): boolean {
    return this.#study.pruner.prune(this.#study, this.frozen());
  }

  /** Sets a user attribute (any JSON value) on the trial. */
  setUserAttr(key: string, value: JsonValue): void {
    this.#study.storage.setTrialUserAttr(this.#trialId, key, value);
  }

  /** Sets a system attribute on the trial (samplers and pruners keep state there). */
  setSystemAttr(key: string, value: JsonValue): void {
    this.#study.storage.setTrialSystemAttr(this.#trialId, key, value);
  }

  #suggest(name: string, distribution: Distribution): ParamValue {
    const trial = this.frozen();
    const existing = trial.distributions[name];
    if (existing !== undefined) {
      if (!distributionsCompatible(existing, distribution)) {
        throw new HpoError(
          `Cannot suggest "${name}" again: ${JSON.stringify(distribution)} is incompatible ` +
            `with its earlier ${JSON.stringify(existing)}`,
        );
      }
      return trial.params[name];
    }
    const value = this.#pick(trial, name, distribution);
    this.#study.storage.setTrialParam(this.#trialId, name, value, distribution);
    return value;
  }

  /** Fixed (enqueued) value, single value, relative sample, else the sampler's independent draw. */
  #pick(trial: FrozenTrial, name: string, distribution: Distribution): ParamValue {
    const fixed = trial.systemAttrs["fixed_params"];
    if (fixed !== null && typeof fixed === "object" && !Array.isArray(fixed) && name in fixed) {
      const value = (fixed as Readonly<Record<string, JsonValue>>)[name];
      if (distribution.kind === "int" && typeof value === "number" && !Number.isInteger(value)) {
        throw new HpoError(
          `Cannot suggest "${name}": the fixed value ${value} is not an integer`,
        );
      }
      if (value === null || typeof value !== "object") return value;
    }
    if (isSingleValued(distribution)) return singleValue(distribution);
    const relative = this.#relativeSample(trial);
    const space = relative.space[name];
    if (name in relative.params && space !== undefined) {
      const value = relative.params[name];
      if (distributionsCompatible(space, distribution) && containsValue(distribution, value)) {
        return value;
      }
    }
    const view = this.#study.samplerView(trial);
    return this.#study.sampler.sampleIndependent(view, trial, name, distribution);
  }

  #relativeSample(trial: FrozenTrial): RelativeSample {
    if (this.#relative === null) {
      const view = this.#study.samplerView(trial);
      const sampler = this.#study.sampler;
      const space = sampler.inferRelativeSearchSpace(view, trial);
      this.#relative = { space, params: sampler.sampleRelative(view, trial, space) };
    }
    return this.#relative;
  }
}
