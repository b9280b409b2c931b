import { deepStrictEqual, ok, strictEqual, throws } from "node:assert/strict";
import { GraphBuilder, ops } from "../../lib/graph/mod.ts";
import { lowerGraph } from "../../lib/onnx/lower_graph.ts";
import { createOrtSession, encodeModel, float32Data } from "../../lib/onnx/mod.ts";

Deno.test("lowerGraph() keeps only the nodes the outputs need", () => {
  const g = new GraphBuilder("g");
  const x = g.input("x", "float32", [2, 3]);
  const y = ops.exp(x, { name: "y" });
  ops.log(x, { name: "unused" });
  const model = lowerGraph(g, { outputs: [y] });
  deepStrictEqual(model.graph.nodes.map((n) => n.opType), ["Exp"]);
  strictEqual(model.irVersion, 10);
  deepStrictEqual(model.opsets, [{ domain: "", version: 20 }]);
});

Deno.test("lowerGraph() renames outputs and adds Identity for inputs and repeats", () => {
  const g = new GraphBuilder("g");
  const x = g.input("x", "float32", [2]);
  const y = ops.neg(x);
  const model = lowerGraph(g, { outputs: { out: y, again: y, echo: x } });
  deepStrictEqual(
    model.graph.nodes.map((n) => [n.opType, n.inputs, n.outputs]),
    [["Neg", ["x"], ["out"]], ["Identity", ["out"], ["again"]], ["Identity", ["x"], ["echo"]]],
  );
  deepStrictEqual(model.graph.outputs.map((o) => o.name), ["out", "again", "echo"]);
});

Deno.test("lowerGraph() turns static attributes into shared int64 initializers", () => {
  const g = new GraphBuilder("g");
  const x = g.input("x", "float32", [2, 3]);
  const a = ops.reshape(x, [3, 2]);
  const b = ops.reshape(ops.neg(x), [3, 2]);
  const model = lowerGraph(g, { outputs: [a, b] });
  const inits = model.graph.initializers ?? [];
  strictEqual(inits.length, 1);
  deepStrictEqual(Array.from(inits[0].data as BigInt64Array), [3n, 2n]);
  ok(model.graph.nodes.every((n) => n.opType !== "Reshape" || n.inputs[1] === inits[0].name));
});

Deno.test("a lowered graph runs in ORT and matches a hand computation", async () => {
  const g = new GraphBuilder("lin");
  const x = g.input("x", "float32", [2, 2]);
  const w = g.param("w", [3, 2]);
  const b = g.param("b", [3]);
  const y = ops.linear(x, w, { bias: b });
  const session = await createOrtSession(encodeModel(lowerGraph(g, { outputs: { y } })), {
    intraOpNumThreads: 1,
  });
  try {
    const out = await session.run({
      x: { data: Float32Array.of(1, 2, 3, 4), dims: [2, 2] },
      w: { data: Float32Array.of(1, 0, 0, 1, 1, 1), dims: [3, 2] },
      b: { data: Float32Array.of(0.5, 0, -1), dims: [3] },
    });
    deepStrictEqual(Array.from(float32Data(out.y)), [1.5, 2, 2, 3.5, 4, 6]);
  } finally {
    await session.release();
  }
});

Deno.test("lowerGraph() rejects an output name that is listed twice or taken by another value", () => {
  const g = new GraphBuilder("g");
  const x = g.input("x", "float32", [2]);
  const y = ops.neg(x, { name: "y" });
  const z = ops.exp(x, { name: "z" });
  throws(() => lowerGraph(g, { outputs: [y, y] }), /output "y" is listed twice/);
  throws(() => lowerGraph(g, { outputs: { z: y } }), /output name "z" is already a value's name/);
  strictEqual(lowerGraph(g, { outputs: [z] }).graph.nodes.length, 1);
});
