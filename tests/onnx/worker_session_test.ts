import { deepEqual, equal, ok, rejects } from "node:assert/strict";
import {
  encodeModel,
  float32Data,
  type ModelSpec,
  type NodeSpec,
  OnnxError,
  WorkerSession,
} from "../../lib/onnx/mod.ts";

/** y = x·W·W·…·W (`depth` MatMuls of n×n): a run that keeps one thread busy for a while. */
function matmulChain(n: number, depth: number): ModelSpec {
  const nodes: NodeSpec[] = [];
  for (let i = 0; i < depth; i++) {
    nodes.push({
      opType: "MatMul",
      inputs: [i === 0 ? "x" : `h${i}`, "W"],
      outputs: [i === depth - 1 ? "y" : `h${i + 1}`],
    });
  }
  return {
    irVersion: 10,
    opsets: [{ domain: "", version: 20 }],
    graph: {
      name: "chain",
      nodes,
      inputs: [
        { name: "x", dataType: "float32", shape: [n, n] },
        { name: "W", dataType: "float32", shape: [n, n] },
      ],
      outputs: [{ name: "y", dataType: "float32", shape: [n, n] }],
    },
  };
}

Deno.test("WorkerSession.run() leaves the main thread's timers ticking while ORT computes", async () => {
  const n = 384;
  const session = await WorkerSession.create(encodeModel(matmulChain(n, 120)), {
    intraOpNumThreads: 1,
  });
  const W = new Float32Array(n * n).fill(1 / n);
  const x = new Float32Array(n * n).fill(1);
  let ticks = 0;
  const timer = setInterval(() => ticks++, 2);
  const started = performance.now();
  const { y } = await session.run({ x: { data: x, dims: [n, n] }, W: { data: W, dims: [n, n] } });
  const elapsed = performance.now() - started;
  clearInterval(timer);
  // A main-thread run would block the event loop for the whole run (0–1 ticks).
  ok(ticks >= Math.min(5, elapsed / 10), `${ticks} ticks in ${elapsed.toFixed(0)} ms`);
  ok(Math.abs(float32Data(y)[0] - 1) < 1e-3);
  await session.release();
});

Deno.test("WorkerSession.run() copies feeds by default and detaches them with transfer", async () => {
  const session = await WorkerSession.create(encodeModel(matmulChain(2, 1)));
  deepEqual(session.inputNames, ["x", "W"]);
  deepEqual(session.outputNames, ["y"]);
  const x = new Float32Array([1, 2, 3, 4]);
  const W = new Float32Array([1, 0, 0, 1]);
  const r1 = await session.run({ x: { data: x, dims: [2, 2] }, W: { data: W, dims: [2, 2] } });
  deepEqual(Array.from(float32Data(r1.y)), [1, 2, 3, 4]);
  equal(x.length, 4);
  const r2 = await session.run(
    { x: { data: x, dims: [2, 2] }, W: { data: W, dims: [2, 2] } },
    { transfer: true, fetches: ["y"] },
  );
  deepEqual(Array.from(float32Data(r2.y)), [1, 2, 3, 4]);
  equal(x.length, 0);
  await session.release();
  await session.release();
  await rejects(
    session.run({ x: { data: W, dims: [2, 2] }, W: { data: W, dims: [2, 2] } }),
    (e) => e instanceof OnnxError && e.kind === "worker",
  );
});

Deno.test("WorkerSession reports ORT errors from the worker as typed OnnxErrors", async () => {
  await rejects(
    WorkerSession.create(new Uint8Array([9, 9, 9])),
    (e) => e instanceof OnnxError && e.kind === "session",
  );
  await rejects(
    WorkerSession.create(encodeModel(matmulChain(2, 1)), { executionProviders: ["cuda"] }),
    (e) => e instanceof OnnxError && e.kind === "provider",
  );
  const session = await WorkerSession.create(encodeModel(matmulChain(2, 1)));
  await rejects(
    session.run({ x: { data: new Float32Array(3), dims: [2, 2] } }),
    (e) => e instanceof OnnxError && e.kind === "run",
  );
  await session.release();
});
