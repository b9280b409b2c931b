import { deepEqual, equal, ok } from "node:assert/strict";
import { Prng } from "../../lib/random/mod.ts";
import {
  buildParzenEstimator,
  defaultWeights,
  logDensity,
  type NumericKernels,
  type ParzenEstimatorOptions,
  sampleParzenEstimator,
} from "../../lib/hpo/_parzen_estimator.ts";
import {
  categoricalDistribution,
  containsValue,
  floatDistribution,
  intDistribution,
} from "../../lib/hpo/distributions.ts";
import type { Distribution } from "../../lib/hpo/types.ts";

const OPTIONS: ParzenEstimatorOptions = {
  priorWeight: 1,
  considerMagicClip: true,
  considerEndpoints: false,
  bandwidth: "neighbour",
  weights: defaultWeights,
};

function near(actual: ArrayLike<number>, expected: readonly number[], tol = 1e-9): void {
  equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) {
    ok(Math.abs(actual[i] - expected[i]) <= tol, `[${i}]: ${actual[i]} vs ${expected[i]}`);
  }
}

function numeric(estimator: ReturnType<typeof buildParzenEstimator>, d = 0): NumericKernels {
  const kernels = estimator.dims[d];
  if (kernels.kind !== "numeric") throw new Error("expected numeric kernels");
  return kernels;
}

Deno.test("categorical kernels: m=3, C=3, observed 0 gives (0.714, 0.143, 0.143); prior uniform", () => {
  const est = buildParzenEstimator(
    [categoricalDistribution(["a", "b", "c"])],
    [Float64Array.of(0, 2, 0)],
    OPTIONS,
  );
  const kernels = est.dims[0];
  if (kernels.kind !== "categorical") throw new Error("expected categorical kernels");
  near(kernels.probs.subarray(0, 3), [1.25 / 1.75, 0.25 / 1.75, 0.25 / 1.75]);
  near(kernels.probs.subarray(3, 6), [0.25 / 1.75, 0.25 / 1.75, 1.25 / 1.75]);
  near(kernels.probs.subarray(9, 12), [1 / 3, 1 / 3, 1 / 3]);
  near(est.weights, [0.25, 0.25, 0.25, 0.25]);
});

Deno.test("neighbour bandwidths: larger gap, inner gap at the ends, prior excluded, magic clip", () => {
  // Centres 7, 2, 3 on [0, 10]: sorted 2, 3, 7 → σ = 1 (end: inner gap), 4, 4 (end: inner gap);
  // clipped below at 10 / min(100, 3 + 2) = 2. Prior: centre 5, σ = 10.
  const est = buildParzenEstimator([floatDistribution(0, 10)], [Float64Array.of(7, 2, 3)], OPTIONS);
  near(numeric(est).sigmas, [4, 2, 4, 10]);
  near(numeric(est).mus, [7, 2, 3, 5]);
  // One centre: the larger distance to a range end (no end rule with a single centre).
  near(
    numeric(buildParzenEstimator([floatDistribution(0, 10)], [Float64Array.of(2)], OPTIONS)).sigmas,
    [8, 10],
  );
  // With considerEndpoints the ends use the larger gap including the range ends.
  const withEnds = buildParzenEstimator([floatDistribution(0, 10)], [Float64Array.of(7, 2, 3)], {
    ...OPTIONS,
    considerEndpoints: true,
  });
  near(numeric(withEnds).sigmas, [4, 2, 4, 10]);
  const spread = buildParzenEstimator([floatDistribution(0, 100)], [Float64Array.of(10, 20, 95)], {
    ...OPTIONS,
    considerEndpoints: true,
  });
  near(numeric(spread).sigmas, [20, 75, 75, 100]);
});

Deno.test("bandwidths of discrete and log dimensions use the widened support", () => {
  // int [1, 5]: support [0.5, 5.5]; centres 1, 5 → σ = 4 each; prior σ = 5, centre 3.
  const ints = numeric(
    buildParzenEstimator([intDistribution(1, 5)], [Float64Array.of(1, 5)], OPTIONS),
  );
  deepEqual([ints.lower, ints.upper], [0.5, 5.5]);
  near(ints.sigmas, [4, 4, 5]);
  near(ints.mus, [1, 5, 3]);
  // log int [1, 100]: support [ln 0.5, ln 100.5], centres ln x.
  const logInts = numeric(
    buildParzenEstimator([intDistribution(1, 100, { log: true })], [Float64Array.of(10)], OPTIONS),
  );
  near([logInts.lower, logInts.upper, logInts.mus[0]], [
    Math.log(0.5),
    Math.log(100.5),
    Math.log(10),
  ]);
});

Deno.test("scott bandwidth: 0.2·m^(−1/(D+4))·range for every observation kernel", () => {
  const m = 30;
  const obs = Float64Array.from({ length: m }, (_, i) => i / 3);
  const est = buildParzenEstimator(
    [floatDistribution(0, 10), floatDistribution(0, 10)],
    [obs, obs],
    { ...OPTIONS, bandwidth: "scott" },
  );
  const sigma = 0.2 * Math.pow(m, -1 / 6) * 10;
  near(numeric(est, 1).sigmas, [...new Array(m).fill(sigma), 10]);
});

