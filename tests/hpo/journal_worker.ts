/**
 * A worker process for the multi-process journal test: joins study "mp" in the journal given as
 * the first argument and runs the given number of trials.
 *
 * Usage: deno run --allow-read --allow-write tests/hpo/journal_worker.ts <journal> <worker> <n>
 */
import { createStudy, JournalFileStorage, TrialPruned } from "../../lib/hpo/mod.ts";
import { randomSampler } from "../../lib/hpo/random_sampler.ts";

export async function main(args: readonly string[]): Promise<void> {
  const [path, worker, nTrials] = args;
  const study = createStudy({
    storage: new JournalFileStorage(path),
    studyName: "mp",
    loadIfExists: true,
    sampler: randomSampler({ seed: Number(worker) }),
  });
  await study.optimize((trial) => {
    trial.setUserAttr("worker", Number(worker));
    const x = trial.suggestFloat("x", -1, 1);
    for (let step = 0; step < 3; step++) trial.report(x * x + 1 / (step + 1), step);
    if (trial.number % 5 === 4) throw new TrialPruned();
    return x * x;
  }, { nTrials: Number(nTrials), catch: false });
}

if (import.meta.main) await main(Deno.args);
