/**
 * Creates a run folder that keeps the resolved config and the overrides it ran with.
 *
 * @module
 */
import { join } from "node:path";
import { stringify } from "yaml";
import { ConfigError } from "./config_error.ts";
import type { ConfigTree } from "./config_tree.ts";
import { configToYaml } from "./config_to_yaml.ts";
import { strftime } from "./_strftime.ts";

/** Inputs of {@link createRunDir}. */
export interface CreateRunDirOptions {
  /** Parent of all run folders (e.g. `"outputs"`); created if missing. */
  readonly root: string;
  /** Task name, one path segment (e.g. `"train"`). */
  readonly task: string;
  /** The run's start time; names the folder `YYYY-MM-DD_HH-MM-SS` (UTC). */
  readonly now: Date;
  /** The resolved config, written as `config.yaml`. */
  readonly config: ConfigTree;
  /** The override tokens, written as the YAML list `overrides.yaml`. */
  readonly overrides: readonly string[];
}

function writeAtomic(file: string, text: string): void {
  const temp = `${file}.tmp`; // the folder is fresh and ours alone
  Deno.writeTextFileSync(temp, text);
  Deno.renameSync(temp, file);
}

function removeQuietly(dir: string): void {
  try {
    Deno.removeSync(dir, { recursive: true });
  } catch {
    // The error that made us clean up is the one to report.
  }
}

function makeFresh(base: string): string {
  for (let i = 0;; i++) {
    const dir = i === 0 ? base : `${base}_${i}`;
    try {
      Deno.mkdirSync(dir);
      return dir;
    } catch (error) {
      if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
    }
  }
}

/**
 * Makes `<root>/<task>/<YYYY-MM-DD_HH-MM-SS>/` (adding `_1`, `_2`, … rather than reusing a
 * folder) and writes `config.yaml` and `overrides.yaml` in it atomically. Returns the folder.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createRunDir } from "./create_run_dir.ts";
 *
 * const root = Deno.makeTempDirSync();
 * const now = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
 * const options = { root, task: "train", now, config: { seed: 42 }, overrides: ["seed=42"] };
 * const first = createRunDir(options);
 * const second = createRunDir(options);
 * assert.equal(first, `${root}/train/2026-01-02_03-04-05`);
 * assert.equal(second, `${first}_1`);
 * assert.equal(Deno.readTextFileSync(`${first}/config.yaml`), "seed: 42\n");
 * assert.equal(Deno.readTextFileSync(`${first}/overrides.yaml`), "- seed=42\n");
 * Deno.removeSync(root, { recursive: true });
 * ```
 */
export function createRunDir(options: CreateRunDirOptions): string {
  const { root, task } = options;
  if (task === "" || /[\\/]|^\.\.?$/.test(task)) {
    throw new ConfigError(`Cannot create run folder: task "${task}" is not one path segment`);
  }
  let dir: string | undefined;
  try {
    const parent = join(root, task);
    Deno.mkdirSync(parent, { recursive: true });
    dir = makeFresh(join(parent, strftime("%Y-%m-%d_%H-%M-%S", options.now)));
    writeAtomic(join(dir, "config.yaml"), configToYaml(options.config));
    writeAtomic(join(dir, "overrides.yaml"), stringify([...options.overrides]));
    return dir;
  } catch (error) {
    // A run folder exists complete or not at all: remove the one made here.
    if (dir !== undefined) removeQuietly(dir);
    throw new ConfigError(
      `Cannot create run folder under "${root}": ${(error as Error).message}`,
      { file: root, cause: error },
    );
  }
}
