/**
 * Shape inference of every op: one accepted case with its inferred dtype and shape, and (where an
 * op can reject its inputs) one rejected case with the ShapeError message.
 */
import { deepStrictEqual, ok, throws } from "node:assert/strict";
import {
  GraphBuilder,
  type GraphDType,
  ops,
  ShapeError,
  type SymTensor,
} from "../../lib/graph/mod.ts";

function graph() {
  const g = new GraphBuilder();
  const f = (name: string, shape: number[], dtype: GraphDType = "float32") =>
    g.input(name, dtype, shape);
  return { g, f };
}

const typeOf = (t: SymTensor) => `${t.dtype}[${t.shape.join(",")}]`;

function rejects(build: () => unknown, message: RegExp): void {
  throws(build, (e: unknown) => {
    ok(e instanceof ShapeError, String(e));
    ok(message.test(e.message), e.message);
    return true;
  });
}

Deno.test("unary ops keep dtype and shape; float-only ops reject ints; Not needs bool", () => {
  const { f } = graph();
  const x = f("x", [2, 3]);
  for (const op of [ops.neg, ops.exp, ops.log, ops.sqrt, ops.reciprocal, ops.tanh, ops.erf]) {
    deepStrictEqual(typeOf(op(x)), "float32[2,3]");
  }
  for (const op of [ops.sigmoid, ops.relu, ops.abs, ops.sign, ops.identity, ops.gelu]) {
    deepStrictEqual(typeOf(op(x)), "float32[2,3]");
  }
  rejects(
    () => ops.exp(f("i", [2], "int64")),
    /Cannot build Exp "exp": needs a float input, "i" is int64/,
  );
  rejects(() => ops.not(x), /Not.*needs a bool input/);
  deepStrictEqual(typeOf(ops.not(f("b", [4], "bool"))), "bool[4]");
});

Deno.test("binary ops broadcast numpy-style and name both shapes when they cannot", () => {
  const { f } = graph();
  const a = f("a", [2, 1, 4]), b = f("b", [3, 1]);
  for (const op of [ops.add, ops.sub, ops.mul, ops.div, ops.pow, ops.max, ops.min]) {
    deepStrictEqual(typeOf(op(a, b)), "float32[2,3,4]");
  }
  for (const op of [ops.equal, ops.less, ops.greater, ops.lessOrEqual, ops.greaterOrEqual]) {
    deepStrictEqual(typeOf(op(a, b)), "bool[2,3,4]");
  }
  deepStrictEqual(typeOf(ops.add(a, 1)), "float32[2,1,4]");
  rejects(
    () => ops.add(a, f("c", [3, 5])),
    /Cannot build Add "add": shapes \[2,1,4\] and \[3,5\] do not broadcast \(inputs: a: float32\[2,1,4\], c: float32\[3,5\]\)/,
  );
  rejects(() => ops.mul(a, f("i", [4], "int64")), /dtypes differ: float32 vs int64/);
  const p = f("p", [2], "bool");
  deepStrictEqual(typeOf(ops.and(p, ops.or(p, p))), "bool[2]");
  rejects(() => ops.and(a, a), /needs bool inputs/);
  deepStrictEqual(typeOf(ops.sum([a, b, f("d", [4])])), "float32[2,3,4]");
  deepStrictEqual(typeOf(ops.bitwiseXor(f("n", [3], "int64"), 5)), "int64[3]");
  rejects(() => ops.bitwiseAnd(a, a), /BitwiseAnd.*needs int64 or int32 inputs/);
});

Deno.test("Where needs a bool condition and broadcasts all three operands", () => {
  const { f } = graph();
  const c = f("c", [3, 1], "bool");
  deepStrictEqual(typeOf(ops.where(c, f("a", [4]), 0)), "float32[3,4]");
  rejects(() => ops.where(f("n", [3]), f("a2", [3]), 0), /condition "n" must be bool/);
});

Deno.test("Cast changes only the dtype (and is skipped when unchanged)", () => {
  const { f } = graph();
  const x = f("x", [2]);
  deepStrictEqual(typeOf(ops.cast(x, "int64")), "int64[2]");
  deepStrictEqual(ops.cast(x, "float32"), x);
});

