import { deepEqual, equal, ok, throws } from "node:assert/strict";
import fc from "fast-check";
import {
  categoricalDistribution,
  containsValue,
  distributionsCompatible,
  distributionsEqual,
  floatDistribution,
  intDistribution,
  isSingleValued,
  toExternal,
  toInternal,
} from "../../lib/hpo/distributions.ts";
import { distributionFromJson, distributionToJson } from "../../lib/hpo/distribution_json.ts";
import { HpoError } from "../../lib/hpo/errors.ts";
import type { Distribution } from "../../lib/hpo/types.ts";

Deno.test("floatDistribution() rejects each broken rule with a message naming the value", () => {
  const cases: [() => unknown, RegExp][] = [
    [() => floatDistribution(2, 1), /low must be ≤ high, got low 2 > high 1/],
    [() => floatDistribution(0, 1, { log: true }), /log needs low > 0, got low 0/],
    [() => floatDistribution(0, 1, { step: 0 }), /step must be a finite number > 0, got step 0/],
    [() => floatDistribution(0, 1, { step: -0.5 }), /got step -0.5/],
    [() => floatDistribution(1, 2, { log: true, step: 0.5 }), /mutually exclusive, got step 0.5/],
    [() => floatDistribution(0, 1, { step: 0.3 }), /multiple of step.*use high 0.9/],
    [() => floatDistribution(NaN, 1), /finite numbers, got low NaN/],
    [() => floatDistribution(0, Infinity), /high Infinity/],
  ];
  for (const [make, message] of cases) {
    throws(make, (e: unknown) => e instanceof HpoError && message.test(e.message));
    throws(make, /^HpoError: Cannot create a float distribution: /);
  }
});

Deno.test("floatDistribution() accepts float steps despite rounding (0.1 over [0, 0.5])", () => {
  deepEqual(floatDistribution(0, 0.5, { step: 0.1 }), {
    kind: "float",
    low: 0,
    high: 0.5,
    log: false,
    step: 0.1,
  });
});

Deno.test("intDistribution() rejects each broken rule with a message naming the value", () => {
  const cases: [() => unknown, RegExp][] = [
    [() => intDistribution(5, 1), /low must be ≤ high, got low 5 > high 1/],
    [() => intDistribution(1.5, 3), /must be integers, got low 1.5/],
    [() => intDistribution(0, 10, { log: true }), /log needs low ≥ 1, got low 0/],
    [() => intDistribution(1, 10, { step: 0 }), /step must be an integer > 0, got step 0/],
    [() => intDistribution(1, 10, { step: 1.5 }), /got step 1.5/],
    [() => intDistribution(1, 9, { log: true, step: 2 }), /mutually exclusive.*got step 2/],
    [() => intDistribution(0, 10, { step: 3 }), /low 0, high 10, step 3 \(use high 9 or 12\)/],
  ];
  for (const [make, message] of cases) {
    throws(make, (e: unknown) => e instanceof HpoError && message.test(e.message));
  }
  deepEqual(intDistribution(1, 1024, { log: true }), {
    kind: "int",
    low: 1,
    high: 1024,
    log: true,
    step: 1,
  });
});

Deno.test("categoricalDistribution() needs a non-empty list of distinct JSON scalars", () => {
  throws(() => categoricalDistribution([]), /non-empty list, got \[\]/);
  throws(() => categoricalDistribution([1, "a", 1]), /duplicates, got 1 twice/);
  throws(() => categoricalDistribution([NaN]), /finite numbers or strings, got NaN/);
  throws(
    () => categoricalDistribution([{} as unknown as string]),
    /got \[object Object\]/,
  );
  deepEqual(categoricalDistribution([null, true, 2, "x"]).choices, [null, true, 2, "x"]);
});

