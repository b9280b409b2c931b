/**
 * Optuna's `HyperbandPruner`: several successive-halving brackets with different first rungs;
 * each trial is assigned to one bracket by a hash of `"{studyName}_{number}"`, competes only
 * within its bracket, and the sampler too sees only its bracket's trials.
 *
 * @module
 */
import { crc32 } from "./_crc32.ts";
import { HpoError } from "./errors.ts";
import { lastStep, requireInt } from "./_pruner_util.ts";
import { SuccessiveHalvingPruner } from "./successive_halving_pruner.ts";
import type { FrozenTrial, JsonValue, Pruner, StudyView, TrialState } from "./types.ts";

/** Options of {@link HyperbandPruner}. */
export interface HyperbandPrunerOptions {
  /** Steps before the first rung of bracket 0 (default 1). */
  readonly minResource?: number;
  /**
   * The most steps a trial runs; `"auto"` (default) = the largest last step of the COMPLETE
   * trials + 1, fixed once the first trial completes (no pruning before).
   */
  readonly maxResource?: number | "auto";
  /** η (default 3). */
  readonly reductionFactor?: number;
  /** Passed to each bracket's successive halving (default 0). */
  readonly bootstrapCount?: number;
}

/** The brackets, once the maximum resource is known. */
interface Brackets {
  readonly budgets: readonly number[];
  readonly total: number;
  readonly pruners: readonly SuccessiveHalvingPruner[];
}

/**
 * Hyperband over asynchronous successive halving.
 *
 * @example
 * ```ts
 * import { HyperbandPruner } from "./hyperband_pruner.ts";
 * import { deepEqual } from "node:assert/strict";
 * const pruner = new HyperbandPruner({ maxResource: 30 });
 * deepEqual(pruner.bracketBudgets(), [27, 12, 6, 4]);
 * ```
 */
export class HyperbandPruner implements Pruner {
  readonly #minResource: number;
  #maxResource: number | null;
  readonly #eta: number;
  readonly #bootstrap: number;
  #brackets: Brackets | null = null;

  /** A pruner with Optuna's defaults (min resource 1, auto max resource, η = 3). */
  constructor(options: HyperbandPrunerOptions = {}) {
    this.#minResource = options.minResource ?? 1;
    const maxResource = options.maxResource ?? "auto";
    this.#eta = options.reductionFactor ?? 3;
    this.#bootstrap = options.bootstrapCount ?? 0;
    const name = "Hyperband pruner";
    requireInt(name, "minResource", this.#minResource, 1);
    if (maxResource !== "auto") requireInt(name, "maxResource", maxResource, this.#minResource);
    requireInt(name, "reductionFactor", this.#eta, 2);
    requireInt(name, "bootstrapCount", this.#bootstrap, 0);
    this.#maxResource = maxResource === "auto" ? null : maxResource;
    if (this.#maxResource !== null) this.#brackets = this.#makeBrackets(this.#maxResource);
  }

  /**
   * The trial budget of each bracket, `ceil(n · η^s / (s + 1))` with `s = n − 1 − b`, or `[]`
   * while the maximum resource is still unknown.
   */
  bracketBudgets(): readonly number[] {
    return this.#brackets?.budgets ?? [];
  }

  /** The bracket of trial `number` of study `studyName` (0 while no brackets exist). */
  bracketOf(studyName: string, number: number): number {
    const brackets = this.#brackets;
    if (brackets === null) return 0;
    let n = crc32(`${studyName}_${number}`) % brackets.total;
    for (let b = 0; b < brackets.budgets.length; b++) {
      n -= brackets.budgets[b];
      if (n < 0) return b;
    }
    throw new HpoError(`Cannot place trial ${number} in a bracket: budgets are inconsistent`);
  }

  /** Prunes by the successive halving of the trial's bracket, among that bracket's trials. */
  prune(study: StudyView, trial: FrozenTrial): boolean {
    if (this.#brackets === null) {
      const maxResource = autoMaxResource(study);
      if (maxResource === null) return false;
      this.#maxResource = maxResource;
      this.#brackets = this.#makeBrackets(maxResource);
    }
    const bracket = this.bracketOf(study.studyName, trial.number);
    return this.#brackets.pruners[bracket].prune(this.#bracketView(study, bracket), trial);
  }

  /** The sampler sees only the trials of `trial`'s bracket. */
  samplerView(study: StudyView, trial: FrozenTrial): StudyView {
    if (this.#brackets === null) return study;
    return this.#bracketView(study, this.bracketOf(study.studyName, trial.number));
  }

  #bracketView(study: StudyView, bracket: number): StudyView {
    const view: StudyView = {
      studyName: study.studyName,
      direction: study.direction,
      trials: (states?: readonly TrialState[]) =>
        study.trials(states).filter((t) => this.bracketOf(study.studyName, t.number) === bracket),
    };
    const setAttr = study.setTrialSystemAttr?.bind(study);
    if (setAttr === undefined) return view;
    return {
      ...view,
      setTrialSystemAttr: (trialId: number, key: string, value: JsonValue) =>
        setAttr(trialId, key, value),
    };
  }

  #makeBrackets(maxResource: number): Brackets {
    const n = Math.floor(Math.log(maxResource / this.#minResource) / Math.log(this.#eta)) + 1;
    const budgets: number[] = [];
    const pruners: SuccessiveHalvingPruner[] = [];
    for (let b = 0; b < n; b++) {
      const s = n - 1 - b;
      budgets.push(Math.ceil((n * this.#eta ** s) / (s + 1)));
      pruners.push(
        new SuccessiveHalvingPruner({
          minResource: this.#minResource,
          reductionFactor: this.#eta,
          minEarlyStoppingRate: b,
          bootstrapCount: this.#bootstrap,
        }),
      );
    }
    return { budgets, total: budgets.reduce((a, b) => a + b, 0), pruners };
  }
}

/** The largest last step of COMPLETE trials + 1, or `null` while none has reported. */
function autoMaxResource(study: StudyView): number | null {
  let max: number | null = null;
  for (const t of study.trials(["COMPLETE"])) {
    const s = lastStep(t);
    if (s !== null && (max === null || s > max)) max = s;
  }
  return max === null ? null : max + 1;
}
