/**
 * Composite helpers built from the primitive ops: GELU, linear, layer norm, losses, pooling and
 * dropout with an explicit mask. Their gradients come from the primitives' rules (GELU and layer
 * norm use single fused ONNX ops with their own rules).
 *
 * @module
 */
import { emit1, type OpOptions } from "./_emit.ts";
import { sameShape } from "./_shape.ts";
import { ShapeError } from "./shape_error.ts";
import { GraphError } from "./graph_error.ts";
import {
  abs,
  add,
  cast,
  div,
  equal,
  erf,
  exp,
  log,
  max,
  mul,
  neg,
  relu,
  sub,
} from "./ops_elementwise.ts";
import { gemm, layerNormalization, logSoftmax, reduceSum } from "./ops_nn.ts";
import { reshape, unsqueeze } from "./ops_tensor.ts";
import type { SymTensor } from "./types.ts";

/** A {@link ShapeError} from a composite's own check of its operands. */
function compositeShapeError(
  op: string,
  name: string | undefined,
  operands: readonly SymTensor[],
  reason: string,
): ShapeError {
  return new ShapeError({
    op,
    output: name ?? op,
    reason,
    operands: operands.map((t) => ({ name: t.name, dtype: t.dtype, shape: t.shape })),
  });
}

/** Options of {@link gelu}. */
export interface GeluOptions extends OpOptions {
  /** Build `0.5·x·(1 + erf(x/√2))` from primitives instead of the fused ONNX `Gelu` op. */
  readonly primitives?: boolean;
}

/** GELU, erf form (as Hugging Face BERT): one fused `Gelu` node unless `primitives` is set. */
export function gelu(x: SymTensor, options: GeluOptions = {}): SymTensor {
  if (!options.primitives) return emit1({ op: "Gelu" }, [x], options);
  return x.graph.scope(options.name ?? "gelu", () => {
    const phi = add(erf(mul(x, Math.SQRT1_2)), 1);
    return mul(mul(x, 0.5), phi);
  });
}

/** Options of {@link linear}. */
export interface LinearOptions extends OpOptions {
  /** Bias `[out]`. */
  readonly bias?: SymTensor;
}

/**
 * `x·Wᵀ + b` with the torch/Hugging Face weight layout `W [out, in]`; `x [..., in]` is flattened
 * to a matrix for one Gemm (transB) and reshaped back to `[..., out]`.
 */
export function linear(x: SymTensor, weight: SymTensor, options: LinearOptions = {}): SymTensor {
  const [out, inF] = weight.shape;
  const lead = x.shape.slice(0, -1);
  if (weight.shape.length !== 2 || x.shape[x.shape.length - 1] !== inF) {
    throw compositeShapeError(
      "linear",
      options.name,
      [x, weight],
      "x's last axis must equal the weight's in-features (W is [out, in])",
    );
  }
  const x2 = reshape(x, [lead.reduce((a, b) => a * b, 1), inF]);
  const y2 = gemm(x2, weight, { c: options.bias, transB: true, name: options.name });
  return reshape(y2, [...lead, out]);
}

/** Options of {@link layerNorm}. */
export interface LayerNormOptions extends OpOptions {
  /** Default 1e-12 (BERT); RoBERTa/DeBERTa use 1e-5 / 1e-7. */
  readonly epsilon?: number;
}

/** Layer norm over the last axis with `gamma`/`beta` (one ONNX LayerNormalization node). */
export function layerNorm(
  x: SymTensor,
  params: { readonly gamma: SymTensor; readonly beta: SymTensor },
  options: LayerNormOptions = {},
): SymTensor {
  return layerNormalization(x, {
    scale: params.gamma,
    bias: params.beta,
    epsilon: options.epsilon,
    name: options.name,
  }).y;
}

/** Options of {@link softmaxCrossEntropy}. */
export interface SoftmaxCrossEntropyOptions extends OpOptions {
  /** Per-class weights `[C]`: the loss is Σ w_y·nll / Σ w_y (torch semantics). */
  readonly classWeights?: SymTensor;
}

/**
 * Mean cross-entropy of `logits [B, C]` against int64 `labels [B]`, stable via log-softmax;
 * returns a scalar. As torch's `cross_entropy` with `ignore_index=-100`: a row whose label is no
 * class (−100, or any value outside `[0, C)`) adds nothing, and the mean is over the other rows
 * (NaN when every row is ignored, as in torch).
 */
