import { deepEqual, equal, match, ok, rejects, throws } from "node:assert/strict";
import {
  createStudy,
  HpoError,
  HyperbandPruner,
  InMemoryStorage,
  loadStudy,
  type Pruner,
  type StudyView,
  TrialPruned,
} from "../../lib/hpo/mod.ts";
import { floatDistribution, intDistribution } from "../../lib/hpo/distributions.ts";
import type { FrozenTrial } from "../../lib/hpo/types.ts";
import { RecordingSampler } from "./_fixtures.ts";

function quadratic(seed: number) {
  return createStudy({ sampler: new RecordingSampler(seed), studyName: "q" });
}

Deno.test("study.optimize() gives identical trials for identical sampler seeds", async () => {
  const runs = [];
  for (let i = 0; i < 2; i++) {
    const study = quadratic(42);
    await study.optimize((trial) => {
      const x = trial.suggestFloat("x", -5, 5);
      const n = trial.suggestInt("n", 1, 9);
      const act = trial.suggestCategorical("act", ["relu", "gelu"]);
      return x * x + n + (act === "relu" ? 0 : 1);
    }, { nTrials: 15 });
    runs.push(study.trials().map((t) => [t.number, t.state, t.value, t.params]));
  }
  deepEqual(runs[0], runs[1]);
  const other = quadratic(43);
  await other.optimize((trial) => trial.suggestFloat("x", -5, 5), { nTrials: 1 });
  ok(other.trials()[0].params.x !== runs[0][0][3]);
});

Deno.test("study.ask()/tell() number trials from 0 and track the best trial", () => {
  const study = createStudy({ direction: "maximize", sampler: new RecordingSampler(1) });
  for (const v of [0.3, 0.9, 0.9, 0.1]) {
    const trial = study.ask();
    equal(trial.number, study.trials().length - 1);
    trial.suggestFloat("x", 0, 1);
    study.tell(trial, v);
  }
  equal(study.bestTrial.number, 1); // first of the tied best
  equal(study.bestValue, 0.9);
  deepEqual(Object.keys(study.bestParams), ["x"]);
  deepEqual(study.trials().map((t) => t.state), ["COMPLETE", "COMPLETE", "COMPLETE", "COMPLETE"]);
});

Deno.test("study.bestTrial throws while no trial is COMPLETE", () => {
  const study = createStudy({ sampler: new RecordingSampler(1) });
  study.tell(study.ask(), { state: "FAIL" });
  throws(() => study.bestTrial, /no trial is COMPLETE/);
});

Deno.test("study.tell() accepts a trial number, an explicit state, and refuses finished trials", () => {
  const study = createStudy({ sampler: new RecordingSampler(1) });
  const a = study.ask();
  const b = study.ask();
  equal(study.tell(b.number, 2).state, "COMPLETE");
  equal(study.tell(a, { state: "FAIL" }).state, "FAIL");
  equal(study.tell(a.number === 0 ? study.ask() : a, Number.NaN).state, "FAIL");
  throws(() => study.tell(b, 1), /Cannot tell trial 1: it is COMPLETE/);
  throws(() => study.tell(17, 1), /has no such trial/);
  throws(() => study.tell(study.ask(), { state: "COMPLETE" }), /no value was given/);
});

Deno.test("study.tell() and optimize() record ±Infinity as COMPLETE (as Optuna), NaN as FAIL", async () => {
  const study = createStudy({ sampler: new RecordingSampler(1) });
  const values = [Infinity, 1, -Infinity, Number.NaN];
  await study.optimize((trial) => values[trial.number], { nTrials: 3 });
  equal(study.tell(study.ask(), Number.NaN).state, "FAIL");
  deepEqual(
    study.trials().map((t) => [t.state, t.value]),
    [["COMPLETE", Infinity], ["COMPLETE", 1], ["COMPLETE", -Infinity], ["FAIL", null]],
  );
  equal(study.bestValue, -Infinity);
  equal(study.trials()[3].systemAttrs.fail_reason, "The objective returned NaN, not a number");
});

