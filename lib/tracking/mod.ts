/**
 * Tracking: a writer for MLflow's local file store (`mlruns/`) that the real `mlflow ui` reads,
 * crash-safe (atomic writes, whole metric lines, runs ended FAILED/KILLED by guards) and safe for
 * several processes logging to one experiment; plus a tolerant reader for our own reports.
 * The on-disk format follows `shared/mlflow-format.md`.
 *
 * @example
 * ```ts
 * import { experimentName, listRuns, openMlflowStore, projectTags, withRun } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * const root = await Deno.makeTempDir();
 * const store = openMlflowStore(root, { context: { user: "alice" } });
 * const experimentId = await store.getOrCreateExperiment(
 *   experimentName({ task: "criteria", dataset: "redsm5", augmentation: "none" }),
 * );
 * const run = store.startRun({ experimentId, runName: "baseline", tags: projectTags({ seed: 42 }) });
 * await withRun(run, (r) => {
 *   r.logParams({ training: { learning_rate: 2e-5 } });
 *   for (let step = 1; step <= 3; step++) {
 *     r.logMetrics({ "train/loss": 1 / step }, { step });
 *     r.flush();
 *   }
 * });
 * equal(listRuns(root, experimentId)[0].status, "FINISHED");
 * await Deno.remove(root, { recursive: true });
 * ```
 *
 * @module
 */
export { TrackingError, type TrackingErrorKind, type TrackingErrorOptions } from "./errors.ts";
export {
  MLFLOW_LIMITS,
  type MlflowEntityKind,
  mlflowValueText,
  validateMlflowKey,
} from "./keys.ts";
export { type MlflowIdGenerator, randomMlflowIds } from "./ids.ts";
export {
  type MlflowRunContext,
  mlflowRunContext,
  type MlflowRunContextInput,
  type MlflowSourceType,
} from "./context.ts";
export { readGitCommit } from "./git.ts";
export { flattenMlflowParams, type MlflowParamInput } from "./params.ts";
export {
  MlflowStore,
  type MlflowStoreOptions,
  openMlflowStore,
  type StartMlflowRunOptions,
} from "./store.ts";
export { MlflowRun } from "./run.ts";
export {
  type EndMlflowRunOptions,
  type LogMlflowArtifactOptions,
  type LogMlflowMetricOptions,
  MLFLOW_STATUS_CODES,
  type MlflowEndStatus,
  type MlflowRunInit,
  type MlflowRunStatus,
  type MlflowValue,
} from "./run_types.ts";
export {
  listExperiments,
  type ListMlflowExperimentsOptions,
  type MlflowExperimentInfo,
} from "./experiments.ts";
export { type MlflowMetricPoint, parseMlflowMetricLines } from "./metric_lines.ts";
export {
  findMlflowRun,
  listRuns,
  metricHistory,
  type MlflowRunData,
  type MlflowRunInfo,
  readRun,
} from "./reader.ts";
export {
  installRunGuards,
  type MlflowRunGuard,
  type MlflowRunGuardOptions,
  withRun,
} from "./guards.ts";
export {
  experimentName,
  type ExperimentNameInput,
  projectTags,
  type ProjectTagsInput,
} from "./naming.ts";
