/**
 * `deno task synth [overrides…]` — writes the synthetic ReDSM5-format corpus (posts CSV,
 * annotations CSV, criteria JSON) to the paths of the `data` config, so that
 * `deno task synth && deno task make_groundtruth data=synthetic` works. Size and seed come from
 * `data.synthetic.n_posts` and `data.synthetic.seed`.
 *
 * @module
 */
import { dataConfigFromConfig, DataError, writeSyntheticCorpus } from "../lib/data/mod.ts";
import { runTask, type TaskSpec } from "./_cli.ts";

const SPEC: TaskSpec = {
  name: "synth",
  summary: "Write a synthetic ReDSM5-format corpus where `data=synthetic` reads it.",
  details: [
    "Keys: data.synthetic.n_posts (posts), data.synthetic.seed (same seed → same bytes),",
    "data.posts_csv, data.annotations_csv, data.criteria_json (where the files go).",
    "Example: deno task synth data.synthetic.n_posts=60 data.synthetic.seed=7",
  ].join("\n"),
};

/** Runs the task; returns the exit code (0 ok, 1 data error, 2 bad config or arguments). */
export async function main(args: string[]): Promise<number> {
  return await runTask(SPEC, args, async ({ composed }) => {
    const data = dataConfigFromConfig(composed.config);
    if (data.synthetic === null) {
      console.error(
        `error: the data config "${data.name}" has no data.synthetic section; use data=synthetic`,
      );
      return 2;
    }
    try {
      const { stats } = await writeSyntheticCorpus({
        ...data.synthetic,
        postsCsv: data.postsCsv,
        annotationsCsv: data.annotationsCsv,
        criteriaJson: data.criteriaJson,
      });
      console.log(`Wrote ${stats.posts} posts and ${stats.annotationRows} annotation rows:`);
      for (const path of [data.postsCsv, data.annotationsCsv, data.criteriaJson]) {
        if (path !== null) console.log(`  ${path}`);
      }
      console.log(
        `Injected dirt: ${stats.symptomTypos} symptom typo, ${stats.duplicateRows} duplicate rows, ` +
          `${stats.conflictingPairs} status conflicts, ${stats.notVerbatim} not-verbatim + ` +
          `${stats.unlocatable} unlocatable sentences, ${stats.unannotatedPosts} unannotated posts`,
      );
      return 0;
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
      console.error(`error: ${error.message}`);
      return 1;
    }
  });
}

if (import.meta.main) Deno.exit(await main(Deno.args));
