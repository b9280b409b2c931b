import { deepEqual, equal, match, ok, throws } from "node:assert/strict";
import { join } from "node:path";
import { parse } from "yaml";
import {
  flattenMlflowParams,
  installRunGuards,
  listExperiments,
  listRuns,
  metricHistory,
  openMlflowStore,
  readRun,
  TrackingError,
} from "../../lib/tracking/mod.ts";
import { listFiles, steppingClock } from "./_helpers.ts";

async function tempRoot(): Promise<string> {
  return join(await Deno.makeTempDir({ prefix: "psy-tracking-" }), "mlruns");
}

async function cleanup(root: string): Promise<void> {
  await Deno.remove(join(root, ".."), { recursive: true });
}

function isTrackingError(kind: string, keyOrText?: string): (e: unknown) => boolean {
  return (e) =>
    e instanceof TrackingError && e.kind === kind &&
    (keyOrText === undefined || e.key === keyOrText || e.message.includes(keyOrText));
}

Deno.test("openMlflowStore() creates the root, .trash/ and the Default experiment 0 like MLflow", async () => {
  const root = await tempRoot();
  try {
    openMlflowStore(`file://${root}/`);
    ok(Deno.statSync(join(root, ".trash")).isDirectory);
    const experiments = listExperiments(root);
    deepEqual(experiments.map((e) => [e.experimentId, e.name, e.lifecycleStage]), [[
      "0",
      "Default",
      "active",
    ]]);
    equal(experiments[0].artifactLocation, new URL(`file://${root}/0`).href);
    openMlflowStore(root); // reopening changes nothing
    equal(listExperiments(root).length, 1);
  } finally {
    await cleanup(root);
  }
});

Deno.test("getOrCreateExperiment() returns one 18-digit string id per name, also to concurrent callers", async () => {
  const root = await tempRoot();
  try {
    const ids = await Promise.all(
      Array.from({ length: 8 }, () => openMlflowStore(root).getOrCreateExperiment("shared")),
    );
    equal(new Set(ids).size, 1);
    match(ids[0], /^[1-9]\d{17}$/);
    deepEqual(listExperiments(root).map((e) => e.name).sort(), ["Default", "shared"]);
    const other = await openMlflowStore(root).getOrCreateExperiment("other");
    ok(other !== ids[0]);
  } finally {
    await cleanup(root);
  }
});

Deno.test("startRun() writes a parent and nested runs that the reader reads back", async () => {
  const root = await tempRoot();
  try {
    const store = openMlflowStore(root, { context: { user: "bob", sourceName: "train.ts" } });
    const experimentId = await store.getOrCreateExperiment("nested");
    const parent = store.startRun({ experimentId, runName: "stage" });
    const children = [0, 1].map((i) =>
      store.startRun({ experimentId, runName: `trial-${i}`, parentRunId: parent.runId })
    );
    children.forEach((child, i) => {
      child.logParams({ trial: i, model: { name: "bert" } });
      for (let step = 0; step < 5; step++) child.logMetric("loss", 1 / (step + 1 + i), { step });
      child.end("FINISHED");
    });
    parent.end("FINISHED");

    const runs = listRuns(root, experimentId);
    equal(runs.length, 3);
    ok(runs.every((r) => r.status === "FINISHED" && r.endTime !== null && r.userId === "bob"));
    for (const [i, child] of children.entries()) {
      const read = readRun(root, child.runId);
      equal(read.info.runName, `trial-${i}`);
      equal(read.tags["mlflow.parentRunId"], parent.runId);
      equal(read.tags["mlflow.runName"], `trial-${i}`);
      equal(read.tags["mlflow.user"], "bob");
      equal(read.tags["mlflow.source.type"], "LOCAL");
      deepEqual(read.params, { trial: String(i), "model.name": "bert" });
      deepEqual(read.metrics.loss, {
        timestamp: read.metrics.loss.timestamp,
        value: 1 / (5 + i),
        step: 4,
      });
      deepEqual(metricHistory(root, child.runId, "loss").map((p) => p.step), [0, 1, 2, 3, 4]);
    }
    equal(readRun(root, parent.runId).tags["mlflow.parentRunId"], undefined);
  } finally {
    await cleanup(root);
  }
});

