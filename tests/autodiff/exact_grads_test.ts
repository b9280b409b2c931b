/**
 * Gradients checked against exact host-computed values where finite differences cannot tell:
 * an embedding gradient with heavily repeated ids on a two-thread session (the race that made
 * ScatterND(add) lose updates), and ReduceMax's tie rule (not differentiable at a tie).
 */
import { deepStrictEqual, ok } from "node:assert/strict";
import { GraphBuilder, ops } from "../../lib/graph/mod.ts";
import { gradients } from "../../lib/autodiff/mod.ts";
import { createOrtSession, encodeModel, float32Data, lowerGraph } from "../../lib/onnx/mod.ts";
import { Prng } from "../../lib/random/mod.ts";

Deno.test("an embedding gradient with repeated ids is the exact per-row sum on 1 and 2 ORT threads", async () => {
  const [vocab, batch, seq, hidden] = [24, 8, 128, 64];
  const g = new GraphBuilder("embedding");
  const table = g.param("table", [vocab, hidden]);
  const ids = g.input("ids", "int64", [batch, seq]);
  const upstream = g.input("upstream", "float32", [batch, seq, hidden]);
  const loss = ops.reduceSum(ops.mul(ops.gather(table, ids), upstream), [0, 1, 2]);
  const [dTable] = gradients(loss, [table]);
  const bytes = encodeModel(lowerGraph(g, { outputs: { grad: dTable } }));
  const prng = new Prng(5);
  const idData = BigInt64Array.from({ length: batch * seq }, () => BigInt(prng.int(0, vocab - 1)));
  const up = Float32Array.from({ length: batch * seq * hidden }, () => prng.uniform(-1, 1));
  const expected = new Float64Array(vocab * hidden);
  idData.forEach((id, n) => {
    for (let h = 0; h < hidden; h++) expected[Number(id) * hidden + h] += up[n * hidden + h];
  });
  const results: Float32Array[] = [];
  for (const threads of [1, 2]) {
    const session = await createOrtSession(bytes, { intraOpNumThreads: threads });
    try {
      for (let run = 0; run < 3; run++) {
        const out = await session.run({
          table: { data: new Float32Array(vocab * hidden), dims: [vocab, hidden] },
          ids: { data: idData, dims: [batch, seq] },
          upstream: { data: up, dims: [batch, seq, hidden] },
        });
        results.push(float32Data(out.grad));
      }
    } finally {
      await session.release();
    }
  }
  for (const got of results) {
    let worst = 0;
    got.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - expected[i]))));
    ok(worst < 1e-4, `max |error| ${worst}`); // each row sums ~43 values of |u| ≤ 1
  }
});

Deno.test("ReduceMax splits the gradient equally among tied maxima", async () => {
  const g = new GraphBuilder("ties");
  const x = g.param("x", [2, 3], "float64");
  const [dx] = gradients(ops.reduceSum(ops.reduceMax(x, [1]), [0]), [x]);
  const session = await createOrtSession(encodeModel(lowerGraph(g, { outputs: { dx } })), {
    intraOpNumThreads: 1,
  });
  try {
    const out = await session.run({ x: { data: Float64Array.of(1, 3, 3, 2, 2, 2), dims: [2, 3] } });
    deepStrictEqual(Array.from(out.dx.data as Float64Array), [0, 0.5, 0.5, 1 / 3, 1 / 3, 1 / 3]);
  } finally {
    await session.release();
  }
});
