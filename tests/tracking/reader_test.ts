import { deepEqual, equal, ok, throws } from "node:assert/strict";
import { join } from "node:path";
import {
  listExperiments,
  listRuns,
  metricHistory,
  parseMlflowMetricLines,
  readRun,
  TrackingError,
} from "../../lib/tracking/mod.ts";
import { parseFlatYaml } from "../../lib/tracking/_yaml_read.ts";

/** Writes files given as `relative path → content` below `root`. */
function writeTree(root: string, files: Readonly<Record<string, string>>): void {
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    Deno.mkdirSync(join(full, ".."), { recursive: true });
    Deno.writeTextFileSync(full, content);
  }
}

const LEGACY_RUN = "5d1c0a9f7e3b4c2a8d6e0f1a2b3c4d5e";
const NEW_RUN = "347a6310dd1c44778132f3f5827b3772";
const BIG_ID = "760066588229239024";

/** A store as MLflow 1.x–3.x would leave it, quirks included. */
function mlflowWrittenStore(root: string): void {
  writeTree(root, {
    // MLflow < 1.29: experiment id as an int, no creation_time; a model registry folder at the root.
    "1/meta.yaml":
      "artifact_location: file:///srv/mlruns/1\nexperiment_id: 1\nlifecycle_stage: active\nname: legacy\n",
    [`1/${LEGACY_RUN}/meta.yaml`]: [
      "artifact_uri: file:///srv/mlruns/1/" + LEGACY_RUN + "/artifacts",
      "end_time: 1600000009000",
      "entry_point_name: ''",
      "experiment_id: '1'",
      "lifecycle_stage: active",
      "run_name: ''",
      "run_uuid: " + LEGACY_RUN,
      "source_name: ''",
      "source_type: 4",
      "source_version: ''",
      "start_time: 1600000000000",
      "status: 3",
      "tags: []",
      "user_id: carol",
      "",
    ].join("\n"),
    [`1/${LEGACY_RUN}/metrics/loss`]: "1600000001000 0.5\n1600000002000 nan\n1600000003000 inf 2\n",
    [`1/${LEGACY_RUN}/params/lr`]: "0.01",
    [`1/${LEGACY_RUN}/tags/mlflow.runName`]: "legacy-run",
    "models/my-model/meta.yaml": "name: my-model\n",
    // MLflow 3.x: 18-digit quoted id, workspace/trace_location, tags block after a rename, models/
    // traces/ datasets/ folders inside the experiment, 5-field dataset metric lines.
    [`${BIG_ID}/meta.yaml`]: [
      `artifact_location: file:///srv/mlruns/${BIG_ID}`,
      "creation_time: 1764322781534",
      `experiment_id: '${BIG_ID}'`,
      "last_update_time: 1764322781534",
      "lifecycle_stage: active",
      "name: this is a rather long experiment name that PyYAML folds over two lines when it",
      "  dumps it",
      "tags:",
      "  mlflow.note.content: hello",
      "trace_location: null",
      "workspace: default",
      "",
    ].join("\n"),
    [`${BIG_ID}/tags/mlflow.note.content`]: "hello",
    [`${BIG_ID}/${NEW_RUN}/meta.yaml`]: [
      `artifact_uri: file:///srv/mlruns/${BIG_ID}/${NEW_RUN}/artifacts`,
      "end_time: null",
      "entry_point_name: ''",
      `experiment_id: '${BIG_ID}'`,
      "lifecycle_stage: active",
      `run_id: ${NEW_RUN}`,
      'run_name: "caf\\xE9 \\U0001F600 run"',
      "source_name: ''",
      "source_type: 4",
      "source_version: ''",
      "start_time: 1764322781601",
      "status: 1",
      "tags: []",
      "user_id: alice",
      "",
    ].join("\n"),
    [`${BIG_ID}/${NEW_RUN}/metrics/eval/acc`]:
      "1764322781700 0.5 0 test_ds 3f2a\n1764322781800 0.75 1 test_ds 3f2a\n1764322781900 1e-07 1\n",
    [`${BIG_ID}/${NEW_RUN}/params/multi`]: "line one\r\nline two",
    [`${BIG_ID}/${NEW_RUN}/inputs/abc/meta.yaml`]: "source_type: DATASET\n",
    [`${BIG_ID}/${NEW_RUN}/outputs/m-1/meta.yaml`]: "source_type: RUN_OUTPUT\n",
    [`${BIG_ID}/models/m-0123/meta.yaml`]: "model_id: m-0123\n",
    [`${BIG_ID}/traces/tr-1/trace_info.yaml`]: "trace_id: tr-1\n",
    [`${BIG_ID}/datasets/d1/meta.yaml`]: "name: ds\ndigest: 3f2a\n",
    // Skipped like MLflow skips them: no meta.yaml, a mismatched run id, a deleted experiment.
    [`${BIG_ID}/no-meta-run/metrics/x`]: "1 1 1\n",
    [`${BIG_ID}/ffffffffffffffffffffffffffffffff/meta.yaml`]:
      `run_id: eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee\nexperiment_id: '${BIG_ID}'\nstart_time: 1\nend_time: null\nuser_id: x\n`,
    ".trash/7/meta.yaml":
      "artifact_location: file:///srv/mlruns/7\nexperiment_id: '7'\nlifecycle_stage: deleted\nname: gone\n",
  });
}

