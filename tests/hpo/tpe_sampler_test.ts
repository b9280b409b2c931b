import { deepEqual, equal, notDeepEqual, ok, throws } from "node:assert/strict";
import {
  defaultGamma,
  groupDecomposedSearchSpace,
  intersectionSearchSpace,
  observationsOf,
  splitTrials,
} from "../../lib/hpo/_tpe_trials.ts";
import {
  categoricalDistribution,
  containsValue,
  floatDistribution,
  intDistribution,
} from "../../lib/hpo/distributions.ts";
import { randomSampler } from "../../lib/hpo/random_sampler.ts";
import { tpeSampler, type TpeSamplerOptions } from "../../lib/hpo/tpe_sampler.ts";
import type { FrozenTrial, Sampler } from "../../lib/hpo/types.ts";
import { bestValue, frozenTrial, runLoop, studyOf, type Suggest } from "./_functions.ts";

const X = floatDistribution(-5, 5);
const Y = floatDistribution(-5, 5);

function numbers(trials: readonly FrozenTrial[]): number[] {
  return trials.map((t) => t.number);
}

Deno.test("defaultGamma() is min(ceil(0.1·n), 25)", () => {
  deepEqual([1, 10, 11, 100, 250, 251, 1000].map(defaultGamma), [1, 1, 2, 10, 25, 25, 25]);
});

Deno.test("splitTrials() ranks COMPLETE by value, then PRUNED by last step and value; RUNNING above", () => {
  const pruned = (n: number, reports: [number, number][]) =>
    frozenTrial(n, { state: "PRUNED", intermediateValues: new Map(reports) });
  const trials = [
    frozenTrial(0, { value: 5 }),
    pruned(1, [[0, 9], [3, 0.5]]), // step 3, value 0.5
    frozenTrial(2, { value: 1 }),
    pruned(3, [[0, 0.1]]), // step 0
    pruned(4, [[0, 1], [3, 0.2]]), // step 3, value 0.2 → best pruned
    pruned(5, []), // no reports → last
    frozenTrial(6, { state: "RUNNING" }),
    frozenTrial(7, { state: "FAIL" }),
    frozenTrial(8, { value: 3 }),
    pruned(9, [[3, NaN]]), // step 3, NaN counts as +∞
  ];
  // Full ranking: 2 (1), 8 (3), 0 (5), 4, 1, 9, 3, 5.
  const expectations: [number, number[]][] = [
    [2, [2, 8]],
    [4, [0, 2, 4, 8]],
    [5, [0, 1, 2, 4, 8]],
    [6, [0, 1, 2, 4, 8, 9]],
    [7, [0, 1, 2, 3, 4, 8, 9]],
  ];
  for (const [nBelow, below] of expectations) {
    const split = splitTrials(trials, nBelow, "minimize");
    deepEqual(numbers(split.below), below, `nBelow ${nBelow}`);
    const above = [0, 1, 2, 3, 4, 5, 6, 8, 9].filter((n) => !below.includes(n));
    deepEqual(numbers(split.above), above, `nBelow ${nBelow}`);
  }
  // Maximize flips the order of values, not of steps.
  deepEqual(numbers(splitTrials(trials, 2, "maximize").below), [0, 8]);
  deepEqual(numbers(splitTrials(trials, 4, "maximize").below), [0, 1, 2, 8]);
});

Deno.test("observationsOf() drops trials missing a parameter after the split", () => {
  const a = floatDistribution(0, 1);
  const c = categoricalDistribution(["p", "q"]);
  const trials = [
    frozenTrial(0, { params: { a: 0.5, c: "q" } }),
    frozenTrial(1, { params: { a: 0.7 } }),
    frozenTrial(2, { params: { a: 0.1, c: "zzz" } }),
    frozenTrial(3, { params: { c: "p", a: 0.2 } }),
  ];
  const obs = observationsOf(trials, ["a", "c"], { a, c });
  deepEqual(obs.map((o) => [...o]), [[0.5, 0.2], [1, 0]]);
});

Deno.test("intersection and group search spaces follow Optuna (sorted, single-valued dropped)", () => {
  const kind = categoricalDistribution(["lora", "full"]);
  const r = intDistribution(4, 64, { log: true });
  const lr = floatDistribution(1e-5, 1e-3, { log: true });
  const fixed = intDistribution(3, 3);
  const trials = [
    frozenTrial(0, { distributions: { lr, kind, r, fixed } }),
    frozenTrial(1, { distributions: { lr, kind, fixed } }),
    frozenTrial(2, { distributions: { kind, lr: floatDistribution(1e-5, 1e-2, { log: true }) } }),
  ];
  deepEqual(Object.keys(intersectionSearchSpace(trials)), ["kind"]);
  deepEqual(Object.keys(intersectionSearchSpace(trials.slice(0, 2))), ["kind", "lr"]);
  deepEqual(groupDecomposedSearchSpace(trials).map((g) => Object.keys(g)), [["kind", "lr"], ["r"]]);
});

