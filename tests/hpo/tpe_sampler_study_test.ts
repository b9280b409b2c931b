import { deepEqual, ok } from "node:assert/strict";
import {
  createStudy,
  gridSampler,
  randomSampler,
  tpeSampler,
  type Trial,
} from "../../lib/hpo/mod.ts";
import type { Sampler } from "../../lib/hpo/types.ts";

/** A small conditional objective: the LoRA rank exists only when LoRA is on. */
function objective(trial: Trial): number {
  const lr = trial.suggestFloat("lr", 1e-5, 1e-1, { log: true });
  const dropout = trial.suggestFloat("dropout", 0, 0.5, { step: 0.05 });
  let value = (Math.log10(lr) + 3) ** 2 + (dropout - 0.1) ** 2;
  if (trial.suggestCategorical("lora", [true, false])) {
    const r = trial.suggestInt("r", 2, 128, { log: true });
    value += 0.1 * (Math.log2(r) - 4) ** 2;
  } else {
    value += 0.5;
  }
  return value;
}

async function run(sampler: Sampler, nTrials: number) {
  const study = createStudy({ sampler, studyName: "through-study" });
  await study.optimize(objective, { nTrials });
  return study;
}

Deno.test("tpeSampler() through createStudy(): same seed, same trials; TPE beats random", async () => {
  const options = { multivariate: true, group: true, seed: 8 } as const;
  const a = await run(tpeSampler(options), 40);
  const b = await run(tpeSampler(options), 40);
  deepEqual(a.trials().map((t) => t.params), b.trials().map((t) => t.params));
  ok(a.trials().some((t) => "r" in t.params) && a.trials().some((t) => !("r" in t.params)));
  const seeds = [0, 1, 2, 3];
  let tpe = 0;
  let random = 0;
  for (const seed of seeds) {
    tpe += (await run(tpeSampler({ multivariate: true, group: true, seed }), 40)).bestValue;
    random += (await run(randomSampler({ seed }), 40)).bestValue;
  }
  ok(tpe < random, `TPE mean best ${tpe / seeds.length} vs random ${random / seeds.length}`);
});

Deno.test("gridSampler() through createStudy() visits each grid point once in gridSize trials", async () => {
  const grid = gridSampler({ lr: [1e-4, 1e-3, 1e-2], lora: [true, false], r: [4, 16] }, {
    seed: 1,
  });
  const study = createStudy({ sampler: grid });
  await study.optimize((trial) => {
    const lr = trial.suggestFloat("lr", 1e-5, 1e-1, { log: true });
    const lora = trial.suggestCategorical("lora", [true, false]);
    const r = trial.suggestInt("r", 2, 128, { log: true });
    return lr * (lora ? r : 1);
  }, { nTrials: grid.gridSize });
  const points = study.trials().map((t) => JSON.stringify(t.params));
  deepEqual(new Set(points).size, 12);
  ok(grid.isExhausted(study));
});

Deno.test("study.optimize() stops once the grid is exhausted, whatever nTrials says", async () => {
  const grid = gridSampler({ lr: [1e-4, 1e-3], batch: [8, 16, 32] }, { seed: 2 });
  const study = createStudy({ sampler: grid });
  await study.optimize((trial) => {
    const lr = trial.suggestFloat("lr", 1e-5, 1e-1, { log: true });
    return lr * trial.suggestCategorical("batch", [8, 16, 32]);
  }, { nTrials: 20 });
  deepEqual(study.trials().length, 6);
  deepEqual(new Set(study.trials().map((t) => JSON.stringify(t.params))).size, 6);
  await study.optimize(() => 1, { nTrials: 3 });
  deepEqual(study.trials().length, 6, "a later optimize() on an exhausted grid runs nothing");
});
