import { deepEqual, equal, ok, rejects } from "node:assert/strict";
import {
  createOrtSession,
  encodeModel,
  float32Data,
  type ModelSpec,
  OnnxError,
} from "../../lib/onnx/mod.ts";

const addModel: ModelSpec = {
  irVersion: 10,
  opsets: [{ domain: "", version: 20 }],
  graph: {
    name: "add",
    nodes: [
      { opType: "Add", inputs: ["a", "b"], outputs: ["sum"] },
      {
        opType: "Cast",
        inputs: ["a"],
        outputs: ["ai"],
        attributes: [{ kind: "int", name: "to", value: 7 }],
      },
    ],
    inputs: [
      { name: "a", dataType: "float32", shape: [3] },
      { name: "b", dataType: "float32", shape: [3] },
    ],
    outputs: [
      { name: "sum", dataType: "float32", shape: [3] },
      { name: "ai", dataType: "int64", shape: [3] },
    ],
  },
};

Deno.test("createOrtSession() refuses non-CPU execution providers with a provider OnnxError", async () => {
  await rejects(
    createOrtSession(encodeModel(addModel), { executionProviders: ["cuda"] }),
    (e) => e instanceof OnnxError && e.kind === "provider" && /"cuda".*CPU only/.test(e.message),
  );
});

Deno.test("OrtSession.run() returns plain typed arrays, honours fetches and leaves feeds intact", async () => {
  const s = await createOrtSession(encodeModel(addModel), {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    graphOptimizationLevel: "basic",
    allowSpinning: false,
  });
  deepEqual(s.inputNames, ["a", "b"]);
  deepEqual(s.outputNames, ["sum", "ai"]);
  const a = new Float32Array([1.5, 2, -3]);
  const r = await s.run({
    a: { data: a, dims: [3] },
    b: { data: new Float32Array([1, 1, 1]), dims: [3] },
  });
  deepEqual(Array.from(float32Data(r.sum)), [2.5, 3, -2]);
  equal(r.ai.dataType, "int64");
  deepEqual(Array.from(r.ai.data as BigInt64Array), [1n, 2n, -3n]);
  ok(r.sum.data !== a);
  deepEqual(Array.from(a), [1.5, 2, -3]);
  const only = await s.run(
    { a: { data: a, dims: [3] }, b: { data: a, dims: [3] } },
    ["sum"],
  );
  deepEqual(Object.keys(only), ["sum"]);
  await s.release();
  await s.release();
  await rejects(
    s.run({ a: { data: a, dims: [3] }, b: { data: a, dims: [3] } }),
    (e) => e instanceof OnnxError && /released/.test(e.message),
  );
});

Deno.test("createOrtSession() wraps ORT's refusal of bad bytes in a session OnnxError", async () => {
  await rejects(
    createOrtSession(new Uint8Array([1, 2, 3, 4])),
    (e) => e instanceof OnnxError && e.kind === "session" && e.cause !== undefined,
  );
});

Deno.test("OrtSession.run() reports a wrongly shaped feed as a run OnnxError", async () => {
  const s = await createOrtSession(encodeModel(addModel));
  await rejects(
    s.run({
      a: { data: new Float32Array(2), dims: [3] },
      b: { data: new Float32Array(3), dims: [3] },
    }),
    (e) => e instanceof OnnxError && e.kind === "run",
  );
  await s.release();
});
