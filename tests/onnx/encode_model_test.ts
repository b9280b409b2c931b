import { deepEqual, equal, ok, throws } from "node:assert/strict";
import { join } from "node:path";
import {
  createOrtSession,
  encodeModel,
  float32Data,
  type GraphSpec,
  type ModelSpec,
  OnnxError,
} from "../../lib/onnx/mod.ts";
import { readFields, sub, text } from "./_proto_reader.ts";

const model = (graph: GraphSpec): ModelSpec => ({
  irVersion: 10,
  opsets: [{ domain: "", version: 20 }],
  graph,
});

const W = new Float32Array([0.1, -0.2, 0.3, 0.4, 0.5, -0.6, 0.7, 0.8, -0.9, 1.0, 1.1, 1.2]);
const b = new Float32Array([0.01, 0.02, -0.03]);

function denseSoftmaxGraph(): GraphSpec {
  return {
    name: "dense",
    nodes: [
      { opType: "MatMul", inputs: ["x", "W"], outputs: ["h"] },
      { opType: "Add", inputs: ["h", "b"], outputs: ["z"], name: "bias" },
      {
        opType: "Softmax",
        inputs: ["z"],
        outputs: ["y"],
        attributes: [{ kind: "int", name: "axis", value: -1 }],
      },
    ],
    inputs: [{ name: "x", dataType: "float32", shape: ["batch", 4] }],
    outputs: [{ name: "y", dataType: "float32", shape: ["batch", 3] }],
    initializers: [
      { name: "W", dataType: "float32", dims: [4, 3], data: W },
      { name: "b", dataType: "float32", dims: [3], data: b },
    ],
  };
}

function referenceSoftmax(x: Float32Array, rows: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < rows; r++) {
    const z = [0, 1, 2].map((j) => {
      let s = b[j];
      for (let k = 0; k < 4; k++) s += x[r * 4 + k] * W[k * 3 + j];
      return s;
    });
    const m = Math.max(...z);
    const e = z.map((v) => Math.exp(v - m));
    const sum = e.reduce((a, c) => a + c, 0);
    out.push(...e.map((v) => v / sum));
  }
  return out;
}

function close(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-5): void {
  equal(actual.length, expected.length);
  for (let i = 0; i < actual.length; i++) {
    ok(Math.abs(actual[i] - expected[i]) <= tol, `[${i}] ${actual[i]} vs ${expected[i]}`);
  }
}

const x = new Float32Array([1, 2, 3, 4, -1, 0.5, 0.25, 2]);

Deno.test("encodeModel() writes initializers and symbolic dims that ORT runs correctly", async () => {
  const s = await createOrtSession(encodeModel(model(denseSoftmaxGraph())));
  const { y } = await s.run({ x: { data: x, dims: [2, 4] } });
  deepEqual(y.dims, [2, 3]);
  close(float32Data(y), referenceSoftmax(x, 2));
  await s.release();
});

Deno.test("encodeModel() encodes every attribute kind so ORT accepts and applies it", async () => {
  const branch = (name: string, value: number): GraphSpec => ({
    name,
    nodes: [{
      opType: "Constant",
      inputs: [],
      outputs: [`${name}_out`],
      attributes: [{ kind: "floats", name: "value_floats", value: [value, value * 2] }],
    }],
    inputs: [],
    outputs: [{ name: `${name}_out`, dataType: "float32", shape: [2] }],
  });
  const graph: GraphSpec = {
    name: "attrs",
    nodes: [
      { // float attribute
        opType: "LeakyRelu",
        inputs: ["x"],
        outputs: ["lr"],
        attributes: [{ kind: "float", name: "alpha", value: 0.5 }],
      },
      { // ints attribute
        opType: "Transpose",
        inputs: ["lr"],
        outputs: ["t"],
        attributes: [{ kind: "ints", name: "perm", value: [1, 0] }],
      },
      { // string attribute
        opType: "Gelu",
        inputs: ["t"],
        outputs: ["g"],
        attributes: [{ kind: "string", name: "approximate", value: "tanh" }],
      },
      { // tensor attribute (int64, with a negative value)
        opType: "Constant",
        inputs: [],
        outputs: ["shape"],
        attributes: [{
          kind: "tensor",
          name: "value",
          value: {
            name: "shape",
            dataType: "int64",
            dims: [2],
            data: new BigInt64Array([1n, -1n]),
          },
        }],
      },
      { opType: "Reshape", inputs: ["g", "shape"], outputs: ["flat"] },
      { // graph attributes
        opType: "If",
        inputs: ["cond"],
        outputs: ["chosen"],
        attributes: [
          { kind: "graph", name: "then_branch", value: branch("then", 1) },
          { kind: "graph", name: "else_branch", value: branch("else", 3) },
        ],
      },
    ],
    inputs: [
      { name: "x", dataType: "float32", shape: [2, 3] },
      { name: "cond", dataType: "bool", shape: [] },
    ],
    outputs: [
      { name: "flat", dataType: "float32", shape: [1, 6] },
      { name: "chosen", dataType: "float32", shape: [2] },
    ],
  };
  const s = await createOrtSession(encodeModel(model(graph)));
  const xs = new Float32Array([-2, -1, 0, 1, 2, 3]);
  const r = await s.run({
    x: { data: xs, dims: [2, 3] },
    cond: { data: new Uint8Array([0]), dims: [], dataType: "bool" },
  });
  const gelu = (v: number) =>
    0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v ** 3)));
  const leaky = Array.from(xs, (v) => (v < 0 ? 0.5 * v : v));
  const transposed = [0, 3, 1, 4, 2, 5].map((i) => leaky[i]);
  deepEqual(r.flat.dims, [1, 6]);
  close(float32Data(r.flat), transposed.map(gelu));
  deepEqual(Array.from(float32Data(r.chosen)), [3, 6]);
  await s.release();
});

