/**
 * Optuna's journal file locks. The symlink lock (Optuna's default, also optuna-dashboard's)
 * holds `<file>.lock` as a symbolic link to the journal; the open lock creates `<file>.lock`
 * exclusively. Acquire retries with exponential back-off from 1 ms to 1 s; a lock whose target
 * has not changed for the grace period (30 s, Optuna ≥ 4.3) is taken as stale and released.
 * Release renames the lock to `<file>.lock<uuid>.rename` and then removes it, so a release
 * never deletes a lock someone else took meanwhile.
 *
 * @module
 */
import { resolve } from "node:path";
import { StudyStorageError } from "./errors.ts";

/** Which lock file protocol to use. */
export type JournalLockKind = "symlink" | "open";

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * When the lock last changed: the journal's mtime through the symlink (Optuna's reading), the
 * link's own mtime if it dangles; `undefined` if the lock is gone.
 */
function lockMtime(lockPath: string): number | null | undefined {
  for (const stat of [Deno.statSync, Deno.lstatSync]) {
    try {
      return stat(lockPath).mtime?.getTime() ?? null;
    } catch {
      // try the next way, or report the lock as gone
    }
  }
  return undefined;
}

/** Blocks the thread for `ms` milliseconds (journal I/O is synchronous by design). */
function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/** A file lock beside a journal file. */
export class JournalFileLock {
  readonly #target: string;
  readonly #lockPath: string;
  readonly #kind: JournalLockKind;
  readonly #graceMs: number;

  constructor(target: string, kind: JournalLockKind, graceMs: number) {
    // An absolute link target, so the link resolves wherever the journal path was relative to.
    this.#target = resolve(target);
    this.#lockPath = `${target}.lock`;
    this.#kind = kind;
    this.#graceMs = graceMs;
  }

  #tryCreate(): boolean {
    try {
      if (this.#kind === "symlink") Deno.symlinkSync(this.#target, this.#lockPath);
      else Deno.openSync(this.#lockPath, { write: true, createNew: true }).close();
      return true;
    } catch (error) {
      if (error instanceof Deno.errors.AlreadyExists) return false;
      throw new StudyStorageError(`Cannot lock "${this.#target}": ${String(error)}`, {
        cause: error,
      });
    }
  }

  /** Takes the lock, waiting as long as it is held and not stale. */
  acquire(): void {
    let sleepMs = 1;
    let seenMtime: number | null = null;
    let seenAt = performance.now();
    while (!this.#tryCreate()) {
      const mtime = lockMtime(this.#lockPath);
      if (mtime === undefined) continue; // released between our attempt and the stat
      if (mtime !== seenMtime) {
        seenMtime = mtime;
        seenAt = performance.now();
      }
      if (performance.now() - seenAt > this.#graceMs) {
        this.#forceRelease();
        sleepMs = 1;
        seenAt = performance.now();
        continue;
      }
      sleepSync(sleepMs);
      sleepMs = Math.min(sleepMs * 2, 1000);
    }
  }

  #forceRelease(): void {
    try {
      this.release();
    } catch {
      // Someone else released or re-took it first; keep trying to acquire.
    }
  }

  /** Gives the lock back (rename, then unlink). */
  release(): void {
    const renamed = `${this.#lockPath}${crypto.randomUUID()}.rename`;
    try {
      Deno.renameSync(this.#lockPath, renamed);
    } catch (error) {
      throw new StudyStorageError(
        `Cannot release the lock of "${this.#target}": it is not held (${String(error)})`,
        { cause: error },
      );
    }
    Deno.removeSync(renamed);
  }
}