Deno.test("MatMul broadcasts batch axes and rejects mismatched inner dimensions", () => {
  const { f } = graph();
  deepStrictEqual(typeOf(ops.matmul(f("a", [2, 1, 3, 4]), f("b", [5, 4, 6]))), "float32[2,5,3,6]");
  deepStrictEqual(typeOf(ops.matmul(f("v", [4]), f("m", [4, 6]))), "float32[6]");
  rejects(() => ops.matmul(f("x", [2, 3]), f("w", [4, 5])), /inner dimensions differ: 3 vs 4/);
});

Deno.test("Gemm honours transA/transB and checks C", () => {
  const { f } = graph();
  const a = f("a", [4, 3]), b = f("b", [5, 4]);
  deepStrictEqual(typeOf(ops.gemm(a, b, { transA: true, transB: true })), "float32[3,5]");
  deepStrictEqual(typeOf(ops.gemm(a, f("b2", [3, 5]), { c: f("c", [5]) })), "float32[4,5]");
  rejects(() => ops.gemm(a, b), /inner dimensions differ: 3 vs 5/);
  rejects(
    () => ops.gemm(a, f("b3", [3, 5]), { c: f("c2", [4]) }),
    /C \[4\] does not broadcast to \[4,5\]/,
  );
  rejects(() => ops.gemm(f("t", [2, 3, 4]), b), /A and B must be matrices/);
});

Deno.test("CumSum keeps the shape and checks the axis", () => {
  const { f } = graph();
  const m = f("m", [2, 5], "int64");
  deepStrictEqual(typeOf(ops.cumSum(m, { axis: 1 })), "int64[2,5]");
  rejects(() => ops.cumSum(m, { axis: 2 }), /CumSum.*axis 2 is out of range for rank 2/);
});

Deno.test("Softmax and LogSoftmax check the axis", () => {
  const { f } = graph();
  const x = f("x", [2, 3]);
  deepStrictEqual(typeOf(ops.softmax(x, { axis: 0 })), "float32[2,3]");
  deepStrictEqual(typeOf(ops.logSoftmax(x)), "float32[2,3]");
  rejects(() => ops.softmax(x, { axis: 2 }), /axis 2 is out of range for rank 2/);
});

Deno.test("Gather, GatherElements and ScatterElements infer and check index shapes", () => {
  const { f } = graph();
  const table = f("table", [10, 4]);
  const ids = f("ids", [2, 3], "int64");
  deepStrictEqual(typeOf(ops.gather(table, ids)), "float32[2,3,4]");
  deepStrictEqual(
    typeOf(ops.gather(f("h", [2, 5, 4]), f("k", [], "int64"), { axis: 1 })),
    "float32[2,4]",
  );
  rejects(() => ops.gather(table, f("fi", [2])), /indices "fi" must be int64 or int32/);
  deepStrictEqual(
    typeOf(ops.gatherElements(table, f("e", [10, 2], "int64"), { axis: 1 })),
    "float32[10,2]",
  );
  rejects(() => ops.gatherElements(table, f("e1", [3], "int64")), /ranks differ/);
  const upd = f("u", [3, 4]);
  deepStrictEqual(
    typeOf(
      ops.scatterElements(table, {
        indices: f("si", [3, 4], "int64"),
        updates: upd,
        reduction: "add",
      }),
    ),
    "float32[10,4]",
  );
  rejects(
    () => ops.scatterElements(table, { indices: f("si2", [3, 2], "int64"), updates: upd }),
    /indices and updates shapes differ/,
  );
});

Deno.test("Reshape infers one -1 and rejects a wrong element count", () => {
  const { f } = graph();
  const x = f("x", [2, 3, 4]);
  deepStrictEqual(typeOf(ops.reshape(x, [6, -1])), "float32[6,4]");
  deepStrictEqual(ops.reshape(x, [2, 3, 4]), x);
  rejects(() => ops.reshape(x, [5, -1]), /cannot reshape \[2,3,4\] \(24 elements\) to \[5,-1\]/);
  rejects(() => ops.reshape(x, [-1, -1]), /more than one -1/);
});

Deno.test("Transpose, Unsqueeze and Squeeze check their axes", () => {
  const { f } = graph();
  const x = f("x", [2, 1, 4]);
  deepStrictEqual(typeOf(ops.transpose(x, [2, 0, 1])), "float32[4,2,1]");
  deepStrictEqual(typeOf(ops.transpose(x)), "float32[4,1,2]");
  rejects(() => ops.transpose(x, [0, 0, 1]), /perm \[0,0,1\] is not a permutation of rank 3/);
  deepStrictEqual(typeOf(ops.unsqueeze(x, [0, -1])), "float32[1,2,1,4,1]");
  deepStrictEqual(typeOf(ops.squeeze(x, [1])), "float32[2,4]");
  rejects(() => ops.squeeze(x, [0]), /axis 0 has size 2, not 1/);
});

