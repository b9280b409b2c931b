import { deepEqual, equal, ok, throws } from "node:assert/strict";
import { clipGradNorm, GradAccumulator, gradNorm, TrainError } from "../../lib/train/mod.ts";

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
