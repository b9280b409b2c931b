/**
 * The data types of a run: statuses, option records, and what the store hands a new run.
 *
 * @module
 */

/** A run's status; on disk `1` RUNNING, `2` SCHEDULED, `3` FINISHED, `4` FAILED, `5` KILLED. */
export type MlflowRunStatus = "RUNNING" | "SCHEDULED" | "FINISHED" | "FAILED" | "KILLED";
/** The statuses a run can end with. */
export type MlflowEndStatus = "FINISHED" | "FAILED" | "KILLED";

/** The integer MLflow stores for each status. */
export const MLFLOW_STATUS_CODES: Readonly<Record<MlflowRunStatus, number>> = Object.freeze({
  RUNNING: 1,
  SCHEDULED: 2,
  FINISHED: 3,
  FAILED: 4,
  KILLED: 5,
});

/** A param or tag value: stored as `String(value)`, `null`/`undefined` as `""`. */
export type MlflowValue = string | number | boolean | bigint | null | undefined;

/** Options of `MlflowRun.logMetric` and `MlflowRun.logMetrics`. */
export interface LogMlflowMetricOptions {
  /** Integer step (default 0). */
  readonly step?: number;
  /** Integer milliseconds since the epoch (default: the store's clock). */
  readonly timestamp?: number;
}

/** Options of `MlflowRun.logArtifact` and `MlflowRun.logArtifacts`. */
export interface LogMlflowArtifactOptions {
  /** Relative folder below `artifacts/` (`"plots/roc"`); default: the top. */
  readonly artifactPath?: string;
}

/** Options of `MlflowRun.end`. */
export interface EndMlflowRunOptions {
  /** End time in ms (default: the store's clock). */
  readonly endTime?: number;
}

/** What `MlflowStore.startRun` hands a new run. Not for direct use. */
export interface MlflowRunInit {
  /** 32-hex run id, also the folder name. */
  readonly runId: string;
  /** Experiment id, the parent folder name. */
  readonly experimentId: string;
  /** Run name (`run_name` and the `mlflow.runName` tag). */
  readonly runName: string;
  /** Absolute run folder. */
  readonly runDir: string;
  /** `artifact_uri` for `meta.yaml`. */
  readonly artifactUri: string;
  /** `user_id` for `meta.yaml`. */
  readonly userId: string;
  /** Start time in ms. */
  readonly startTime: number;
  /** Tags written at creation (system tags included). */
  readonly tags: Readonly<Record<string, string>>;
  /** Parent run id for a nested run. */
  readonly parentRunId: string | undefined;
  /** Clock in ms for metric timestamps and the end time. */
  readonly clock: () => number;
  /** Buffered metric points that trigger a flush; 0 writes every point at once. */
  readonly metricBufferSize: number;
}
