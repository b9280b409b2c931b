/**
 * Optuna's `SuccessiveHalvingPruner` (asynchronous successive halving, ASHA): at rung `k` (step
 * `minResource · η^(s + k)`) a trial continues only if its value is in the top `1/η` of all
 * values recorded at that rung so far. Rung values are kept in trial system attributes
 * `completed_rung_<k>`, as Optuna does, so several processes share them through the storage.
 *
 * @module
 */
import { HpoError } from "./errors.ts";
import { lastStep, requireInt } from "./_pruner_util.ts";
import type { FrozenTrial, JsonValue, Pruner, StudyDirection, StudyView } from "./types.ts";

/** Options of {@link SuccessiveHalvingPruner}. */
export interface SuccessiveHalvingPrunerOptions {
  /**
   * Steps before the first rung; `"auto"` (default) = `max(last step // 100, 1)` over COMPLETE
   * trials, fixed once the first trial completes (no pruning before).
   */
  readonly minResource?: number | "auto";
  /** η: the fraction `1/η` of a rung is promoted (default 4). */
  readonly reductionFactor?: number;
  /** s: the first rung sits at `minResource · η^s` (default 0). */
  readonly minEarlyStoppingRate?: number;
  /** Prune until a rung holds more than this many values (default 0). */
  readonly bootstrapCount?: number;
}

/** The system attribute holding a trial's value at rung `k`. */
export function completedRungKey(rung: number): string {
  return `completed_rung_${rung}`;
}

function currentRung(trial: FrozenTrial): number {
  let rung = 0;
  while (completedRungKey(rung) in trial.systemAttrs) rung++;
  return rung;
}

/** Optuna's promotion rule: top `len // η` values (at least the best one so far). */
function isPromotable(
  value: number,
  competing: readonly number[],
  eta: number,
  direction: StudyDirection,
): boolean {
  let k = Math.floor(competing.length / eta) - 1;
  if (k === -1) k = 0;
  const sorted = [...competing].sort((a, b) => a - b);
  return direction === "maximize" ? value >= sorted[sorted.length - 1 - k] : value <= sorted[k];
}

/**
 * Asynchronous successive halving.
 *
 * @example
 * ```ts
 * import { SuccessiveHalvingPruner } from "./successive_halving_pruner.ts";
 * import { equal } from "node:assert/strict";
 * const pruner = new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 3 });
 * const trials = [{
 *   number: 0, trialId: 0, state: "RUNNING" as const, value: null, params: {}, distributions: {},
 *   intermediateValues: new Map([[1, 0.5]]), userAttrs: {}, systemAttrs: {},
 *   datetimeStart: null, datetimeComplete: null,
 * }];
 * const study = {
 *   studyName: "s", direction: "minimize" as const, trials: () => trials,
 *   setTrialSystemAttr: () => {},
 * };
 * equal(pruner.prune(study, trials[0]), false); // the first value at rung 0 is promoted
 * ```
 */
export class SuccessiveHalvingPruner implements Pruner {
  #minResource: number | null;
  readonly #eta: number;
  readonly #rate: number;
  readonly #bootstrap: number;

  /** A pruner with Optuna's defaults (auto min resource, η = 4, s = 0, no bootstrap). */
  constructor(options: SuccessiveHalvingPrunerOptions = {}) {
    const minResource = options.minResource ?? "auto";
    this.#eta = options.reductionFactor ?? 4;
    this.#rate = options.minEarlyStoppingRate ?? 0;
    this.#bootstrap = options.bootstrapCount ?? 0;
    const name = "successive halving pruner";
    if (minResource !== "auto") requireInt(name, "minResource", minResource, 1);
    requireInt(name, "reductionFactor", this.#eta, 2);
    requireInt(name, "minEarlyStoppingRate", this.#rate, 0);
    requireInt(name, "bootstrapCount", this.#bootstrap, 0);
    if (this.#bootstrap > 0 && minResource === "auto") {
      throw new HpoError(
        `Cannot create a ${name}: bootstrapCount ${this.#bootstrap} needs an explicit minResource`,
      );
    }
    this.#minResource = minResource === "auto" ? null : minResource;
  }

  /** Checks every rung the trial's latest step has reached; records the rungs it passes. */
  prune(study: StudyView, trial: FrozenTrial): boolean {
    const step = lastStep(trial);
    if (step === null) return false;
    let rung = currentRung(trial);
    const value = trial.intermediateValues.get(step)!;
    let trials: readonly FrozenTrial[] | null = null;
    for (;;) {
      if (this.#minResource === null) {
        trials ??= study.trials();
        this.#minResource = estimateMinResource(trials);
        if (this.#minResource === null) return false;
      }
      if (step < this.#minResource * this.#eta ** (this.#rate + rung)) return false;
      if (Number.isNaN(value)) return true;
      trials ??= study.trials();
      const key = completedRungKey(rung);
      recordRung(study, trial.trialId, key, value);
      const competing: number[] = [];
      for (const t of trials) {
        const v = t.systemAttrs[key];
        if (typeof v === "number") competing.push(v);
      }
      competing.push(value);
      if (competing.length <= this.#bootstrap) return true;
      if (!isPromotable(value, competing, this.#eta, study.direction)) return true;
      rung++;
    }
  }
}

function recordRung(study: StudyView, trialId: number, key: string, value: JsonValue): void {
  if (study.setTrialSystemAttr === undefined) {
    throw new HpoError(
      `Cannot record ${key}: the study view given to the successive halving pruner is read-only`,
    );
  }
  study.setTrialSystemAttr(trialId, key, value);
}

/** `max(last step // 100, 1)` over COMPLETE trials, or `null` while none has reported. */
function estimateMinResource(trials: readonly FrozenTrial[]): number | null {
  let maxStep: number | null = null;
  for (const t of trials) {
    if (t.state !== "COMPLETE") continue;
    const s = lastStep(t);
    if (s !== null && (maxStep === null || s > maxStep)) maxStep = s;
  }
  return maxStep === null ? null : Math.max(Math.floor(maxStep / 100), 1);
}