Deno.test("startRun() refuses a parent run from another experiment", async () => {
  const root = await tempRoot();
  try {
    const store = openMlflowStore(root);
    const a = await store.getOrCreateExperiment("a");
    const parent = store.startRun({ experimentId: a });
    throws(
      () => store.startRun({ experimentId: "0", parentRunId: parent.runId }),
      isTrackingError("not-found"),
    );
    throws(
      () => store.startRun({ experimentId: "424242" }),
      isTrackingError("not-found", "424242"),
    );
    throws(
      () => store.startRun({ experimentId: a, tags: { "bad@tag": "x" } }),
      isTrackingError("key", "bad@tag"),
    );
    // No half-made run folder is left behind.
    equal([...Deno.readDirSync(join(root, a))].filter((e) => e.isDirectory).length, 1);
  } finally {
    await cleanup(root);
  }
});

Deno.test("meta.yaml parses as YAML 1.1 with integer status/times, both run ids and MLflow's legacy keys", async () => {
  const root = await tempRoot();
  try {
    const store = openMlflowStore(root, { context: { user: "zoë" } });
    const run = store.startRun({ runName: 'q"uote\\ ü 😀 \u2028 \u007f' });
    const running = parse(Deno.readTextFileSync(join(run.runDir, "meta.yaml")), { version: "1.1" });
    equal(running.status, 1);
    equal(running.end_time, null);
    run.end("FAILED");
    const text = Deno.readTextFileSync(join(run.runDir, "meta.yaml"));
    match(text, /^[\x20-\x7e\n]*$/); // pure ASCII
    const meta = parse(text, { version: "1.1" });
    equal(meta.run_name, 'q"uote\\ ü 😀 \u2028 \u007f');
    equal(meta.user_id, "zoë");
    equal(meta.run_id, run.runId);
    equal(meta.run_uuid, run.runId);
    equal(meta.experiment_id, "0");
    equal(meta.status, 4);
    equal(typeof meta.start_time, "number");
    equal(typeof meta.end_time, "number");
    deepEqual([meta.source_type, meta.source_name, meta.entry_point_name, meta.source_version], [
      4,
      "",
      "",
      "",
    ]);
    deepEqual(meta.tags, []);
    equal(meta.artifact_uri, `${store.rootUri}/0/${run.runId}/artifacts`);
    for (const dir of ["metrics", "params", "artifacts"]) {
      ok(Deno.statSync(join(run.runDir, dir)).isDirectory);
    }
  } finally {
    await cleanup(root);
  }
});

Deno.test("logParam() is a no-op for the same value and a param-conflict error for a different one", async () => {
  const root = await tempRoot();
  try {
    const run = openMlflowStore(root).startRun();
    run.logParam("lr", 0.01);
    run.logParam("lr", "0.01");
    throws(() => run.logParam("lr", 0.02), isTrackingError("param-conflict", "lr"));
    run.logParams({ a: { b: true } });
    throws(() => run.logParams({ a: { b: false } }), isTrackingError("param-conflict", "a.b"));
    equal(Deno.readTextFileSync(join(run.runDir, "params", "lr")), "0.01");
    equal(Deno.readTextFileSync(join(run.runDir, "params", "a.b")), "true");
  } finally {
    await cleanup(root);
  }
});

Deno.test("invalid keys, over-long values and clashing keys raise TrackingError naming the key", async () => {
  const root = await tempRoot();
  try {
    const run = openMlflowStore(root).startRun();
    for (const key of ["loss@1", "", "/a", "a/", "a//b", "a/../b", "./a", "k:v", "x".repeat(251)]) {
      throws(() => run.logMetric(key, 1), isTrackingError("key", key), key);
    }
    run.logMetric("train/acc", 1);
    throws(() => run.logMetric("train", 1), isTrackingError("key", "train"));
    throws(() => run.logParam("p", "x".repeat(6001)), isTrackingError("value", "p"));
    run.logParam("p", "x".repeat(6000));
    throws(() => run.setTag("t", "x".repeat(8001)), isTrackingError("value", "t"));
    throws(() => run.logMetric("m", 1, { step: 1.5 }), isTrackingError("value", "m"));
    throws(() => run.logMetric("m", 1, { timestamp: 1.7e12 + 0.5 }), isTrackingError("value", "m"));
    run.logMetric("Größe λ", 2); // Unicode letters are allowed (Python's \w)
    run.flush();
    deepEqual(listFiles(join(run.runDir, "metrics")), ["Größe λ", "train/acc"]);
    run.end();
  } finally {
    await cleanup(root);
  }
});

