/**
 * One MLflow run being written: its folder, `meta.yaml`, params, metrics, tags and artifacts.
 *
 * @module
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { TrackingError } from "./errors.ts";
import { type MlflowEntityKind, mlflowValueText, validateMlflowKey } from "./keys.ts";
import { renderMetaYaml } from "./_yaml.ts";
import { atomicWrite, ensureParent, writeAll } from "./_fs.ts";
import { artifactSegments, copyFileInto, copyTreeInto } from "./_artifacts.ts";
import { flattenMlflowParams, type MlflowParamInput } from "./params.ts";
import {
  type EndMlflowRunOptions,
  type LogMlflowArtifactOptions,
  type LogMlflowMetricOptions,
  MLFLOW_STATUS_CODES,
  type MlflowEndStatus,
  type MlflowRunInit,
  type MlflowRunStatus,
  type MlflowValue,
} from "./run_types.ts";

const FOLDER: Readonly<Record<MlflowEntityKind, string>> = {
  metric: "metrics",
  param: "params",
  tag: "tags",
};

/** Metric files a run keeps open for appending (a 1024 or 256 `ulimit -n` must leave room). */
const MAX_OPEN_METRIC_FILES = 128;

/** Refuses a time that `meta.yaml` cannot hold (MLflow reads it with `int()`). */
function checkMillis(action: string, what: string, value: number): void {
  if (!Number.isSafeInteger(value)) {
    throw new TrackingError(
      "value",
      `Cannot ${action}: ${what} ${value} is not an integer number of milliseconds`,
    );
  }
}

