/**
 * An MLflow file store (`mlruns/`) opened for writing: experiments by name, runs.
 *
 * @module
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { TrackingError } from "./errors.ts";
import { type MlflowIdGenerator, randomMlflowIds } from "./ids.ts";
import type { MlflowRunContext } from "./context.ts";
import { MLFLOW_LIMITS, mlflowValueText, validateMlflowKey } from "./keys.ts";
import { renderMetaYaml } from "./_yaml.ts";
import { atomicWrite, ensureParent, exists, rootPathFromUri } from "./_fs.ts";
import { listExperiments, readExperimentAt } from "./experiments.ts";
import { MlflowRun } from "./run.ts";

/** Options of {@link openMlflowStore}. */
export interface MlflowStoreOptions {
  /** Milliseconds since the epoch for creation, start, end and metric times (default `Date.now`). */
  readonly clock?: () => number;
  /** Experiment and run ids (default {@link randomMlflowIds}). */
  readonly ids?: MlflowIdGenerator;
  /** User, source and git commit recorded on every run (see `mlflowRunContext`). */
  readonly context?: MlflowRunContext;
  /** Buffered metric points per run that trigger a flush (default 1000; 0 = write each point). */
  readonly metricBufferSize?: number;
}

/** Options of {@link MlflowStore.startRun}. */
export interface StartMlflowRunOptions {
  /** Experiment id (default `"0"`, the Default experiment). */
  readonly experimentId?: string;
  /** Run name (default `run-<first 8 hex of the id>`). */
  readonly runName?: string;
  /**
   * Extra tags; they may override the system tags. `mlflow.runName` names the run (it must then
   * equal `runName` when both are given) and `mlflow.user` sets `user_id`, as in MLflow.
   */
  readonly tags?: Readonly<Record<string, string>>;
  /** Parent run (same experiment): the run becomes nested (`mlflow.parentRunId`). */
  readonly parentRunId?: string;
  /** Start time in ms (default: the clock). */
  readonly startTime?: number;
  /** Overrides the store's context for this run. */
  readonly context?: MlflowRunContext;
}

const LOCK_FILE = ".psy-tracking.lock";
const RUN_ID = /^[a-zA-Z0-9][\w-]{0,255}$/;