export function softmaxCrossEntropy(
  logits: SymTensor,
  labels: SymTensor,
  options: SoftmaxCrossEntropyOptions = {},
): SymTensor {
  const g = logits.graph;
  const [b, c] = logits.shape;
  if (logits.shape.length !== 2 || labels.shape.length !== 1 || labels.shape[0] !== b) {
    throw compositeShapeError(
      "softmaxCrossEntropy",
      options.name,
      [logits, labels],
      "logits must be [B, C] and labels [B]",
    );
  }
  return g.scope(options.name ?? "cross_entropy", () => {
    const classes = g.constant("classes", BigInt64Array.from({ length: c }, (_, i) => BigInt(i)), [
      c,
    ]);
    const onehot = cast(equal(unsqueeze(cast(labels, "int64"), [1]), classes), logits.dtype); // [B, C]
    const lsm = logSoftmax(logits); // [B, C]
    // Ignored rows have an all-zero one-hot row: they drop out of both sums.
    const w = options.classWeights === undefined ? onehot : mul(onehot, options.classWeights);
    return div(neg(reduceSum(mul(lsm, w), [0, 1])), reduceSum(w, [0, 1]), { name: "loss" });
  });
}

/** Options of {@link bceWithLogits}. */
export interface BceWithLogitsOptions extends OpOptions {
  /** Weight of positives per class (broadcast over the last axis), as torch's `pos_weight`. */
  readonly posWeight?: SymTensor;
}

/**
 * Mean binary cross-entropy of `logits` against float `targets` of the same shape, in the stable
 * form `max(x,0) − x·y + log(1 + e^(−|x|))`; returns a scalar.
 */
export function bceWithLogits(
  logits: SymTensor,
  targets: SymTensor,
  options: BceWithLogitsOptions = {},
): SymTensor {
  const g = logits.graph;
  if (!sameShape(logits.shape, targets.shape)) {
    throw compositeShapeError(
      "bceWithLogits",
      options.name,
      [logits, targets],
      "targets must have the shape of logits",
    );
  }
  const n = logits.shape.reduce((a, b) => a * b, 1);
  const axes = logits.shape.map((_, i) => i);
  return g.scope(options.name ?? "bce", () => {
    const y = cast(targets, logits.dtype);
    const softplus = log(add(exp(neg(abs(logits))), 1)); // log(1 + e^-|x|)
    let perItem: SymTensor;
    if (options.posWeight === undefined) {
      perItem = add(sub(relu(logits), mul(logits, y)), softplus);
    } else {
      const logWeight = add(mul(sub(options.posWeight, 1), y), 1);
      perItem = add(mul(sub(1, y), logits), mul(logWeight, add(softplus, relu(neg(logits)))));
    }
    return mul(reduceSum(perItem, axes), 1 / n, { name: "loss" });
  });
}

/** Mean of `hidden [B, S, H]` over the positions where `mask [B, S]` is set. */
export function maskedMeanPool(
  hidden: SymTensor,
  mask: SymTensor,
  options: OpOptions = {},
): SymTensor {
  return hidden.graph.scope(options.name ?? "mean_pool", () => {
    const m = unsqueeze(cast(mask, hidden.dtype), [2]); // [B, S, 1]
    const total = reduceSum(mul(hidden, m), [1]); // [B, H]
    const count = max(reduceSum(m, [1]), 1e-9); // [B, 1]
    return div(total, count, { name: "pooled" });
  });
}

/** Options of {@link dropout}. */
export interface DropoutOptions extends OpOptions {
  /**
   * The mask already holds the keep multipliers `0` or `1/(1−p)` in x's float type, so dropout
   * is one Mul forward and one backward (no Cast, no scaling pass).
   */
  readonly prescaled?: boolean;
}

/**
 * Inverted dropout with a mask made outside the graph (or by an in-graph mask builder):
 * `x · mask / (1 − p)`. `mask` is bool or 0/1 float with x's shape (or broadcastable to it),
 * or with `prescaled` the multipliers themselves.
 */
export function dropout(
  x: SymTensor,
  mask: SymTensor,
  p: number,
  options: DropoutOptions = {},
): SymTensor {
  if (!(p >= 0 && p < 1)) throw new GraphError(`Cannot build dropout: p ${p} is not in [0, 1)`);
  if (p === 0) return x;
  return x.graph.scope(options.name ?? "dropout", () => {
    if (options.prescaled) {
      if (mask.dtype !== x.dtype) {
        throw new GraphError(
          `Cannot build dropout: a prescaled mask "${mask.name}" must be ${x.dtype}, not ${mask.dtype}`,
        );
      }
      return mul(x, mask, { name: "out" });
    }
    const keep = mul(cast(mask, x.dtype), 1 / (1 - p)); // scaled keep mask
    return mul(x, keep, { name: "out" });
  });
}