Deno.test("the reader reads folders written by MLflow itself (legacy and 3.x quirks)", async () => {
  const root = await Deno.makeTempDir();
  try {
    mlflowWrittenStore(root);
    const experiments = listExperiments(root);
    deepEqual(experiments.map((e) => [e.experimentId, e.creationTime]), [[BIG_ID, 1764322781534], [
      "1",
      null,
    ]]);
    equal(
      experiments[0].name,
      "this is a rather long experiment name that PyYAML folds over two lines when it dumps it",
    );
    deepEqual(listExperiments(root, { includeDeleted: true }).map((e) => e.name).sort(), [
      "gone",
      "legacy",
      experiments[0].name,
    ]);

    const [legacy] = listRuns(root, "1");
    equal(legacy.runId, LEGACY_RUN);
    equal(legacy.runName, "legacy-run"); // empty run_name falls back to the mlflow.runName tag
    equal(legacy.status, "FINISHED");
    deepEqual(metricHistory(root, LEGACY_RUN, "loss").map((p) => [p.step, p.value]), [[0, 0.5], [
      0,
      NaN,
    ], [2, Infinity]]);
    const legacyData = readRun(root, LEGACY_RUN);
    deepEqual(legacyData.params, { lr: "0.01" });
    equal(legacyData.metrics.loss.value, Infinity);

    deepEqual(listRuns(root, BIG_ID).map((r) => r.runId), [NEW_RUN]);
    const data = readRun(root, NEW_RUN);
    equal(data.info.runName, "café 😀 run");
    equal(data.info.status, "RUNNING");
    equal(data.info.endTime, null);
    equal(data.params.multi, "line one\r\nline two");
    deepEqual(data.metrics["eval/acc"], { timestamp: 1764322781900, value: 1e-7, step: 1 });
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("parseMlflowMetricLines() rejects torn or empty lines with the file and line", () => {
  deepEqual(parseMlflowMetricLines("1 -Infinity -3\n2 +1.5E3 4\n"), [
    { timestamp: 1, value: -Infinity, step: -3 },
    { timestamp: 2, value: 1500, step: 4 },
  ]);
  for (
    const bad of ["1 0.5 1\n\n", "1700000000000.0 1 1\n", "1 0.5 1 x\n", "17000 0.", "1 abc 2\n"]
  ) {
    throws(
      () => parseMlflowMetricLines(bad, "m"),
      (e: unknown) =>
        e instanceof TrackingError && e.kind === "format" && e.message.includes("m: line"),
      JSON.stringify(bad),
    );
  }
});

Deno.test("readRun() and listRuns() raise not-found for unknown ids", async () => {
  const root = await Deno.makeTempDir();
  try {
    mlflowWrittenStore(root);
    throws(
      () => readRun(root, "0".repeat(32)),
      (e: unknown) => e instanceof TrackingError && e.kind === "not-found",
    );
    throws(
      () => listRuns(root, "99"),
      (e: unknown) => e instanceof TrackingError && e.kind === "not-found",
    );
    throws(
      () => metricHistory(root, NEW_RUN, "nope"),
      (e: unknown) => e instanceof TrackingError && e.key === "nope",
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("parseFlatYaml() reads PyYAML's scalar styles: quoted, escaped, folded, typed", () => {
  const doc = parseFlatYaml([
    "a: 'it''s'",
    'b: "tab\\there \\"q\\" \\u00FC\\',
    '  \\ and more"',
    "c: 152189763792027180",
    "d: null",
    "e: ~",
    "f: 1e3", // YAML 1.1: a string, not a float
    "g: 2.5",
    "h: yes",
    "i: []",
    "j: 'folded",
    "",
    "  paragraph'",
    "k:",
    "- x",
    "- y",
    "l: 0123abc # comment",
    "",
  ].join("\n"));
  equal(doc.a, "it's");
  equal(doc.b, 'tab\there "q" ü and more');
  equal(doc.c, 152189763792027180n);
  equal(doc.d, null);
  equal(doc.e, null);
  equal(doc.f, "1e3");
  equal(doc.g, 2.5);
  equal(doc.h, true);
  deepEqual(doc.i, []);
  equal(doc.j, "folded\nparagraph");
  deepEqual(doc.k, {});
  equal(doc.l, "0123abc");
  ok(!("x" in doc));
  throws(() => parseFlatYaml('a: "open'), /unterminated/);
  throws(() => parseFlatYaml("  indented: 1"), /indentation/);
});

Deno.test("readRun() picks the latest point as MLflow does: greatest (step, timestamp, value), first of equals", async () => {
  const root = await Deno.makeTempDir();
  try {
    const exp = "1";
    const run = "a".repeat(32);
    writeTree(root, {
      [`${exp}/meta.yaml`]:
        `artifact_location: file:///x/${exp}\nexperiment_id: '${exp}'\nname: e\n`,
      [`${exp}/${run}/meta.yaml`]:
        `run_id: ${run}\nexperiment_id: '${exp}'\nstart_time: 1\nend_time: null\nuser_id: u\n`,
      // Same step and timestamp: the greater value wins, wherever it is in the file.
      [`${exp}/${run}/metrics/tie`]: "5 0.9 1\n5 0.1 1\n4 7 1\n",
      [`${exp}/${run}/metrics/tie_rev`]: "5 0.1 1\n5 0.9 1\n",
      // A later step wins over a later timestamp.
      [`${exp}/${run}/metrics/step`]: "9 1 2\n10 2 1\n",
    });
    const { metrics } = readRun(root, run);
    deepEqual(metrics.tie, { timestamp: 5, value: 0.9, step: 1 });
    deepEqual(metrics.tie_rev, { timestamp: 5, value: 0.9, step: 1 });
    deepEqual(metrics.step, { timestamp: 9, value: 1, step: 2 });
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
