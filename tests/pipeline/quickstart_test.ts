import { deepEqual, equal, ok, throws } from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { composeConfig, ConfigError } from "../../lib/config/mod.ts";
import { checkRuntime, runQuickstart } from "../../lib/pipeline/mod.ts";
import { listRuns, metricHistory, readRun } from "../../lib/tracking/mod.ts";

const CONFIGS = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "configs");

function quickstartConfig(tmp: string, extra: readonly string[] = []) {
  return composeConfig({
    configDir: CONFIGS,
    overrides: [
      "+experiment=quickstart",
      "data.synthetic.n_posts=40",
      `paths.outputs=${tmp}/outputs`,
      `paths.mlruns=${tmp}/mlruns`,
      `data.posts_csv=${tmp}/data/posts.csv`,
      `data.annotations_csv=${tmp}/data/annotations.csv`,
      `data.criteria_json=${tmp}/data/criteria.json`,
      `data.output_dir=${tmp}/processed`,
      ...extra,
    ],
    env: {},
    now: new Date(Date.UTC(2026, 10, 28, 1, 2, 3)),
  });
}

Deno.test("runQuickstart() runs every built step and records one FINISHED MLflow run", async () => {
  const tmp = await Deno.makeTempDir();
  try {
    const events: string[] = [];
    const summary = await runQuickstart({
      composed: quickstartConfig(tmp),
      now: new Date(Date.UTC(2026, 10, 28, 1, 2, 3)),
      onEvent: (e) => events.push(`${e.kind}:${e.step}`),
    });
    equal(summary.runDir, `${tmp}/outputs/quickstart/2026-11-28_01-02-03`);
    for (const file of ["config.yaml", "overrides.yaml", "tokenizer/tokenizer.json"]) {
      ok((await Deno.stat(join(summary.runDir, file))).isFile, file);
    }
    deepEqual(events.filter((e) => e.startsWith("step:")), [
      "step:config",
      "step:synth",
      "step:make_groundtruth",
      "step:tokenizer",
      "step:batches",
      "step:mlflow",
    ]);
    ok(events.includes("notice:training.amp.enabled"), "amp on CPU is reported");
    ok(events.filter((e) => e.startsWith("not_built:")).length >= 4, "unbuilt steps are listed");
    equal(summary.metrics["data/posts"], 40);
    const runs = listRuns(`${tmp}/mlruns`, summary.experimentId);
    equal(runs.length, 1);
    equal(runs[0].status, "FINISHED");
    const run = readRun(`${tmp}/mlruns`, summary.runId);
    equal(run.params["task.name"], "criteria");
    equal(run.params["model.name"], "tiny-bert");
    equal(metricHistory(`${tmp}/mlruns`, summary.runId, "data/posts")[0].value, 40);
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});

Deno.test("checkRuntime() refuses a GPU provider by key and before any work starts", async () => {
  const tmp = await Deno.makeTempDir();
  try {
    const composed = quickstartConfig(tmp, ["runtime.execution_provider=cuda"]);
    throws(() => checkRuntime(composed.config), (e: unknown) => {
      ok(e instanceof ConfigError);
      equal(e.keyPath, "runtime.execution_provider");
      ok(/CPU-only/.test(e.message));
      return true;
    });
    let failed = false;
    try {
      await runQuickstart({ composed, now: new Date() });
    } catch (e) {
      failed = e instanceof ConfigError;
    }
    ok(failed, "the quickstart fails with a ConfigError");
    deepEqual([...Deno.readDirSync(tmp)], [], "nothing was written");
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});

Deno.test("checkRuntime() says nothing when mixed precision is off", () => {
  const config = { runtime: { execution_provider: "cpu" }, training: { amp: { enabled: false } } };
  deepEqual(checkRuntime(config), []);
});
