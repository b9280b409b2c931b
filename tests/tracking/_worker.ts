/**
 * A child process for the multi-process tracking tests (spawned with `--allow-read --allow-write`).
 *
 *   log  <root> <experiment name> <index> <barrier dir>  — waits for <barrier dir>/go, then logs a
 *        whole run to the named experiment and prints its run id.
 *   loop <root> <ready file> <guard|noguard|nested>       — starts a run (nested: a parent and a
 *        child, both guarded), writes "<parent id> <run id>" to the ready file after the first
 *        flush, then logs metrics until it is killed.
 *   exit <root> <throw|reject|exit3|forget>              — ends the process that way with a
 *        guarded run still open.
 */
import { join } from "node:path";
import { installRunGuards, openMlflowStore } from "../../lib/tracking/mod.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function logRun(root: string, name: string, index: number, barrier: string): Promise<void> {
  await Deno.writeTextFile(join(barrier, `ready-${index}`), "");
  while (true) {
    try {
      Deno.statSync(join(barrier, "go"));
      break;
    } catch {
      await sleep(2);
    }
  }
  const store = openMlflowStore(root, { context: { user: `worker-${index}` } });
  const experimentId = await store.getOrCreateExperiment(name);
  const run = store.startRun({ experimentId, runName: `worker-${index}` });
  run.logParams({ worker: index, training: { lr: 0.001 * (index + 1) } });
  for (let step = 0; step < 100; step++) {
    run.logMetrics({ loss: 1 / (step + 1), acc: step / 100, "val/f1": index + step }, { step });
    run.flush();
    if (step % 10 === 0) await sleep(0);
  }
  run.end("FINISHED");
  console.log(run.runId);
}

async function loop(root: string, readyFile: string, variant: string): Promise<void> {
  const store = openMlflowStore(root, { metricBufferSize: 0 });
  const experimentId = await store.getOrCreateExperiment("crash");
  const parent = store.startRun({ experimentId, runName: "victim" });
  const run = variant === "nested"
    ? store.startRun({ experimentId, runName: "child", parentRunId: parent.runId })
    : parent;
  if (variant !== "noguard") installRunGuards(parent);
  if (variant === "nested") installRunGuards(run);
  run.logParam("mode", variant);
  for (let step = 0;; step++) {
    for (let k = 0; k < 5; k++) run.logMetric(`m${k}`, Math.sin(step + k) * 1e6, { step });
    run.flush();
    if (step === 0) await Deno.writeTextFile(readyFile, [parent.runId, run.runId].join(" "));
    await sleep(0);
  }
}

/** Ends the process in one of several ways with a guarded run still open. */
async function exitWith(root: string, how: string): Promise<void> {
  const store = openMlflowStore(root);
  const experimentId = await store.getOrCreateExperiment(how);
  const run = store.startRun({ experimentId, runName: how });
  installRunGuards(run);
  run.logMetric("m", 1);
  if (how === "throw") {
    setTimeout(() => {
      throw new Error("uncaught in a timer");
    }, 1);
  }
  if (how === "reject") await Promise.reject(new Error("rejected at top level"));
  if (how === "exit3") Deno.exit(3);
  // "forget": return without ending the run.
}

const [mode, ...args] = Deno.args;
if (mode === "log") await logRun(args[0], args[1], Number(args[2]), args[3]);
else if (mode === "loop") await loop(args[0], args[1], args[2]);
else if (mode === "exit") await exitWith(args[0], args[1]);
else throw new Error(`Cannot run worker: unknown mode ${JSON.stringify(mode)}`);
