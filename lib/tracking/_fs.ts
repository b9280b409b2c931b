/**
 * File-system helpers for the store: URIs, atomic writes (temp file + rename), whole-line appends.
 *
 * @module
 */
import { dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { TrackingError } from "./errors.ts";

const encoder = new TextEncoder();

/** Folders inside the tracking root that are not experiments. */
export const ROOT_RESERVED: ReadonlySet<string> = new Set([".trash", "models"]);
/** Folders inside an experiment that are not runs. */
export const EXPERIMENT_RESERVED: ReadonlySet<string> = new Set([
  "tags",
  "datasets",
  "traces",
  "models",
]);

/** Turns a tracking URI (`./mlruns`, `/abs/mlruns`, `file:///abs/mlruns`) into an absolute path. */
export function rootPathFromUri(uri: string): string {
  if (uri.startsWith("file:")) {
    try {
      return resolve(fileURLToPath(uri)); // resolve() drops a trailing "/"
    } catch (cause) {
      throw new TrackingError(
        "value",
        `Cannot open tracking URI ${JSON.stringify(uri)}: ${cause}`,
        {
          cause,
        },
      );
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(uri)) {
    throw new TrackingError(
      "value",
      `Cannot open tracking URI ${
        JSON.stringify(uri)
      }: only local paths and file: URIs are supported`,
    );
  }
  return isAbsolute(uri) ? uri : resolve(uri);
}

/** A temp-file name that is never a key: it lives next to `meta.yaml`, outside entity folders. */
export function tempPath(dir: string): string {
  return join(dir, `.tmp-${crypto.randomUUID()}`);
}

/** Writes `data` to `target` atomically: a temp file in `tempDir` (same file system), then rename. */
export function atomicWrite(target: string, data: string | Uint8Array, tempDir: string): void {
  const temp = tempPath(tempDir);
  try {
    Deno.writeFileSync(temp, typeof data === "string" ? encoder.encode(data) : data);
    Deno.renameSync(temp, target);
  } catch (error) {
    try {
      Deno.removeSync(temp);
    } catch { /* the temp file was never made or is already renamed */ }
    throw error;
  }
}

/** Writes whole lines to a file opened for append: one `write` call unless the OS writes short. */
export function writeAll(file: Deno.FsFile, text: string): void {
  const bytes = encoder.encode(text);
  let written = 0;
  while (written < bytes.length) written += file.writeSync(bytes.subarray(written));
}

/** Whether a path exists (without following a missing target into an exception). */
export function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

/** Names of the sub-folders of `dir` (sorted), or `[]` when `dir` is missing. */
export function subFolders(dir: string): string[] {
  const names: string[] = [];
  try {
    for (const entry of Deno.readDirSync(dir)) {
      if (entry.isDirectory) names.push(entry.name);
      else if (entry.isSymlink && isDirectory(join(dir, entry.name))) names.push(entry.name);
    }
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return [];
    throw error;
  }
  return names.sort();
}

function isDirectory(path: string): boolean {
  try {
    return Deno.statSync(path).isDirectory;
  } catch {
    return false;
  }
}

/** Reads every file below `dir` as `key → text`, keys being `/`-joined relative paths. */
export function readKeyedFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (folder: string, prefix: string): void => {
    let entries: Deno.DirEntry[];
    try {
      entries = [...Deno.readDirSync(folder)];
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return;
      throw error;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(folder, entry.name);
      const key = prefix + entry.name;
      if (entry.isDirectory) walk(path, key + "/");
      else out.set(key, Deno.readTextFileSync(path));
    }
  };
  walk(dir, "");
  return out;
}

/** Creates the parent folders of `path`. */
export function ensureParent(path: string): void {
  Deno.mkdirSync(dirname(path), { recursive: true });
}
