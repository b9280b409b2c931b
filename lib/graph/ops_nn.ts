/**
 * Op builders for the network maths: matrix products, softmax, reductions, layer normalization.
 *
 * @module
 */
import { emit1, type OpOptions } from "./_emit.ts";
import type { ReduceOpType, SymTensor } from "./types.ts";

/** Batched matrix product with numpy broadcasting of the batch axes. */
export function matmul(a: SymTensor, b: SymTensor, options?: OpOptions): SymTensor {
  return emit1({ op: "MatMul" }, [a, b], options);
}

/** What {@link gemm} takes besides A and B. */
export interface GemmOptions extends OpOptions {
  /** Added (broadcast) to the product. */
  readonly c?: SymTensor;
  /** Use Aᵀ. */
  readonly transA?: boolean;
  /** Use Bᵀ. */
  readonly transB?: boolean;
  /** Scale of the product (default 1). */
  readonly alpha?: number;
  /** Scale of C (default 1). */
  readonly beta?: number;
}

/** `alpha·op(A)·op(B) + beta·C` on matrices (op = optional transpose). */
export function gemm(a: SymTensor, b: SymTensor, options: GemmOptions = {}): SymTensor {
  const spec = {
    op: "Gemm",
    transA: options.transA ?? false,
    transB: options.transB ?? false,
    alpha: options.alpha ?? 1,
    beta: options.beta ?? 1,
  } as const;
  return emit1(spec, options.c === undefined ? [a, b] : [a, b, options.c], options);
}

/** Options of {@link cumSum}. */
export interface CumSumOptions extends OpOptions {
  /** Default 0. */
  readonly axis?: number;
  /** Leave out the element itself (`[0, x0, x0+x1, …]`). */
  readonly exclusive?: boolean;
  /** Sum from the end. */
  readonly reverse?: boolean;
}

/** Running sum along an axis (e.g. RoBERTa's position ids from the attention mask). */
export function cumSum(x: SymTensor, options: CumSumOptions = {}): SymTensor {
  const spec = {
    op: "CumSum",
    axis: options.axis ?? 0,
    exclusive: options.exclusive ?? false,
    reverse: options.reverse ?? false,
  } as const;
  return emit1(spec, [x], options);
}

/** Softmax along `axis` (default the last). */
export function softmax(
  x: SymTensor,
  options: OpOptions & { readonly axis?: number } = {},
): SymTensor {
  return emit1({ op: "Softmax", axis: options.axis ?? -1 }, [x], options);
}

/** Log-softmax along `axis` (default the last). */
export function logSoftmax(
  x: SymTensor,
  options: OpOptions & { readonly axis?: number } = {},
): SymTensor {
  return emit1({ op: "LogSoftmax", axis: options.axis ?? -1 }, [x], options);
}

/** Options of the reductions: `keepdims` defaults to false. */
export interface ReduceOptions extends OpOptions {
  /** Keep reduced axes with size 1. */
  readonly keepdims?: boolean;
}

function reduce(
  op: ReduceOpType,
  x: SymTensor,
  axes: readonly number[],
  options: ReduceOptions,
): SymTensor {
  if (axes.length === 0) return x;
  return emit1({ op, axes, keepdims: options.keepdims ?? false }, [x], options);
}

/** Sum over `axes` (an empty list reduces nothing). */
export function reduceSum(
  x: SymTensor,
  axes: readonly number[],
  options: ReduceOptions = {},
): SymTensor {
  return reduce("ReduceSum", x, axes, options);
}

/** Mean over `axes`. */
export function reduceMean(
  x: SymTensor,
  axes: readonly number[],
  options: ReduceOptions = {},
): SymTensor {
  return reduce("ReduceMean", x, axes, options);
}

/** Maximum over `axes`. */
export function reduceMax(
  x: SymTensor,
  axes: readonly number[],
  options: ReduceOptions = {},
): SymTensor {
  return reduce("ReduceMax", x, axes, options);
}

/** Index of the maximum along `axis` (int64, no gradient). */
export function argMax(
  x: SymTensor,
  options: ReduceOptions & { readonly axis?: number } = {},
): SymTensor {
  return emit1({ op: "ArgMax", axis: options.axis ?? -1, keepdims: options.keepdims ?? false }, [
    x,
  ], options);
}

/** What {@link layerNormalization} takes besides the input. */
export interface LayerNormalizationOptions extends OpOptions {
  /** γ, shaped like the normalised axes. */
  readonly scale: SymTensor;
  /** β, shaped like the normalised axes. */
  readonly bias: SymTensor;
  /** First normalised axis (default −1: the last). */
  readonly axis?: number;
  /** Default 1e-12 (BERT's). */
  readonly epsilon?: number;
}

/** The three outputs of ONNX LayerNormalization (opset 17). */
export interface LayerNormalizationOutputs {
  /** The normalised output. */
  readonly y: SymTensor;
  /** Per-row mean, size 1 along the normalised axes. */
  readonly mean: SymTensor;
  /** Per-row `1/sqrt(var + eps)`, size 1 along the normalised axes. */
  readonly invStdDev: SymTensor;
}

/** ONNX LayerNormalization: `(x − mean)·invStdDev·scale + bias` over the trailing axes. */
export function layerNormalization(
  x: SymTensor,
  options: LayerNormalizationOptions,
): LayerNormalizationOutputs {
  const spec = {
    op: "LayerNormalization",
    axis: options.axis ?? -1,
    epsilon: options.epsilon ?? 1e-12,
  } as const;
  const [y, mean, invStdDev] = x.graph.emit(spec, [x, options.scale, options.bias], options);
  return { y, mean, invStdDev };
}