Deno.test("logMetric() stores NaN and ±Infinity and buffers until flush()", async () => {
  const root = await tempRoot();
  try {
    const run = openMlflowStore(root, { clock: steppingClock(1000) }).startRun();
    const file = join(run.runDir, "metrics", "x");
    run.logMetric("x", NaN, { step: 0 });
    run.logMetric("x", Infinity, { step: 1 });
    run.logMetric("x", -Infinity, { step: 2 });
    throws(() => Deno.statSync(file), Deno.errors.NotFound); // still buffered: no empty file
    run.flush();
    equal(Deno.readTextFileSync(file), "1002 NaN 0\n1003 Infinity 1\n1004 -Infinity 2\n"); // 1000: Default experiment, 1001: start
    run.logMetrics({ x: 0.5, y: 2 }, { step: 3, timestamp: 5000 });
    run.end();
    equal(Deno.readTextFileSync(file).split("\n").at(-2), "5000 0.5 3");
    const history = metricHistory(root, run.runId, "x");
    ok(Number.isNaN(history[0].value));
    deepEqual(history.slice(1).map((p) => p.value), [Infinity, -Infinity, 0.5]);
  } finally {
    await cleanup(root);
  }
});

Deno.test("metricBufferSize flushes automatically; 0 writes every point at once", async () => {
  const root = await tempRoot();
  try {
    const buffered = openMlflowStore(root, { metricBufferSize: 3 }).startRun();
    for (let i = 0; i < 7; i++) buffered.logMetric("m", i, { step: i });
    equal(Deno.readTextFileSync(join(buffered.runDir, "metrics", "m")).split("\n").length - 1, 6);
    const direct = openMlflowStore(root, { metricBufferSize: 0 }).startRun();
    direct.logMetric("m", 1);
    equal(Deno.readTextFileSync(join(direct.runDir, "metrics", "m")).split("\n").length - 1, 1);
    buffered.end();
    direct.end();
  } finally {
    await cleanup(root);
  }
});

Deno.test("an ended run refuses writes and a second end()", async () => {
  const root = await tempRoot();
  try {
    const run = openMlflowStore(root).startRun();
    run.end("KILLED");
    equal(run.status, "KILLED");
    throws(() => run.logMetric("m", 1), isTrackingError("state"));
    throws(() => run.setTag("t", "v"), isTrackingError("state"));
    throws(() => run.end(), isTrackingError("state"));
    equal(readRun(root, run.runId).info.status, "KILLED");
  } finally {
    await cleanup(root);
  }
});

Deno.test("logArtifact() and logArtifacts() copy a file and a folder below artifacts/", async () => {
  const root = await tempRoot();
  const src = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(join(src, "report.json"), "{}");
    await Deno.mkdir(join(src, "model", "onnx"), { recursive: true });
    await Deno.writeTextFile(join(src, "model", "config.json"), '{"a":1}');
    await Deno.writeTextFile(join(src, "model", "onnx", "model.onnx"), "bytes");
    const run = openMlflowStore(root).startRun();
    run.logArtifact(join(src, "report.json"));
    run.logArtifact(join(src, "report.json"), { artifactPath: "reports/test" });
    equal(run.logArtifacts(join(src, "model"), { artifactPath: "model" }), 2);
    throws(() => run.logArtifact(join(src, "missing.txt")), isTrackingError("not-found"));
    throws(
      () => run.logArtifact(join(src, "report.json"), { artifactPath: "../x" }),
      isTrackingError("value"),
    );
    deepEqual(listFiles(join(run.runDir, "artifacts")), [
      "model/config.json",
      "model/onnx/model.onnx",
      "report.json",
      "reports/test/report.json",
    ]);
    deepEqual([...Deno.readDirSync(run.runDir)].map((e) => e.name).sort(), [
      "artifacts",
      "meta.yaml",
      "metrics",
      "params",
      "tags",
    ]); // no temp files left behind
  } finally {
    await cleanup(root);
    await Deno.remove(src, { recursive: true });
  }
});

