/**
 * The pruner check of the notes' §2.4, with our own deterministic suite: 40 learning curves
 * `loss(t) = a + b·t^(−c) + 0.003·sin(1.9t + 0.7·id)`, t = 1..30 (reported as step t). Config
 * 12 is a late bloomer (best final loss, 0.95 at t = 1), config 25 is good from the start (2nd),
 * config 3 starts fast and plateaus at 0.45. Trial n trains `ordering[n]`; no sampling.
 *
 * Three kinds of checks: every stop step of 21 (ordering, pruner) runs equals what Python
 * Optuna 5.0.0 decides on the same suite (`testdata/hpo/pruner_check_optuna5.json`, written once
 * by a throwaway script that ran Optuna's own pruners; no Python runs here); plain oracles (a
 * median rule and an ASHA simulation over plain arrays) agree too; and the qualitative outcomes
 * of the notes' table hold (the strong early performer always survives; the late bloomer
 * survives only with a warm-up or when it arrives during startup).
 */
import { deepEqual, equal, ok } from "node:assert/strict";
import {
  createStudy,
  HyperbandPruner,
  MedianPruner,
  NopPruner,
  type Pruner,
  randomSampler,
  SuccessiveHalvingPruner,
  TrialPruned,
} from "../../lib/hpo/mod.ts";
import { crc32 } from "../../lib/hpo/_crc32.ts";
import { Prng, shuffle } from "../../lib/random/mod.ts";

const STEPS = 30;
const CONFIGS = 40;
const BLOOMER = 12;
const EARLY = 25;

function frac(x: number): number {
  return x - Math.floor(x);
}

function curveParams(id: number): readonly [number, number, number] {
  if (id === BLOOMER) return [0.143, 0.807, 1.0];
  if (id === EARLY) return [0.165, 0.05, 0.5];
  if (id === 3) return [0.45, 0.1, 2.0];
  return [
    0.2 + 0.25 * frac(id * 0.6180339887),
    0.15 + 0.3 * frac(id * 0.4142135623),
    0.3 + 1.2 * frac(id * 0.7320508075),
  ];
}

function loss(id: number, t: number): number {
  const [a, b, c] = curveParams(id);
  return a + b * t ** -c + 0.003 * Math.sin(1.9 * t + 0.7 * id);
}

const NATURAL = Array.from({ length: CONFIGS }, (_, i) => i);
const SHUFFLED = shuffle(new Prng(2024), NATURAL);
const BLOOMER_EARLY = [0, 1, BLOOMER, ...NATURAL.slice(2).filter((i) => i !== BLOOMER)];

/** Runs the suite; returns each trial's stop step (30 = ran to the end) and its state. */
async function run(ordering: readonly number[], pruner: Pruner): Promise<number[]> {
  const study = createStudy({ studyName: "pruner-check", sampler: randomSampler(), pruner });
  const stops: number[] = [];
  await study.optimize((trial) => {
    const id = ordering[trial.number];
    for (let t = 1; t <= STEPS; t++) {
      trial.report(loss(id, t), t);
      if (trial.shouldPrune()) {
        stops.push(t);
        throw new TrialPruned();
      }
    }
    stops.push(STEPS);
    return loss(id, STEPS);
  }, { nTrials: ordering.length, catch: false });
  equal(study.trials(["PRUNED"]).length, stops.filter((s) => s < STEPS).length);
  return stops;
}

/** Oracle: Optuna's median rule over plain arrays (warm-up, startup; interval 1). */
function medianOracle(ordering: readonly number[], startup: number, warmup: number): number[] {
  const completed: number[][] = []; // curves indexed by t
  const stops: number[] = [];
  for (const id of ordering) {
    let best = Infinity;
    let stop = STEPS;
    for (let t = 1; t <= STEPS; t++) {
      best = Math.min(best, loss(id, t));
      if (completed.length < Math.max(startup, 1) || t < warmup) continue;
      const sorted = completed.map((c) => c[t]).sort((a, b) => a - b);
      const mid = (sorted.length - 1) / 2;
      const median = (sorted[Math.floor(mid)] + sorted[Math.ceil(mid)]) / 2;
      if (best > median) {
        stop = t;
        break;
      }
    }
    stops.push(stop);
    if (stop === STEPS) completed.push(Array.from({ length: STEPS + 1 }, (_, t) => loss(id, t)));
  }
  return stops;
}

