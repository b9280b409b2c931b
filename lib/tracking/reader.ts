/**
 * Reading an `mlruns/` folder back — ours or one MLflow wrote (int or quoted experiment ids,
 * `run_uuid` without `run_id`, no `creation_time`, 2- or 5-field metric lines, `models/`,
 * `traces/`, `datasets/` folders). Folders MLflow would skip (no `meta.yaml`, an id that differs
 * from the folder name) are skipped here too.
 *
 * @module
 */
import { join } from "node:path";
import { TrackingError } from "./errors.ts";
import { metaInt, metaString, readMetaFile } from "./_yaml.ts";
import { experimentDirOf } from "./experiments.ts";
import { type MlflowMetricPoint, parseMlflowMetricLines } from "./metric_lines.ts";
import {
  EXPERIMENT_RESERVED,
  readKeyedFiles,
  ROOT_RESERVED,
  rootPathFromUri,
  subFolders,
} from "./_fs.ts";
import type { MlflowRunStatus } from "./run_types.ts";

/** A run's `meta.yaml`, normalised. */
export interface MlflowRunInfo {
  /** Run id (`run_id`, or `run_uuid` in old folders). */
  readonly runId: string;
  /** Experiment id. */
  readonly experimentId: string;
  /** `run_name` (or the `mlflow.runName` tag when empty). */
  readonly runName: string;
  /** `user_id`. */
  readonly userId: string;
  /** Status name. */
  readonly status: MlflowRunStatus;
  /** ms since the epoch. */
  readonly startTime: number | null;
  /** ms since the epoch, `null` while running. */
  readonly endTime: number | null;
  /** `artifact_uri`. */
  readonly artifactUri: string;
  /** `active` or `deleted`. */
  readonly lifecycleStage: string;
  /** Absolute path of the run folder. */
  readonly dir: string;
}

/** A run with its data: params, tags and the latest value of each metric. */
export interface MlflowRunData {
  /** The run's metadata. */
  readonly info: MlflowRunInfo;
  /** Params by key. */
  readonly params: Readonly<Record<string, string>>;
  /** Tags by key. */
  readonly tags: Readonly<Record<string, string>>;
  /** Latest point of each metric: greatest `(step, timestamp, value)`, as the MLflow UI shows it. */
  readonly metrics: Readonly<Record<string, MlflowMetricPoint>>;
}

const STATUS_BY_CODE: readonly MlflowRunStatus[] = [
  "RUNNING",
  "SCHEDULED",
  "FINISHED",
  "FAILED",
  "KILLED",
];

function runStatus(value: unknown, path: string): MlflowRunStatus {
  if (value === undefined || value === null) return "RUNNING";
  const code = metaInt(value);
  if (code !== undefined && code >= 1 && code <= 5) return STATUS_BY_CODE[code - 1];
  const named = STATUS_BY_CODE.find((s) => s === value);
  if (named) return named;
  throw new TrackingError(
    "format",
    `Cannot read ${path}: status ${String(value)} is not a run status`,
    {
      path,
    },
  );
}

function readRunAt(
  dir: string,
  folderName: string,
  experimentId: string,
): MlflowRunInfo | undefined {
  const meta = readMetaFile(dir);
  if (!meta) return undefined;
  const runId = metaString(meta.run_id) ?? metaString(meta.run_uuid);
  if (runId !== folderName || metaString(meta.experiment_id) !== experimentId) return undefined;
  let runName = metaString(meta.run_name) ?? "";
  if (runName === "") {
    try {
      runName = Deno.readTextFileSync(join(dir, "tags", "mlflow.runName"));
    } catch { /* unnamed */ }
  }
  return {
    runId,
    experimentId,
    runName,
    userId: metaString(meta.user_id) ?? "",
    status: runStatus(meta.status, join(dir, "meta.yaml")),
    startTime: metaInt(meta.start_time) ?? null,
    endTime: metaInt(meta.end_time) ?? null,
    artifactUri: metaString(meta.artifact_uri) ?? "",
    lifecycleStage: metaString(meta.lifecycle_stage) ?? "active",
    dir,
  };
}

