/**
 * `deno task make_groundtruth [overrides…]` — loads the ReDSM5 CSVs named by the `data` config
 * (`data=synthetic` or `data=redsm5_local`), repairs the known dirt, and writes
 * `criteria_groundtruth.csv`, `evidence_groundtruth.csv`, `splits.json` and `repairs.json` into
 * `data.output_dir`. On any input error nothing is written and the exit code is 1.
 *
 * @module
 */
import {
  dataConfigFromConfig,
  DataError,
  formatRepairSummary,
  makeGroundTruth,
} from "../lib/data/mod.ts";
import { runTask, type TaskSpec } from "./_cli.ts";

const SPEC: TaskSpec = {
  name: "make_groundtruth",
  summary: "Build criteria/evidence ground truth and post-level splits from ReDSM5 CSVs.",
  details: [
    "Keys: data.posts_csv, data.annotations_csv, data.criteria_json (null → shipped DSM-5 MDD),",
    "data.output_dir, data.special_case (drop | A.10), data.split.{train,val,test,seed}.",
    "Example: deno task make_groundtruth data=redsm5_local data.output_dir=data/processed/mine",
  ].join("\n"),
};

/** Runs the task; returns the exit code (0 ok, 1 data error, 2 bad config or arguments). */
export async function main(args: string[]): Promise<number> {
  return await runTask(SPEC, args, async ({ composed }) => {
    const data = dataConfigFromConfig(composed.config);
    try {
      const result = await makeGroundTruth({
        ...data,
        seed: data.splitSeed,
        source: data.name,
      });
      const { corpus, groundTruth, splits } = result;
      console.log(formatRepairSummary(corpus.repairs));
      console.log(
        `Posts: ${corpus.posts.length}, annotations kept: ${corpus.annotations.length}, ` +
          `criteria rows: ${groundTruth.criteria.length} ` +
          `(${groundTruth.criteria.filter((r) => r.label === 1).length} positive), ` +
          `evidence rows: ${groundTruth.evidence.length}`,
      );
      const { train, val, test } = splits.metadata.counts;
      console.log(
        `Splits (seed ${splits.metadata.seed}): train ${train}, val ${val}, test ${test}`,
      );
      for (const file of result.files) console.log(`  ${file}`);
      return 0;
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
      console.error(`error: ${error.message}\nNothing was written to ${data.outputDir}.`);
      if (data.synthetic !== null && error.cause instanceof Deno.errors.NotFound) {
        console.error("hint: write the synthetic corpus first with `deno task synth`.");
      }
      return 1;
    }
  });
}

if (import.meta.main) Deno.exit(await main(Deno.args));
