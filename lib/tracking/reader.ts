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
import { metaInt, metaString, parseMetaYaml } from "./_yaml.ts";
import {
  EXPERIMENT_RESERVED,
  readKeyedFiles,
  ROOT_RESERVED,
  rootPathFromUri,
  subFolders,
} from "./_fs.ts";
import type { MlflowRunStatus } from "./run.ts";

/** An experiment as read from `<id>/meta.yaml`. */
export interface MlflowExperimentInfo {
  /** Experiment id (the folder name), always a string. */
  readonly experimentId: string;
  /** Unique name. */
  readonly name: string;
  /** Where its runs' artifacts go (a URI). */
  readonly artifactLocation: string;
  /** `deleted` for experiments under `.trash/`. */
  readonly lifecycleStage: string;
  /** ms since the epoch, `null` for folders from MLflow < 1.29. */
  readonly creationTime: number | null;
  /** ms since the epoch, `null` when absent. */
  readonly lastUpdateTime: number | null;
  /** Absolute path of the experiment folder. */
  readonly dir: string;
}

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

/** One point of a metric's history. */
export interface MlflowMetricPoint {
  /** ms since the epoch. */
  readonly timestamp: number;
  /** The value (may be `NaN` or `±Infinity`). */
  readonly value: number;
  /** Integer step. */
  readonly step: number;
}

/** A run with its data: params, tags and the latest value of each metric. */
export interface MlflowRunData {
  /** The run's metadata. */
  readonly info: MlflowRunInfo;
  /** Params by key. */
  readonly params: Readonly<Record<string, string>>;
  /** Tags by key. */
  readonly tags: Readonly<Record<string, string>>;
  /** Latest point of each metric: greatest `(step, timestamp)`, as the MLflow UI shows it. */
  readonly metrics: Readonly<Record<string, MlflowMetricPoint>>;
}

/** Options of {@link listExperiments}. */
export interface ListMlflowExperimentsOptions {
  /** Also list experiments under `.trash/` (default false). */
  readonly includeDeleted?: boolean;
}

const VALID_ID = /^[a-zA-Z0-9][\w-]{0,63}$/;
const STATUS_BY_CODE: readonly MlflowRunStatus[] = [
  "RUNNING",
  "SCHEDULED",
  "FINISHED",
  "FAILED",
  "KILLED",
];