Deno.test("distributionToJson() writes Optuna's exact JSON text", () => {
  equal(
    distributionToJson(floatDistribution(1e-6, 5e-5, { log: true })),
    '{"name": "FloatDistribution", "attributes": {"step": null, "low": 1e-06, "high": 5e-05, "log": true}}',
  );
  equal(
    distributionToJson(floatDistribution(0, 0.5, { step: 0.1 })),
    '{"name": "FloatDistribution", "attributes": {"step": 0.1, "low": 0.0, "high": 0.5, "log": false}}',
  );
  equal(
    distributionToJson(floatDistribution(0.0001, 1e16)),
    '{"name": "FloatDistribution", "attributes": {"step": null, "low": 0.0001, "high": 1e+16, "log": false}}',
  );
  equal(
    distributionToJson(intDistribution(8, 64, { step: 8 })),
    '{"name": "IntDistribution", "attributes": {"log": false, "step": 8, "low": 8, "high": 64}}',
  );
  equal(
    distributionToJson(categoricalDistribution(["adamw", null, true, 1, 2.5, "é"])),
    '{"name": "CategoricalDistribution", "attributes": {"choices": ["adamw", null, true, 1, 2.5, "\\u00e9"]}}',
  );
  // Python's repr picks the shortest digits, the even one on a tie (…507.25 → 507.2, not 507.3).
  equal(
    distributionToJson(floatDistribution(-1, 1941353829924507.2)),
    '{"name": "FloatDistribution", "attributes": {"step": null, "low": -1.0, "high": 1941353829924507.2, "log": false}}',
  );
});

Deno.test("distributionFromJson() reads current names, legacy names and the short form", () => {
  const expected: [string, Distribution][] = [
    [
      '{"name": "FloatDistribution", "attributes": {"step": null, "low": 1e-06, "high": 5e-05, "log": true}}',
      floatDistribution(1e-6, 5e-5, { log: true }),
    ],
    ['{"name":"UniformDistribution","attributes":{"low":0.0,"high":1.0}}', floatDistribution(0, 1)],
    [
      '{"name": "LogUniformDistribution", "attributes": {"low": 0.001, "high": 1.0}}',
      floatDistribution(0.001, 1, { log: true }),
    ],
    [
      '{"name": "DiscreteUniformDistribution", "attributes": {"low": 0.0, "high": 1.0, "q": 0.25}}',
      floatDistribution(0, 1, { step: 0.25 }),
    ],
    [
      '{"name": "IntUniformDistribution", "attributes": {"low": 1, "high": 9, "step": 2}}',
      intDistribution(1, 9, { step: 2 }),
    ],
    [
      '{"name": "IntLogUniformDistribution", "attributes": {"low": 1, "high": 64, "step": 1}}',
      intDistribution(1, 64, { log: true }),
    ],
    ['{"type": "float", "low": 0, "high": 2, "step": 0.5}', floatDistribution(0, 2, { step: 0.5 })],
    ['{"type": "int", "low": 1, "high": 8, "log": true}', intDistribution(1, 8, { log: true })],
    ['{"type": "categorical", "choices": ["a", 2]}', categoricalDistribution(["a", 2])],
  ];
  for (const [text, distribution] of expected) deepEqual(distributionFromJson(text), distribution);
  throws(
    () => distributionFromJson('{"name": "NormalDistribution", "attributes": {}}'),
    /unknown class/,
  );
  throws(() => distributionFromJson("{"), /not valid JSON/);
  throws(() => distributionFromJson('{"type": "int", "low": 3, "high": 1}'), /low must be ≤ high/);
});

const distributionArb: fc.Arbitrary<Distribution> = fc.oneof(
  fc.tuple(
    fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    fc.double({ min: 0, max: 1e6, noNaN: true }),
  )
    .map(([low, span]) => floatDistribution(low, low + span)),
  fc.tuple(
    fc.double({ min: 1e-8, max: 1e3, noNaN: true }),
    fc.double({ min: 1, max: 1e4, noNaN: true }),
  )
    .map(([low, ratio]) => floatDistribution(low, low * ratio, { log: true })),
  fc.tuple(
    fc.integer({ min: -50, max: 50 }),
    fc.integer({ min: 0, max: 40 }),
    fc.constantFrom(0.5, 0.25, 2),
  )
    .map(([low, k, step]) => floatDistribution(low, low + k * step, { step })),
  fc.tuple(
    fc.integer({ min: -1000, max: 1000 }),
    fc.integer({ min: 0, max: 100 }),
    fc.integer({ min: 1, max: 7 }),
  )
    .map(([low, k, step]) => intDistribution(low, low + k * step, { step })),
  fc.tuple(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 10000 }))
    .map(([low, span]) => intDistribution(low, low + span, { log: true })),
  fc.uniqueArray(fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)), {
    minLength: 1,
    maxLength: 6,
  }).map((choices) => categoricalDistribution(choices)),
);

