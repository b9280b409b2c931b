/**
 * Ops without gradient rules (the others run in the finite-difference suite) lowered and run in
 * ONNX Runtime against hand-computed values, so their attributes and extra inputs are right.
 */
import { deepStrictEqual } from "node:assert/strict";
import { GraphBuilder, ops, type SymTensor } from "../../lib/graph/mod.ts";
import { createOrtSession, encodeModel, lowerGraph } from "../../lib/onnx/mod.ts";

Deno.test("comparison, logic, bitwise, ArgMax, Cast and fill ops run in ORT with the expected values", async () => {
  const g = new GraphBuilder("nondiff");
  const a = g.input("a", "float32", [2, 3]);
  const b = g.input("b", "float32", [3]);
  const i = g.input("i", "int64", [3]);
  const outputs: Record<string, SymTensor> = {
    eq: ops.equal(a, b),
    lt: ops.less(a, b),
    gt: ops.greater(a, b),
    le: ops.lessOrEqual(a, b),
    ge: ops.greaterOrEqual(a, b),
    andNot: ops.and(ops.greater(a, 0), ops.not(ops.less(a, b))),
    or: ops.or(ops.equal(a, b), ops.greater(a, 2)),
    sign: ops.sign(a),
    argmax: ops.argMax(a, { axis: 1 }),
    argmaxKeep: ops.argMax(a, { axis: 0, keepdims: true }),
    castInt: ops.cast(a, "int32"),
    band: ops.bitwiseAnd(i, 6),
    bxor: ops.bitwiseXor(i, 6),
    fill: ops.fill(g, [2], { value: 7, dtype: "int64" }),
  };
  const session = await createOrtSession(encodeModel(lowerGraph(g, { outputs })), {
    intraOpNumThreads: 1,
  });
  try {
    const out = await session.run({
      a: { data: Float32Array.of(1, 5, -2, 3, 0, 4), dims: [2, 3] },
      b: { data: Float32Array.of(1, 0, 4), dims: [3] },
      i: { data: BigInt64Array.of(3n, 5n, 12n), dims: [3] },
    });
    const v = (k: string) => Array.from(out[k].data as ArrayLike<number | bigint>, Number);
    deepStrictEqual(v("eq"), [1, 0, 0, 0, 1, 1]);
    deepStrictEqual(v("lt"), [0, 0, 1, 0, 0, 0]);
    deepStrictEqual(v("gt"), [0, 1, 0, 1, 0, 0]);
    deepStrictEqual(v("le"), [1, 0, 1, 0, 1, 1]);
    deepStrictEqual(v("ge"), [1, 1, 0, 1, 1, 1]);
    deepStrictEqual(v("andNot"), [1, 1, 0, 1, 0, 1]);
    deepStrictEqual(v("or"), [1, 1, 0, 1, 1, 1]);
    deepStrictEqual(v("sign"), [1, 1, -1, 1, 0, 1]);
    deepStrictEqual(v("argmax"), [1, 2]);
    deepStrictEqual(v("argmaxKeep"), [1, 0, 1]);
    deepStrictEqual(v("castInt"), [1, 5, -2, 3, 0, 4]);
    deepStrictEqual(v("band"), [2, 4, 4]);
    deepStrictEqual(v("bxor"), [5, 3, 10]);
    deepStrictEqual(v("fill"), [7, 7]);
    deepStrictEqual(out.argmaxKeep.dims, [1, 3]);
  } finally {
    await session.release();
  }
});