Deno.test("study.optimize() records TrialPruned as PRUNED with the last intermediate value", async () => {
  const study = createStudy({ sampler: new RecordingSampler(1) });
  await study.optimize((trial) => {
    trial.report(0.8, 0);
    trial.report(0.5, 3);
    trial.report(0.7, 1); // later call, earlier step: the last step (3) decides
    throw new TrialPruned();
  }, { nTrials: 1 });
  await study.optimize((trial) => {
    trial.report(Number.NaN, 0);
    throw new TrialPruned();
  }, { nTrials: 1 });
  const [withValue, withNaN] = study.trials();
  equal(withValue.state, "PRUNED");
  equal(withValue.value, 0.5);
  equal(withNaN.state, "PRUNED");
  equal(withNaN.value, null);
});

Deno.test("study.optimize() records failing objectives as FAIL and carries on", async () => {
  const study = createStudy({ sampler: new RecordingSampler(1) });
  let n = 0;
  await study.optimize(async (trial) => {
    await Promise.resolve();
    n++;
    if (n === 2) throw new Error("boom");
    if (n === 3) return Number.NaN;
    return trial.suggestFloat("x", 0, 1);
  }, { nTrials: 4 });
  deepEqual(study.trials().map((t) => t.state), ["COMPLETE", "FAIL", "FAIL", "COMPLETE"]);
  equal(study.trials()[1].value, null);
  equal(study.trials()[1].systemAttrs.fail_reason, "Error: boom");
});

Deno.test("study.optimize() rethrows an error that `catch` rejects, after recording FAIL", async () => {
  const study = createStudy({ sampler: new RecordingSampler(1) });
  await rejects(
    study.optimize(() => {
      throw new RangeError("bad");
    }, { nTrials: 3, catch: (e) => !(e instanceof RangeError) }),
    RangeError,
  );
  deepEqual(study.trials().map((t) => t.state), ["FAIL"]);
});

Deno.test("study.optimize() stops at the timeout of its injected clock", async () => {
  let now = 0;
  const study = createStudy({
    sampler: new RecordingSampler(1),
    clock: () => new Date(now),
  });
  await study.optimize(() => {
    now += 1000;
    return 1;
  }, { timeout: 3 });
  equal(study.trials().length, 3);
});

Deno.test("study.optimize() rejects a bad nTrials or timeout before running anything", async () => {
  const study = createStudy({ sampler: new RecordingSampler(1) });
  await rejects(
    study.optimize(() => 1, { nTrials: 1.5 }),
    /nTrials must be an integer ≥ 0, got 1.5/,
  );
  await rejects(study.optimize(() => 1, { nTrials: -1 }), /got -1/);
  await rejects(study.optimize(() => 1, { timeout: Number.NaN }), /timeout must be a number ≥ 0/);
  equal(study.trials().length, 0);
});

Deno.test("study.enqueueTrial() makes a WAITING trial whose fixed params win over the sampler", () => {
  const sampler = new RecordingSampler(5);
  const study = createStudy({ sampler });
  study.enqueueTrial({ x: 0.25, act: "gelu" }, { userAttrs: { source: "prior" } });
  study.enqueueTrial({ x: 0.25, act: "gelu" }, { skipIfExists: true });
  const waiting = study.trials();
  deepEqual(waiting.map((t) => [t.state, t.datetimeStart]), [["WAITING", null]]);
  deepEqual(waiting[0].systemAttrs.fixed_params, { x: 0.25, act: "gelu" });
  const trial = study.ask();
  equal(trial.number, 0);
  equal(trial.suggestFloat("x", 0, 1), 0.25);
  equal(trial.suggestCategorical("act", ["relu", "gelu"]), "gelu");
  const y = trial.suggestFloat("y", 0, 1); // not fixed: sampled
  ok(y >= 0 && y < 1);
  deepEqual(sampler.calls.filter((c) => c.method === "independent").map((c) => c.name), ["y"]);
  equal(study.trials()[0].state, "RUNNING");
  equal(study.trials()[0].userAttrs.source, "prior");
  equal(study.ask().number, 1); // queue empty: a new trial
});

