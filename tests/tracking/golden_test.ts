import { equal } from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { openMlflowStore } from "../../lib/tracking/mod.ts";
import { fixedIds, renderTree, steppingClock } from "./_helpers.ts";

const GOLDEN = new URL("../testdata/tracking/small_run.golden", import.meta.url);

/** Writes the small fixed run the golden file pins. */
async function writeSmallRun(root: string): Promise<void> {
  const store = openMlflowStore(root, {
    clock: steppingClock(),
    ids: fixedIds(["152189763792027180"], [
      "347a6310dd1c44778132f3f5827b3772",
      "9b2f0c1d4e5a46b7a8c9d0e1f2a3b4c5",
    ]),
    context: {
      user: "alice",
      sourceName: "/home/alice/psy/tasks/train.ts",
      gitCommit: "0123456789abcdef0123456789abcdef01234567",
    },
  });
  const experimentId = await store.getOrCreateExperiment("noaug_baseline-criteria-redsm5");
  const parent = store.startRun({
    experimentId,
    runName: 'stage1 "coarse" ü',
    tags: { "psy.seed": "42" },
  });
  parent.logParams({
    training: { learning_rate: 2e-5, epochs: 3 },
    note: "multi\nline",
    empty: null,
  });
  parent.logMetric("train/loss", 0.5, { step: 0 });
  parent.logMetric("train/loss", NaN, { step: 1 });
  parent.logMetric("train/loss", Infinity, { step: 2, timestamp: 1_700_000_009_999 });
  parent.logMetric("val_f1", -Infinity, { step: -1 });
  parent.logMetric("val_f1", 1e-7, { step: 3 });
  parent.logTextArtifact("config/resolved.yaml", "training:\n  learning_rate: 2.0e-05\n");
  const child = store.startRun({ experimentId, runName: "trial-0", parentRunId: parent.runId });
  child.setTag("mlflow.note.content", "first trial");
  child.logMetrics({ loss: 1, acc: 0.25 }, { step: 1 });
  child.end("KILLED");
  parent.end("FINISHED");
}

Deno.test("the writer produces byte-exact golden files for a small nested run (format note §3–§9)", async () => {
  const root = join(await Deno.makeTempDir(), "mlruns");
  try {
    await writeSmallRun(root);
    const actual = renderTree(root, [[pathToFileURL(root).href, "file:///ROOT"]]);
    if (Deno.env.get("UPDATE_GOLDEN") === "1") await Deno.writeTextFile(GOLDEN, actual);
    equal(actual, await Deno.readTextFile(GOLDEN));
  } finally {
    await Deno.remove(join(root, ".."), { recursive: true });
  }
});
