/**
 * Atomic file writes: the text goes to a temp file in the target's folder, then is renamed over
 * the target, so readers never see a torn file. A group of files for one folder is staged in a
 * temp folder first and only moved in once every file is written.
 *
 * @module
 */
import { basename, dirname, join } from "node:path";

/** Writes `text` to `path` atomically (temp file in the same folder, then rename). */
export async function writeTextFileAtomic(path: string, text: string): Promise<void> {
  const dir = dirname(path);
  await Deno.mkdir(dir, { recursive: true });
  const temp = await Deno.makeTempFile({ dir, prefix: `.${basename(path)}.`, suffix: ".tmp" });
  try {
    await Deno.writeTextFile(temp, text);
    if (Deno.build.os !== "windows") await Deno.chmod(temp, 0o644);
    await Deno.rename(temp, path);
  } catch (cause) {
    await Deno.remove(temp).catch(() => {});
    throw cause;
  }
}

/**
 * Writes several files into `dir`: all are written to a temp folder beside `dir` first, then each
 * is renamed into `dir` (created if missing). If any write fails, nothing reaches `dir`.
 */
export async function writeFilesAtomic(
  dir: string,
  files: Readonly<Record<string, string>>,
): Promise<string[]> {
  const parent = dirname(dir);
  await Deno.mkdir(parent, { recursive: true });
  const staging = await Deno.makeTempDir({ dir: parent, prefix: `.${basename(dir)}.staging-` });
  try {
    for (const [name, text] of Object.entries(files)) {
      await Deno.writeTextFile(join(staging, name), text);
    }
    await Deno.mkdir(dir, { recursive: true });
    const written: string[] = [];
    for (const name of Object.keys(files)) {
      await Deno.rename(join(staging, name), join(dir, name));
      written.push(join(dir, name));
    }
    return written;
  } finally {
    await Deno.remove(staging, { recursive: true }).catch(() => {});
  }
}