Deno.test("distributionFromJson(distributionToJson(d)) returns d for every valid distribution", () => {
  fc.assert(fc.property(distributionArb, (d) => {
    deepEqual(distributionFromJson(distributionToJson(d)), d);
    // Python reads the same text: the standard JSON parser agrees on every value.
    ok(JSON.parse(distributionToJson(d)).attributes !== undefined);
  }));
});

Deno.test("toInternal() and toExternal() map a choice to its index and back", () => {
  const d = categoricalDistribution(["a", 3, null, false]);
  d.choices.forEach((choice, i) => {
    equal(toInternal(d, choice), i);
    equal(toExternal(d, i), choice);
  });
  throws(() => toInternal(d, "b"), /not one of the choices/);
  throws(() => toExternal(d, 4), /there are 4/);
  equal(toInternal(floatDistribution(0, 1), 0.25), 0.25);
  equal(toExternal(intDistribution(0, 10), 3.0000001), 3);
  throws(() => toInternal(intDistribution(0, 10), "3"), /not a number/);
});

Deno.test("containsValue() checks range, grid and choices", () => {
  ok(containsValue(floatDistribution(0, 1), 1));
  ok(!containsValue(floatDistribution(0, 1), 1.0000001));
  ok(containsValue(floatDistribution(0, 0.5, { step: 0.1 }), 0.30000000000000004));
  ok(!containsValue(floatDistribution(0, 0.5, { step: 0.1 }), 0.35));
  ok(containsValue(intDistribution(2, 10, { step: 2 }), 6));
  ok(!containsValue(intDistribution(2, 10, { step: 2 }), 5));
  ok(!containsValue(intDistribution(2, 10), 2.5));
  ok(!containsValue(intDistribution(2, 10), "2"));
  ok(containsValue(categoricalDistribution([1, "1"]), "1"));
  ok(!containsValue(categoricalDistribution([1, "1"]), true));
});

Deno.test("isSingleValued() is true only when one value is possible", () => {
  ok(isSingleValued(floatDistribution(1, 1)));
  ok(isSingleValued(floatDistribution(1, 1, { log: true })));
  ok(!isSingleValued(floatDistribution(1, 1.5)));
  ok(isSingleValued(intDistribution(4, 4, { step: 3 })));
  ok(isSingleValued(categoricalDistribution(["only"])));
  ok(!isSingleValued(categoricalDistribution(["a", "b"])));
});

Deno.test("distributionsCompatible() follows Optuna: same kind and log; equal choices", () => {
  ok(distributionsCompatible(intDistribution(0, 4), intDistribution(2, 10, { step: 2 })));
  ok(!distributionsCompatible(intDistribution(1, 4), intDistribution(1, 4, { log: true })));
  ok(!distributionsCompatible(intDistribution(0, 1), floatDistribution(0, 1)));
  ok(
    distributionsCompatible(
      categoricalDistribution(["a", "b"]),
      categoricalDistribution(["a", "b"]),
    ),
  );
  ok(
    !distributionsCompatible(
      categoricalDistribution(["a", "b"]),
      categoricalDistribution(["b", "a"]),
    ),
  );
  ok(!distributionsCompatible(categoricalDistribution([0, 1]), intDistribution(0, 1)));
  ok(
    distributionsEqual(
      floatDistribution(0, 1, { step: 0.5 }),
      floatDistribution(0, 1, { step: 0.5 }),
    ),
  );
  ok(!distributionsEqual(floatDistribution(0, 1, { step: 0.5 }), floatDistribution(0, 1)));
});
