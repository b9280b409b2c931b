/**
 * Copying files and folders below a run's `artifacts/` folder.
 *
 * @module
 */
import { basename, join } from "node:path";
import { TrackingError } from "./errors.ts";
import { tempPath } from "./_fs.ts";

/** Checks a relative artifact path (`plots/roc`) and returns its segments. */
export function artifactSegments(artifactPath: string | undefined): string[] {
  if (artifactPath === undefined || artifactPath === "") return [];
  const segments = artifactPath.split("/");
  const bad = artifactPath.includes("\\") || artifactPath.includes("\0") ||
    segments.some((s) => s === "" || s === "." || s === "..");
  if (bad) {
    throw new TrackingError(
      "value",
      `Cannot log artifact: artifact path ${
        JSON.stringify(artifactPath)
      } must be relative, '/'-separated, without empty, '.' or '..' segments`,
    );
  }
  return segments;
}

/** Copies one file to `destDir/<name>` through a temp file in `tempDir`, so readers never see half. */
export function copyFileInto(
  source: string,
  destDir: string,
  tempDir: string,
  name?: string,
): void {
  let info: Deno.FileInfo;
  try {
    info = Deno.statSync(source);
  } catch (cause) {
    throw new TrackingError(
      "not-found",
      `Cannot log artifact: file ${JSON.stringify(source)} does not exist`,
      { path: source, cause },
    );
  }
  if (!info.isFile) {
    throw new TrackingError(
      "value",
      `Cannot log artifact: ${
        JSON.stringify(source)
      } is not a file (use logArtifacts for a folder)`,
      { path: source },
    );
  }
  const target = join(destDir, name ?? basename(source));
  Deno.mkdirSync(destDir, { recursive: true });
  const temp = tempPath(tempDir);
  try {
    Deno.copyFileSync(source, temp);
    Deno.renameSync(temp, target);
  } catch {
    try {
      Deno.removeSync(temp);
    } catch { /* nothing left behind */ }
    // Another file system (artifact_location elsewhere): copy in place.
    Deno.copyFileSync(source, target);
  }
}

/** Copies the contents of `sourceDir` below `destDir`, recursively; returns the number of files. */
export function copyTreeInto(sourceDir: string, destDir: string, tempDir: string): number {
  let info: Deno.FileInfo;
  try {
    info = Deno.statSync(sourceDir);
  } catch (cause) {
    throw new TrackingError(
      "not-found",
      `Cannot log artifacts: folder ${JSON.stringify(sourceDir)} does not exist`,
      {
        path: sourceDir,
        cause,
      },
    );
  }
  if (!info.isDirectory) {
    throw new TrackingError(
      "value",
      `Cannot log artifacts: ${JSON.stringify(sourceDir)} is not a folder`,
      {
        path: sourceDir,
      },
    );
  }
  let count = 0;
  Deno.mkdirSync(destDir, { recursive: true });
  for (const entry of Deno.readDirSync(sourceDir)) {
    const from = join(sourceDir, entry.name);
    const stat = entry.isSymlink ? Deno.statSync(from) : entry;
    if (stat.isDirectory && !entry.isSymlink) {
      count += copyTreeInto(from, join(destDir, entry.name), tempDir);
    } else if (stat.isFile) {
      copyFileInto(from, destDir, tempDir, entry.name);
      count++;
    }
  }
  return count;
}
