import { deepEqual, equal, throws } from "node:assert/strict";
import { SuccessiveHalvingPruner } from "../../lib/hpo/mod.ts";
import { FakeStudy, frozenTrial } from "./_fixtures.ts";

/**
 * Reports `value` at `step` for trial `number` (creating it RUNNING), asks the pruner, and
 * returns its answer; rung attributes land in the fake study.
 */
function reportAndAsk(
  pruner: SuccessiveHalvingPruner,
  study: FakeStudy,
  number: number,
  step: number,
  value: number,
): boolean {
  const previous = study.trials().find((t) => t.number === number);
  const curve = new Map(previous?.intermediateValues ?? []).set(step, value);
  study.put({
    ...(previous ?? frozenTrial({ number, state: "RUNNING" })),
    intermediateValues: curve,
  });
  return pruner.prune(study, study.get(number));
}

function rungs(study: FakeStudy, number: number): unknown {
  return study.get(number).systemAttrs;
}

Deno.test("SuccessiveHalvingPruner with η=3 promotes the top third at rungs 1, 3, 9", () => {
  const pruner = new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 3 });
  const study = new FakeStudy([]);
  equal(reportAndAsk(pruner, study, 0, 0, 0.9), false); // step 0 < first rung (1)
  equal(reportAndAsk(pruner, study, 0, 1, 0.5), false); // alone at rung 0: best so far
  deepEqual(rungs(study, 0), { completed_rung_0: 0.5 });
  equal(reportAndAsk(pruner, study, 1, 1, 0.7), true); // [0.5, 0.7]: k = 0, must beat 0.5
  deepEqual(rungs(study, 1), { completed_rung_0: 0.7 }); // recorded before the verdict
  equal(reportAndAsk(pruner, study, 2, 1, 0.4), false); // [0.5, 0.7, 0.4]: 3 // 3 − 1 = 0
  equal(reportAndAsk(pruner, study, 3, 1, 0.6), true); // 4 values: still the best only
  equal(reportAndAsk(pruner, study, 4, 1, 0.45), true);
  // 6 values [0.5 0.7 0.4 0.6 0.45 0.42] → k = 6 // 3 − 1 = 1: the second best (0.42) passes
  equal(reportAndAsk(pruner, study, 5, 1, 0.42), false);
  equal(reportAndAsk(pruner, study, 0, 2, 0.3), false); // step 2 < rung 1 (3): no check
  equal(reportAndAsk(pruner, study, 0, 3, 0.3), false); // first at rung 1
  deepEqual(rungs(study, 0), { completed_rung_0: 0.5, completed_rung_1: 0.3 });
  equal(reportAndAsk(pruner, study, 2, 3, 0.35), true); // rung 1: [0.3, 0.35]
  equal(reportAndAsk(pruner, study, 5, 8, 0.2), false); // jumps to step 8: passes rung 1 (3)
  deepEqual(rungs(study, 5), { completed_rung_0: 0.42, completed_rung_1: 0.2 });
});

Deno.test("SuccessiveHalvingPruner passes several rungs in one report and uses the latest value", () => {
  const pruner = new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 3 });
  const study = new FakeStudy([]);
  study.put(frozenTrial({ number: 0, state: "RUNNING", curve: new Map([[0, 9], [9, 0.1]]) }));
  equal(pruner.prune(study, study.get(0)), false);
  // rungs 0 (step 1), 1 (step 3) and 2 (step 9) all get the value at step 9
  deepEqual(rungs(study, 0), {
    completed_rung_0: 0.1,
    completed_rung_1: 0.1,
    completed_rung_2: 0.1,
  });
});

Deno.test("SuccessiveHalvingPruner prunes a NaN at a rung without recording it", () => {
  const pruner = new SuccessiveHalvingPruner({ minResource: 1 });
  const study = new FakeStudy([]);
  equal(reportAndAsk(pruner, study, 0, 0, Number.NaN), false); // before the rung: no opinion
  equal(reportAndAsk(pruner, study, 0, 1, Number.NaN), true);
  deepEqual(rungs(study, 0), {});
});

Deno.test("SuccessiveHalvingPruner with min resource auto waits for a COMPLETE trial", () => {
  const pruner = new SuccessiveHalvingPruner(); // η = 4, auto
  const study = new FakeStudy([]);
  equal(reportAndAsk(pruner, study, 0, 5, 0.5), false); // nothing COMPLETE yet
  deepEqual(rungs(study, 0), {});
  study.put(frozenTrial({ number: 1, curve: new Map([[250, 0.4]]) })); // 250 // 100 = 2
  equal(reportAndAsk(pruner, study, 2, 1, 0.1), false); // rung 0 sits at step 2 now
  deepEqual(rungs(study, 2), {});
  equal(reportAndAsk(pruner, study, 2, 2, 0.1), false);
  deepEqual(rungs(study, 2), { completed_rung_0: 0.1 });
  equal(reportAndAsk(pruner, study, 3, 7, 0.2), true); // rung 0 at 2 (rung 1 is at 8)
  // the estimate is fixed once made, even if longer trials complete later
  study.put(frozenTrial({ number: 4, curve: new Map([[900, 0.1]]) }));
  equal(reportAndAsk(pruner, study, 5, 2, 0.05), false);
  deepEqual(rungs(study, 5), { completed_rung_0: 0.05 });
});

Deno.test("SuccessiveHalvingPruner honours minEarlyStoppingRate, bootstrapCount, maximize", () => {
  const late = new SuccessiveHalvingPruner({
    minResource: 1,
    reductionFactor: 3,
    minEarlyStoppingRate: 1,
  });
  const a = new FakeStudy([]);
  equal(reportAndAsk(late, a, 0, 2, 0.5), false); // first rung at 1 · 3^1 = 3
  deepEqual(rungs(a, 0), {});
  const boot = new SuccessiveHalvingPruner({
    minResource: 1,
    reductionFactor: 2,
    bootstrapCount: 2,
  });
  const b = new FakeStudy([]);
  equal(reportAndAsk(boot, b, 0, 1, 0.1), true); // 1 value ≤ 2: pruned while bootstrapping
  equal(reportAndAsk(boot, b, 1, 1, 0.2), true);
  equal(reportAndAsk(boot, b, 2, 1, 0.05), false); // 3 values: best so far
  const max = new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 2 });
  const c = new FakeStudy([], "maximize");
  equal(reportAndAsk(max, c, 0, 1, 0.5), false);
  equal(reportAndAsk(max, c, 1, 1, 0.4), true); // [0.5, 0.4], k = 0: must reach the max 0.5
  equal(reportAndAsk(max, c, 2, 1, 0.6), false); // the new best
  // [0.5, 0.4, 0.6, 0.55]: k = 4 // 2 − 1 = 1 → the second largest, 0.55, passes
  equal(reportAndAsk(max, c, 3, 1, 0.55), false);
});

Deno.test("SuccessiveHalvingPruner validates its options", () => {
  throws(
    () => new SuccessiveHalvingPruner({ reductionFactor: 1 }),
    /reductionFactor must be an integer ≥ 2/,
  );
  throws(() => new SuccessiveHalvingPruner({ minResource: 0 }), /minResource/);
  throws(() => new SuccessiveHalvingPruner({ bootstrapCount: 1 }), /needs an explicit minResource/);
});
