/**
 * The composite losses and pooling compute the values PyTorch's definitions give (the
 * finite-difference suite checks only that their gradients fit their values, so a wrong formula
 * would pass there). References are written out here in double precision from the torch docs.
 */
import { ok, throws } from "node:assert/strict";
import { GraphBuilder, ops, ShapeError, type SymTensor } from "../../lib/graph/mod.ts";
import { createOrtSession, encodeModel, type FeedMap, lowerGraph } from "../../lib/onnx/mod.ts";

const LOGITS = [2.5, -1, 0.3, -40, 35, 1, 0.1, 0.2, -0.3, 4, -4, 60];
const LABELS = [0, 1, -100, 2]; // -100 is torch's default ignore_index
const CLASS_WEIGHTS = [0.5, 2, 1.5];
const TARGETS = [1, 0, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1];
const POS_WEIGHT = [3, 0.5, 1];

/** torch.nn.functional.cross_entropy(logits, labels, weight, ignore_index=-100), mean. */
function crossEntropyRef(weights?: readonly number[]): number {
  let num = 0, den = 0;
  LABELS.forEach((y, b) => {
    if (y === -100) return;
    const row = LOGITS.slice(3 * b, 3 * b + 3);
    const m = Math.max(...row);
    const lse = m + Math.log(row.reduce((s, v) => s + Math.exp(v - m), 0));
    const w = weights?.[y] ?? 1;
    num += w * (lse - row[y]);
    den += w;
  });
  return num / den;
}

/** torch.nn.functional.binary_cross_entropy_with_logits(x, y, pos_weight), mean. */
function bceRef(posWeight?: readonly number[]): number {
  let total = 0;
  LOGITS.forEach((x, i) => {
    const y = TARGETS[i], pw = posWeight?.[i % 3] ?? 1;
    const logSigmoid = (v: number) => -(Math.max(-v, 0) + Math.log1p(Math.exp(-Math.abs(v))));
    total += -(pw * y * logSigmoid(x) + (1 - y) * logSigmoid(-x));
  });
  return total / LOGITS.length;
}

async function evaluate(
  build: (g: GraphBuilder) => Record<string, SymTensor>,
  feeds: FeedMap,
): Promise<Record<string, number>> {
  const g = new GraphBuilder("losses");
  const session = await createOrtSession(encodeModel(lowerGraph(g, { outputs: build(g) })), {
    intraOpNumThreads: 1,
  });
  try {
    const out = await session.run(feeds);
    return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, Number(v.data[0])]));
  } finally {
    await session.release();
  }
}

function near(actual: number, expected: number, what: string): void {
  ok(
    Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} vs ${expected}`,
  );
}

Deno.test("softmaxCrossEntropy() equals torch's cross_entropy, ignoring label -100, with and without class weights", async () => {
  const got = await evaluate((g) => {
    const logits = g.input("logits", "float64", [4, 3]);
    const labels = g.input("labels", "int64", [4]);
    const w = g.input("w", "float64", [3]);
    return {
      plain: ops.softmaxCrossEntropy(logits, labels),
      weighted: ops.softmaxCrossEntropy(logits, labels, { classWeights: w }),
    };
  }, {
    logits: { data: Float64Array.from(LOGITS), dims: [4, 3] },
    labels: { data: BigInt64Array.from(LABELS, BigInt), dims: [4] },
    w: { data: Float64Array.from(CLASS_WEIGHTS), dims: [3] },
  });
  near(got.plain, crossEntropyRef(), "plain");
  near(got.weighted, crossEntropyRef(CLASS_WEIGHTS), "weighted");
});

Deno.test("bceWithLogits() equals torch's binary_cross_entropy_with_logits, with and without pos_weight, at extreme logits", async () => {
  const got = await evaluate((g) => {
    const logits = g.input("logits", "float64", [4, 3]);
    const y = g.input("y", "float64", [4, 3]);
    const pw = g.input("pw", "float64", [3]);
    return {
      plain: ops.bceWithLogits(logits, y),
      weighted: ops.bceWithLogits(logits, y, { posWeight: pw }),
    };
  }, {
    logits: { data: Float64Array.from(LOGITS), dims: [4, 3] },
    y: { data: Float64Array.from(TARGETS), dims: [4, 3] },
    pw: { data: Float64Array.from(POS_WEIGHT), dims: [3] },
  });
  ok(Number.isFinite(got.plain) && Number.isFinite(got.weighted));
  near(got.plain, bceRef(), "plain");
  near(got.weighted, bceRef(POS_WEIGHT), "pos_weight");
});

Deno.test("maskedMeanPool() averages only the unmasked positions", async () => {
  const hidden = Float64Array.from({ length: 2 * 3 * 2 }, (_, i) => i + 1);
  const got = await evaluate((g) => {
    const h = g.input("h", "float64", [2, 3, 2]);
    const m = g.input("m", "int64", [2, 3]);
    const pooled = ops.maskedMeanPool(h, m);
    return { a: ops.reduceSum(ops.slice(pooled, { starts: [0], ends: [1] }), [0, 1]) };
  }, {
    h: { data: hidden, dims: [2, 3, 2] },
    m: { data: BigInt64Array.of(1n, 0n, 1n, 1n, 1n, 1n), dims: [2, 3] },
  });
  near(got.a, (1 + 5) / 2 + (2 + 6) / 2, "row 0");
});

Deno.test("linear and the losses reject operands of the wrong shapes with a ShapeError naming them", () => {
  const g = new GraphBuilder();
  const logits = g.input("logits", "float32", [4, 3]);
  throws(
    () => ops.linear(g.input("x", "float32", [2, 5]), g.param("fc.weight", [3, 4])),
    (e) =>
      e instanceof ShapeError && e.op === "linear" &&
      /x: float32\[2,5\], fc\.weight: float32\[3,4\]/.test(e.message),
  );
  throws(
    () =>
      ops.softmaxCrossEntropy(
        g.input("seq_logits", "float32", [4, 2, 3]),
        g.input("l", "int64", [4]),
      ),
    (e) => e instanceof ShapeError && /seq_logits: float32\[4,2,3\]/.test(e.message),
  );
  throws(() => ops.softmaxCrossEntropy(logits, g.input("l5", "int64", [5])), ShapeError);
  // [3] would silently broadcast over [3, 3] logits; it must be rejected.
  const square = g.input("square", "float32", [3, 3]);
  throws(
    () => ops.bceWithLogits(square, g.input("t", "float32", [3])),
    (e) => e instanceof ShapeError && /targets must have the shape of logits/.test(e.message),
  );
});