Deno.test("setTag('mlflow.runName') renames the run in meta.yaml too", async () => {
  const root = await tempRoot();
  try {
    const run = openMlflowStore(root).startRun({ runName: "before" });
    run.setTag("mlflow.runName", "after");
    equal(run.runName, "after");
    equal(readRun(root, run.runId).info.runName, "after");
  } finally {
    await cleanup(root);
  }
});

Deno.test("setExperimentTag() writes experiment tags the reader returns", async () => {
  const root = await tempRoot();
  try {
    const store = openMlflowStore(root);
    const id = await store.getOrCreateExperiment("described");
    store.setExperimentTag(id, "mlflow.note.content", "# Baseline\nno augmentation");
    equal(
      listExperiments(root).find((e) => e.experimentId === id)?.tags["mlflow.note.content"],
      "# Baseline\nno augmentation",
    );
    throws(() => store.setExperimentTag(id, "bad@key", "x"), isTrackingError("key", "bad@key"));
    throws(
      () => store.setExperimentTag(id, "long", "x".repeat(5001)),
      isTrackingError("value", "long"),
    );
    throws(() => store.setExperimentTag("123", "k", "v"), isTrackingError("not-found"));
  } finally {
    await cleanup(root);
  }
});

Deno.test("installRunGuards() ends the run on error/unload events and stops once removed", async () => {
  const root = await tempRoot();
  try {
    const store = openMlflowStore(root);
    const failing = store.startRun();
    const g1 = installRunGuards(failing);
    globalThis.dispatchEvent(new ErrorEvent("error", { message: "boom", cancelable: true }));
    g1.remove();
    equal(failing.status, "FAILED");

    const exiting = store.startRun();
    const g2 = installRunGuards(exiting);
    globalThis.dispatchEvent(new Event("unload"));
    g2.remove();
    equal(exiting.status, "FINISHED"); // exit code 0

    const removed = store.startRun();
    installRunGuards(removed).remove();
    globalThis.dispatchEvent(new Event("unload"));
    equal(removed.status, "RUNNING");
    removed.end();
  } finally {
    await cleanup(root);
  }
});

Deno.test("a non-integer start or end time is refused before anything is written, and the run stays usable", async () => {
  const root = await tempRoot();
  try {
    const store = openMlflowStore(root);
    throws(() => store.startRun({ startTime: 1.5 }), isTrackingError("value", "1.5"));
    equal([...Deno.readDirSync(join(root, "0"))].filter((e) => e.isDirectory).length, 0);
    const run = store.startRun();
    throws(() => run.end("FINISHED", { endTime: Number.NaN }), isTrackingError("value", "NaN"));
    equal(run.status, "RUNNING");
    equal(readRun(root, run.runId).info.status, "RUNNING");
    run.logMetric("m", 1); // still open: its metric files were not closed
    run.end("FINISHED", { endTime: 1_700_000_000_000 });
    const info = readRun(root, run.runId).info;
    deepEqual([info.status, info.endTime], ["FINISHED", 1_700_000_000_000]);
    equal(metricHistory(root, run.runId, "m").length, 1);
  } finally {
    await cleanup(root);
  }
});

Deno.test("startRun() keeps meta.yaml in step with mlflow.runName and mlflow.user given as tags, like MLflow's create_run", async () => {
  const root = await tempRoot();
  try {
    const store = openMlflowStore(root, { context: { user: "alice" } });
    const run = store.startRun({ tags: { "mlflow.runName": "from-tag", "mlflow.user": "bob" } });
    const data = readRun(root, run.runId);
    deepEqual([data.info.runName, data.tags["mlflow.runName"], run.runName], [
      "from-tag",
      "from-tag",
      "from-tag",
    ]);
    deepEqual([data.info.userId, data.tags["mlflow.user"]], ["bob", "bob"]);
    store.startRun({ runName: "same", tags: { "mlflow.runName": "same" } }).end();
    throws(
      () => store.startRun({ runName: "a", tags: { "mlflow.runName": "b" } }),
      isTrackingError("value", "mlflow.runName"),
    );
    equal(listRuns(root, "0").length, 2); // the refused run left no folder
  } finally {
    await cleanup(root);
  }
});

