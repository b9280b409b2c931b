/**
 * Every op with a gradient rule passes a central finite-difference check in ONNX Runtime
 * (float64 where ORT has double kernels), including broadcasting and fan-in cases.
 */
import { deepStrictEqual } from "node:assert/strict";
import { ops, type OpType, type SymTensor } from "../../lib/graph/mod.ts";
import { GRAD_RULES } from "../../lib/autodiff/mod.ts";
import { checkGradients, type FdCase } from "./_fd.ts";

const ids = (...v: number[]) => BigInt64Array.from(v, BigInt);
const bools = (...v: number[]) => Uint8Array.from(v);
const x = (shape: number[], range?: [number, number]) => ({ name: "x", shape, range });

interface Case extends FdCase {
  readonly covers: readonly OpType[];
}

const unary = (op: OpType, f: (t: SymTensor) => SymTensor, range?: [number, number]): Case => ({
  name: op,
  covers: [op],
  inputs: [x([2, 3], range)],
  build: ({ x }) => f(x),
});

const CASES: readonly Case[] = [
  unary("Neg", ops.neg),
  unary("Exp", ops.exp),
  unary("Log", ops.log, [0.5, 2]),
  unary("Sqrt", ops.sqrt, [0.5, 2]),
  unary("Reciprocal", ops.reciprocal, [0.5, 2]),
  unary("Tanh", ops.tanh),
  unary("Sigmoid", ops.sigmoid, [-3, 3]),
  unary("Relu", ops.relu),
  unary("Abs", ops.abs),
  unary("Identity", ops.identity),
  { ...unary("Erf", ops.erf, [-2, 2]), dtype: "float32" },
  { ...unary("Gelu", (t) => ops.gelu(t), [-3, 3]), dtype: "float32" },
  {
    name: "gelu from primitives (erf form)",
    covers: [],
    dtype: "float32",
    inputs: [x([2, 3], [-3, 3])],
    build: ({ x }) => ops.gelu(x, { primitives: true }),
  },
  {
    name: "Add with broadcasting both ways",
    covers: ["Add"],
    inputs: [{ name: "a", shape: [2, 3, 4] }, { name: "b", shape: [3, 1] }],
    build: ({ a, b }) => ops.add(a, b),
  },
  {
    name: "Sub with a broadcast first operand",
    covers: ["Sub"],
    inputs: [{ name: "a", shape: [4] }, { name: "b", shape: [2, 3, 4] }],
    build: ({ a, b }) => ops.sub(a, b),
  },
  {
    name: "Mul with mutual broadcasting",
    covers: ["Mul"],
    inputs: [{ name: "a", shape: [2, 1, 4] }, { name: "b", shape: [3, 1] }],
    build: ({ a, b }) => ops.mul(a, b),
  },
  {
    name: "Mul by a scalar and by a one-element vector (sums down to rank 0 and 1)",
    covers: ["Mul"],
    inputs: [{ name: "a", shape: [2, 3] }, { name: "s", shape: [] }, { name: "v", shape: [1] }],
    build: ({ a, s, v }) => ops.mul(ops.mul(a, s), v),
  },
  {
    name: "Div with a broadcast divisor",
    covers: ["Div"],
    inputs: [{ name: "a", shape: [2, 3] }, { name: "b", shape: [3], range: [0.5, 2] }],
    build: ({ a, b }) => ops.div(a, b),
  },
  {
    name: "Pow with a tensor exponent",
    covers: ["Pow"],
    inputs: [{ name: "a", shape: [2, 3], range: [0.5, 2] }, { name: "b", shape: [3] }],
    build: ({ a, b }) => ops.pow(a, b),
  },
  {
    name: "Pow with constant exponents",
    covers: ["Pow"],
    inputs: [{ name: "a", shape: [2, 3], range: [0.5, 2] }],
    build: ({ a }) => ops.add(ops.pow(a, 2), ops.pow(a, -1.5)),
  },
  {
    name: "Max and Min with broadcasting",
    covers: ["Max", "Min"],
    inputs: [{ name: "a", shape: [2, 3] }, { name: "b", shape: [3] }],
    build: ({ a, b }) => ops.add(ops.max(a, b), ops.mul(ops.min(a, b), 2)),
  },
  {
    name: "Sum of three broadcast operands",
    covers: ["Sum"],
    inputs: [{ name: "a", shape: [2, 3] }, { name: "b", shape: [3] }, { name: "c", shape: [2, 1] }],
    build: ({ a, b, c }) => ops.sum([a, b, c]),
  },
  {
    name: "Where with a broadcast condition and operands",
    covers: ["Where"],
    inputs: [
      { name: "c", shape: [3], dtype: "bool", data: bools(1, 0, 1) },
      { name: "a", shape: [2, 3] },
      { name: "b", shape: [2, 1] },
    ],
    build: ({ c, a, b }) => ops.where(c, a, b),
  },
  {
    name: "Cast float32 → float64 → float32",
    covers: ["Cast"],
    dtype: "float32",
    inputs: [x([2, 3])],
    build: ({ x }) => ops.cast(ops.mul(ops.cast(x, "float64"), 3), "float32"),
  },
  {
    name: "fan-in: one value used by several consumers",
    covers: [],
    inputs: [x([2, 3])],
    build: ({ x }) => ops.add(ops.mul(x, x), ops.mul(ops.exp(x), ops.tanh(x))),
  },
  {
    name: "Reshape, Unsqueeze, Squeeze and Transpose",
    covers: ["Reshape", "Unsqueeze", "Squeeze", "Transpose"],
    inputs: [x([2, 3, 4])],
    build: ({ x }) => {
      const t = ops.transpose(ops.reshape(x, [6, 4]), [1, 0]); // [4, 6]
      return ops.mul(ops.squeeze(ops.unsqueeze(t, [0, 2]), [0]), ops.unsqueeze(t, [1]));
    },
  },
  {
    name: "Expand over new and size-1 axes",
    covers: ["Expand"],
    inputs: [x([3, 1])],
    build: ({ x }) => ops.mul(ops.expand(x, [2, 3, 4]), ops.expand(x, [3, 4])),
  },
  {
    // Part sizes [2, 1, 1] are not a palindrome, so split pieces handed back in the wrong
    // order would not fit by chance.
    name: "Concat along axis 1",
    covers: ["Concat"],
    inputs: [{ name: "a", shape: [2, 1, 3] }, { name: "b", shape: [2, 2, 3] }],
    build: ({ a, b }) => ops.concat([b, a, ops.mul(a, 2)], 1),
  },
  {
    name: "Split with an unused part",
    covers: ["Split"],
    inputs: [x([2, 4])],
    build: ({ x }) => {
      const [p, , r] = ops.split(x, [1, 2, 1], { axis: 1 });
      return ops.mul(p, r);
    },
  },
  {
    name: "Slice with negative and clamped bounds",
    covers: ["Slice"],
    inputs: [x([3, 5])],
    build: ({ x }) => ops.slice(x, { starts: [1, -4], ends: [3, 100] }),
  },
  {
    name: "Pad with growth and cropping",
    covers: ["Pad"],
    inputs: [x([2, 3])],
    build: ({ x }) => ops.add(ops.pad(x, [1, 0, 0, 2]), ops.pad(x, [0, -1, 1, 3], { value: 0.5 })),
  },
  {
    name: "Gather axis 0 (embedding lookup with repeated ids)",
    covers: ["Gather"],
    inputs: [
      { name: "table", shape: [5, 3] },
      { name: "ids", shape: [2, 4], dtype: "int64", data: ids(1, 3, 1, 0, 3, 3, 4, 1) },
    ],
    build: ({ table, ids }) => ops.gather(table, ids),
  },
  {
    name: "Gather axis 1 with a constant scalar index (CLS select)",
    covers: ["Gather"],
    inputs: [x([2, 4, 3])],
    build: ({ x }, g) => ops.gather(x, g.constant("cls", ids(0), []), { axis: 1 }),
  },
  {
    name: "Gather axis 1 with an index tensor",
    covers: ["Gather"],
    inputs: [x([2, 4, 3]), { name: "i", shape: [3], dtype: "int64", data: ids(2, -1, 2) }],
    build: ({ x, i }) => ops.gather(x, i, { axis: 1 }),
  },
  {
    name: "GatherElements along axis 1 with repeats",
    covers: ["GatherElements"],
    inputs: [x([3, 4]), { name: "i", shape: [3, 2], dtype: "int64", data: ids(0, 0, 3, 1, 2, 2) }],
    build: ({ x, i }) => ops.gatherElements(x, i, { axis: 1 }),
  },
  {
    name: "ScatterElements with reduction add",
    covers: ["ScatterElements"],
    inputs: [
      { name: "d", shape: [4, 3] },
      { name: "i", shape: [2, 3], dtype: "int64", data: ids(1, 1, 3, 1, 0, 3) },
      { name: "u", shape: [2, 3] },
    ],
    build: ({ d, i, u }) => ops.scatterElements(d, { indices: i, updates: u, reduction: "add" }),
  },
  {
    name: "ScatterElements without reduction",
    covers: ["ScatterElements"],
    inputs: [
      { name: "d", shape: [4, 3] },
      { name: "i", shape: [2, 3], dtype: "int64", data: ids(1, 0, 3, 2, 1, 0) },
      { name: "u", shape: [2, 3] },
    ],
    build: ({ d, i, u }) => ops.scatterElements(d, { indices: i, updates: u }),
  },
  {
    name: "MatMul with a weight matrix (Gemm backward)",
    covers: ["MatMul"],
    inputs: [{ name: "a", shape: [2, 3, 4] }, { name: "b", shape: [4, 5] }],
    build: ({ a, b }) => ops.matmul(a, b),
  },
  {
    name: "MatMul batched with broadcast batch axes",
    covers: ["MatMul"],
    inputs: [{ name: "a", shape: [2, 1, 3, 4] }, { name: "b", shape: [3, 4, 2] }],
    build: ({ a, b }) => ops.matmul(a, b),
  },
  {
    name: "MatMul of a matrix by a batch",
    covers: ["MatMul"],
    inputs: [{ name: "a", shape: [3, 4] }, { name: "b", shape: [2, 4, 2] }],
    build: ({ a, b }) => ops.matmul(a, b),
  },
  ...[[false, false], [false, true], [true, false], [true, true]].map(([ta, tb]): Case => ({
    name: `Gemm transA=${ta} transB=${tb} with alpha, beta and a broadcast C`,
    covers: ["Gemm"],
    inputs: [
      { name: "a", shape: ta ? [4, 3] : [3, 4] },
      { name: "b", shape: tb ? [2, 4] : [4, 2] },
      { name: "c", shape: [2] },
    ],
    build: ({ a, b, c }) => ops.gemm(a, b, { c, transA: ta, transB: tb, alpha: 0.7, beta: 1.3 }),
  })),
  {
    name: "Softmax on the last and a middle axis",
    covers: ["Softmax"],
    inputs: [x([2, 3, 4])],
    build: ({ x }) => ops.add(ops.softmax(x), ops.softmax(x, { axis: 1 })),
  },
  {
    name: "CumSum forward, reverse and exclusive",
    covers: ["CumSum"],
    inputs: [x([2, 5])],
    build: ({ x }) =>
      ops.add(
        ops.cumSum(x, { axis: 1 }),
        ops.mul(ops.cumSum(x, { axis: -1, reverse: true, exclusive: true }), 2),
      ),
  },
  {
    name: "LogSoftmax",
    covers: ["LogSoftmax"],
    inputs: [x([2, 3, 4])],
    build: ({ x }) => ops.logSoftmax(x),
  },
  {
    name: "ReduceSum, ReduceMean and ReduceMax with and without keepdims",
    covers: ["ReduceSum", "ReduceMean", "ReduceMax"],
    inputs: [x([2, 3, 4])],
    build: ({ x }) => {
      const s = ops.reduceSum(x, [0, 2]); // [3]
      const m = ops.reduceMean(x, [-1], { keepdims: true }); // [2, 3, 1]
      const mx = ops.reduceMax(x, [1]); // [2, 4]
      return ops.add(ops.mul(m, ops.unsqueeze(s, [1])), ops.unsqueeze(ops.mul(mx, 2), [1]));
    },
  },
  {
    name: "LayerNormalization (fused rule) over the last axis",
    covers: ["LayerNormalization"],
    inputs: [x([2, 3, 5]), { name: "gamma", shape: [5] }, { name: "beta", shape: [5] }],
    build: ({ x, gamma, beta }) => ops.layerNorm(x, { gamma, beta }, { epsilon: 1e-5 }),
  },
  {
    name: "LayerNormalization over the last two axes",
    covers: ["LayerNormalization"],
    inputs: [x([2, 3, 4]), { name: "gamma", shape: [3, 4] }, { name: "beta", shape: [3, 4] }],
    build: ({ x, gamma, beta }) =>
      ops.layerNormalization(x, { scale: gamma, bias: beta, axis: 1, epsilon: 1e-5 }).y,
  },
  {
    name: "linear on a 3-D input (torch weight layout)",
    covers: [],
    inputs: [x([2, 3, 4]), { name: "w", shape: [5, 4] }, { name: "b", shape: [5] }],
    build: ({ x, w, b }) => ops.linear(x, w, { bias: b }),
  },
  {
    name: "softmax cross-entropy with class weights",
    covers: [],
    inputs: [
      { name: "logits", shape: [4, 3], range: [-3, 3] },
      { name: "labels", shape: [4], dtype: "int64", data: ids(2, 0, 1, 2) },
      { name: "w", shape: [3], range: [0.5, 2], grad: false },
    ],
    build: ({ logits, labels, w }) =>
      ops.add(
        ops.softmaxCrossEntropy(logits, labels),
        ops.softmaxCrossEntropy(logits, labels, { classWeights: w }),
      ),
  },
  {
    name: "BCE with logits, plain and with pos_weight",
    covers: [],
    inputs: [
      { name: "logits", shape: [3, 4], range: [-4, 4] },
      {
        name: "y",
        shape: [3, 4],
        data: Float64Array.from([1, 0, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1]),
        grad: false,
      },
      { name: "pw", shape: [4], range: [0.5, 3], grad: false },
    ],
    build: ({ logits, y, pw }) =>
      ops.add(ops.bceWithLogits(logits, y), ops.bceWithLogits(logits, y, { posWeight: pw })),
  },
  {
    name: "masked mean pooling and dropout with a bool mask",
    covers: [],
    inputs: [
      x([2, 3, 4]),
      { name: "m", shape: [2, 3], dtype: "int64", data: ids(1, 1, 0, 1, 0, 0) },
      { name: "keep", shape: [2, 4], dtype: "bool", data: bools(1, 0, 1, 1, 1, 1, 0, 1) },
    ],
    build: ({ x, m, keep }) => ops.dropout(ops.maskedMeanPool(x, m), keep, 0.25),
  },
  {
    name: "dropout with a prescaled float mask",
    covers: [],
    inputs: [
      x([2, 4]),
      {
        name: "keep",
        shape: [2, 4],
        data: Float64Array.from([2, 0, 2, 2, 0, 2, 2, 2]),
        grad: false,
      },
    ],
    build: ({ x, keep }) => ops.dropout(x, keep, 0.5, { prescaled: true }),
  },
  {
    name: "a whole BERT encoder layer (attention, masks, GELU, residuals, layer norms)",
    covers: [],
    dtype: "float32",
    inputs: [
      x([2, 3, 4]),
      { name: "mask", shape: [2, 3], data: Float32Array.from([1, 1, 0, 1, 1, 1]), grad: false },
      ...["q", "k", "v", "o"].flatMap((n) => [
        { name: `${n}.w`, shape: [4, 4], range: [-0.7, 0.7] as [number, number] },
        { name: `${n}.b`, shape: [4] },
      ]),
      { name: "i.w", shape: [8, 4], range: [-0.7, 0.7] },
      { name: "i.b", shape: [8] },
      { name: "out.w", shape: [4, 8], range: [-0.5, 0.5] },
      { name: "out.b", shape: [4] },
      { name: "ln1.g", shape: [4], range: [0.5, 1.5] },
      { name: "ln1.b", shape: [4] },
      { name: "ln2.g", shape: [4], range: [0.5, 1.5] },
      { name: "ln2.b", shape: [4] },
    ],
    build: (t) => {
      const lin = (h: SymTensor, n: string) => ops.linear(h, t[`${n}.w`], { bias: t[`${n}.b`] });
      const heads = (h: SymTensor) => ops.transpose(ops.reshape(h, [2, 3, 2, 2]), [0, 2, 1, 3]);
      const [q, k, v] = ["q", "k", "v"].map((n) => heads(lin(t.x, n)));
      const bias = ops.reshape(ops.mul(ops.sub(1, t.mask), -1e4), [2, 1, 1, 3]);
      const scores = ops.add(
        ops.mul(ops.matmul(q, ops.transpose(k, [0, 1, 3, 2])), Math.SQRT1_2),
        bias,
      );
      const ctx = ops.reshape(ops.transpose(ops.matmul(ops.softmax(scores), v), [0, 2, 1, 3]), [
        2,
        3,
        4,
      ]);
      const a = ops.layerNorm(
        ops.add(lin(ctx, "o"), t.x),
        { gamma: t["ln1.g"], beta: t["ln1.b"] },
        {
          epsilon: 1e-5,
        },
      );
      const ff = ops.add(lin(ops.gelu(lin(a, "i")), "out"), a);
      return ops.layerNorm(ff, { gamma: t["ln2.g"], beta: t["ln2.b"] }, { epsilon: 1e-5 });
    },
  },
];

for (const c of CASES) {
  Deno.test(`gradient of ${c.name} matches central differences`, async () => {
    const report = await checkGradients(c);
    deepStrictEqual(report.mismatches, []);
  });
}

Deno.test("every op with a gradient rule has a finite-difference case", () => {
  const covered = new Set(CASES.flatMap((c) => c.covers));
  const missing = (Object.keys(GRAD_RULES) as OpType[]).filter(
    (op) => GRAD_RULES[op].kind === "vjp" && !covered.has(op),
  );
  deepStrictEqual(missing, []);
});