function quadratic(suggest: Suggest): number {
  const x = suggest("x", X) as number;
  const y = suggest("y", Y) as number;
  return (x - 1.3) ** 2 + (y + 2.1) ** 2;
}

const VARIANTS: [string, TpeSamplerOptions][] = [
  ["univariate", {}],
  ["multivariate", { multivariate: true }],
  ["multivariate+group", { multivariate: true, group: true }],
  ["multivariate scott", { multivariate: true, bandwidth: "scott" }],
];

Deno.test("tpeSampler() returns identical params for identical seeds", () => {
  for (const [name, options] of VARIANTS) {
    const run = (seed: number) =>
      runLoop(tpeSampler({ ...options, seed }), quadratic, { nTrials: 25 }).map((t) => t.params);
    deepEqual(run(3), run(3), name);
    notDeepEqual(run(3).slice(10), run(4).slice(10), name);
  }
});

Deno.test("tpeSampler() startup trials equal randomSampler()'s with the same seed", () => {
  const tpe = runLoop(tpeSampler({ seed: 11 }), quadratic, { nTrials: 12 });
  const random = runLoop(randomSampler({ seed: 11 }), quadratic, { nTrials: 12 });
  deepEqual(tpe.slice(0, 10), random.slice(0, 10));
  notDeepEqual(tpe.slice(10), random.slice(10));
});

Deno.test("tpeSampler() counts COMPLETE and PRUNED trials for startup, never FAIL or RUNNING", () => {
  const done = (n: number, state: FrozenTrial["state"]) =>
    frozenTrial(n, {
      state,
      value: state === "COMPLETE" ? n : null,
      params: { x: n / 10 },
      distributions: { x: X },
    });
  const trials = [
    ...Array.from({ length: 9 }, (_, n) => done(n, n % 2 ? "PRUNED" : "COMPLETE")),
    done(9, "FAIL"),
    done(10, "RUNNING"),
  ];
  const current = frozenTrial(11, { state: "RUNNING" });
  const random = randomSampler({ seed: 1 }).sampleIndependent(studyOf(trials), current, "x", X);
  const sampler = tpeSampler({ seed: 1, constantLiar: true });
  equal(sampler.sampleIndependent(studyOf(trials), current, "x", X), random);
  trials.push(done(11, "PRUNED"));
  const next = frozenTrial(12, { state: "RUNNING" });
  const randomNext = randomSampler({ seed: 1 }).sampleIndependent(studyOf(trials), next, "x", X);
  ok(sampler.sampleIndependent(studyOf(trials), next, "x", X) !== randomNext);
});

/** Mean best value over seeds. */
function meanBest(sampler: (seed: number) => Sampler, nTrials: number, seeds: number[]): number {
  const bests = seeds.map((seed) => bestValue(runLoop(sampler(seed), quadratic, { nTrials })));
  return bests.reduce((a, b) => a + b, 0) / bests.length;
}

Deno.test("tpeSampler() beats randomSampler() on a 2-D quadratic across seeds", () => {
  const seeds = [0, 1, 2, 3, 4, 5];
  const random = meanBest((seed) => randomSampler({ seed }), 40, seeds);
  for (const [name, options] of VARIANTS.slice(0, 2)) {
    const tpe = meanBest((seed) => tpeSampler({ ...options, seed }), 40, seeds);
    ok(tpe < random / 3, `${name}: TPE mean best ${tpe} vs random ${random}`);
  }
});

