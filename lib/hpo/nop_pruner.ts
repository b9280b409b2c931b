/**
 * The pruner that never prunes (the default).
 *
 * @module
 */
import type { FrozenTrial, Pruner, StudyView } from "./types.ts";

/**
 * Never prunes: every trial runs to the end.
 *
 * @example
 * ```ts
 * import { NopPruner } from "./nop_pruner.ts";
 * import { equal } from "node:assert/strict";
 * const study = { studyName: "s", direction: "minimize" as const, trials: () => [] };
 * const trial = {
 *   number: 0, trialId: 0, state: "RUNNING" as const, value: null, params: {}, distributions: {},
 *   intermediateValues: new Map([[0, 1]]), userAttrs: {}, systemAttrs: {},
 *   datetimeStart: null, datetimeComplete: null,
 * };
 * equal(new NopPruner().prune(study, trial), false);
 * ```
 */
export class NopPruner implements Pruner {
  /** Always `false`. */
  prune(_study: StudyView, _trial: FrozenTrial): boolean {
    return false;
  }
}
