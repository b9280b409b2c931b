import { equal, ok, throws } from "node:assert/strict";
import { MedianPruner, nanPercentile, PercentilePruner } from "../../lib/hpo/mod.ts";
import { FakeStudy, frozenTrial } from "./_fixtures.ts";

const nan = Number.NaN;

/** `n` COMPLETE trials; trial i reports `curve(i)` at steps 0, 1, … */
function completed(n: number, curve: (i: number) => number[]): ReturnType<typeof frozenTrial>[] {
  return Array.from({ length: n }, (_, i) => frozenTrial({ number: i, curve: curve(i) }));
}

function running(number: number, curve: readonly number[] | ReadonlyMap<number, number>) {
  return frozenTrial({ number, state: "RUNNING", curve });
}

Deno.test("nanPercentile() matches NumPy's nanpercentile with linear interpolation", () => {
  equal(nanPercentile([1, 2, 3, 4], 50), 2.5);
  equal(nanPercentile([4, 1, 3, 2], 25), 1.75);
  equal(nanPercentile([3, 1, 2], 50), 2);
  equal(nanPercentile([1, nan, 3], 50), 2);
  equal(nanPercentile([5], 90), 5);
  ok(Number.isNaN(nanPercentile([], 50)));
  ok(Number.isNaN(nanPercentile([nan, nan], 50)));
  equal(nanPercentile([0, 10], 33), 3.3000000000000003); // a + (b − a)·t below t = ½
  equal(nanPercentile([0, 10], 67), 6.7); // b − (b − a)·(1 − t) from t = ½
});

Deno.test("MedianPruner waits for nStartupTrials COMPLETE trials; PRUNED ones never count", () => {
  const pruner = new MedianPruner({ nStartupTrials: 3 });
  const trials = [
    ...completed(2, () => [1]),
    frozenTrial({ number: 2, state: "PRUNED", curve: [0.1] }),
  ];
  const study = new FakeStudy(trials);
  equal(pruner.prune(study, running(3, [5])), false); // 2 COMPLETE < 3
  study.put(frozenTrial({ number: 4, curve: [1] }));
  equal(pruner.prune(study, running(3, [5])), true); // 3 COMPLETE, median 1 (0.1 ignored)
  equal(new MedianPruner({ nStartupTrials: 0 }).prune(new FakeStudy([]), running(0, [9])), false);
  equal(pruner.prune(study, running(3, [])), false); // nothing reported
});

Deno.test("MedianPruner can prune exactly at nWarmupSteps, not before", () => {
  const study = new FakeStudy(completed(5, () => [1, 1, 1, 1, 1]));
  const pruner = new MedianPruner({ nWarmupSteps: 3 });
  equal(pruner.prune(study, running(5, [2, 2, 2])), false); // step 2 < 3
  equal(pruner.prune(study, running(5, [2, 2, 2, 2])), true); // step 3 = warm-up: checked
});

Deno.test("MedianPruner checks only the first report at or after each interval check point", () => {
  // warm-up 3, interval 4: check points at steps 3, 7, 11, …
  const study = new FakeStudy(completed(5, () => Array(12).fill(1)));
  const pruner = new MedianPruner({ nWarmupSteps: 3, intervalSteps: 4 });
  const at = (steps: number[]) => running(5, new Map(steps.map((s) => [s, 2])));
  equal(pruner.prune(study, at([0, 1, 2, 3])), true); // step 3: a check point
  equal(pruner.prune(study, at([0, 1, 2, 3, 4])), false); // step 4: previous (3) ≥ point 3
  equal(pruner.prune(study, at([0, 1, 2, 3, 4, 5, 6])), false);
  equal(pruner.prune(study, at([0, 1, 2, 3, 4, 5, 6, 7])), true); // point 7
  equal(pruner.prune(study, at([3, 5])), false);
  equal(pruner.prune(study, at([3, 5, 8])), true); // point 7 was missed: caught up at 8
  equal(pruner.prune(study, at([9])), true); // first report ever, past point 7
});

Deno.test("MedianPruner compares only with COMPLETE trials that reported the same step", () => {
  const trials = [
    frozenTrial({ number: 0, curve: new Map([[0, 1], [4, 0.1]]) }),
    frozenTrial({ number: 1, curve: new Map([[0, 1], [4, 0.3]]) }),
    frozenTrial({ number: 2, curve: new Map([[0, 1]]) }), // never reached step 4
  ];
  const study = new FakeStudy(trials);
  const pruner = new MedianPruner({ nStartupTrials: 1 });
  equal(pruner.prune(study, running(3, new Map([[4, 0.25]]))), true); // median(0.1, 0.3) = 0.2
  equal(pruner.prune(study, running(3, new Map([[4, 0.2]]))), false); // not strictly worse
  equal(
    new MedianPruner({ nStartupTrials: 1, nMinTrials: 3 }).prune(
      study,
      running(3, new Map([[4, 0.25]])),
    ),
    false,
  ); // only 2 trials have step 4
  equal(pruner.prune(study, running(3, new Map([[5, 9]]))), false); // nobody has step 5
});

Deno.test("MedianPruner uses the trial's best value over all its steps", () => {
  const study = new FakeStudy(completed(5, () => [0.5, 0.5, 0.5]));
  const pruner = new MedianPruner();
  equal(pruner.prune(study, running(5, [0.4, 0.9, 0.9])), false); // best 0.4 < 0.5
  equal(pruner.prune(study, running(5, [0.6, 0.9, 0.9])), true);
});

Deno.test("MedianPruner handles nan as Optuna: all-nan trials prune, nan medians do not", () => {
  const study = new FakeStudy(completed(5, (i) => [i < 4 ? nan : 1, nan]));
  const pruner = new MedianPruner();
  equal(pruner.prune(study, running(5, [nan])), true); // nothing but nan reported
  equal(pruner.prune(study, running(5, [nan, 5])), false); // step 1: all nan → no median
  equal(pruner.prune(study, running(5, [2])), true); // step 0: NaNs ignored, median 1
  const counting = new MedianPruner({ nMinTrials: 5 });
  equal(counting.prune(study, running(5, [2])), true); // nan entries count for nMinTrials
  equal(pruner.prune(study, running(5, [0.5, nan])), false); // best over steps ignores nan
});

Deno.test("PercentilePruner mirrors the percentile when maximizing", () => {
  const values = [0.1, 0.2, 0.3, 0.4, 0.5];
  const study = new FakeStudy(completed(5, (i) => [values[i]]), "maximize");
  const pruner = new PercentilePruner(25); // keeps the top 75 %: compare with the 75th pct
  equal(nanPercentile(values, 75), 0.4);
  equal(pruner.prune(study, running(5, [0.39])), true);
  equal(pruner.prune(study, running(5, [0.4])), false);
  const median = new MedianPruner();
  equal(median.prune(study, running(5, [0.29])), true);
  equal(median.prune(study, running(5, [0.31])), false);
});

Deno.test("PercentilePruner validates its options", () => {
  throws(() => new PercentilePruner(101), /percentile must be in \[0, 100\], got 101/);
  throws(() => new MedianPruner({ intervalSteps: 0 }), /intervalSteps must be an integer ≥ 1/);
  throws(() => new MedianPruner({ nMinTrials: 0 }), /nMinTrials/);
  throws(() => new MedianPruner({ nWarmupSteps: -1 }), /nWarmupSteps/);
  throws(() => new MedianPruner({ nStartupTrials: 1.5 }), /nStartupTrials/);
});
