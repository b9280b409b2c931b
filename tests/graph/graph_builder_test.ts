import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import { GraphBuilder, GraphError, ops, ShapeError } from "../../lib/graph/mod.ts";

Deno.test("GraphBuilder names values under nested scopes", () => {
  const g = new GraphBuilder();
  const x = g.input("x", "float32", [2, 3]);
  const q = g.scope(
    "encoder.layer.3",
    () => g.scope("attention", () => ops.relu(x, { name: "q" })),
  );
  strictEqual(q.name, "encoder.layer.3.attention.q");
  const again = g.scope("encoder.layer.3.attention", () => ops.relu(x, { name: "q" }));
  strictEqual(again.name, "encoder.layer.3.attention.q_1");
  strictEqual(g.scope("/abs", () => ops.relu(x)).name, "abs.relu");
});

Deno.test("GraphBuilder rejects duplicate input names and foreign values", () => {
  const g = new GraphBuilder();
  g.input("x", "float32", [2]);
  throws(() => g.param("x", [2]), GraphError);
  const other = new GraphBuilder().input("y", "float32", [2]);
  throws(() => ops.add(g.values[0], other), /belongs to another graph/);
});

Deno.test("GraphBuilder.scalar() shares one constant per dtype and value", () => {
  const g = new GraphBuilder();
  strictEqual(g.scalar(0.5), g.scalar(0.5));
  strictEqual(g.scalar(0.5, "float64").dtype, "float64");
  strictEqual(g.values.length, 2);
});

Deno.test("GraphBuilder.constant() checks that the data fills the shape", () => {
  const g = new GraphBuilder();
  throws(() => g.constant("c", new Float32Array(5), [2, 3]), /5 values do not fill shape \[2,3\]/);
  deepStrictEqual(g.constant("ids", BigInt64Array.of(1n), [1]).dtype, "int64");
  deepStrictEqual(g.constant("m", Uint8Array.of(1), [1]).dtype, "bool");
  deepStrictEqual(g.constant("u", Uint8Array.of(1), [1], { dtype: "uint8" }).dtype, "uint8");
});

Deno.test("emit() wraps shape mismatches in a ShapeError naming op, values and shapes", () => {
  const g = new GraphBuilder();
  const x = g.input("x", "float32", [2, 3]);
  const w = g.param("w", [4, 5]);
  throws(() => ops.matmul(x, w, { name: "q" }), (e: unknown) => {
    strictEqual(
      (e as Error).message,
      'Cannot build MatMul "q": inner dimensions differ: 3 vs 4 ' +
        "(inputs: x: float32[2,3], w: float32[4,5])",
    );
    return e instanceof ShapeError && e.op === "MatMul";
  });
});

Deno.test("reshape and transpose chains fold into one node (or none)", () => {
  const g = new GraphBuilder();
  const x = g.input("x", "float32", [2, 3, 4]);
  const r = ops.reshape(ops.reshape(x, [6, 4]), [24]);
  deepStrictEqual(g.producer(r)?.inputs[0], x);
  strictEqual(ops.reshape(ops.reshape(x, [6, 4]), [2, 3, 4]), x);
  const t = ops.transpose(ops.transpose(x, [0, 2, 1]), [2, 1, 0]);
  deepStrictEqual([g.producer(t)?.inputs[0], t.shape], [x, [3, 4, 2]]);
  strictEqual(ops.transpose(ops.transpose(x, [1, 0, 2]), [1, 0, 2]), x);
});
