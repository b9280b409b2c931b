import { deepEqual, equal, notDeepEqual, ok, throws } from "node:assert/strict";
import fc from "fast-check";
import { Prng } from "../../lib/random/mod.ts";
import {
  categoricalDistribution,
  containsValue,
  floatDistribution,
  intDistribution,
} from "../../lib/hpo/distributions.ts";
import { drawUniform, randomSampler } from "../../lib/hpo/random_sampler.ts";
import { gridSampler } from "../../lib/hpo/grid_sampler.ts";
import type { Distribution } from "../../lib/hpo/types.ts";
import { frozenTrial, runLoop, studyOf } from "./_functions.ts";

const distributionArb: fc.Arbitrary<Distribution> = fc.oneof(
  fc.tuple(
    fc.double({ min: -1e3, max: 1e3, noNaN: true }),
    fc.double({ min: 0, max: 1e3, noNaN: true }),
  )
    .map(([low, span]) => floatDistribution(low, low + span)),
  fc.tuple(
    fc.double({ min: 1e-8, max: 1e3, noNaN: true }),
    fc.double({ min: 1, max: 1e6, noNaN: true }),
  )
    .map(([low, ratio]) => floatDistribution(low, low * ratio, { log: true })),
  fc.tuple(
    fc.integer({ min: -50, max: 50 }),
    fc.integer({ min: 0, max: 40 }),
    fc.constantFrom(0.1, 0.25, 3),
  )
    .map(([low, k, step]) => floatDistribution(low, low + k * step, { step })),
  fc.tuple(
    fc.integer({ min: -1e6, max: 1e6 }),
    fc.integer({ min: 0, max: 50 }),
    fc.integer({ min: 1, max: 9 }),
  )
    .map(([low, k, step]) => intDistribution(low, low + k * step, { step })),
  fc.tuple(fc.integer({ min: 1, max: 1e5 }), fc.integer({ min: 0, max: 1e6 }))
    .map(([low, span]) => intDistribution(low, low + span, { log: true })),
  fc.uniqueArray(fc.oneof(fc.string(), fc.integer(), fc.boolean()), { minLength: 1, maxLength: 5 })
    .map((choices) => categoricalDistribution(choices)),
);

Deno.test("drawUniform() always returns a value contained in its distribution", () => {
  fc.assert(
    fc.property(distributionArb, fc.integer({ min: 0, max: 2 ** 31 }), (d, seed) => {
      const prng = new Prng(seed);
      for (let i = 0; i < 20; i++) {
        const v = drawUniform(prng, d);
        ok(containsValue(d, v), `${JSON.stringify(d)} does not contain ${v}`);
        if (d.kind === "float" && d.step === null && d.low < d.high) ok((v as number) < d.high);
      }
    }),
  );
});

Deno.test("drawUniform() covers discrete ranges evenly, ends included", () => {
  const prng = new Prng(3);
  const counts = new Map<number, number>();
  for (let i = 0; i < 6000; i++) {
    const v = drawUniform(prng, intDistribution(0, 10, { step: 5 })) as number;
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  deepEqual([...counts.keys()].sort((a, b) => a - b), [0, 5, 10]);
  for (const c of counts.values()) ok(c > 1800 && c < 2200, `count ${c}`);
  // log ints are uniform in log space: [1, 100] puts about half the draws below 10.
  let small = 0;
  for (let i = 0; i < 4000; i++) {
    if ((drawUniform(prng, intDistribution(1, 100, { log: true })) as number) < 10) small++;
  }
  ok(small > 1700 && small < 2300, `${small} of 4000 below 10`);
});

Deno.test("randomSampler() returns identical params for identical seeds, others for other seeds", () => {
  const space = {
    lr: floatDistribution(1e-5, 1e-1, { log: true }),
    layers: intDistribution(1, 8),
    optimizer: categoricalDistribution(["adam", "sgd", "rmsprop"]),
  };
  const objective = (suggest: (n: string, d: Distribution) => unknown): number => {
    for (const [name, d] of Object.entries(space)) suggest(name, d);
    return 0;
  };
  const params = (seed: number) =>
    runLoop(randomSampler({ seed }), objective, { nTrials: 20 }).map((t) => t.params);
  deepEqual(params(42), params(42));
  notDeepEqual(params(42), params(43));
  // A trial's values depend on its number and name only, not on what was sampled before.
  const lone = randomSampler({ seed: 42 }).sampleIndependent(
    studyOf([]),
    frozenTrial(7, { state: "RUNNING" }),
    "layers",
    space.layers,
  );
  equal(lone, params(42)[7].layers);
});

Deno.test("gridSampler() visits every combination once, in a seeded order", () => {
  const space = { a: [1, 2, 3], b: ["x", "y"], c: [true] };
  const grid = gridSampler(space, { seed: 9 });
  equal(grid.gridSize, 6);
  const objective = (suggest: (n: string, d: Distribution) => unknown): number => {
    suggest("a", intDistribution(1, 3));
    suggest("b", categoricalDistribution(["x", "y"]));
    suggest("c", categoricalDistribution([true, false]));
    return 0;
  };
  const trials = runLoop(grid, objective, { nTrials: 6 });
  const seen = trials.map((t) => JSON.stringify(t.params));
  equal(new Set(seen).size, 6);
  ok(grid.isExhausted(studyOf(trials)));
  ok(!grid.isExhausted(studyOf(trials.slice(0, 5))));
  deepEqual(runLoop(gridSampler(space, { seed: 9 }), objective, { nTrials: 6 }), trials);
  const other = runLoop(gridSampler(space, { seed: 10 }), objective, { nTrials: 6 });
  notDeepEqual(other.map((t) => JSON.stringify(t.params)), seen);
  // A seventh trial starts the second pass in the same order.
  deepEqual(grid.pointOf(6), grid.pointOf(0));
});

Deno.test("gridSampler() rejects empty lists, unknown names and values outside the suggestion", () => {
  throws(() => gridSampler({ a: [] }), /"a" has no values to try/);
  const grid = gridSampler({ a: [1, 5] });
  const study = studyOf([]);
  throws(
    () => grid.sampleIndependent(study, frozenTrial(0), "b", intDistribution(0, 1)),
    /Cannot sample "b" from the grid/,
  );
  throws(
    () => grid.sampleIndependent(study, frozenTrial(1), "a", intDistribution(0, 3)),
    /value 5 is outside/,
  );
});