Deno.test("encodeModel() writes a strings attribute as repeated field 9 with type STRINGS", () => {
  const bytes = encodeModel(model({
    name: "s",
    nodes: [{
      opType: "Identity",
      inputs: ["x"],
      outputs: ["y"],
      attributes: [{ kind: "strings", name: "tags", value: ["a", "bé"] }],
    }],
    inputs: [{ name: "x", dataType: "float32", shape: [1] }],
    outputs: [{ name: "y", dataType: "float32", shape: [1] }],
  }));
  const [graph] = sub(bytes, 7);
  const [node] = sub(graph, 1);
  const [attr] = sub(node, 5);
  deepEqual(sub(attr, 9).map(text), ["a", "bé"]);
  const type = readFields(attr).find((f) => f.field === 20);
  equal(type?.value, 8n);
  equal(readFields(bytes).find((f) => f.field === 1)?.value, 10n); // ir_version
});

Deno.test("encodeModel() rejects a tensor whose data does not match its dims", () => {
  const g = denseSoftmaxGraph();
  const bad: GraphSpec = {
    ...g,
    initializers: [{ name: "W", dataType: "float32", dims: [4, 4], data: W }],
  };
  throws(() => encodeModel(model(bad)), (e) => e instanceof OnnxError && /"W"/.test(e.message));
});

Deno.test("encodeModel() moves large initializers to an external data file ORT reads", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const dataPath = join(dir, "dense.onnx.data");
    const bytes = encodeModel(model(denseSoftmaxGraph()), {
      externalData: { path: dataPath, thresholdBytes: 40 },
    });
    // W (48 bytes) goes external, b (12 bytes) stays inline.
    const data = await Deno.readFile(dataPath);
    deepEqual(new Float32Array(data.buffer, 0, 12), W);
    const [graph] = sub(bytes, 7);
    const inits = sub(graph, 5);
    const entries = sub(inits[0], 13).map((e) => sub(e, 1).concat(sub(e, 2)).map(text));
    deepEqual(entries, [["location", "dense.onnx.data"], ["offset", "0"], ["length", "48"]]);
    equal(sub(inits[1], 13).length, 0);

    const modelPath = join(dir, "dense.onnx");
    await Deno.writeFile(modelPath, bytes);
    const fromPath = await createOrtSession(modelPath);
    const r1 = await fromPath.run({ x: { data: x, dims: [2, 4] } });
    close(float32Data(r1.y), referenceSoftmax(x, 2));
    await fromPath.release();

    const fromBytes = await createOrtSession(bytes, {
      externalData: [{ path: "dense.onnx.data", data }],
    });
    const r2 = await fromBytes.run({ x: { data: x, dims: [2, 4] } });
    close(float32Data(r2.y), referenceSoftmax(x, 2));
    await fromBytes.release();

    // The data given as a path to read (the node binding itself takes only bytes).
    const fromFile = await createOrtSession(bytes, {
      externalData: [{ path: "dense.onnx.data", data: dataPath }],
    });
    const r3 = await fromFile.run({ x: { data: x, dims: [2, 4] } });
    close(float32Data(r3.y), referenceSoftmax(x, 2));
    await fromFile.release();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("encodeModel() that fails midway leaves an existing external data file untouched and no partial one", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const dataPath = join(dir, "dense.onnx.data");
    const good = model(denseSoftmaxGraph());
    encodeModel(good, { externalData: { path: dataPath, thresholdBytes: 1 } });
    const before = await Deno.readFile(dataPath);
    // W goes external first, then the mis-sized tensor fails the encoding.
    const broken: ModelSpec = model({
      ...denseSoftmaxGraph(),
      initializers: [
        { name: "W", dataType: "float32", dims: [4, 3], data: W },
        { name: "bad", dataType: "float32", dims: [4], data: b },
      ],
    });
    throws(
      () => encodeModel(broken, { externalData: { path: dataPath, thresholdBytes: 1 } }),
      OnnxError,
    );
    deepEqual(await Deno.readFile(dataPath), before);
    const fresh = join(dir, "fresh.data");
    throws(() => encodeModel(broken, { externalData: { path: fresh, thresholdBytes: 1 } }));
    deepEqual((await Array.fromAsync(Deno.readDir(dir))).map((e) => e.name), ["dense.onnx.data"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