/**
 * A run writer. Params and tags are written at once and atomically; metric points are buffered
 * per key and appended as whole lines on {@link MlflowRun.flush} (call it at step boundaries), when
 * the buffer fills, and on {@link MlflowRun.end}. Create runs with `MlflowStore.startRun`.
 *
 * @example
 * ```ts
 * import { openMlflowStore } from "./store.ts";
 * import { readRun } from "./reader.ts";
 * import { equal } from "node:assert/strict";
 * const root = await Deno.makeTempDir();
 * const store = openMlflowStore(root);
 * const run = store.startRun({ runName: "demo" });
 * run.logParams({ training: { lr: 0.001 } });
 * run.logMetric("loss", 0.5, { step: 1 });
 * run.end("FINISHED");
 * const read = readRun(root, run.runId);
 * equal(read.params["training.lr"], "0.001");
 * equal(read.metrics.loss.value, 0.5);
 * equal(read.info.status, "FINISHED");
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export class MlflowRun {
  /** 32-hex run id. */
  readonly runId: string;
  /** Experiment the run belongs to. */
  readonly experimentId: string;
  /** Parent run id for a nested run. */
  readonly parentRunId: string | undefined;
  /** Absolute path of the run folder. */
  readonly runDir: string;
  /** `file:` URI of the artifacts folder. */
  readonly artifactUri: string;
  #init: MlflowRunInit;
  #runName: string;
  #status: MlflowRunStatus = "RUNNING";
  #endTime: number | null = null;
  #params = new Map<string, string>();
  #keys: Record<MlflowEntityKind, Set<string>> = {
    metric: new Set(),
    param: new Set(),
    tag: new Set(),
  };
  #metricFiles = new Map<string, Deno.FsFile>();
  #metricWritten = new Set<string>();
  #pending = new Map<string, string>();
  #pendingCount = 0;

  /** Creates the run folder (`metrics/`, `params/`, `artifacts/`, `tags/`), its tags and meta. */
  constructor(init: MlflowRunInit) {
    this.#init = init;
    this.runId = init.runId;
    this.experimentId = init.experimentId;
    this.parentRunId = init.parentRunId;
    this.runDir = init.runDir;
    this.artifactUri = init.artifactUri;
    this.#runName = init.runName;
    for (const key of Object.keys(init.tags)) validateMlflowKey(key, "tag"); // before any folder
    checkMillis(`start run ${init.runId}`, "start time", init.startTime);
    Deno.mkdirSync(init.runDir);
    for (const folder of ["metrics", "params", "artifacts", "tags"]) {
      Deno.mkdirSync(join(init.runDir, folder));
    }
    for (const [key, value] of Object.entries(init.tags)) this.#writeEntity("tag", key, value);
    this.#writeMeta();
  }

  /** The run's name (`run_name`, `mlflow.runName`). */
  get runName(): string {
    return this.#runName;
  }

  /** `RUNNING` until {@link MlflowRun.end}. */
  get status(): MlflowRunStatus {
    return this.#status;
  }

  /** Whether the run still accepts writes. */
  get active(): boolean {
    return this.#status === "RUNNING";
  }

  /** End time in ms, `null` while running. */
  get endTime(): number | null {
    return this.#endTime;
  }

  /** Logs one param. Logging the same value again is a no-op; a different value is an error. */
  logParam(key: string, value: MlflowValue): void {
    this.#assertActive(`log param ${JSON.stringify(key)}`);
    const text = mlflowValueText(key, value, "param");
    const previous = this.#params.get(key);
    if (previous === text) return;
    if (previous !== undefined) {
      throw new TrackingError(
        "param-conflict",
        `Cannot log param ${JSON.stringify(key)}: it already holds ${JSON.stringify(previous)}, ` +
          `not ${JSON.stringify(text)} (params are immutable)`,
        { key },
      );
    }
    this.#writeEntity("param", key, text);
    this.#params.set(key, text);
  }

  /** Logs several params; a nested config is flattened to dot-joined keys first. */
  logParams(params: { readonly [key: string]: MlflowParamInput }): void {
    const flat = flattenMlflowParams(params);
    for (const [key, value] of Object.entries(flat)) this.logParam(key, value);
  }

  /** Sets (or overwrites) one tag; `mlflow.runName` also renames the run in `meta.yaml`. */
  setTag(key: string, value: MlflowValue): void {
    this.#assertActive(`set tag ${JSON.stringify(key)}`);
    const text = mlflowValueText(key, value, "tag");
    this.#writeEntity("tag", key, text);
    if (key === "mlflow.runName" && text !== this.#runName) {
      this.#runName = text;
      this.#writeMeta();
    }
  }

  /** Sets several tags. */
  setTags(tags: Readonly<Record<string, MlflowValue>>): void {
    for (const [key, value] of Object.entries(tags)) this.setTag(key, value);
  }

  /** Buffers one metric point (`NaN` and `±Infinity` included). */
  logMetric(key: string, value: number, options: LogMlflowMetricOptions = {}): void {
    this.#assertActive(`log metric ${JSON.stringify(key)}`);
    if (typeof value !== "number") {
      throw new TrackingError(
        "value",
        `Cannot log metric ${JSON.stringify(key)}: value ${String(value)} is not a number`,
        {
          key,
        },
      );
    }
    const step = options.step ?? 0;
    const timestamp = options.timestamp ?? this.#init.clock();
    if (!Number.isSafeInteger(step) || !Number.isSafeInteger(timestamp)) {
      throw new TrackingError(
        "value",
        `Cannot log metric ${
          JSON.stringify(key)
        }: step ${step} and timestamp ${timestamp} must be integers`,
        { key },
      );
    }
    if (!this.#keys.metric.has(key)) this.#registerKey("metric", key); // after the value checks
    const line = `${timestamp} ${value} ${step}\n`;
    if (this.#init.metricBufferSize <= 0) {
      this.#writeMetricText(key, line);
      return;
    }
    this.#pending.set(key, (this.#pending.get(key) ?? "") + line);
    if (++this.#pendingCount >= this.#init.metricBufferSize) this.flush();
  }

  /** Buffers several metrics that share a step and timestamp. */
  logMetrics(values: Readonly<Record<string, number>>, options: LogMlflowMetricOptions = {}): void {
    const timestamp = options.timestamp ?? this.#init.clock();
    for (const [key, value] of Object.entries(values)) {
      this.logMetric(key, value, { step: options.step, timestamp });
    }
  }

  /** Appends every buffered metric point to its file (one write per key, whole lines only). */
  flush(): void {
    if (this.#pendingCount === 0) return;
    const pending = [...this.#pending];
    this.#pending.clear();
    this.#pendingCount = 0;
    for (const [key, text] of pending) this.#writeMetricText(key, text);
  }

  /** Copies a file to `artifacts/<artifactPath>/<file name>`. */
  logArtifact(path: string, options: LogMlflowArtifactOptions = {}): void {
    this.#assertActive(`log artifact ${JSON.stringify(path)}`);
    copyFileInto(path, this.#artifactDir(options.artifactPath), this.runDir);
  }

  /** Copies the contents of a folder below `artifacts/<artifactPath>/`; returns the file count. */
  logArtifacts(dir: string, options: LogMlflowArtifactOptions = {}): number {
    this.#assertActive(`log artifacts ${JSON.stringify(dir)}`);
    return copyTreeInto(dir, this.#artifactDir(options.artifactPath), this.runDir);
  }

  /** Writes text as the artifact `artifactFile` (`"config/resolved.yaml"`), atomically. */
  logTextArtifact(artifactFile: string, text: string): void {
    this.#assertActive(`log artifact ${JSON.stringify(artifactFile)}`);
    const segments = artifactSegments(artifactFile);
    const name = segments.pop();
    if (name === undefined) {
      throw new TrackingError("value", "Cannot log text artifact: the artifact file name is empty");
    }
    const dir = this.#artifactDir(segments.join("/"));
    Deno.mkdirSync(dir, { recursive: true });
    atomicWrite(join(dir, name), text, this.runDir);
  }

  /** Flushes metrics and ends the run: `status` and `end_time` in `meta.yaml`. */
  end(status: MlflowEndStatus = "FINISHED", options: EndMlflowRunOptions = {}): void {
    this.#assertActive(`end the run with ${status}`);
    if (!(status === "FINISHED" || status === "FAILED" || status === "KILLED")) {
      throw new TrackingError(
        "value",
        `Cannot end run ${this.runId}: ${JSON.stringify(status)} is not an end status`,
      );
    }
    const endTime = options.endTime ?? this.#init.clock();
    checkMillis(`end run ${this.runId}`, "end time", endTime); // before the run is marked ended
    try {
      this.flush();
    } finally {
      this.#closeMetricFiles();
      this.#status = status;
      this.#endTime = endTime;
      this.#writeMeta();
    }
  }

  #assertActive(action: string): void {
    if (this.#status !== "RUNNING") {
      throw new TrackingError(
        "state",
        `Cannot ${action}: run ${this.runId} has ended (${this.#status})`,
      );
    }
  }

  #artifactDir(artifactPath: string | undefined): string {
    if (!this.artifactUri.startsWith("file:")) {
      throw new TrackingError(
        "value",
        `Cannot log artifacts: artifact URI ${JSON.stringify(this.artifactUri)} is not a file: URI`,
      );
    }
    return join(fileURLToPath(this.artifactUri), ...artifactSegments(artifactPath));
  }

  /** Validates a new key and refuses one that would clash with a file or folder (`a` vs `a/b`). */
  #registerKey(kind: MlflowEntityKind, key: string): void {
    validateMlflowKey(key, kind);
    for (const other of this.#keys[kind]) {
      if (other.startsWith(key + "/") || key.startsWith(other + "/")) {
        throw new TrackingError(
          "key",
          `Cannot use ${kind} key ${JSON.stringify(key)}: it clashes with ${
            JSON.stringify(other)
          } ` +
            "(one would be a file and a folder at once)",
          { key },
        );
      }
    }
    if (key.includes("/")) ensureParent(join(this.runDir, FOLDER[kind], key));
    this.#keys[kind].add(key);
  }

  #writeEntity(kind: "param" | "tag", key: string, text: string): void {
    if (!this.#keys[kind].has(key)) this.#registerKey(kind, key);
    atomicWrite(join(this.runDir, FOLDER[kind], key), text, this.runDir);
  }

  /**
   * The first write of a metric file is atomic (so there is never an empty file); the file is then
   * kept open for appending, and each later flush is one `write` of whole lines. At most
   * {@link MAX_OPEN_METRIC_FILES} stay open (least recently written closed first), so a run with
   * many keys does not run out of file descriptors; a closed key is reopened for appending.
   */
  #writeMetricText(key: string, text: string): void {
    let file = this.#metricFiles.get(key);
    if (file) {
      this.#metricFiles.delete(key); // re-inserted below: Map order = least recently written first
    } else {
      const path = join(this.runDir, "metrics", key);
      if (!this.#metricWritten.has(key)) {
        atomicWrite(path, text, this.runDir);
        this.#metricWritten.add(key);
        text = "";
      }
      if (this.#metricFiles.size >= MAX_OPEN_METRIC_FILES) this.#closeLeastRecentMetricFile();
      file = Deno.openSync(path, { append: true });
    }
    this.#metricFiles.set(key, file);
    if (text !== "") writeAll(file, text);
  }

  #closeLeastRecentMetricFile(): void {
    for (const [key, file] of this.#metricFiles) {
      this.#metricFiles.delete(key);
      file.close();
      return;
    }
  }

  #closeMetricFiles(): void {
    for (const file of this.#metricFiles.values()) {
      try {
        file.close();
      } catch { /* already closed */ }
    }
    this.#metricFiles.clear();
  }

  #writeMeta(): void {
    const init = this.#init;
    const yaml = renderMetaYaml({
      artifact_uri: init.artifactUri,
      end_time: this.#endTime,
      entry_point_name: "",
      experiment_id: init.experimentId,
      lifecycle_stage: "active",
      run_id: init.runId,
      run_name: this.#runName,
      run_uuid: init.runId,
      source_name: "",
      source_type: 4,
      source_version: "",
      start_time: init.startTime,
      status: MLFLOW_STATUS_CODES[this.#status],
      tags: [],
      user_id: init.userId,
    });
    atomicWrite(join(this.runDir, "meta.yaml"), yaml, this.runDir);
  }
}