Deno.test("weights: uniform below 25 observations, a ramp for the oldest above, prior last", () => {
  near(defaultWeights(3), [1, 1, 1]);
  near(defaultWeights(26), [1 / 26, ...new Array(25).fill(1)]);
  const w = defaultWeights(30);
  near(w.subarray(0, 5), [
    1 / 30,
    1 / 30 + (29 / 30) / 4,
    1 / 30 + (29 / 30) / 2,
    1 / 30 + (29 / 30) * 0.75,
    1,
  ]);
  const est = buildParzenEstimator(
    [floatDistribution(0, 1)],
    [new Float64Array(26).fill(0.5)],
    OPTIONS,
  );
  const total = 1 / 26 + 25 + 1;
  near(est.weights.subarray(0, 2), [1 / 26 / total, 1 / total]);
  near([est.weights[26]], [1 / total]);
  near(buildParzenEstimator([floatDistribution(0, 1)], [new Float64Array(0)], OPTIONS).weights, [
    1,
  ]);
});

/** Sum of the mixture's probability over every value of a discrete dimension. */
function totalMass(distribution: Distribution, obs: Float64Array): number {
  const est = buildParzenEstimator([distribution], [obs], OPTIONS);
  const values: number[] = [];
  if (distribution.kind === "categorical") {
    distribution.choices.forEach((_, i) => values.push(i));
  } else {
    const step = distribution.step ?? 1;
    for (let v = distribution.low; v <= distribution.high + 1e-9; v += step) values.push(v);
  }
  return logDensity(est, [Float64Array.from(values)]).reduce((s, l) => s + Math.exp(l), 0);
}

Deno.test("discrete densities are probability masses that sum to 1 over the grid", () => {
  near([totalMass(intDistribution(0, 20), Float64Array.of(3, 4, 18))], [1], 1e-12);
  near([totalMass(intDistribution(2, 40, { step: 2 }), Float64Array.of(2, 40, 22))], [1], 1e-12);
  near([totalMass(intDistribution(1, 300, { log: true }), Float64Array.of(1, 7, 250))], [1], 1e-12);
  near(
    [totalMass(floatDistribution(0, 1, { step: 0.05 }), Float64Array.of(0.1, 0.95))],
    [1],
    1e-12,
  );
  near(
    [totalMass(categoricalDistribution(["a", "b", "c", "d"]), Float64Array.of(1, 1, 3))],
    [1],
    1e-12,
  );
});

Deno.test("continuous densities integrate to 1 over the range (with the −ln σ term)", () => {
  for (
    const [distribution, obs] of [
      [floatDistribution(-3, 7), Float64Array.of(-2.9, 0.5, 0.6, 6.9)],
      [floatDistribution(1e-4, 1, { log: true }), Float64Array.of(1e-3, 0.5)],
    ] as const
  ) {
    const est = buildParzenEstimator([distribution], [obs], OPTIONS);
    const lo = distribution.log ? Math.log(distribution.low) : distribution.low;
    const hi = distribution.log ? Math.log(distribution.high) : distribution.high;
    const n = 20000;
    const h = (hi - lo) / n;
    const points = Float64Array.from({ length: n }, (_, i) => lo + (i + 0.5) * h);
    const values = distribution.log ? points.map(Math.exp) : points;
    const integral = logDensity(est, [values]).reduce((s, l) => s + Math.exp(l) * h, 0);
    near([integral], [1], 1e-6);
  }
});

Deno.test("samples lie in their distributions; one component is shared across dimensions", () => {
  const space: Distribution[] = [
    floatDistribution(1e-5, 1e-1, { log: true }),
    intDistribution(8, 256, { log: true }),
    intDistribution(0, 30, { step: 3 }),
    floatDistribution(0, 0.5, { step: 0.05 }),
    categoricalDistribution(["x", "y", "z"]),
  ];
  const obs = [
    Float64Array.of(1e-3, 1e-2),
    Float64Array.of(16, 128),
    Float64Array.of(3, 27),
    Float64Array.of(0.1, 0.45),
    Float64Array.of(0, 2),
  ];
  const est = buildParzenEstimator(space, obs, OPTIONS);
  const samples = sampleParzenEstimator(est, new Prng(5), 500);
  space.forEach((d, k) => {
    for (const v of samples[k]) {
      const external = d.kind === "categorical" ? d.choices[v] : v;
      ok(containsValue(d, external), `${JSON.stringify(d)} does not contain ${v}`);
    }
  });
  deepEqual(sampleParzenEstimator(est, new Prng(5), 500), samples);
  // Observation kernels are narrow on [0, 1]: with a shared component both dimensions of a sample
  // come from the same observation, so (x, y) stay near the diagonal points (0.1, 0.1), (0.9, 0.9).
  const diag = buildParzenEstimator(
    [floatDistribution(0, 1), floatDistribution(0, 1)],
    [Float64Array.of(0.1, 0.9, 0.1, 0.9), Float64Array.of(0.1, 0.9, 0.1, 0.9)],
    { ...OPTIONS, priorWeight: 1e-9, bandwidth: "scott", considerMagicClip: false },
  );
  const [xs, ys] = sampleParzenEstimator(diag, new Prng(1), 200);
  const offDiagonal = xs.filter((x, i) => Math.abs(x - ys[i]) > 0.5).length;
  ok(offDiagonal < 10, `${offDiagonal} of 200 samples mix components`);
});

Deno.test("an observation far outside the current range still gives finite densities and samples", () => {
  const d = floatDistribution(0, 1);
  const est = buildParzenEstimator([d], [Float64Array.of(1e20, 0.5)], OPTIONS);
  const samples = sampleParzenEstimator(est, new Prng(2), 50);
  ok(samples[0].every((v) => v >= 0 && v <= 1));
  ok(logDensity(est, samples).every(Number.isFinite));
});
