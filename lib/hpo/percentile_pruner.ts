/**
 * Optuna's `PercentilePruner`: stop a trial whose best intermediate value so far is worse than
 * the given percentile of the COMPLETE trials' values at the same step.
 *
 * @module
 */
import { HpoError } from "./errors.ts";
import { lastStep, requireInt } from "./_pruner_util.ts";
import type { FrozenTrial, Pruner, StudyView } from "./types.ts";

/** Options of {@link PercentilePruner} and `MedianPruner`. */
export interface PercentilePrunerOptions {
  /** Never prune before this many trials are COMPLETE (default 5). */
  readonly nStartupTrials?: number;
  /** Never prune before a trial reaches this step (default 0; pruning possible at it). */
  readonly nWarmupSteps?: number;
  /** Check only at every `intervalSteps`-th step after the warm-up (default 1). */
  readonly intervalSteps?: number;
  /** Need at least this many COMPLETE trials with a value at the step (default 1). */
  readonly nMinTrials?: number;
}

/**
 * NumPy's `nanpercentile` with linear interpolation (NaN ignored; NaN if nothing remains),
 * including NumPy's two-sided lerp.
 */
export function nanPercentile(values: readonly number[], percentile: number): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const virtual = (sorted.length - 1) * (percentile / 100);
  const below = Math.floor(virtual);
  const above = Math.min(below + 1, sorted.length - 1);
  const t = virtual - below;
  const a = sorted[below];
  const b = sorted[above];
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** Whether `step` is the first report at or after its latest scheduled check point. */
function isFirstInInterval(
  step: number,
  steps: Iterable<number>,
  warmup: number,
  interval: number,
): boolean {
  const checkPoint = warmup + Math.floor((step - warmup) / interval) * interval;
  let previous = -1;
  for (const s of steps) if (s > previous && s !== step) previous = s;
  return previous < checkPoint;
}

/**
 * Prunes a trial when its best intermediate value is worse than the `percentile`-th percentile
 * of the COMPLETE trials' values at its latest step (maximize: the `100 − percentile`-th).
 *
 * @example
 * ```ts
 * import { PercentilePruner } from "./percentile_pruner.ts";
 * import { equal } from "node:assert/strict";
 * const trial = (number: number, curve: number[], state = "COMPLETE" as const) => ({
 *   number, trialId: number, state, value: null, params: {}, distributions: {},
 *   intermediateValues: new Map(curve.map((v, i) => [i, v] as [number, number])),
 *   userAttrs: {}, systemAttrs: {}, datetimeStart: null, datetimeComplete: null,
 * });
 * const done = [trial(0, [1.0]), trial(1, [2.0]), trial(2, [3.0])];
 * const study = { studyName: "s", direction: "minimize" as const, trials: () => done };
 * const pruner = new PercentilePruner(25, { nStartupTrials: 1 });
 * equal(pruner.prune(study, { ...trial(3, [1.4]), state: "RUNNING" }), false); // 25th pct = 1.5
 * equal(pruner.prune(study, { ...trial(3, [1.6]), state: "RUNNING" }), true);
 * ```
 */
export class PercentilePruner implements Pruner {
  readonly #percentile: number;
  readonly #startup: number;
  readonly #warmup: number;
  readonly #interval: number;
  readonly #minTrials: number;

  /** A pruner at `percentile` (0–100; 50 is the median). */
  constructor(percentile: number, options: PercentilePrunerOptions = {}) {
    if (!(percentile >= 0 && percentile <= 100)) {
      throw new HpoError(
        `Cannot create a percentile pruner: percentile must be in [0, 100], got ${percentile}`,
      );
    }
    this.#percentile = percentile;
    this.#startup = options.nStartupTrials ?? 5;
    this.#warmup = options.nWarmupSteps ?? 0;
    this.#interval = options.intervalSteps ?? 1;
    this.#minTrials = options.nMinTrials ?? 1;
    requireInt("percentile pruner", "nStartupTrials", this.#startup, 0);
    requireInt("percentile pruner", "nWarmupSteps", this.#warmup, 0);
    requireInt("percentile pruner", "intervalSteps", this.#interval, 1);
    requireInt("percentile pruner", "nMinTrials", this.#minTrials, 1);
  }

  /** Optuna's rule, checked in order (see the notes §2.1). */
  prune(study: StudyView, trial: FrozenTrial): boolean {
    const completed = study.trials(["COMPLETE"]);
    if (completed.length === 0 || completed.length < this.#startup) return false;
    const step = lastStep(trial);
    if (step === null || step < this.#warmup) return false;
    const steps = trial.intermediateValues.keys();
    if (!isFirstInInterval(step, steps, this.#warmup, this.#interval)) return false;
    const maximize = study.direction === "maximize";
    const best = bestIntermediate([...trial.intermediateValues.values()], maximize);
    if (Number.isNaN(best)) return true;
    const atStep: number[] = [];
    for (const t of completed) {
      const v = t.intermediateValues.get(step);
      if (v !== undefined) atStep.push(v);
    }
    if (atStep.length < this.#minTrials) return false;
    const p = nanPercentile(atStep, maximize ? 100 - this.#percentile : this.#percentile);
    if (Number.isNaN(p)) return false;
    return maximize ? best < p : best > p;
  }
}

/** nanmin (minimize) or nanmax (maximize); NaN when every value is NaN. */
function bestIntermediate(values: readonly number[], maximize: boolean): number {
  let best = Number.NaN;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    if (Number.isNaN(best) || (maximize ? v > best : v < best)) best = v;
  }
  return best;
}
