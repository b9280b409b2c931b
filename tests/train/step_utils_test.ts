import { deepEqual, equal, ok, throws } from "node:assert/strict";
import {
  AdamW,
  clipCoefficient,
  clipGradNorm,
  GradAccumulator,
  gradNorm,
  Sgd,
  TrainError,
} from "../../lib/train/mod.ts";

Deno.test("clipGradNorm() scales by maxNorm/(norm + 1e-6) and returns the pre-clip norm", () => {
  const grads = { a: new Float32Array([3, 0]), b: new Float32Array([0, 4]) };
  equal(clipGradNorm(grads, 2), 5);
  const coef = 2 / (5 + 1e-6);
  ok(Math.abs(grads.a[0] - 3 * coef) < 1e-6);
  ok(Math.abs(grads.b[1] - 4 * coef) < 1e-6);
  ok(gradNorm(grads) < 2);
});

Deno.test("clipGradNorm() leaves gradients under the limit untouched", () => {
  const grads = { a: new Float32Array([0.3, 0.4]) };
  ok(Math.abs(clipGradNorm(grads, 1) - 0.5) < 1e-7);
  deepEqual(Array.from(grads.a), Array.from(new Float32Array([0.3, 0.4])));
});

Deno.test("clipGradNorm() returns a non-finite norm without spreading it", () => {
  const grads = { a: new Float32Array([NaN, 1]), b: new Float32Array([2]) };
  ok(Number.isNaN(clipGradNorm(grads, 1)));
  equal(grads.b[0], 2);
  throws(() => clipGradNorm(grads, 0), TrainError);
});

Deno.test("GradAccumulator.mean() equals the mean of the micro-batch gradients", () => {
  const acc = new GradAccumulator({ w: 3, b: 1 });
  const micro = [
    { w: [1, 2, 3], b: [1] },
    { w: [-1, 0, 6], b: [2] },
    { w: [3, 1, 0], b: [6] },
  ];
  for (const m of micro) acc.add({ w: new Float32Array(m.w), b: new Float32Array(m.b) });
  equal(acc.count, 3);
  const mean = acc.mean();
  deepEqual(Array.from(mean.w), [1, 1, 3]);
  deepEqual(Array.from(mean.b), [3]);
  throws(() => acc.mean(), TrainError);
  acc.add({ w: new Float32Array([2, 2, 2]), b: new Float32Array([0]) });
  deepEqual(Array.from(acc.mean().w), [2, 2, 2]);
  throws(() => acc.add({ w: new Float32Array(2), b: new Float32Array(1) }), /"w" is of length 2/);
});

Deno.test("an optimizer step with gradScale equals a step on clipped gradients", () => {
  // Norms 5, 0.5 and 10 give clip factors 0.2, 1 and 0.1: Adam is invariant to one constant
  // scale of every gradient, but not to a scale that changes from step to step.
  const steps = [[3, -4], [0.3, 0.4], [-6, 8]];
  const a = { w: new Float32Array([1, 1]) }, b = { w: new Float32Array([1, 1]) };
  const unclipped = { w: new Float32Array([1, 1]) };
  const optA = new AdamW(a, { lr: 0.1 }), optB = new AdamW(b, { lr: 0.1 });
  const optU = new AdamW(unclipped, { lr: 0.1 });
  for (const v of steps) {
    const ga = { w: new Float32Array(v) }, gb = { w: new Float32Array(v) };
    const norm = clipGradNorm(ga, 1);
    optA.step(ga);
    optB.step(gb, { gradScale: clipCoefficient(norm, 1) });
    deepEqual(Array.from(gb.w), v.map(Math.fround));
    optU.step({ w: new Float32Array(v) });
  }
  ok(a.w.every((v, i) => Math.abs(v - b.w[i]) < 1e-6));
  ok(a.w.some((v, i) => Math.abs(v - unclipped.w[i]) > 1e-3), "clipping changed the result");
  const s = { w: new Float32Array([1]) };
  new Sgd(s, { lr: 1 }).step({ w: new Float32Array([2]) }, { gradScale: 0.25 });
  equal(s.w[0], 0.5);
});
