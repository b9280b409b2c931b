/**
 * Small models and synthetic tasks for the engine's learning tests and bench: an MLP and a
 * BERT-shaped transformer classifier built from the graph room's op builders.
 *
 * @module
 */
import { type GraphBuilder, ops, type SymTensor } from "../../lib/graph/mod.ts";
import type { FeedMap } from "../../lib/onnx/mod.ts";
import { Prng } from "../../lib/random/mod.ts";
import type { ParamInfo, TrainBuildContext, TrainBuildResult } from "../../lib/train/mod.ts";

/** Shape of the MLP classifier. */
export interface MlpConfig {
  readonly batch: number;
  readonly inputs: number;
  readonly hidden: readonly number[];
  readonly classes: number;
  readonly dropout: number;
}

/** x [B, D] → (linear → GELU → dropout)* → linear → logits [B, C]; cross-entropy on labels. */
export function buildMlp(c: MlpConfig) {
  return (g: GraphBuilder, ctx: TrainBuildContext): TrainBuildResult => {
    const x = g.input("x", "float32", [c.batch, c.inputs]);
    const labels = g.input("labels", "int64", [c.batch]);
    let h = x;
    let width = c.inputs;
    c.hidden.forEach((n, i) => {
      h = g.scope(`fc${i}`, () => {
        const w = g.param(`fc${i}.weight`, [n, width]);
        const b = g.param(`fc${i}.bias`, [n]);
        return ctx.dropout(ops.gelu(ops.linear(h, w, { bias: b })), c.dropout);
      });
      width = n;
    });
    const logits = g.scope("head", () =>
      ops.linear(h, g.param("head.weight", [c.classes, width]), {
        bias: g.param("head.bias", [c.classes]),
        name: "logits",
      }));
    return { loss: ops.softmaxCrossEntropy(logits, labels), logits };
  };
}

/** Shape of the transformer classifier (BERT layout, post-LayerNorm). */
export interface TransformerConfig {
  readonly batch: number;
  readonly seq: number;
  readonly vocab: number;
  readonly hidden: number;
  readonly heads: number;
  readonly intermediate: number;
  readonly layers: number;
  readonly classes: number;
  readonly dropout: number;
  readonly pooling: "cls" | "mean";
}

function dense(g: GraphBuilder, x: SymTensor, name: string, out: number, inF: number): SymTensor {
  return ops.linear(x, g.param(`${name}.weight`, [out, inF]), {
    bias: g.param(`${name}.bias`, [out]),
    name,
  });
}

function layerNorm(g: GraphBuilder, x: SymTensor, name: string, h: number): SymTensor {
  return ops.layerNorm(x, {
    gamma: g.param(`${name}.weight`, [h]),
    beta: g.param(`${name}.bias`, [h]),
  }, { name, epsilon: 1e-12 });
}

function attention(
  g: GraphBuilder,
  ctx: TrainBuildContext,
  c: TransformerConfig,
  h: SymTensor, // [B, S, H]
  maskBias: SymTensor, // [B, 1, 1, S]
  p: string,
): SymTensor {
  const { batch: b, seq: s, hidden: hd, heads: nh } = c;
  const dh = hd / nh;
  const split = (t: SymTensor, perm: number[]) =>
    ops.transpose(ops.reshape(t, [b, s, nh, dh]), perm);
  const q = split(dense(g, h, `${p}.attention.self.query`, hd, hd), [0, 2, 1, 3]); // [B, nh, S, dh]
  const kT = split(dense(g, h, `${p}.attention.self.key`, hd, hd), [0, 2, 3, 1]); // [B, nh, dh, S]
  const v = split(dense(g, h, `${p}.attention.self.value`, hd, hd), [0, 2, 1, 3]); // [B, nh, S, dh]
  const scores = ops.add(ops.mul(ops.matmul(q, kT), 1 / Math.sqrt(dh)), maskBias); // [B, nh, S, S]
  const probs = ctx.dropout(ops.softmax(scores), c.dropout);
  const context = ops.reshape(ops.transpose(ops.matmul(probs, v), [0, 2, 1, 3]), [b, s, hd]);
  const out = ctx.dropout(dense(g, context, `${p}.attention.output.dense`, hd, hd), c.dropout);
  return layerNorm(g, ops.add(out, h), `${p}.attention.output.LayerNorm`, hd);
}

