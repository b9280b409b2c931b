/**
 * Who and what started a run — the values behind MLflow's `mlflow.user`, `mlflow.source.*` tags.
 * The lib never reads the environment itself: the caller passes `Deno.env.toObject()`,
 * `Deno.mainModule` and `Deno.cwd()`.
 *
 * @module
 */
import { dirname, isAbsolute } from "node:path";
import { fileURLToPath } from "node:url";
import { readGitCommit } from "./git.ts";

/** MLflow's source types (`mlflow.source.type`). */
export type MlflowSourceType = "LOCAL" | "NOTEBOOK" | "JOB" | "PROJECT" | "UNKNOWN";

/** The facts a run records about where it came from; every field is optional. */
export interface MlflowRunContext {
  /** User name: `mlflow.user` tag and `user_id` in `meta.yaml` (`"unknown"` when absent). */
  readonly user?: string;
  /** Entry script: `mlflow.source.name`. */
  readonly sourceName?: string;
  /** `mlflow.source.type`; `LOCAL` when a source name is known. */
  readonly sourceType?: MlflowSourceType;
  /** 40-hex commit: `mlflow.source.git.commit`. */
  readonly gitCommit?: string;
}

/** Inputs of {@link mlflowRunContext}, gathered by the caller. */
export interface MlflowRunContextInput {
  /** The process environment, e.g. `Deno.env.toObject()`. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The entry script as a path or `file:` URL, e.g. `Deno.mainModule`. */
  readonly source?: string;
  /** The working directory, e.g. `Deno.cwd()`; the git search starts here without a source file. */
  readonly cwd: string;
  /** The user id, e.g. `Deno.uid()`: names the user from `/etc/passwd` when the env has none. */
  readonly uid?: number | null;
}

/** The login name of `uid` in `/etc/passwd`, as Python's `pwd.getpwuid(uid).pw_name`. */
function passwdName(uid: number | null | undefined): string | undefined {
  if (uid === undefined || uid === null) return undefined;
  try {
    for (const line of Deno.readTextFileSync("/etc/passwd").split("\n")) {
      const [name, , id] = line.split(":");
      if (id !== undefined && Number(id) === uid && name) return name;
    }
  } catch { /* no passwd file (Windows) or no read permission */ }
  return undefined;
}

function sourcePath(source: string | undefined): string | undefined {
  if (source === undefined) return undefined;
  if (!source.startsWith("file:")) return source;
  try {
    return fileURLToPath(source);
  } catch {
    return source;
  }
}

/**
 * Builds a run context the way MLflow's fluent `start_run` does: the user from `LOGNAME`, `USER`,
 * `LNAME` or `USERNAME`, else the `uid`'s name in `/etc/passwd` (Python's `getpass.getuser()`
 * order), the entry script as the source with
 * type `LOCAL`, and the commit of the git checkout that holds the script (or `cwd`).
 *
 * @example
 * ```ts
 * import { mlflowRunContext } from "./context.ts";
 * import { equal } from "node:assert/strict";
 * const ctx = mlflowRunContext({ env: { USER: "alice" }, source: "/tmp/train.ts", cwd: "/" });
 * equal(ctx.user, "alice");
 * equal(ctx.sourceName, "/tmp/train.ts");
 * equal(ctx.sourceType, "LOCAL");
 * ```
 */
export function mlflowRunContext(input: MlflowRunContextInput): MlflowRunContext {
  const { env } = input;
  const user = [env.LOGNAME, env.USER, env.LNAME, env.USERNAME].find((u) => u !== undefined && u) ??
    passwdName(input.uid);
  const sourceName = sourcePath(input.source);
  const searchFrom = sourceName && isAbsolute(sourceName) ? dirname(sourceName) : input.cwd;
  const gitCommit = readGitCommit(searchFrom) ?? readGitCommit(input.cwd);
  return {
    ...(user ? { user } : {}),
    ...(sourceName ? { sourceName, sourceType: "LOCAL" as const } : {}),
    ...(gitCommit ? { gitCommit } : {}),
  };
}