/**
 * Lists the runs of one experiment (active or in `.trash/`), oldest first.
 *
 * @example
 * ```ts
 * import { listRuns, openMlflowStore } from "./mod.ts";
 * import { deepEqual } from "node:assert/strict";
 * const root = await Deno.makeTempDir();
 * const store = openMlflowStore(root);
 * store.startRun({ runName: "a", startTime: 1 }).end();
 * store.startRun({ runName: "b", startTime: 2 });
 * deepEqual(listRuns(root, "0").map((r) => [r.runName, r.status]), [["a", "FINISHED"], ["b", "RUNNING"]]);
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export function listRuns(root: string, experimentId: string): MlflowRunInfo[] {
  const dir = experimentDirOf(rootPathFromUri(root), experimentId);
  if (!dir) {
    throw new TrackingError(
      "not-found",
      `Cannot list runs: experiment ${JSON.stringify(experimentId)} does not exist`,
    );
  }
  const out: MlflowRunInfo[] = [];
  for (const name of subFolders(dir)) {
    if (EXPERIMENT_RESERVED.has(name)) continue;
    const info = readRunAt(join(dir, name), name, experimentId);
    if (info) out.push(info);
  }
  return out.sort((a, b) =>
    (a.startTime ?? 0) - (b.startTime ?? 0) || (a.runId < b.runId ? -1 : 1)
  );
}

/**
 * Finds a run by id in any experiment, active or deleted; a {@link TrackingError} of kind
 * `"not-found"` when there is none.
 *
 * @example
 * ```ts
 * import { findMlflowRun, openMlflowStore } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * const root = await Deno.makeTempDir();
 * const run = openMlflowStore(root).startRun({ runName: "x" });
 * equal(findMlflowRun(root, run.runId).experimentId, "0");
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export function findMlflowRun(root: string, runId: string): MlflowRunInfo {
  const rootDir = rootPathFromUri(root);
  for (const place of [rootDir, join(rootDir, ".trash")]) {
    for (const experimentId of subFolders(place)) {
      if (ROOT_RESERVED.has(experimentId)) continue;
      const info = readRunAt(join(place, experimentId, runId), runId, experimentId);
      if (info) return info;
    }
  }
  throw new TrackingError(
    "not-found",
    `Cannot read run: run ${JSON.stringify(runId)} does not exist`,
  );
}

/**
 * The full history of one metric of a run, in logging order (flushed points only).
 *
 * @example
 * ```ts
 * import { metricHistory, openMlflowStore } from "./mod.ts";
 * import { deepEqual } from "node:assert/strict";
 * const root = await Deno.makeTempDir();
 * const run = openMlflowStore(root).startRun();
 * for (const [step, loss] of [0.9, 0.5, NaN].entries()) run.logMetric("loss", loss, { step, timestamp: 7 });
 * run.end();
 * deepEqual(metricHistory(root, run.runId, "loss").map((p) => p.value), [0.9, 0.5, NaN]);
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export function metricHistory(root: string, runId: string, key: string): MlflowMetricPoint[] {
  const path = join(findMlflowRun(root, runId).dir, "metrics", ...key.split("/"));
  let text: string;
  try {
    text = Deno.readTextFileSync(path);
  } catch (cause) {
    throw new TrackingError(
      "not-found",
      `Cannot read metric ${JSON.stringify(key)}: run ${runId} has no such metric`,
      {
        key,
        path,
        cause,
      },
    );
  }
  return parseMlflowMetricLines(text, path);
}

/** MLflow's `max(points, key=(step, timestamp, value))`: the first of equal maxima; NaN never wins a tie. */
function latest(points: readonly MlflowMetricPoint[]): MlflowMetricPoint | undefined {
  let best: MlflowMetricPoint | undefined;
  for (const p of points) {
    const greater = !best || p.step > best.step ||
      (p.step === best.step &&
        (p.timestamp > best.timestamp || (p.timestamp === best.timestamp && p.value > best.value)));
    if (greater) best = p;
  }
  return best;
}

/**
 * Reads a run: its info, params, tags and the latest value of every metric — what the MLflow run
 * page shows.
 *
 * @example
 * ```ts
 * import { openMlflowStore, readRun } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * const root = await Deno.makeTempDir();
 * const run = openMlflowStore(root).startRun({ runName: "r", tags: { "psy.task": "criteria" } });
 * run.logParam("seed", 42);
 * run.logMetric("f1", 0.5, { step: 1 });
 * run.logMetric("f1", 0.7, { step: 2 });
 * run.end();
 * const data = readRun(root, run.runId);
 * equal(data.params.seed, "42");
 * equal(data.tags["psy.task"], "criteria");
 * equal(data.metrics.f1.value, 0.7);
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export function readRun(root: string, runId: string): MlflowRunData {
  const info = findMlflowRun(root, runId);
  const metrics: Record<string, MlflowMetricPoint> = {};
  for (const [key, text] of readKeyedFiles(join(info.dir, "metrics"))) {
    const point = latest(parseMlflowMetricLines(text, join(info.dir, "metrics", key)));
    if (point) metrics[key] = point;
  }
  return {
    info,
    params: Object.fromEntries(readKeyedFiles(join(info.dir, "params"))),
    tags: Object.fromEntries(readKeyedFiles(join(info.dir, "tags"))),
    metrics,
  };
}