Deno.test("a fixed value that is not an integer fails suggestInt instead of leaking a fraction", async () => {
  const study = createStudy({ sampler: new RecordingSampler(5) });
  study.enqueueTrial({ n: 2.5 });
  const seen: number[] = [];
  await study.optimize((trial) => seen.push(trial.suggestInt("n", 0, 5)), { nTrials: 1 });
  deepEqual(seen, []);
  equal(study.trials()[0].state, "FAIL");
  match(
    String(study.trials()[0].systemAttrs.fail_reason),
    /Cannot suggest "n": the fixed value 2.5 is not an integer/,
  );
});

Deno.test("trial.suggest*() follows the sampler protocol: relative first, then independent", () => {
  const sampler = new RecordingSampler(3, {
    lr: [floatDistribution(1e-5, 1e-1, { log: true }), 0.001],
  });
  const study = createStudy({ sampler });
  const trial = study.ask();
  equal(trial.suggestFloat("lr", 1e-5, 1e-1, { log: true }), 0.001);
  trial.suggestInt("layers", 1, 4);
  equal(trial.suggestInt("fixed", 3, 3), 3); // single-valued: no sampler call
  equal(trial.suggestCategorical("only", ["x"]), "x");
  equal(trial.suggestFloat("lr", 1e-5, 1e-1, { log: true }), 0.001); // same name: same value
  deepEqual(
    sampler.calls.map((c) => [c.method, c.name ?? ""]),
    [["infer", ""], ["relative", ""], ["independent", "layers"]],
  );
  deepEqual(trial.params, { lr: 0.001, layers: trial.params.layers, fixed: 3, only: "x" });
});

Deno.test("trial.suggest*() refuses an incompatible distribution for a known name", () => {
  const study = createStudy({ sampler: new RecordingSampler(3) });
  const first = study.ask();
  first.suggestFloat("x", 1, 2);
  throws(() => first.suggestFloat("x", 1, 2, { log: true }), HpoError);
  study.tell(first, 1);
  const second = study.ask();
  throws(() => second.suggestInt("x", 1, 2), /incompatible/);
  equal(second.suggestFloat("x", 1, 5) >= 1, true); // a wider range is compatible
});

Deno.test("trial.report() validates the step and ignores a repeated step", () => {
  const study = createStudy({ sampler: new RecordingSampler(3) });
  const trial = study.ask();
  throws(() => trial.report(1, -1), /integer ≥ 0/);
  throws(() => trial.report(1, 1.5), /integer ≥ 0/);
  trial.report(0.5, 2);
  trial.report(0.1, 2);
  deepEqual([...study.trials()[0].intermediateValues], [[2, 0.5]]);
});

Deno.test("trial.shouldPrune() asks the pruner with the trial as stored", () => {
  const seen: number[] = [];
  const pruner: Pruner = {
    prune: (_study, trial) => {
      seen.push(trial.intermediateValues.size);
      return trial.intermediateValues.size >= 2;
    },
  };
  const study = createStudy({ sampler: new RecordingSampler(3), pruner });
  const trial = study.ask();
  trial.report(1, 0);
  equal(trial.shouldPrune(), false);
  trial.report(1, 1);
  equal(trial.shouldPrune(), true);
  deepEqual(seen, [1, 2]);
});

