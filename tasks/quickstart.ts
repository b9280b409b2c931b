/**
 * `deno task quickstart [overrides…]` — the main job on the built-in synthetic corpus: synthetic
 * ReDSM5 corpus, ground truth and splits, a WordPiece tokenizer, tokenised batches and an MLflow
 * run. Steps that later issues build (models, trainer, evaluation, HPO stages) are listed as not
 * built yet.
 *
 * @module
 */
import { mlflowRunContext } from "../lib/tracking/mod.ts";
import { runQuickstart } from "../lib/pipeline/mod.ts";
import { readEnv, runTask, type TaskSpec } from "./_cli.ts";

const SPEC: TaskSpec = {
  name: "quickstart",
  summary: "Run every built step of the pipeline on the synthetic corpus and track it in MLflow.",
  baseOverrides: ["+experiment=quickstart"],
  details: [
    "Example: deno task quickstart data.synthetic.n_posts=200 seed=7",
    "Outputs: outputs/quickstart/<timestamp>/, data/synthetic/, data/processed/synthetic/, mlruns/",
  ].join("\n"),
};

/** Runs the quickstart; returns the exit code (0 ok, 2 bad config or arguments). */
export async function main(args: string[]): Promise<number> {
  return await runTask(SPEC, args, async ({ composed, now }) => {
    const started = performance.now();
    const summary = await runQuickstart({
      composed,
      now,
      context: mlflowRunContext({ env: readEnv(), source: Deno.mainModule, cwd: Deno.cwd() }),
      onEvent: (event) => {
        if (event.kind === "notice") {
          console.log(`! ${"notice".padEnd(17)}${event.step}: ${event.detail}`);
          return;
        }
        const mark = event.kind === "step" ? "✔" : "·";
        const note = event.kind === "step" ? "" : " — not built yet";
        console.log(`${mark} ${event.step.padEnd(17)}${event.detail}${note}`);
      },
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`\nDone in ${seconds} s. Run folder: ${summary.runDir}`);
    console.log(
      `View the run: mlflow ui --backend-store-uri ./mlruns (experiment ` +
        `${summary.experimentId}, run ${summary.runId})`,
    );
    return 0;
  });
}

if (import.meta.main) Deno.exit(await main(Deno.args));
