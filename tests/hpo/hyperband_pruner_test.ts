import { deepEqual, equal, throws } from "node:assert/strict";
import { HyperbandPruner } from "../../lib/hpo/mod.ts";
import { crc32 } from "../../lib/hpo/_crc32.ts";
import { FakeStudy, frozenTrial } from "./_fixtures.ts";

Deno.test("crc32() matches zlib's CRC-32 on known vectors", () => {
  equal(crc32("123456789"), 0xcbf43926);
  equal(crc32(""), 0);
  equal(crc32("a"), 0xe8b7be43);
  equal(crc32("The quick brown fox jumps over the lazy dog"), 0x414fa339);
  equal(crc32("é"), 0x0e048d3e); // hashed as UTF-8
  equal(crc32(new Uint8Array([0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39])), 0xcbf43926);
});

Deno.test("HyperbandPruner budgets brackets as ceil(n·η^s/(s+1)): 27/12/6/4 for 30 steps, η=3", () => {
  deepEqual(new HyperbandPruner({ maxResource: 30 }).bracketBudgets(), [27, 12, 6, 4]);
  deepEqual(new HyperbandPruner({ maxResource: 31 }).bracketBudgets(), [27, 12, 6, 4]);
  deepEqual(new HyperbandPruner({ maxResource: 27 }).bracketBudgets(), [27, 12, 6, 4]);
  deepEqual(new HyperbandPruner({ maxResource: 9 }).bracketBudgets(), [9, 5, 3]);
  // η = 2, 16 steps: n = 5, budgets ceil(5·2^s/(s+1)) for s = 4 … 0
  deepEqual(new HyperbandPruner({ maxResource: 16, reductionFactor: 2 }).bracketBudgets(), [
    16,
    10,
    7,
    5,
    5,
  ]);
});

Deno.test("HyperbandPruner with auto max resource waits for a COMPLETE trial (last step + 1)", () => {
  const pruner = new HyperbandPruner();
  const study = new FakeStudy([frozenTrial({ number: 0, state: "RUNNING", curve: [0.5, 0.4] })]);
  equal(pruner.prune(study, study.get(0)), false);
  deepEqual(pruner.bracketBudgets(), []);
  equal(pruner.bracketOf("hb", 1), 0); // every trial is in bracket 0 before initialisation
  equal(pruner.samplerView(study, study.get(0)), study);
  study.put(frozenTrial({ number: 1, curve: Array(30).fill(0.3) })); // last step 29 → max 30
  pruner.prune(study, study.get(0));
  deepEqual(pruner.bracketBudgets(), [27, 12, 6, 4]);
});

Deno.test("HyperbandPruner places trial n of a study by crc32(`${name}_${n}`) mod the total budget", () => {
  const pruner = new HyperbandPruner({ maxResource: 30 });
  // zlib: crc32("hb_0") % 49 = 22 → bracket 0 (0–26); "hb_1" → 27 and "hb_2" → 30: bracket 1
  // (27–38); "hb_3" → 8: bracket 0
  deepEqual([0, 1, 2, 3].map((n) => pruner.bracketOf("hb", n)), [0, 1, 1, 0]);
  equal(crc32("hb_1") % 49, 27);
  for (let n = 0; n < 200; n++) {
    const h = crc32(`study_${n}`) % 49;
    equal(pruner.bracketOf("study", n), h < 27 ? 0 : h < 39 ? 1 : h < 45 ? 2 : 3);
  }
});

Deno.test("HyperbandPruner runs successive halving per bracket and filters the sampler's view", () => {
  const pruner = new HyperbandPruner({ maxResource: 30 });
  // bracket 0 has first rung at step 1 (s = 0); bracket 1 at step 3 (s = 1)
  const study = new FakeStudy([], "minimize", "hb");
  study.put(frozenTrial({ number: 0, state: "RUNNING", curve: new Map([[1, 0.5]]) }));
  equal(pruner.prune(study, study.get(0)), false); // bracket 0, alone at its rung 0
  study.put(frozenTrial({ number: 1, state: "RUNNING", curve: new Map([[1, 0.9]]) }));
  equal(pruner.prune(study, study.get(1)), false); // bracket 1: step 1 < its first rung (3)
  study.put(frozenTrial({ number: 3, state: "RUNNING", curve: new Map([[1, 0.7]]) }));
  equal(pruner.prune(study, study.get(3)), true); // bracket 0: worse than trial 0's 0.5
  study.put(frozenTrial({ number: 2, state: "RUNNING", curve: new Map([[3, 0.8]]) }));
  equal(pruner.prune(study, study.get(2)), false); // bracket 1: trial 0's rung is not a rival
  deepEqual(study.get(2).systemAttrs, { completed_rung_0: 0.8 });
  const view = pruner.samplerView(study, study.get(2));
  deepEqual(view.trials().map((t) => t.number), [1, 2]);
  deepEqual(pruner.samplerView(study, study.get(0)).trials().map((t) => t.number), [0, 3]);
});

Deno.test("HyperbandPruner validates its options", () => {
  throws(() => new HyperbandPruner({ minResource: 0 }), /minResource/);
  throws(() => new HyperbandPruner({ minResource: 5, maxResource: 3 }), /maxResource/);
  throws(() => new HyperbandPruner({ reductionFactor: 1 }), /reductionFactor/);
});