Deno.test("a pruner's samplerView hook decides which trials the sampler sees", () => {
  const sampler = new RecordingSampler(3);
  const pruner: Pruner = {
    prune: () => false,
    samplerView: (study: StudyView, trial: FrozenTrial): StudyView => ({
      studyName: study.studyName,
      direction: study.direction,
      trials: (states) => study.trials(states).filter((t) => t.number % 2 === trial.number % 2),
    }),
  };
  const study = createStudy({ sampler, pruner });
  for (let i = 0; i < 5; i++) {
    const trial = study.ask();
    trial.suggestFloat("x", 0, 1);
    study.tell(trial, i);
  }
  // trial 4 sees trials 0, 2, 4 of its parity class
  deepEqual(
    sampler.calls.filter((c) => c.method === "independent").map((c) => c.visibleTrials),
    [1, 1, 2, 2, 3],
  );
});

Deno.test("createStudy() resumes only with loadIfExists and keeps the stored direction", () => {
  const storage = new InMemoryStorage();
  const first = createStudy({ storage, studyName: "s", direction: "maximize" });
  first.tell(first.ask(), 1);
  throws(() => createStudy({ storage, studyName: "s" }), /loadIfExists/);
  const again = createStudy({ storage, studyName: "s", loadIfExists: true });
  equal(again.direction, "maximize");
  equal(again.trials().length, 1);
  throws(
    () => createStudy({ storage, studyName: "s", loadIfExists: true, direction: "minimize" }),
    /it is maximize/,
  );
  equal(loadStudy({ storage, studyName: "s" }).studyId, first.studyId);
  throws(() => loadStudy({ storage, studyName: "nope" }), /no such study/);
  equal(createStudy({ storage }).studyName, "study-0");
});

Deno.test("createStudy() rejects a direction other than minimize/maximize, naming it", () => {
  throws(
    () => createStudy({ direction: "max" as "maximize" }),
    /direction must be "minimize" or "maximize", got "max"/,
  );
  const storage = new InMemoryStorage();
  throws(() => storage.createStudy("s", "down" as "minimize"), /got "down"/);
  equal(storage.getAllStudies().length, 0);
});

Deno.test("study.ask() suggests fixedDistributions at once", () => {
  const study = createStudy({ sampler: new RecordingSampler(9) });
  const trial = study.ask({ units: intDistribution(8, 64, { step: 8 }) });
  equal((trial.params.units as number) % 8, 0);
});

Deno.test("study.addTrial() inserts a finished trial with its curve", () => {
  const study = createStudy({ sampler: new RecordingSampler(9) });
  const added = study.addTrial({
    state: "COMPLETE",
    value: 0.2,
    params: { x: 0.5 },
    distributions: { x: floatDistribution(0, 1) },
    intermediateValues: new Map([[0, 0.4], [1, 0.2]]),
  });
  equal(added.number, 0);
  equal(study.bestValue, 0.2);
  throws(() => study.addTrial({ state: "RUNNING" }), /use ask/);
  throws(() => study.addTrial({ state: "COMPLETE" }), /value null is not a number/);
  throws(
    () => study.addTrial({ state: "COMPLETE", value: Number.NaN }),
    /value NaN is not a number/,
  );
  equal(study.addTrial({ state: "COMPLETE", value: Infinity }).value, Infinity);
  throws(
    () => study.addTrial({ state: "FAIL", params: { x: 0.5 } }),
    /parameter "x" has no distribution/,
  );
});

Deno.test("with HyperbandPruner the sampler sees only the trials of the trial's bracket", async () => {
  const sampler = new RecordingSampler(11);
  const pruner = new HyperbandPruner({ maxResource: 30 });
  const study = createStudy({ studyName: "hb", sampler, pruner });
  await study.optimize((trial) => trial.suggestFloat("x", 0, 1), { nTrials: 12 });
  const calls = sampler.calls.filter((c) => c.method === "independent");
  for (const call of calls) {
    const bracket = pruner.bracketOf("hb", call.trial);
    const sameBracket = study.trials().filter((t) =>
      t.number <= call.trial && pruner.bracketOf("hb", t.number) === bracket
    );
    equal(call.visibleTrials, sameBracket.length, `trial ${call.trial}`);
  }
  ok(calls.some((c) => c.visibleTrials < c.trial + 1)); // some filtering happened
});