/** input_ids, attention_mask → embeddings → layers → pooled → dropout → classifier. */
export function buildTransformer(c: TransformerConfig) {
  return (g: GraphBuilder, ctx: TrainBuildContext): TrainBuildResult => {
    const { batch: b, seq: s, hidden: hd } = c;
    const ids = g.input("input_ids", "int64", [b, s]);
    const mask = g.input("attention_mask", "float32", [b, s]);
    const labels = g.input("labels", "int64", [b]);
    const word = g.param("embeddings.word_embeddings.weight", [c.vocab, hd]);
    const pos = g.param("embeddings.position_embeddings.weight", [s, hd]);
    let h = ops.add(ops.gather(word, ids), pos); // [B, S, H]
    h = ctx.dropout(layerNorm(g, h, "embeddings.LayerNorm", hd), c.dropout);
    const maskBias = ops.reshape(ops.mul(ops.sub(1, mask), -10000), [b, 1, 1, s]);
    for (let l = 0; l < c.layers; l++) {
      const p = `encoder.layer.${l}`;
      const a = attention(g, ctx, c, h, maskBias, p);
      const inter = ops.gelu(dense(g, a, `${p}.intermediate.dense`, c.intermediate, hd));
      const out = ctx.dropout(dense(g, inter, `${p}.output.dense`, hd, c.intermediate), c.dropout);
      h = layerNorm(g, ops.add(out, a), `${p}.output.LayerNorm`, hd);
    }
    const pooled = c.pooling === "mean"
      ? ops.maskedMeanPool(h, mask)
      : ops.reshape(ops.slice(h, { starts: [0], ends: [1], axes: [1] }), [b, hd]);
    const logits = dense(g, ctx.dropout(pooled, c.dropout), "classifier", c.classes, hd);
    return { loss: ops.softmaxCrossEntropy(logits, labels), logits };
  };
}

/** BERT-style init: N(0, 0.02) weights and embeddings, zero biases, LayerNorm γ = 1. */
export function initParams(
  params: readonly ParamInfo[],
  seed: number,
): Record<string, Float32Array> {
  const prng = new Prng(seed);
  const out: Record<string, Float32Array> = {};
  for (const p of params) {
    const a = new Float32Array(p.shape.reduce((x, y) => x * y, 1));
    if (p.name.includes("LayerNorm") && p.name.endsWith("weight")) a.fill(1);
    else if (!p.name.endsWith("bias")) {
      for (let i = 0; i < a.length; i++) a[i] = prng.normal(0, 0.02);
    }
    out[p.name] = a;
  }
  return out;
}

/** Two interleaved noisy spirals-like blobs: class = sign pattern of a random projection. */
export function mlpBatch(prng: Prng, c: MlpConfig): { feeds: FeedMap; labels: BigInt64Array } {
  const x = new Float32Array(c.batch * c.inputs);
  const labels = new BigInt64Array(c.batch);
  for (let i = 0; i < c.batch; i++) {
    const cls = prng.int(0, c.classes - 1);
    labels[i] = BigInt(cls);
    for (let d = 0; d < c.inputs; d++) {
      const centre = d % c.classes === cls ? 1.5 : 0;
      x[i * c.inputs + d] = centre + prng.normal(0, 0.7);
    }
  }
  return {
    feeds: { x: { data: x, dims: [c.batch, c.inputs] }, labels: { data: labels, dims: [c.batch] } },
    labels,
  };
}

/**
 * Token sequences with padding; label 1 when the "trigger" token 3 occurs among the real
 * tokens (half of the sequences get it), else 0. Token ids 4… are fillers; 0 is padding,
 * 1 is [CLS] at position 0.
 */
export function transformerBatch(
  prng: Prng,
  c: TransformerConfig,
): { feeds: FeedMap; labels: BigInt64Array } {
  const ids = new BigInt64Array(c.batch * c.seq);
  const mask = new Float32Array(c.batch * c.seq);
  const labels = new BigInt64Array(c.batch);
  for (let i = 0; i < c.batch; i++) {
    const len = prng.int(Math.max(2, c.seq >> 1), c.seq);
    const positive = prng.bernoulli(0.5);
    labels[i] = positive ? 1n : 0n;
    const trigger = prng.int(1, len - 1);
    for (let t = 0; t < c.seq; t++) {
      const k = i * c.seq + t;
      if (t >= len) continue;
      mask[k] = 1;
      ids[k] = t === 0 ? 1n : positive && t === trigger ? 3n : BigInt(prng.int(4, c.vocab - 1));
    }
  }
  return {
    feeds: {
      input_ids: { data: ids, dims: [c.batch, c.seq] },
      attention_mask: { data: mask, dims: [c.batch, c.seq] },
      labels: { data: labels, dims: [c.batch] },
    },
    labels,
  };
}

/** Share of rows whose arg-max logit equals the label. */
export function accuracy(logits: Float32Array, labels: BigInt64Array, classes: number): number {
  let right = 0;
  for (let i = 0; i < labels.length; i++) {
    let best = 0;
    for (let j = 1; j < classes; j++) {
      if (logits[i * classes + j] > logits[i * classes + best]) best = j;
    }
    if (BigInt(best) === labels[i]) right++;
  }
  return right / labels.length;
}
