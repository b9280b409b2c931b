/**
 * Optuna's `MedianPruner`: the percentile pruner at 50.
 *
 * @module
 */
import { PercentilePruner, type PercentilePrunerOptions } from "./percentile_pruner.ts";

/**
 * Prunes a trial whose best intermediate value so far is worse than the median of the COMPLETE
 * trials' values at the same step. Defaults: 5 startup trials, no warm-up, every step, at
 * least 1 trial to compare with.
 *
 * @example
 * ```ts
 * import { MedianPruner } from "./median_pruner.ts";
 * import { equal } from "node:assert/strict";
 * const trial = (number: number, curve: number[]) => ({
 *   number, trialId: number, state: "COMPLETE" as const, value: null, params: {},
 *   distributions: {}, intermediateValues: new Map(curve.map((v, i) => [i, v] as [number, number])),
 *   userAttrs: {}, systemAttrs: {}, datetimeStart: null, datetimeComplete: null,
 * });
 * const done = [trial(0, [1, 0.5]), trial(1, [2, 0.7])];
 * const study = { studyName: "s", direction: "minimize" as const, trials: () => done };
 * const pruner = new MedianPruner({ nStartupTrials: 2 });
 * equal(pruner.prune(study, { ...trial(2, [1.6]), state: "RUNNING" }), true); // median 1.5
 * ```
 */
export class MedianPruner extends PercentilePruner {
  /** A median pruner (`PercentilePruner` at 50). */
  constructor(options: PercentilePrunerOptions = {}) {
    super(50, options);
  }
}