/**
 * Oracle: asynchronous successive halving with rungs at η^(rate + k) (min resource 1), over
 * plain rung lists; returns the stop step of each config in `ids`, in order.
 */
function ashaOracle(ids: readonly number[], eta: number, rate = 0): number[] {
  const rungs: number[][] = [];
  const stops: number[] = [];
  for (const id of ids) {
    let rung = 0;
    let stop = STEPS;
    for (let t = 1; t <= STEPS && stop === STEPS; t++) {
      while (t >= eta ** (rate + rung)) {
        const value = loss(id, t);
        const competing = [...(rungs[rung] ??= []), value].sort((a, b) => a - b);
        rungs[rung].push(value);
        const k = Math.max(Math.floor(competing.length / eta) - 1, 0);
        if (value > competing[k]) {
          stop = t;
          break;
        }
        rung++;
      }
    }
    stops.push(stop);
  }
  return stops;
}

/**
 * Oracle for auto resources: trial 0 runs unjudged and leaves no rung values (nothing is
 * COMPLETE yet); later trials are split by `bracketOf` and each bracket b is an ASHA with
 * rate b.
 */
function bracketedOracle(
  ordering: readonly number[],
  eta: number,
  bracketOf: (n: number) => number,
): number[] {
  const stops = [STEPS];
  const numbers = ordering.map((_, n) => n).slice(1);
  for (const b of new Set(numbers.map(bracketOf))) {
    const members = numbers.filter((n) => bracketOf(n) === b);
    const bracketStops = ashaOracle(members.map((n) => ordering[n]), eta, b);
    members.forEach((n, i) => (stops[n] = bracketStops[i]));
  }
  return stops;
}

function summary(ordering: readonly number[], stops: readonly number[]) {
  const survivors = ordering.filter((_, n) => stops[n] === STEPS);
  const best = Math.min(...survivors.map((id) => loss(id, STEPS)));
  return {
    pruned: stops.filter((s) => s < STEPS).length,
    steps: stops.reduce((a, b) => a + b, 0),
    bloomerStop: stops[ordering.indexOf(BLOOMER)],
    earlySurvives: stops[ordering.indexOf(EARLY)] === STEPS,
    bestFound: best === loss(BLOOMER, STEPS) ? 1 : best === loss(EARLY, STEPS) ? 2 : 0,
  };
}

Deno.test("pruner check: the suite's curves have the designed ranking", () => {
  const finals = NATURAL.map((id) => loss(id, STEPS));
  const ranked = [...NATURAL].sort((a, b) => finals[a] - finals[b]);
  deepEqual(ranked.slice(0, 2), [BLOOMER, EARLY]);
  ok(loss(BLOOMER, 1) > 0.94);
  ok(Math.abs(loss(3, STEPS) - 0.45) < 0.004);
});

Deno.test("pruner check: NopPruner runs every step", async () => {
  const stops = await run(NATURAL, new NopPruner());
  deepEqual(summary(NATURAL, stops), {
    pruned: 0,
    steps: 1200,
    bloomerStop: 30,
    earlySurvives: true,
    bestFound: 1,
  });
});

Deno.test("pruner check: MedianPruner agrees with the plain median oracle", async () => {
  for (const ordering of [NATURAL, SHUFFLED, BLOOMER_EARLY]) {
    for (const warmup of [0, 5]) {
      const stops = await run(ordering, new MedianPruner({ nWarmupSteps: warmup }));
      deepEqual(stops, medianOracle(ordering, 5, warmup));
    }
  }
});