/**
 * A tracking root opened for writing. Open it with {@link openMlflowStore}.
 *
 * @example
 * ```ts
 * import { openMlflowStore } from "./store.ts";
 * import { equal } from "node:assert/strict";
 * const root = await Deno.makeTempDir();
 * const store = openMlflowStore(root);
 * const id = await store.getOrCreateExperiment("noaug_baseline-criteria-redsm5");
 * equal(await store.getOrCreateExperiment("noaug_baseline-criteria-redsm5"), id);
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export class MlflowStore {
  /** Absolute path of the tracking root. */
  readonly root: string;
  /** The root as a `file:` URI (percent-encoded like MLflow's `Path.as_uri()`). */
  readonly rootUri: string;
  #clock: () => number;
  #ids: MlflowIdGenerator;
  #context: MlflowRunContext;
  #bufferSize: number;

  /** Wraps an existing root; {@link openMlflowStore} also creates it. */
  constructor(root: string, options: MlflowStoreOptions = {}) {
    this.root = rootPathFromUri(root);
    this.rootUri = pathToFileURL(this.root).href;
    this.#clock = options.clock ?? Date.now;
    this.#ids = options.ids ?? randomMlflowIds();
    this.#context = options.context ?? {};
    this.#bufferSize = options.metricBufferSize ?? 1000;
  }

  /**
   * The id of the experiment called `name`, creating it when missing. Safe when several processes
   * ask at once: creation happens under an exclusive file lock (`flock`, released by the OS when a
   * process dies) after re-reading the names, so all of them get the same id.
   */
  async getOrCreateExperiment(name: string): Promise<string> {
    checkExperimentName(name);
    const found = this.#findExperiment(name);
    if (found) return found;
    const lock = await Deno.open(join(this.root, LOCK_FILE), { create: true, write: true });
    try {
      await lock.lock(true);
      return this.#findExperiment(name) ?? this.#createExperiment(name);
    } finally {
      lock.close();
    }
  }

  /** Starts a run (status RUNNING) with the system tags of MLflow's fluent `start_run`. */
  startRun(options: StartMlflowRunOptions = {}): MlflowRun {
    const experimentId = options.experimentId ?? "0";
    const experimentDir = join(this.root, experimentId);
    const experiment = readExperimentAt(experimentDir, experimentId);
    if (!experiment || experiment.lifecycleStage !== "active") {
      throw new TrackingError(
        "not-found",
        `Cannot start a run: experiment ${
          JSON.stringify(experimentId)
        } does not exist or is deleted`,
      );
    }
    const parent = options.parentRunId;
    if (
      parent !== undefined &&
      (!RUN_ID.test(parent) || !exists(join(experimentDir, parent, "meta.yaml")))
    ) {
      throw new TrackingError(
        "not-found",
        `Cannot start a nested run: parent run ${JSON.stringify(parent)} is not in experiment ${
          JSON.stringify(experimentId)
        }`,
      );
    }
    const runId = this.#ids.runId();
    if (!RUN_ID.test(runId)) {
      throw new TrackingError(
        "value",
        `Cannot start a run: run id ${JSON.stringify(runId)} is not a valid MLflow run id`,
      );
    }
    const taggedName = options.tags?.["mlflow.runName"];
    if (
      options.runName !== undefined && taggedName !== undefined && taggedName !== options.runName
    ) {
      throw new TrackingError(
        "value",
        `Cannot start a run: runName ${JSON.stringify(options.runName)} and tag mlflow.runName ` +
          `${JSON.stringify(taggedName)} differ`,
        { key: "mlflow.runName" },
      );
    }
    const runName = options.runName ?? taggedName ?? `run-${runId.slice(0, 8)}`;
    const context = options.context ?? this.#context;
    const tags: Record<string, string> = { "mlflow.runName": runName };
    if (context.user) tags["mlflow.user"] = context.user;
    if (context.sourceName) tags["mlflow.source.name"] = context.sourceName;
    if (context.sourceName || context.sourceType) {
      tags["mlflow.source.type"] = context.sourceType ?? "LOCAL";
    }
    if (context.gitCommit) tags["mlflow.source.git.commit"] = context.gitCommit;
    if (parent !== undefined) tags["mlflow.parentRunId"] = parent;
    for (const [key, value] of Object.entries(options.tags ?? {})) {
      tags[key] = mlflowValueText(key, value, "tag");
    }
    return new MlflowRun({
      runId,
      experimentId,
      runName,
      runDir: join(experimentDir, runId),
      artifactUri: `${experiment.artifactLocation}/${runId}/artifacts`,
      userId: tags["mlflow.user"] ?? "unknown", // MLflow's client copies the tag to user_id
      startTime: options.startTime ?? this.#clock(),
      tags,
      parentRunId: parent,
      clock: this.#clock,
      metricBufferSize: this.#bufferSize,
    });
  }

  /**
   * Sets an experiment tag (`<experiment>/tags/<key>`), e.g. `mlflow.note.content`, the
   * description the MLflow UI shows. Values are limited to 5000 characters like MLflow's.
   */
  setExperimentTag(experimentId: string, key: string, value: string): void {
    const dir = join(this.root, experimentId);
    if (!readExperimentAt(dir, experimentId)) {
      throw new TrackingError(
        "not-found",
        `Cannot set experiment tag ${JSON.stringify(key)}: experiment ${
          JSON.stringify(experimentId)
        } does not exist`,
        { key },
      );
    }
    validateMlflowKey(key, "tag");
    const text = mlflowValueText(key, value, "tag");
    if (text.length > MLFLOW_LIMITS.experimentTagValueChars) {
      throw new TrackingError(
        "value",
        `Cannot set experiment tag ${
          JSON.stringify(key)
        }: its value has ${text.length} characters, more than ${MLFLOW_LIMITS.experimentTagValueChars}`,
        { key },
      );
    }
    const target = join(dir, "tags", key);
    ensureParent(target);
    atomicWrite(target, text, dir);
  }

  /** Writes the Default experiment `0` unless it exists (or was deleted into `.trash/`). */
  ensureDefaultExperiment(): void {
    if (exists(join(this.root, "0")) || exists(join(this.root, ".trash", "0"))) return;
    const lock = Deno.openSync(join(this.root, LOCK_FILE), { create: true, write: true });
    try {
      lock.lockSync(true);
      if (!exists(join(this.root, "0"))) this.#writeExperiment("0", "Default");
    } finally {
      lock.close();
    }
  }

  #findExperiment(name: string): string | undefined {
    const match = listExperiments(this.root, { includeDeleted: true }).find((e) => e.name === name);
    if (match && match.lifecycleStage !== "active") {
      throw new TrackingError(
        "value",
        `Cannot use experiment ${JSON.stringify(name)}: it belongs to deleted experiment ` +
          `${match.experimentId} (restore it or remove .trash/${match.experimentId})`,
      );
    }
    return match?.experimentId;
  }

  #createExperiment(name: string): string {
    for (;;) {
      const id = this.#ids.experimentId();
      if (!/^\d+$/.test(id)) {
        throw new TrackingError(
          "value",
          `Cannot create experiment: id ${JSON.stringify(id)} is not all digits`,
        );
      }
      if (exists(join(this.root, id)) || exists(join(this.root, ".trash", id))) continue;
      this.#writeExperiment(id, name);
      return id;
    }
  }

  #writeExperiment(id: string, name: string): void {
    const dir = join(this.root, id);
    Deno.mkdirSync(dir, { recursive: true });
    const now = this.#clock();
    const yaml = renderMetaYaml({
      artifact_location: `${this.rootUri}/${id}`,
      creation_time: now,
      experiment_id: id,
      last_update_time: now,
      lifecycle_stage: "active",
      name,
    });
    atomicWrite(join(dir, "meta.yaml"), yaml, dir);
  }
}

function checkExperimentName(name: string): void {
  if (
    typeof name !== "string" || name.trim() === "" ||
    name.length > MLFLOW_LIMITS.experimentNameChars
  ) {
    throw new TrackingError(
      "value",
      `Cannot use experiment name ${JSON.stringify(name)}: it must be non-empty and at most ` +
        `${MLFLOW_LIMITS.experimentNameChars} characters`,
    );
  }
}

/**
 * Opens (and if needed creates) a tracking root — a path such as `./mlruns` or a `file:` URI —
 * the way MLflow's `FileStore` does: the root folder, `.trash/`, and the Default experiment `0`.
 * The root comes from the config's `paths.mlruns`.
 *
 * @example
 * ```ts
 * import { listExperiments, openMlflowStore } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * const root = await Deno.makeTempDir();
 * const store = openMlflowStore(`${root}/mlruns`, { context: { user: "alice" } });
 * equal(listExperiments(store.root)[0].name, "Default");
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export function openMlflowStore(uri: string, options: MlflowStoreOptions = {}): MlflowStore {
  const store = new MlflowStore(uri, options);
  Deno.mkdirSync(join(store.root, ".trash"), { recursive: true });
  store.ensureDefaultExperiment();
  return store;
}
