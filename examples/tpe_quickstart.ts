/**
 * TPE quickstart: tune a small, mixed search space with Optuna-style define-by-run, a median
 * pruner acting on per-epoch reports, and a study kept in an Optuna-format journal file.
 *
 *   deno run --allow-read --allow-write examples/tpe_quickstart.ts outputs/tpe_quickstart.log
 *
 * Run it again with the same path: the study resumes from the journal and trial numbers carry
 * on. `optuna-dashboard outputs/tpe_quickstart.log` (Python) opens the same file.
 *
 * The objective is a simulated training run (no data, no model): a validation loss curve over
 * 12 epochs whose floor depends on the hyper-parameters the way a real one might.
 */
import { dirname } from "node:path";
import {
  createStudy,
  JournalFileStorage,
  MedianPruner,
  tpeSampler,
  type Trial,
  TrialPruned,
} from "../lib/hpo/mod.ts";

const EPOCHS = 12;
const TRIALS_PER_RUN = 30;

/** A loss floor for the sampled configuration: best near lr 3e-4, 3 layers, adamw. */
function lossFloor(trial: Trial): number {
  const lr = trial.suggestFloat("learning_rate", 1e-5, 1e-1, { log: true });
  const layers = trial.suggestInt("layers", 1, 6);
  const optimizer = trial.suggestCategorical("optimizer", ["sgd", "adamw"]);
  let floor = 0.15 + 0.04 * Math.log10(lr / 3e-4) ** 2 + 0.02 * (layers - 3) ** 2;
  if (optimizer === "sgd") {
    // conditional branch: momentum exists only for SGD
    const momentum = trial.suggestFloat("momentum", 0.0, 0.99);
    floor += 0.1 * (0.9 - momentum) ** 2 + 0.03;
  } else {
    const weightDecay = trial.suggestFloat("weight_decay", 1e-6, 1e-1, { log: true });
    floor += 0.01 * Math.abs(Math.log10(weightDecay / 1e-2));
  }
  return floor;
}

/** Reports a decaying validation loss each epoch; the pruner may stop the trial early. */
function objective(trial: Trial): number {
  const floor = lossFloor(trial);
  const speed = 0.25 + 0.05 * ((trial.params.layers as number) % 3);
  let loss = 1;
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    loss = floor + (1 - floor) * Math.exp(-speed * (epoch + 1));
    trial.report(loss, epoch);
    if (trial.shouldPrune()) throw new TrialPruned();
  }
  return loss;
}

export async function main(args: readonly string[]): Promise<void> {
  const path = args[0];
  if (path === undefined) {
    console.error("usage: tpe_quickstart.ts <journal path>");
    Deno.exit(2);
  }
  Deno.mkdirSync(dirname(path), { recursive: true });
  const study = createStudy({
    storage: new JournalFileStorage(path),
    studyName: "tpe-quickstart",
    loadIfExists: true,
    direction: "minimize",
    sampler: tpeSampler({ seed: 42 }),
    pruner: new MedianPruner({ nStartupTrials: 5, nWarmupSteps: 2 }),
  });
  const before = study.trials().length;
  await study.optimize(objective, { nTrials: TRIALS_PER_RUN });
  const trials = study.trials();
  const pruned = trials.slice(before).filter((t) => t.state === "PRUNED").length;
  console.log(
    `trials ${before}–${trials.length - 1} ran in this run (${pruned} pruned); ` +
      `${trials.length} in the journal ${path}`,
  );
  const best = study.bestTrial;
  console.log(`best trial #${best.number}: loss ${best.value?.toFixed(4)}`);
  for (const [name, value] of Object.entries(best.params)) console.log(`  ${name} = ${value}`);
}

if (import.meta.main) await main(Deno.args);
