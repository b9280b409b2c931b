import { deepEqual, equal, notDeepEqual, throws } from "node:assert/strict";
import fc from "fast-check";
import {
  DataError,
  formatSplitsJson,
  makeSplits,
  parseSplits,
  validateSplitRatios,
} from "../../lib/data/mod.ts";

const RATIOS = { train: 0.7, val: 0.15, test: 0.15 };
const ids = (n: number) => Array.from({ length: n }, (_, i) => `post_${i}`);

Deno.test("makeSplits() puts every post in exactly one split, for any size and ratios", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 200 }),
      fc.integer({ min: 0, max: 100 }),
      fc.integer({ min: 0, max: 100 }),
      fc.integer(),
      (n, a, b, seed) => {
        const val = a / 200, test = b / 200;
        const s = makeSplits(ids(n), {
          ratios: { train: 1 - val - test, val, test },
          seed,
          source: "t",
        });
        const all = [...s.train, ...s.val, ...s.test];
        equal(new Set(all).size, all.length);
        deepEqual(all.toSorted(), ids(n).toSorted());
        equal(s.val.length, Math.min(Math.round(n * val), n - Math.min(Math.round(n * test), n)));
      },
    ),
    { numRuns: 100 },
  );
});

Deno.test("makeSplits() returns identical splits for identical seeds and others for other seeds", () => {
  const a = makeSplits(ids(100), { ratios: RATIOS, seed: 42, source: "t" });
  deepEqual(makeSplits(ids(100).toReversed(), { ratios: RATIOS, seed: 42, source: "t" }), a);
  notDeepEqual(makeSplits(ids(100), { ratios: RATIOS, seed: 43, source: "t" }).test, a.test);
  deepEqual(a.metadata.counts, { train: 70, val: 15, test: 15, total: 100 });
});

Deno.test("validateSplitRatios() rejects negative, non-numeric and not-summing-to-1 ratios by key", () => {
  const key = (k: string) => (e: unknown) => e instanceof DataError && e.key === k;
  throws(() => validateSplitRatios({ train: 1.1, val: -0.1, test: 0 }), key("data.split.val"));
  throws(
    () => validateSplitRatios({ train: "0.7", val: 0.15, test: 0.15 }),
    key("data.split.train"),
  );
  throws(() => validateSplitRatios({ train: 0.7, val: 0.15 }), key("data.split.test"));
  throws(() => validateSplitRatios({ train: 0.7, val: 0.15, test: 0.16 }), key("data.split"));
  deepEqual(validateSplitRatios({ train: 0.8, val: 0.1, test: 0.1 + 5e-10 }).train, 0.8);
});

Deno.test("parseSplits() round-trips formatSplitsJson() and rejects leaks, unknown ids and bad counts", () => {
  const splits = makeSplits(ids(20), { ratios: RATIOS, seed: 1, source: "t" });
  const text = formatSplitsJson(splits);
  deepEqual(parseSplits(text, "s.json", { knownPostIds: ids(20) }), splits);
  const raw = JSON.parse(text);
  const leaky = { ...raw, test: [...raw.test.slice(1), raw.train[0]] };
  throws(() => parseSplits(JSON.stringify(leaky), "s.json"), /is in both "train" and "test"/);
  const twice = { ...raw, val: [...raw.val.slice(1), raw.val[0], raw.val[0]] };
  throws(() => parseSplits(JSON.stringify(twice), "s.json"), /is in both "val" and "val"/);
  throws(() => parseSplits(text, "s.json", { knownPostIds: ids(19) }), /not in the corpus/);
  const miscounted = {
    ...raw,
    metadata: { ...raw.metadata, counts: { ...raw.metadata.counts, train: 1 } },
  };
  throws(() => parseSplits(JSON.stringify(miscounted), "s.json"), /metadata\.counts\.train/);
});
