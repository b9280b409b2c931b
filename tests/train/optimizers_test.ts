import { equal, ok, throws } from "node:assert/strict";
import { AdamW, isNoDecayParam, Sgd, TrainError } from "../../lib/train/mod.ts";

function near(actual: number, expected: number, tol = 1e-6): void {
  ok(
    Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)),
    `${actual} vs ${expected}`,
  );
}

/** torch.optim.AdamW's update for one scalar, in double precision (the oracle). */
function adamwOracle(
  p0: number,
  grads: readonly number[],
  lrs: readonly number[],
  o: { b1: number; b2: number; eps: number; wd: number },
): number {
  let p = p0, m = 0, v = 0;
  grads.forEach((g, k) => {
    const t = k + 1, lr = lrs[k];
    p *= 1 - lr * o.wd;
    m = o.b1 * m + (1 - o.b1) * g;
    v = o.b2 * v + (1 - o.b2) * g * g;
    const denom = Math.sqrt(v) / Math.sqrt(1 - o.b2 ** t) + o.eps;
    p -= (lr / (1 - o.b1 ** t)) * (m / denom);
  });
  return p;
}

/** torch.optim.SGD's update for one scalar (the oracle). */
function sgdOracle(
  p0: number,
  grads: readonly number[],
  o: { lr: number; mu: number; damp: number; nesterov: boolean; wd: number },
): number {
  let p = p0, b = 0;
  grads.forEach((g0, k) => {
    const g = g0 + o.wd * p;
    b = k === 0 ? g : o.mu * b + (1 - o.damp) * g;
    p -= o.lr * (o.nesterov ? g + o.mu * b : b);
  });
  return p;
}

Deno.test("AdamW's first step matches the hand-computed torch value", () => {
  // p = 1·(1 − 0.1·0.01) − (0.1/0.1)·0.05/(√0.00025/√0.001 + 1e-8) = 0.999 − 0.1 = 0.899
  const w = new Float32Array([1]);
  new AdamW({ w }, { lr: 0.1, weightDecay: 0.01 }).step({ w: new Float32Array([0.5]) });
  near(w[0], 0.899);
});

Deno.test("AdamW follows torch.optim.AdamW over steps with a changing learning rate", () => {
  const grads = [[0.5, -1e-3], [-0.25, 2], [0.1, 0.3], [0, -0.7], [1.5, 0.01]];
  const lrs = [1e-3, 2e-3, 5e-3, 4e-3, 1e-3];
  const opts = { b1: 0.8, b2: 0.99, eps: 1e-6, wd: 0.05 };
  const params = {
    "dense.weight": new Float32Array([0.3, -0.7]),
    "dense.bias": new Float32Array([0.3, -0.7]),
  };
  const opt = new AdamW(params, { betas: [0.8, 0.99], eps: 1e-6, weightDecay: 0.05 });
  grads.forEach((g, k) =>
    opt.step({ "dense.weight": new Float32Array(g), "dense.bias": new Float32Array(g) }, {
      lr: lrs[k],
    })
  );
  equal(opt.stepCount, 5);
  for (const i of [0, 1]) {
    const gi = grads.map((g) => g[i]);
    const p0 = [0.3, -0.7][i];
    near(params["dense.weight"][i], adamwOracle(p0, gi, lrs, opts), 1e-6);
    near(params["dense.bias"][i], adamwOracle(p0, gi, lrs, { ...opts, wd: 0 }), 1e-6);
  }
});

Deno.test("AdamW decays weights but not biases or layer-norm weights by default", () => {
  const names = [
    "encoder.layer.0.output.dense.weight",
    "encoder.layer.0.output.dense.bias",
    "encoder.layer.0.output.LayerNorm.weight",
    "blocks.1.ln_f.weight",
    "blocks.1.layer_norm.weight",
  ];
  const params = Object.fromEntries(names.map((n) => [n, new Float32Array([2])]));
  const opt = new AdamW(params, { lr: 0.1, weightDecay: 0.5 });
  opt.step(Object.fromEntries(names.map((n) => [n, new Float32Array([0])])));
  near(params[names[0]][0], 2 * (1 - 0.05));
  for (const n of names.slice(1)) near(params[n][0], 2);
  equal(isNoDecayParam("model.lnk.weight"), true); // a segment starting "ln"
  equal(isNoDecayParam("kiln.weight"), false);
  const custom = new AdamW({ a: new Float32Array([1]) }, { noDecay: () => true });
  equal(custom.decays("a"), false);
});

Deno.test("AdamW resumes bit-for-bit from an exported state", () => {
  const grads = (k: number) => ({ w: new Float32Array([Math.sin(k), Math.cos(k), k / 10]) });
  const a = { w: new Float32Array([0.1, 0.2, 0.3]) };
  const optA = new AdamW(a, { lr: 0.01 });
  for (let k = 0; k < 3; k++) optA.step(grads(k));
  const saved = optA.exportState();
  const b = { w: a.w.slice() };
  const optB = new AdamW(b, { lr: 0.01 });
  optB.importState(saved);
  for (let k = 3; k < 6; k++) {
    optA.step(grads(k));
    optB.step(grads(k));
  }
  equal(optB.stepCount, 6);
  ok(a.w.every((v, i) => v === b.w[i]));
  throws(() => optB.importState({ ...saved, kind: "sgd" }), TrainError);
});

Deno.test("Sgd follows torch.optim.SGD with momentum, dampening, Nesterov and weight decay", () => {
  const gs = [0.5, -0.2, 0.8, 0.1];
  const cases = [
    { lr: 0.1, mu: 0, damp: 0, nesterov: false, wd: 0 },
    { lr: 0.1, mu: 0.9, damp: 0, nesterov: false, wd: 0 },
    { lr: 0.05, mu: 0.9, damp: 0.1, nesterov: false, wd: 0.01 },
    { lr: 0.05, mu: 0.8, damp: 0, nesterov: true, wd: 0.01 },
  ];
  for (const c of cases) {
    const w = new Float32Array([0.7]);
    const opt = new Sgd({ w }, {
      lr: c.lr,
      momentum: c.mu,
      dampening: c.damp,
      nesterov: c.nesterov,
      weightDecay: c.wd,
    });
    for (const g of gs) opt.step({ w: new Float32Array([g]) });
    near(w[0], sgdOracle(0.7, gs, c), 1e-6);
  }
  throws(() => new Sgd({}, { nesterov: true }), TrainError);
});

Deno.test("Sgd resumes from an exported state with its momentum buffers", () => {
  const a = { w: new Float32Array([1, 2]) };
  const optA = new Sgd(a, { lr: 0.1, momentum: 0.9 });
  optA.step({ w: new Float32Array([1, 1]) });
  const b = { w: a.w.slice() };
  const optB = new Sgd(b, { lr: 0.1, momentum: 0.9 });
  optB.importState(optA.exportState());
  optA.step({ w: new Float32Array([1, -1]) });
  optB.step({ w: new Float32Array([1, -1]) });
  ok(a.w.every((v, i) => v === b.w[i]));
  near(b.w[0], 1 - 0.1 - 0.1 * 1.9);
});

Deno.test("optimizers reject missing or mis-sized gradients and bad learning rates", () => {
  const opt = new AdamW({ w: new Float32Array(2) });
  throws(() => opt.step({}), /no gradient for parameter "w"/);
  throws(() => opt.step({ w: new Float32Array(3) }), /has 3 values/);
  throws(() => opt.step({ w: new Float32Array(2) }, { lr: -1 }), TrainError);
  throws(() => new AdamW({}, { betas: [1, 0.9] }), TrainError);
});