Deno.test("Concat and Split agree on the axis sizes", () => {
  const { f } = graph();
  const a = f("a", [2, 3]), b = f("b", [2, 5]);
  const c = ops.concat([a, b], 1);
  deepStrictEqual(typeOf(c), "float32[2,8]");
  rejects(() => ops.concat([a, f("z", [3, 3])], 1), /shapes differ outside axis 1/);
  deepStrictEqual(ops.split(c, [3, 5], { axis: 1 }).map(typeOf), ["float32[2,3]", "float32[2,5]"]);
  rejects(() => ops.split(c, [3, 4], { axis: 1 }), /sizes \[3,4\] do not sum to 8/);
});

Deno.test("Slice clamps bounds; Pad adds and crops; Expand broadcasts", () => {
  const { f } = graph();
  const x = f("x", [3, 5]);
  deepStrictEqual(typeOf(ops.slice(x, { starts: [1, -4], ends: [3, 100] })), "float32[2,4]");
  deepStrictEqual(
    typeOf(ops.slice(x, { starts: [0], ends: [5], axes: [1], steps: [2] })),
    "float32[3,3]",
  );
  rejects(() => ops.slice(x, { starts: [0], ends: [1], steps: [-1] }), /only positive steps/);
  deepStrictEqual(typeOf(ops.pad(x, [1, 0, 0, -2])), "float32[4,3]");
  rejects(() => ops.pad(x, [1, 0]), /pads needs 4 entries, got 2/);
  deepStrictEqual(typeOf(ops.expand(f("c", [3, 1]), [2, 3, 4])), "float32[2,3,4]");
  rejects(() => ops.expand(x, [3, 4]), /do not broadcast/);
});

Deno.test("reductions drop or keep axes; an empty axis list reduces nothing", () => {
  const { f } = graph();
  const x = f("x", [2, 3, 4]);
  deepStrictEqual(typeOf(ops.reduceSum(x, [0, 2])), "float32[3]");
  deepStrictEqual(typeOf(ops.reduceMean(x, [-1], { keepdims: true })), "float32[2,3,1]");
  deepStrictEqual(typeOf(ops.reduceMax(x, [1])), "float32[2,4]");
  deepStrictEqual(ops.reduceSum(x, []), x);
  rejects(() => ops.reduceSum(x, [1, -2]), /repeated axes/);
  deepStrictEqual(typeOf(ops.argMax(x)), "int64[2,3]");
});

Deno.test("LayerNormalization returns Y, Mean and InvStdDev and checks scale and bias", () => {
  const { f } = graph();
  const x = f("x", [2, 3, 4]);
  const ln = ops.layerNormalization(x, { scale: f("s", [4]), bias: f("b", [4]) });
  deepStrictEqual([ln.y, ln.mean, ln.invStdDev].map(typeOf), [
    "float32[2,3,4]",
    "float32[2,3,1]",
    "float32[2,3,1]",
  ]);
  rejects(
    () => ops.layerNormalization(x, { scale: f("s2", [3]), bias: f("b2", [4]) }),
    /scale and bias must have shape \[4\]/,
  );
});

Deno.test("fill() makes a run-time constant of any shape and dtype", () => {
  const { g } = graph();
  deepStrictEqual(typeOf(ops.fill(g, [2, 2], { value: 1, dtype: "int64" })), "int64[2,2]");
});

Deno.test("composites infer their output shapes", () => {
  const { g, f } = graph();
  const logits = f("logits", [4, 3]);
  deepStrictEqual(typeOf(ops.softmaxCrossEntropy(logits, f("y", [4], "int64"))), "float32[]");
  deepStrictEqual(typeOf(ops.bceWithLogits(logits, f("t", [4, 3]))), "float32[]");
  deepStrictEqual(
    typeOf(ops.maskedMeanPool(f("h", [2, 5, 8]), f("m", [2, 5], "int64"))),
    "float32[2,8]",
  );
  deepStrictEqual(typeOf(ops.linear(f("x", [2, 5, 8]), g.param("w", [6, 8]))), "float32[2,5,6]");
  deepStrictEqual(typeOf(ops.dropout(logits, f("k", [4, 3], "bool"), 0.1)), "float32[4,3]");
});