function readMeta(dir: string): Readonly<Record<string, unknown>> | undefined {
  const path = join(dir, "meta.yaml");
  let text: string;
  try {
    text = Deno.readTextFileSync(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
  return text.trim() === "" ? undefined : parseMetaYaml(text, path);
}

/** Reads one experiment folder, or `undefined` when MLflow would skip it. */
export function readExperimentAt(
  dir: string,
  folderName: string,
): MlflowExperimentInfo | undefined {
  const meta = readMeta(dir);
  if (!meta || metaString(meta.experiment_id) !== folderName) return undefined;
  return {
    experimentId: folderName,
    name: metaString(meta.name) ?? "",
    artifactLocation: metaString(meta.artifact_location) ?? "",
    lifecycleStage: metaString(meta.lifecycle_stage) ?? "active",
    creationTime: metaInt(meta.creation_time) ?? null,
    lastUpdateTime: metaInt(meta.last_update_time) ?? null,
    dir,
  };
}

/**
 * Lists the experiments in a tracking root (path or `file:` URI), newest first (MLflow's order:
 * `creation_time` descending, then id).
 *
 * @example
 * ```ts
 * import { listExperiments, openMlflowStore } from "./mod.ts";
 * import { deepEqual } from "node:assert/strict";
 * const root = await Deno.makeTempDir();
 * await openMlflowStore(root).getOrCreateExperiment("demo");
 * deepEqual(listExperiments(root).map((e) => e.name).sort(), ["Default", "demo"]);
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export function listExperiments(
  root: string,
  options: ListMlflowExperimentsOptions = {},
): MlflowExperimentInfo[] {
  const rootDir = rootPathFromUri(root);
  const places = [rootDir, ...(options.includeDeleted ? [join(rootDir, ".trash")] : [])];
  const out: MlflowExperimentInfo[] = [];
  for (const place of places) {
    for (const name of subFolders(place)) {
      if (ROOT_RESERVED.has(name) || !VALID_ID.test(name)) continue;
      const info = readExperimentAt(join(place, name), name);
      if (info) out.push(info);
    }
  }
  return out.sort((a, b) =>
    (b.creationTime ?? -Infinity) - (a.creationTime ?? -Infinity) ||
    (a.experimentId < b.experimentId ? -1 : a.experimentId > b.experimentId ? 1 : 0)
  );
}

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
  const meta = readMeta(dir);
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

function experimentDir(rootDir: string, experimentId: string): string | undefined {
  for (const place of [rootDir, join(rootDir, ".trash")]) {
    if (readExperimentAt(join(place, experimentId), experimentId)) return join(place, experimentId);
  }
  return undefined;
}

/** Lists the runs of one experiment (active or in `.trash/`), oldest first. */
export function listRuns(root: string, experimentId: string): MlflowRunInfo[] {
  const dir = experimentDir(rootPathFromUri(root), experimentId);
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

/** Finds a run by id in any experiment, active or deleted. */
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
 * Parses a metric file's text: `<timestamp> <value> [<step> [<dataset> <digest>]]` per line, values
 * as Python's `float()` reads them (`nan`, `inf`, `NaN`, `Infinity`, `1e-07` …). A blank, torn or
 * unterminated line is a {@link TrackingError} of kind `"format"` naming the file and line.
 *
 * @example
 * ```ts
 * import { parseMlflowMetricLines } from "./reader.ts";
 * import { deepEqual } from "node:assert/strict";
 * deepEqual(parseMlflowMetricLines("1700000000000 0.5 3\n"), [
 *   { timestamp: 1700000000000, value: 0.5, step: 3 },
 * ]);
 * ```
 */
export function parseMlflowMetricLines(text: string, path = "<metric>"): MlflowMetricPoint[] {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  else if (lines.length > 0) {
    // Every writer ends a point with "\n": a last line without one is a torn write.
    throw new TrackingError("format", `Cannot read ${path}: line ${lines.length} is incomplete`, {
      path,
    });
  }
  return lines.map((raw, i) => {
    const fields = raw.trim().split(" ");
    const timestamp = parseIntLikePython(fields[0]);
    const value = parseFloatLikePython(fields[1] ?? "");
    const step = fields.length >= 3 ? parseIntLikePython(fields[2]) : 0;
    const ok = (fields.length === 2 || fields.length === 3 || fields.length === 5) &&
      Number.isSafeInteger(timestamp) && Number.isSafeInteger(step) && value !== undefined;
    if (!ok) {
      throw new TrackingError(
        "format",
        `Cannot read ${path}: line ${i + 1} ${JSON.stringify(raw)} is not a metric point`,
        {
          path,
        },
      );
    }
    return { timestamp, value: value ?? NaN, step };
  });
}

function parseIntLikePython(text: string): number {
  return /^[+-]?\d(_?\d)*$/.test(text) ? Number(text.replaceAll("_", "")) : NaN;
}

function parseFloatLikePython(text: string): number | undefined {
  const t = text.toLowerCase();
  if (/^[+-]?nan$/.test(t)) return NaN;
  if (/^\+?inf(inity)?$/.test(t)) return Infinity;
  if (/^-inf(inity)?$/.test(t)) return -Infinity;
  if (!/^[+-]?(\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(e[+-]?\d+)?$/.test(t)) return undefined;
  return Number(t.replaceAll("_", ""));
}

/** The full history of one metric of a run, in logging order. */
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

function latest(points: readonly MlflowMetricPoint[]): MlflowMetricPoint | undefined {
  let best: MlflowMetricPoint | undefined;
  for (const p of points) {
    if (!best || p.step > best.step || (p.step === best.step && p.timestamp >= best.timestamp)) {
      best = p;
    }
  }
  return best;
}

/**
 * Reads a run: its info, params, tags and the latest value of every metric.
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