Deno.test("pruner check: MedianPruner keeps the early performer; the bloomer needs warm-up", async () => {
  const plain = summary(NATURAL, await run(NATURAL, new MedianPruner()));
  equal(plain.bloomerStop, 1);
  ok(plain.earlySurvives);
  equal(plain.bestFound, 2);
  const warm = summary(NATURAL, await run(NATURAL, new MedianPruner({ nWarmupSteps: 5 })));
  equal(warm.bloomerStop, 30);
  equal(warm.bestFound, 1);
  ok(warm.pruned < plain.pruned && warm.steps > plain.steps);
  const arrivesEarly = summary(BLOOMER_EARLY, await run(BLOOMER_EARLY, new MedianPruner()));
  equal(arrivesEarly.bloomerStop, 30); // trial 2: still in the startup phase
});

Deno.test("pruner check: SuccessiveHalvingPruner agrees with the ASHA oracle", async () => {
  for (const ordering of [NATURAL, SHUFFLED, BLOOMER_EARLY]) {
    // auto min resource: 30 // 100 → 1, η = 4: rungs at 1, 4, 16
    const auto = await run(ordering, new SuccessiveHalvingPruner());
    deepEqual(auto, bracketedOracle(ordering, 4, () => 0));
    const eta3 = await run(
      ordering,
      new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 3 }),
    );
    deepEqual(eta3, ashaOracle(ordering, 3));
  }
});

Deno.test("pruner check: SHA kills the bloomer at step 1 and keeps the early performer", async () => {
  for (const ordering of [NATURAL, SHUFFLED, BLOOMER_EARLY]) {
    const s = summary(ordering, await run(ordering, new SuccessiveHalvingPruner()));
    equal(s.bloomerStop, 1);
    ok(s.earlySurvives);
    equal(s.bestFound, 2);
  }
});

Deno.test("pruner check: HyperbandPruner agrees with per-bracket ASHA oracles", async () => {
  // auto max resource: 30 + 1 = 31 → 4 brackets, budgets 27/12/6/4 (total 49)
  const bracketOf = (n: number): number => {
    const h = crc32(`pruner-check_${n}`) % 49;
    return h < 27 ? 0 : h < 39 ? 1 : h < 45 ? 2 : 3;
  };
  for (const ordering of [NATURAL, SHUFFLED, BLOOMER_EARLY]) {
    deepEqual(await run(ordering, new HyperbandPruner()), bracketedOracle(ordering, 3, bracketOf));
  }
});

Deno.test("pruner check: HyperbandPruner keeps the early performer and saves steps", async () => {
  for (const ordering of [NATURAL, SHUFFLED, BLOOMER_EARLY]) {
    const s = summary(ordering, await run(ordering, new HyperbandPruner()));
    ok(s.earlySurvives);
    ok(s.steps < 1200 * 0.7);
  }
  const max30 = summary(NATURAL, await run(NATURAL, new HyperbandPruner({ maxResource: 30 })));
  ok(max30.earlySurvives);
});

const PRUNERS: Readonly<Record<string, () => Pruner>> = {
  median_default: () => new MedianPruner(),
  median_warmup5: () => new MedianPruner({ nWarmupSteps: 5 }),
  median_interval: () => new MedianPruner({ nWarmupSteps: 3, intervalSteps: 4, nMinTrials: 3 }),
  sha_default: () => new SuccessiveHalvingPruner(),
  sha_r1_eta3: () => new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 3 }),
  hyperband_default: () => new HyperbandPruner(),
  hyperband_max30: () => new HyperbandPruner({ maxResource: 30 }),
};

Deno.test("pruner check: every stop step equals Optuna 5.0.0's on the same suite", async () => {
  const url = new URL("../testdata/hpo/pruner_check_optuna5.json", import.meta.url);
  const golden = JSON.parse(await Deno.readTextFile(url));
  const orderings: Readonly<Record<string, readonly number[]>> = golden.orderings;
  const stops: Readonly<Record<string, readonly number[]>> = golden.stops;
  deepEqual({ ...orderings }, {
    natural: NATURAL,
    shuffled: SHUFFLED,
    bloomer_early: BLOOMER_EARLY,
  });
  equal(Object.keys(stops).length, 21);
  for (const [key, expected] of Object.entries(stops)) {
    const [ordering, pruner] = key.split("/");
    deepEqual(await run(orderings[ordering], PRUNERS[pruner]()), expected, key);
  }
});
