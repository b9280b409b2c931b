/**
 * The commit a working tree is on, read from `.git` files directly (no `git` subprocess): `HEAD`,
 * loose refs, `packed-refs`, and linked worktrees whose `.git` is a `gitdir:` file.
 *
 * @module
 */
import { dirname, isAbsolute, join, resolve } from "node:path";

const COMMIT = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

function readText(path: string): string | undefined {
  try {
    return Deno.readTextFileSync(path);
  } catch {
    return undefined;
  }
}

/** Finds the git dir for `start` (walking up), and the common dir holding refs and packed-refs. */
function findGitDirs(start: string): { gitDir: string; commonDir: string } | undefined {
  for (let dir = resolve(start);; dir = dirname(dir)) {
    const dotGit = join(dir, ".git");
    let info: Deno.FileInfo | undefined;
    try {
      info = Deno.statSync(dotGit);
    } catch { /* not here */ }
    if (info?.isDirectory) return { gitDir: dotGit, commonDir: dotGit };
    if (info?.isFile) {
      const line = /^gitdir:\s*(.+?)\s*$/m.exec(readText(dotGit) ?? "");
      if (line) {
        const gitDir = isAbsolute(line[1]) ? line[1] : resolve(dir, line[1]);
        const common = readText(join(gitDir, "commondir"))?.trim();
        const commonDir = common ? resolve(gitDir, common) : gitDir;
        return { gitDir, commonDir };
      }
    }
    if (dirname(dir) === dir) return undefined;
  }
}

function packedRef(commonDir: string, ref: string): string | undefined {
  for (const line of (readText(join(commonDir, "packed-refs")) ?? "").split("\n")) {
    if (line.startsWith("#") || line.startsWith("^")) continue;
    const [sha, name] = line.trim().split(" ");
    if (name === ref && COMMIT.test(sha)) return sha;
  }
  return undefined;
}

/**
 * The commit checked out in the git working tree that contains `dir`, or `undefined` outside a
 * checkout or on an unborn branch. Follows symbolic refs (`ref: refs/heads/main`) through the
 * worktree's own git dir, the common dir and `packed-refs`.
 *
 * @example
 * ```ts
 * import { readGitCommit } from "./git.ts";
 * import { equal } from "node:assert/strict";
 * const dir = await Deno.makeTempDir();
 * await Deno.mkdir(`${dir}/.git/refs/heads`, { recursive: true });
 * await Deno.writeTextFile(`${dir}/.git/HEAD`, "ref: refs/heads/main\n");
 * await Deno.writeTextFile(`${dir}/.git/refs/heads/main`, "a".repeat(40) + "\n");
 * equal(readGitCommit(dir), "a".repeat(40));
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export function readGitCommit(dir: string): string | undefined {
  const dirs = findGitDirs(dir);
  if (!dirs) return undefined;
  let content = readText(join(dirs.gitDir, "HEAD"))?.trim();
  for (let depth = 0; content !== undefined && depth < 10; depth++) {
    if (COMMIT.test(content)) return content;
    const ref = /^ref:\s*(\S+)$/.exec(content)?.[1];
    if (!ref) return undefined;
    content = (readText(join(dirs.gitDir, ref)) ?? readText(join(dirs.commonDir, ref)))?.trim() ??
      packedRef(dirs.commonDir, ref);
  }
  return undefined;
}
