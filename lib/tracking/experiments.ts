/**
 * Reading experiments back from an `mlruns/` folder (ours or MLflow's): `<id>/meta.yaml` with a
 * quoted or (legacy) integer id, with or without `creation_time`, plus `<id>/tags/`.
 *
 * @module
 */
import { join } from "node:path";
import { metaInt, metaString, readMetaFile } from "./_yaml.ts";
import { readKeyedFiles, ROOT_RESERVED, rootPathFromUri, subFolders } from "./_fs.ts";

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
  /** Experiment tags (`<experiment>/tags/`), e.g. `mlflow.note.content`. */
  readonly tags: Readonly<Record<string, string>>;
  /** Absolute path of the experiment folder. */
  readonly dir: string;
}

/** Options of {@link listExperiments}. */
export interface ListMlflowExperimentsOptions {
  /** Also list experiments under `.trash/` (default false). */
  readonly includeDeleted?: boolean;
}

const VALID_ID = /^[a-zA-Z0-9][\w-]{0,63}$/;
/** Reads one experiment folder, or `undefined` when MLflow would skip it. */
export function readExperimentAt(
  dir: string,
  folderName: string,
): MlflowExperimentInfo | undefined {
  const meta = readMetaFile(dir);
  if (!meta || metaString(meta.experiment_id) !== folderName) return undefined;
  return {
    experimentId: folderName,
    name: metaString(meta.name) ?? "",
    artifactLocation: metaString(meta.artifact_location) ?? "",
    lifecycleStage: metaString(meta.lifecycle_stage) ?? "active",
    creationTime: metaInt(meta.creation_time) ?? null,
    lastUpdateTime: metaInt(meta.last_update_time) ?? null,
    tags: Object.fromEntries(readKeyedFiles(join(dir, "tags"))),
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

/** The folder of an experiment, active or in `.trash/`. */
export function experimentDirOf(rootDir: string, experimentId: string): string | undefined {
  for (const place of [rootDir, join(rootDir, ".trash")]) {
    if (readExperimentAt(join(place, experimentId), experimentId)) return join(place, experimentId);
  }
  return undefined;
}