Deno.test("logArtifact() of a folder and logArtifacts() of a file are TrackingErrors naming the path", async () => {
  const root = await tempRoot();
  const src = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(join(src, "a.txt"), "a");
    const run = openMlflowStore(root).startRun();
    throws(() => run.logArtifact(src), isTrackingError("value", src));
    throws(() => run.logArtifacts(join(src, "a.txt")), isTrackingError("value", "a.txt"));
    deepEqual(listFiles(join(run.runDir, "artifacts")), []);
    run.end();
  } finally {
    await cleanup(root);
    await Deno.remove(src, { recursive: true });
  }
});

Deno.test("startRun() refuses a run id from an injected generator that MLflow would not accept as a folder name", async () => {
  const root = await tempRoot();
  try {
    for (const bad of ["../escape", "a/b", "", "-x"]) {
      const store = openMlflowStore(root, { ids: { experimentId: () => "5", runId: () => bad } });
      throws(() => store.startRun(), isTrackingError("value"), bad);
    }
    deepEqual([...Deno.readDirSync(join(root, "0"))].map((e) => e.name), ["meta.yaml"]);
    deepEqual([...Deno.readDirSync(join(root, ".."))].map((e) => e.name), ["mlruns"]);
  } finally {
    await cleanup(root);
  }
});

Deno.test("a refused metric value leaves no folder and does not reserve its key", async () => {
  const root = await tempRoot();
  try {
    const run = openMlflowStore(root).startRun();
    throws(() => run.logMetric("a/b", "0.5" as unknown as number), isTrackingError("value", "a/b"));
    throws(() => run.logMetric("c/d", 1, { step: 0.5 }), isTrackingError("value", "c/d"));
    deepEqual([...Deno.readDirSync(join(run.runDir, "metrics"))], []);
    run.logMetric("a", 1); // "a/b" was never logged, so "a" does not clash with it
    run.logMetric("c", 1);
    run.end();
    deepEqual(listFiles(join(run.runDir, "metrics")), ["a", "c"]);
  } finally {
    await cleanup(root);
  }
});

Deno.test("flattenMlflowParams() refuses a dotted key that collides with a nested one instead of dropping a value", () => {
  throws(
    () => flattenMlflowParams({ "training.lr": 1, training: { lr: 2 } }),
    isTrackingError("param-conflict", "training.lr"),
  );
  throws(
    () => flattenMlflowParams({ a: { "b.c": "x", b: { c: "y" } } }),
    isTrackingError("param-conflict", "a.b.c"),
  );
  deepEqual(flattenMlflowParams({ "a.b": 1, a: { c: 2 } }), { "a.b": "1", "a.c": "2" });
});

/** Open file descriptors of this process that point below `dir` (Linux only: /proc/self/fd). */
function openFilesBelow(dir: string): number | undefined {
  let count = 0;
  try {
    for (const entry of Deno.readDirSync("/proc/self/fd")) {
      try {
        if (Deno.readLinkSync(`/proc/self/fd/${entry.name}`).startsWith(dir)) count++;
      } catch { /* closed meanwhile */ }
    }
  } catch {
    return undefined;
  }
  return count;
}

Deno.test("a run with more metric keys than the open-file budget keeps at most 128 files open and appends every point", async () => {
  const root = await tempRoot();
  try {
    const run = openMlflowStore(root).startRun();
    const keys = Array.from({ length: 1500 }, (_, k) => `m/${k}`); // more than a 1024-fd ulimit
    for (let step = 0; step < 3; step++) {
      run.logMetrics(Object.fromEntries(keys.map((k) => [k, step])), { step, timestamp: 1 });
      run.flush();
      const open = openFilesBelow(run.runDir);
      if (open !== undefined) ok(open <= 128, `${open} metric files are open`);
    }
    run.end();
    equal(openFilesBelow(run.runDir) ?? 0, 0);
    for (const key of [keys[0], keys[700], keys[1499]]) {
      equal(Deno.readTextFileSync(join(run.runDir, "metrics", key)), "1 0 0\n1 1 1\n1 2 2\n");
    }
  } finally {
    await cleanup(root);
  }
});
