/**
 * The project's conventions on top of MLflow: experiment names from the config and `psy.` tags.
 *
 * @module
 */
import { TrackingError } from "./errors.ts";

/** Inputs of {@link experimentName}. */
export interface ExperimentNameInput {
  /** `criteria` or `evidence`. */
  readonly task: string;
  /** Data set name, e.g. `redsm5`. */
  readonly dataset: string;
  /** Augmentation config name; `none`, `disabled`, `false`, `null` or absent mean no augmentation. */
  readonly augmentation?: string | boolean | null;
}

const NO_AUGMENTATION = new Set(["", "none", "disabled", "noaug", "off", "false"]);

/** Whether an augmentation setting means "augmentation on". */
export function isAugmented(augmentation: string | boolean | null | undefined): boolean {
  if (augmentation === undefined || augmentation === null || augmentation === false) return false;
  if (augmentation === true) return true;
  return !NO_AUGMENTATION.has(augmentation.trim().toLowerCase());
}

/**
 * The experiment a run belongs to: `noaug_baseline-{task}-{dataset}` without augmentation,
 * `aug_criteria_evidence-{task}` with it.
 *
 * @example
 * ```ts
 * import { experimentName } from "./naming.ts";
 * import { equal } from "node:assert/strict";
 * equal(experimentName({ task: "criteria", dataset: "redsm5", augmentation: "none" }),
 *   "noaug_baseline-criteria-redsm5");
 * equal(experimentName({ task: "evidence", dataset: "redsm5", augmentation: "hybrid" }),
 *   "aug_criteria_evidence-evidence");
 * ```
 */
export function experimentName(input: ExperimentNameInput): string {
  const task = input.task?.trim();
  if (!task) {
    throw new TrackingError(
      "value",
      `Cannot name experiment: task ${JSON.stringify(input.task)} is empty`,
    );
  }
  if (isAugmented(input.augmentation)) return `aug_criteria_evidence-${task}`;
  const dataset = input.dataset?.trim();
  if (!dataset) {
    throw new TrackingError(
      "value",
      `Cannot name experiment: dataset ${JSON.stringify(input.dataset)} is empty`,
    );
  }
  return `noaug_baseline-${task}-${dataset}`;
}

/** Inputs of {@link projectTags}; absent fields give no tag. */
export interface ProjectTagsInput {
  /** Hash of the resolved config. */
  readonly configHash?: string;
  /** `criteria` or `evidence`. */
  readonly task?: string;
  /** Model name or path. */
  readonly model?: string;
  /** Root seed. */
  readonly seed?: number;
  /** Augmentation config name (`none` when off). */
  readonly augmentation?: string;
}

/**
 * The project's own run tags, under the `psy.` prefix: `psy.config_hash`, `psy.task`,
 * `psy.model`, `psy.seed`, `psy.augmentation`.
 *
 * @example
 * ```ts
 * import { projectTags } from "./naming.ts";
 * import { deepEqual } from "node:assert/strict";
 * deepEqual(projectTags({ task: "criteria", seed: 42 }), { "psy.task": "criteria", "psy.seed": "42" });
 * ```
 */
export function projectTags(input: ProjectTagsInput): Record<string, string> {
  const tags: Record<string, string> = {};
  if (input.configHash !== undefined) tags["psy.config_hash"] = input.configHash;
  if (input.task !== undefined) tags["psy.task"] = input.task;
  if (input.model !== undefined) tags["psy.model"] = input.model;
  if (input.seed !== undefined) tags["psy.seed"] = String(input.seed);
  if (input.augmentation !== undefined) tags["psy.augmentation"] = input.augmentation;
  return tags;
}
