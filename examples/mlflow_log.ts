/**
 * Logs a small experiment to an MLflow file store by hand: one parent run (a "stage") with two
 * nested runs ("trials"), each with params, metrics over steps (one of them NaN), tags, a file
 * artifact and a folder artifact.
 *
 *   deno run --allow-read --allow-write --allow-env --allow-sys examples/mlflow_log.ts [mlruns]
 *
 * (env is read for the user name; onnxruntime-node is only loaded when a session is created, so
 * no `--allow-ffi` is needed here).
 *
 * Then view it with `mlflow ui --backend-store-uri ./mlruns` (MLflow ≥ 3.13 also needs
 * `MLFLOW_ALLOW_FILE_STORE=true`).
 */
import { join } from "node:path";
import {
  experimentName,
  listRuns,
  mlflowRunContext,
  openMlflowStore,
  projectTags,
  readRun,
  withRun,
} from "../mod.ts";

const root = Deno.args[0] ?? "./mlruns";
const store = openMlflowStore(root, {
  context: mlflowRunContext({
    env: Deno.env.toObject(),
    source: Deno.mainModule,
    cwd: Deno.cwd(),
    uid: Deno.uid(),
  }),
});
const name = experimentName({ task: "criteria", dataset: "redsm5", augmentation: "none" });
const experimentId = await store.getOrCreateExperiment(name);

// Files to log as artifacts: one report and one folder.
const scratch = await Deno.makeTempDir({ prefix: "mlflow-example-" });
await Deno.writeTextFile(
  join(scratch, "report.md"),
  "# Stage report\n\nTwo trials, see the runs.\n",
);
await Deno.mkdir(join(scratch, "model"));
await Deno.writeTextFile(
  join(scratch, "model", "config.json"),
  '{"id2label":{"0":"absent","1":"present"}}\n',
);
await Deno.writeTextFile(join(scratch, "model", "labels.txt"), "absent\npresent\n");

const stage = store.startRun({
  experimentId,
  runName: "stage1_coarse",
  tags: projectTags({
    task: "criteria",
    model: "bert-base-uncased",
    seed: 42,
    augmentation: "none",
  }),
});
await withRun(stage, async (parent) => {
  parent.logParams({ hpo: { stage: "stage1_coarse", n_trials: 2 } });
  for (const [trial, learningRate] of [[0, 2e-5], [1, 5e-5]] as const) {
    const child = store.startRun({
      experimentId,
      runName: `trial-${trial}`,
      parentRunId: parent.runId,
    });
    await withRun(child, (run) => {
      run.logParams({ training: { learning_rate: learningRate, epochs: 3, batch_size: 16 } });
      run.setTags({
        "psy.trial": String(trial),
        "mlflow.note.content": `Trial ${trial} of the coarse stage.`,
      });
      for (let step = 1; step <= 30; step++) {
        const loss = step === 17 && trial === 1 ? NaN : Math.exp(-step * learningRate * 2e3) + 0.1;
        run.logMetrics({ "train/loss": loss, "train/lr": learningRate * (1 - step / 30) }, {
          step,
        });
        if (step % 10 === 0) {
          run.logMetric("val/f1_macro", 0.5 + 0.1 * (step / 10) - 0.05 * trial, { step });
        }
        run.flush(); // a step boundary
      }
      run.logArtifact(join(scratch, "report.md"), { artifactPath: "reports" });
      run.logArtifacts(join(scratch, "model"), { artifactPath: "model" });
    });
    const f1 = readRun(root, child.runId).metrics["val/f1_macro"].value;
    parent.logMetric("best_val_f1_macro", f1, { step: trial });
  }
  parent.logArtifact(join(scratch, "report.md"));
});
await Deno.remove(scratch, { recursive: true });

console.log(`Wrote experiment "${name}" (id ${experimentId}) to ${store.root}:`);
for (const run of listRuns(root, experimentId)) {
  const parent = readRun(root, run.runId).tags["mlflow.parentRunId"];
  console.log(
    `  ${run.runId}  ${run.status.padEnd(8)} ${run.runName}${
      parent ? `  (child of ${parent})` : ""
    }`,
  );
}
console.log(`\nView it:  mlflow ui --backend-store-uri ${store.root}`);
console.log("  (MLflow >= 3.13: MLFLOW_ALLOW_FILE_STORE=true mlflow ui --backend-store-uri …)");
console.log(
  `Or move it to SQLite:  mlflow migrate-filestore --source ${store.root} --target sqlite:///mlflow.db`,
);
