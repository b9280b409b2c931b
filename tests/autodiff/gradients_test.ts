import { deepStrictEqual, ok, strictEqual, throws } from "node:assert/strict";
import { GraphBuilder, ops } from "../../lib/graph/mod.ts";
import { GradientError, gradients } from "../../lib/autodiff/mod.ts";

function opsAfter(g: GraphBuilder, start: number): string[] {
  return g.nodes.slice(start).map((n) => n.spec.op);
}

Deno.test("gradients() only differentiates nodes between wrt and the loss", () => {
  const g = new GraphBuilder();
  const x = g.input("x", "float32", [4, 3]);
  const w = g.param("w", [2, 3]);
  const frozen = g.param("frozen", [4, 3]);
  const h = ops.add(ops.exp(frozen), x); // no path from w: not differentiated
  const loss = ops.reduceSum(ops.linear(h, w), [0, 1]);
  const start = g.nodes.length;
  gradients(loss, [w]);
  const back = opsAfter(g, start);
  ok(!back.includes("Exp") && !back.includes("Mul"), back.join(","));
  deepStrictEqual(back.filter((o) => o === "Gemm").length, 1);
});

Deno.test("gradients() gives zeros for a wrt that does not reach the loss", () => {
  const g = new GraphBuilder();
  const a = g.param("a", [2]);
  const unused = g.param("unused", [3, 2]);
  const [, d] = gradients(ops.reduceSum(ops.mul(a, a), [0]), [a, unused]);
  const producer = g.producer(d);
  strictEqual(producer?.spec.op, "ConstantOfShape");
  deepStrictEqual([d.name, d.shape], ["grad.unused", [3, 2]]);
});

Deno.test("gradients() accumulates fan-in with one Sum named after the value", () => {
  const g = new GraphBuilder();
  const a = g.param("a", [2]);
  const loss = ops.reduceSum(ops.sum([ops.exp(a), ops.tanh(a), ops.neg(a)]), [0]);
  const [d] = gradients(loss, [a]);
  strictEqual(d.name, "grad.a");
  strictEqual(g.producer(d)?.spec.op, "Sum");
});

Deno.test("an embedding gradient is one ScatterElements(add) into [V, H], no ScatterND", () => {
  const g = new GraphBuilder();
  const table = g.param("emb", [100, 8]);
  const ids = g.input("ids", "int64", [2, 5]);
  const loss = ops.reduceSum(ops.gather(table, ids), [0, 1, 2]);
  const [d] = gradients(loss, [table]);
  const node = g.producer(d)!;
  strictEqual(node.spec.op, "ScatterElements");
  deepStrictEqual(node.spec, { op: "ScatterElements", axis: 0, reduction: "add" });
  deepStrictEqual(d.shape, [100, 8]);
});

Deno.test("a linear layer's backward uses Gemm flags instead of transposes", () => {
  const g = new GraphBuilder();
  const x = g.input("x", "float32", [2, 7, 16]);
  const w = g.param("w", [32, 16]);
  const b = g.param("b", [32]);
  const h = g.param("h", [2, 7, 16]);
  const loss = ops.reduceSum(ops.linear(ops.mul(x, h), w, { bias: b }), [0, 1, 2]);
  const start = g.nodes.length;
  gradients(loss, [w, b, h]);
  const back = opsAfter(g, start);
  ok(!back.includes("Transpose"), back.join(","));
  // dX = dY·W, dW = dYᵀ·X (transA) and db = 1ᵀ·dY: three Gemms, no ReduceSum.
  deepStrictEqual(back.filter((o) => o === "Gemm").length, 3);
  ok(!back.includes("ReduceSum"), back.join(","));
});

Deno.test("attention's Q·Kᵀ backward folds the double transpose of K", () => {
  const g = new GraphBuilder();
  const q = g.param("q", [2, 4, 8]);
  const k = g.param("k", [2, 4, 8]);
  const scores = ops.matmul(q, ops.transpose(k, [0, 2, 1]));
  const start = g.nodes.length;
  gradients(ops.reduceSum(ops.softmax(scores), [0, 1, 2]), [q, k]);
  const transposes = opsAfter(g, start).filter((o) => o === "Transpose").length;
  // dQ = dS·K needs none; dKᵀ = Qᵀ·dS needs one, and the Transpose rule's inverse folds into it.
  ok(transposes <= 2, `${transposes} transposes`);
});

Deno.test("a LayerNormalization gradient through its Mean output is a GradientError", () => {
  const g = new GraphBuilder();
  const x = g.param("x", [2, 4]);
  const ln = ops.layerNormalization(x, { scale: g.param("s", [4]), bias: g.param("b", [4]) });
  const loss = ops.reduceSum(ops.cast(ln.mean, "float32"), [0, 1]);
  throws(() => gradients(loss, [x]), (e: unknown) => {
    ok(e instanceof GradientError);
    strictEqual(e.op, "LayerNormalization");
    return /Mean\/InvStdDev/.test(e.message);
  });
});

Deno.test("a strided Slice gradient is a GradientError naming op, input and shape", () => {
  const g = new GraphBuilder();
  const x = g.param("x", [6]);
  const y = ops.slice(x, { starts: [0], ends: [6], steps: [2], name: "every_other" });
  throws(() => gradients(ops.reduceSum(y, [0]), [x]), (e: unknown) => {
    ok(e instanceof GradientError);
    strictEqual(
      e.message,
      'Cannot differentiate Slice "every_other" with respect to "x" [6]: only step 1 is supported, got 2',
    );
    return true;
  });
});

Deno.test("GradientError names op, input and both shapes when a rule's result does not fit", () => {
  const e = new GradientError({
    op: "MatMul",
    output: "q",
    input: "w",
    gradShape: [3, 2],
    inputShape: [2, 3],
    reason: "the gradient's shape does not reduce to the input's",
  });
  strictEqual(
    e.message,
    'Cannot differentiate MatMul "q" with respect to "w" (gradient [3,2], input [2,3]): ' +
      "the gradient's shape does not reduce to the input's",
  );
});

Deno.test("gradients() validates the loss, the wrt values and the seed", () => {
  const g = new GraphBuilder();
  const x = g.param("x", [2]);
  const loss = ops.reduceSum(ops.mul(x, x), [0]);
  const ids = g.input("ids", "int64", [2]);
  throws(() => gradients(ids, [x]), /the loss is int64, not a float/);
  throws(() => gradients(loss, [ids]), /a wrt value is int64, not a float/);
  throws(() => gradients(loss, [x], { seed: g.param("s", [2]) }), /the seed must be float32\[\]/);
  const other = new GraphBuilder().param("y", [2]);
  throws(() => gradients(loss, [other]), /belongs to another graph/);
});
