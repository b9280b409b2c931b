import { deepEqual, equal, ok } from "node:assert/strict";
import { join } from "node:path";
import { listExperiments, listRuns, metricHistory, readRun } from "../../lib/tracking/mod.ts";
import { listFiles } from "./_helpers.ts";

const WORKER = new URL("./_worker.ts", import.meta.url).pathname;
const CONFIG = new URL("../../deno.json", import.meta.url).pathname;

function spawnWorker(args: string[]): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", "--allow-read", "--allow-write", "--config", CONFIG, WORKER, ...args],
    stdout: "piped",
    stderr: "piped",
  }).spawn();
}

async function waitFor(
  path: string,
  child?: Deno.ChildProcess,
  timeoutMs = 60_000,
): Promise<string> {
  let exited = false;
  child?.status.then(() => exited = true);
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (exited) {
      const out = await child?.output();
      throw new Error(
        `Cannot wait for ${path}: the worker exited: ${new TextDecoder().decode(out?.stderr)}`,
      );
    }
    try {
      const text = await Deno.readTextFile(path);
      if (text !== "" || path.includes("ready-")) return text;
    } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`Cannot wait for ${path}: it did not appear within ${timeoutMs} ms`);
}

Deno.test("four processes logging to the same new experiment at once give four intact runs in one experiment", async () => {
  const tmp = await Deno.makeTempDir({ prefix: "psy-tracking-" });
  const root = join(tmp, "mlruns");
  try {
    const children = [0, 1, 2, 3].map((i) => spawnWorker(["log", root, "race", String(i), tmp]));
    for (let i = 0; i < 4; i++) await waitFor(join(tmp, `ready-${i}`), children[i]);
    await Deno.writeTextFile(join(tmp, "go"), ""); // release all four at the same moment
    const outputs = await Promise.all(children.map((c) => c.output()));
    for (const out of outputs) equal(out.code, 0, new TextDecoder().decode(out.stderr));
    const runIds = outputs.map((o) => new TextDecoder().decode(o.stdout).trim());

    const race = listExperiments(root).filter((e) => e.name === "race");
    equal(race.length, 1);
    deepEqual(listExperiments(root).map((e) => e.name).sort(), ["Default", "race"]);
    const runs = listRuns(root, race[0].experimentId);
    deepEqual(runs.map((r) => r.runId).sort(), [...runIds].sort());
    for (const run of runs) {
      equal(run.status, "FINISHED");
      const data = readRun(root, run.runId);
      const index = Number(data.params.worker);
      equal(data.info.runName, `worker-${index}`);
      equal(data.params["training.lr"], String(0.001 * (index + 1)));
      for (const key of ["loss", "acc", "val/f1"]) {
        deepEqual(metricHistory(root, run.runId, key).map((p) => p.step), [...Array(100).keys()]);
      }
    }
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});

async function killedRun(signal: Deno.Signal, variant: "guard" | "noguard" | "nested") {
  const tmp = await Deno.makeTempDir({ prefix: "psy-tracking-" });
  const root = join(tmp, "mlruns");
  const child = spawnWorker(["loop", root, join(tmp, "ready"), variant]);
  const [parentId, runId] = (await waitFor(join(tmp, "ready"), child)).split(" ");
  await new Promise((r) => setTimeout(r, 300)); // let it write for a while
  child.kill(signal);
  const status = await child.output();
  return { tmp, root, parentId, runId, status };
}

Deno.test("a process killed with SIGKILL mid-run leaves only whole metric lines", async () => {
  const { tmp, root, runId, status } = await killedRun("SIGKILL", "noguard");
  try {
    equal(status.signal, "SIGKILL");
    const run = readRun(root, runId);
    equal(run.info.status, "RUNNING"); // nothing could end it: SIGKILL cannot be caught
    const dir = join(run.info.dir, "metrics");
    const files = listFiles(dir);
    deepEqual(files, ["m0", "m1", "m2", "m3", "m4"]);
    let lines = 0;
    for (const file of files) {
      const text = Deno.readTextFileSync(join(dir, file));
      ok(text.endsWith("\n"), `${file} ends mid-line`);
      for (const line of text.slice(0, -1).split("\n")) {
        ok(/^\d+ \S+ -?\d+$/.test(line), `${file}: torn line ${JSON.stringify(line)}`);
        lines++;
      }
    }
    ok(lines >= 5, `only ${lines} lines were written`);
    // No temp file or empty file is left where MLflow would read it as a metric.
    ok(files.every((f) => Deno.statSync(join(dir, f)).size > 0));
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});

Deno.test("a process interrupted with SIGINT leaves its run KILLED (status 5) with an end time", async () => {
  const { tmp, root, runId, status } = await killedRun("SIGINT", "guard");
  try {
    equal(status.code, 130);
    const run = readRun(root, runId);
    equal(run.info.status, "KILLED");
    ok(run.info.endTime !== null && run.info.endTime >= (run.info.startTime ?? 0));
    const meta = Deno.readTextFileSync(join(run.info.dir, "meta.yaml"));
    ok(meta.includes("status: 5\n"));
    ok(/end_time: \d+\n/.test(meta));
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});

Deno.test("a process stopped with SIGTERM leaves its run KILLED too", async () => {
  const { tmp, root, runId, status } = await killedRun("SIGTERM", "guard");
  try {
    equal(status.code, 143);
    equal(readRun(root, runId).info.status, "KILLED");
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});

Deno.test("SIGINT ends a parent run and its nested run KILLED", async () => {
  const { tmp, root, parentId, runId, status } = await killedRun("SIGINT", "nested");
  try {
    equal(status.code, 130);
    ok(parentId !== runId);
    for (const id of [parentId, runId]) {
      const info = readRun(root, id).info;
      equal(info.status, "KILLED", `${info.runName} is ${info.status}`);
      ok(info.endTime !== null);
    }
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});

Deno.test("guards end an open run FAILED on an uncaught error, a rejection or exit(3), FINISHED on a normal exit", async () => {
  const tmp = await Deno.makeTempDir({ prefix: "psy-tracking-" });
  const root = join(tmp, "mlruns");
  try {
    const cases = {
      throw: ["FAILED", 1],
      reject: ["FAILED", 1],
      exit3: ["FAILED", 3],
      forget: ["FINISHED", 0],
    };
    // All four open the same new store at once.
    const results = [];
    for (const how of Object.keys(cases)) results.push(spawnWorker(["exit", root, how]).output());
    const outputs = await Promise.all(results);
    for (const [i, [how, [expected, code]]] of Object.entries(cases).entries()) {
      equal(outputs[i].code, code, `${how}: ${new TextDecoder().decode(outputs[i].stderr)}`);
      const experiment = listExperiments(root).find((e) => e.name === how);
      ok(experiment, how);
      const [run] = listRuns(root, experiment.experimentId);
      equal(run.status, expected, how);
      ok(run.endTime !== null, how);
      equal(metricHistory(root, run.runId, "m").length, 1, how); // buffered point flushed by end()
    }
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});
