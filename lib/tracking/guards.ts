/**
 * Making sure a run is never left RUNNING by our process: an uncaught error or unhandled rejection
 * ends it FAILED, SIGINT/SIGTERM end it KILLED (then the process exits 128 + signal), and a normal
 * exit with the run still open ends it FINISHED (KILLED for exit codes 129, 130, 143, FAILED for
 * other non-zero codes).
 *
 * @module
 */
import type { MlflowRun } from "./run.ts";
import type { MlflowEndStatus } from "./run_types.ts";

/** Options of {@link installRunGuards} and {@link withRun}. */
export interface MlflowRunGuardOptions {
  /** Signals that end the run KILLED (default SIGINT and SIGTERM; SIGTERM is skipped on Windows). */
  readonly signals?: readonly Deno.Signal[];
  /** Called after a signal ended the run (default `Deno.exit(128 + signal number)`). */
  readonly exit?: (code: number) => void;
  /** Receives an error raised while a guard ended the run (default: ignored). */
  readonly onError?: (error: unknown) => void;
}

/** An installed guard; {@link MlflowRunGuard.remove} takes its listeners away. */
export interface MlflowRunGuard {
  /** Removes every listener the guard added (idempotent). */
  remove(): void;
}

const SIGNAL_NUMBERS: Partial<Record<Deno.Signal, number>> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

/** The status for a run still open at exit: 0 → FINISHED, 128 + a guarded signal → KILLED. */
function exitStatus(code: number): MlflowEndStatus {
  if (code === 0) return "FINISHED";
  return Object.values(SIGNAL_NUMBERS).some((n) => code === 128 + n) ? "KILLED" : "FAILED";
}

/**
 * Installs process-level guards for a run. Metrics still in the buffer are flushed by `end`.
 *
 * @example
 * ```ts
 * import { installRunGuards, openMlflowStore } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * const root = await Deno.makeTempDir();
 * const run = openMlflowStore(root).startRun();
 * const guard = installRunGuards(run);
 * run.end();
 * guard.remove();
 * equal(run.status, "FINISHED");
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export function installRunGuards(
  run: MlflowRun,
  options: MlflowRunGuardOptions = {},
): MlflowRunGuard {
  const onError = options.onError ?? (() => {});
  const exit = options.exit ?? ((code: number) => Deno.exit(code));
  const endIfActive = (status: MlflowEndStatus): void => {
    if (!run.active) return;
    try {
      run.end(status);
    } catch (error) {
      onError(error);
    }
  };
  const onFailure = (): void => endIfActive("FAILED");
  const onUnload = (): void => endIfActive(exitStatus(Deno.exitCode));
  const signals = (options.signals ?? ["SIGINT", "SIGTERM"]).filter((s) =>
    Deno.build.os !== "windows" || s === "SIGINT" || s === "SIGBREAK"
  );
  const handlers = signals.map((signal) => {
    const handler = (): void => {
      endIfActive("KILLED");
      remove();
      // Exit now, before the interrupted code runs on. Other runs' guards end them in `unload`,
      // where the exit code 128 + signal tells them it was a signal.
      exit(128 + (SIGNAL_NUMBERS[signal] ?? 0));
    };
    Deno.addSignalListener(signal, handler);
    return [signal, handler] as const;
  });
  globalThis.addEventListener("error", onFailure);
  globalThis.addEventListener("unhandledrejection", onFailure);
  globalThis.addEventListener("unload", onUnload);
  let removed = false;
  function remove(): void {
    if (removed) return;
    removed = true;
    for (const [signal, handler] of handlers) Deno.removeSignalListener(signal, handler);
    globalThis.removeEventListener("error", onFailure);
    globalThis.removeEventListener("unhandledrejection", onFailure);
    globalThis.removeEventListener("unload", onUnload);
  }
  return { remove };
}

/**
 * Runs `fn` with guards installed and ends the run: FINISHED when `fn` returns, FAILED when it
 * throws (the error is re-thrown), KILLED on a signal. The guards are removed afterwards.
 *
 * @example
 * ```ts
 * import { openMlflowStore, withRun } from "./mod.ts";
 * import { equal, rejects } from "node:assert/strict";
 * const root = await Deno.makeTempDir();
 * const store = openMlflowStore(root);
 * const ok = store.startRun();
 * equal(await withRun(ok, (run) => { run.logMetric("loss", 1); return 7; }), 7);
 * equal(ok.status, "FINISHED");
 * const bad = store.startRun();
 * await rejects(withRun(bad, () => { throw new Error("diverged"); }), /diverged/);
 * equal(bad.status, "FAILED");
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export async function withRun<T>(
  run: MlflowRun,
  fn: (run: MlflowRun) => T | Promise<T>,
  options: MlflowRunGuardOptions = {},
): Promise<T> {
  const guard = installRunGuards(run, options);
  try {
    const result = await fn(run);
    if (run.active) run.end("FINISHED");
    return result;
  } catch (error) {
    if (run.active) run.end("FAILED");
    throw error;
  } finally {
    guard.remove();
  }
}