Deno.test("tpeSampler() samples values inside every kind of distribution", () => {
  const space = {
    lr: floatDistribution(1e-5, 1e-1, { log: true }),
    batch: intDistribution(8, 256, { log: true }),
    layers: intDistribution(2, 12, { step: 2 }),
    dropout: floatDistribution(0, 0.5, { step: 0.05 }),
    optimizer: categoricalDistribution(["adam", "sgd", "rmsprop"]),
  };
  const objective = (suggest: Suggest): number => {
    const lr = suggest("lr", space.lr) as number;
    const batch = suggest("batch", space.batch) as number;
    const layers = suggest("layers", space.layers) as number;
    const dropout = suggest("dropout", space.dropout) as number;
    const optimizer = suggest("optimizer", space.optimizer);
    return Math.abs(Math.log10(lr) + 3) + Math.abs(Math.log2(batch) - 5) + layers / 10 + dropout +
      (optimizer === "sgd" ? 0 : 1);
  };
  for (const [name, options] of VARIANTS) {
    const trials = runLoop(tpeSampler({ ...options, seed: 2 }), objective, { nTrials: 30 });
    for (const t of trials) {
      for (const [param, d] of Object.entries(space)) {
        ok(containsValue(d, t.params[param]), `${name}: ${param} = ${t.params[param]}`);
      }
    }
  }
});

/** A conditional space: the branch decides which parameters exist. */
function conditional(suggest: Suggest): number {
  const branch = suggest("branch", categoricalDistribution(["a", "b"]));
  if (branch === "a") {
    const u = suggest("a_u", floatDistribution(0, 1)) as number;
    return 1 + (u - 0.8) ** 2;
  }
  const v = suggest("b_v", floatDistribution(0, 1)) as number;
  const w = suggest("b_w", floatDistribution(0, 1)) as number;
  return (v - 0.2) ** 2 + (w - 0.7) ** 2;
}

Deno.test("tpeSampler({ group: true }) samples each branch of a conditional space jointly", () => {
  const trials = runLoop(tpeSampler({ multivariate: true, group: true, seed: 5 }), conditional, {
    nTrials: 15,
  });
  const study = studyOf(trials);
  const grouped = tpeSampler({ multivariate: true, group: true, seed: 5 });
  const current = frozenTrial(15, { state: "RUNNING" });
  const space = grouped.inferRelativeSearchSpace(study, current);
  deepEqual(Object.keys(space).sort(), ["a_u", "b_v", "b_w", "branch"]);
  const relative = grouped.sampleRelative(study, current, space);
  deepEqual(Object.keys(relative).sort(), ["a_u", "b_v", "b_w", "branch"]);
  // Without groups, only the parameter every trial has is in the relative space.
  const plain = tpeSampler({ multivariate: true, seed: 5 });
  deepEqual(Object.keys(plain.inferRelativeSearchSpace(study, current)), ["branch"]);
  // And the grouped sampler finds the better branch's optimum.
  const seeds = [0, 1, 2, 3];
  const best = seeds.map((seed) =>
    bestValue(
      runLoop(tpeSampler({ multivariate: true, group: true, seed }), conditional, { nTrials: 50 }),
    )
  );
  const random = seeds.map((seed) =>
    bestValue(runLoop(randomSampler({ seed }), conditional, { nTrials: 50 }))
  );
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  ok(mean(best) < mean(random), `group TPE ${mean(best)} vs random ${mean(random)}`);
});

Deno.test("tpeSampler({ constantLiar: true }) steers away from other workers' running points", () => {
  // 30 finished trials around x = 0 (best near 0), and five RUNNING trials sitting at x = 0.
  const finished = Array.from({ length: 30 }, (_, n) => {
    const x = -4 + (8 * n) / 29;
    return frozenTrial(n, { value: x * x, params: { x }, distributions: { x: X } });
  });
  const running = Array.from(
    { length: 5 },
    (_, k) => frozenTrial(30 + k, { state: "RUNNING", params: { x: 0 }, distributions: { x: X } }),
  );
  const study = studyOf([...finished, ...running]);
  const distance = (liar: boolean) => {
    let total = 0;
    for (let seed = 0; seed < 40; seed++) {
      const sampler = tpeSampler({ seed, constantLiar: liar });
      const current = frozenTrial(35, { state: "RUNNING" });
      total += Math.abs(sampler.sampleIndependent(study, current, "x", X) as number);
    }
    return total / 40;
  };
  const honest = distance(false);
  const liar = distance(true);
  ok(liar > 1.5 * honest, `mean |x − 0| with liar ${liar}, without ${honest}`);
});

Deno.test("tpeSampler() rejects invalid options with the rule and the value", () => {
  throws(() => tpeSampler({ group: true }), /group needs multivariate: true/);
  throws(() => tpeSampler({ nEiCandidates: 0 }), /nEiCandidates must be an integer ≥ 1, got 0/);
  throws(() => tpeSampler({ nStartupTrials: -1 }), /got -1/);
  throws(() => tpeSampler({ priorWeight: 0 }), /priorWeight must be a finite number > 0, got 0/);
});
