/**
 * Op builders that move data: reshapes, transposes, slicing, padding, gathers and scatters.
 *
 * @module
 */
import { emit1, type OpOptions } from "./_emit.ts";
import { sameShape } from "./_shape.ts";
import type { GraphBuilder } from "./graph_builder.ts";
import type { GraphDType, SymTensor } from "./types.ts";

/**
 * `x` with a new static shape (one `-1` is inferred); a no-op when the shape is unchanged, and a
 * reshape of a reshape reads the original value.
 */
export function reshape(x: SymTensor, shape: readonly number[], options?: OpOptions): SymTensor {
  if (sameShape(x.shape, shape)) return x;
  const inner = x.graph.producer(x);
  const source = inner !== undefined && inner.spec.op === "Reshape" ? inner.inputs[0] : x;
  if (source !== x && sameShape(source.shape, shape)) return source;
  return emit1({ op: "Reshape", shape }, [source], options);
}

/**
 * `x` with its axes permuted (default: reversed). A transpose of a transpose folds into one
 * (or none, when the two cancel), so gradient rules can transpose freely.
 */
export function transpose(
  x: SymTensor,
  perm?: readonly number[],
  options?: OpOptions,
): SymTensor {
  const p = perm ?? x.shape.map((_, i) => x.shape.length - 1 - i);
  const inner = x.graph.producer(x);
  if (inner !== undefined && inner.spec.op === "Transpose" && p.length === x.shape.length) {
    const first = inner.spec.perm;
    const combined = p.map((i) => first[i]);
    if (combined.every((v, i) => v === i)) return inner.inputs[0];
    return emit1({ op: "Transpose", perm: combined }, [inner.inputs[0]], options);
  }
  if (p.every((v, i) => v === i)) return x;
  return emit1({ op: "Transpose", perm: p }, [x], options);
}

/** `x` with size-1 axes inserted at `axes` (positions in the output). */
export function unsqueeze(x: SymTensor, axes: readonly number[], options?: OpOptions): SymTensor {
  return emit1({ op: "Unsqueeze", axes }, [x], options);
}

/** `x` without its size-1 axes `axes`. */
export function squeeze(x: SymTensor, axes: readonly number[], options?: OpOptions): SymTensor {
  return emit1({ op: "Squeeze", axes }, [x], options);
}

/** Tensors joined along `axis`. */
export function concat(xs: readonly SymTensor[], axis: number, options?: OpOptions): SymTensor {
  return emit1({ op: "Concat", axis }, xs, options);
}

/** `x` cut along `axis` into parts of the given sizes. */
export function split(
  x: SymTensor,
  sizes: readonly number[],
  options: OpOptions & { readonly axis?: number } = {},
): SymTensor[] {
  return x.graph.emit({ op: "Split", axis: options.axis ?? 0, sizes }, [x], options);
}

/** What {@link slice} takes: bounds per axis (ends clamp, negatives count from the end). */
export interface SliceOptions extends OpOptions {
  /** First index per axis. */
  readonly starts: readonly number[];
  /** End (exclusive) per axis; clamped to the axis size. */
  readonly ends: readonly number[];
  /** Defaults to `0..starts.length-1`. */
  readonly axes?: readonly number[];
  /** Defaults to all 1. */
  readonly steps?: readonly number[];
}

/** A strided window of `x`. */
export function slice(x: SymTensor, options: SliceOptions): SymTensor {
  const axes = options.axes ?? options.starts.map((_, i) => i);
  const steps = options.steps ?? options.starts.map(() => 1);
  return emit1(
    { op: "Slice", starts: options.starts, ends: options.ends, axes, steps },
    [x],
    options,
  );
}

/** `x` broadcast to `shape` (numpy rules). */
export function expand(x: SymTensor, shape: readonly number[], options?: OpOptions): SymTensor {
  return sameShape(x.shape, shape) ? x : emit1({ op: "Expand", shape }, [x], options);
}

/** `x` padded with a constant: `pads` = [begin_0, …, begin_n, end_0, …, end_n] (ONNX order). */
export function pad(
  x: SymTensor,
  pads: readonly number[],
  options: OpOptions & { readonly value?: number } = {},
): SymTensor {
  return emit1({ op: "Pad", pads, value: options.value ?? 0 }, [x], options);
}

/** Rows (or other slices along `axis`) of `data` picked by integer `indices`. */
export function gather(
  data: SymTensor,
  indices: SymTensor,
  options: OpOptions & { readonly axis?: number } = {},
): SymTensor {
  return emit1({ op: "Gather", axis: options.axis ?? 0 }, [data, indices], options);
}

/** `out[i][j] = data[indices[i][j]][j]` along `axis` (ONNX GatherElements). */
export function gatherElements(
  data: SymTensor,
  indices: SymTensor,
  options: OpOptions & { readonly axis?: number } = {},
): SymTensor {
  return emit1({ op: "GatherElements", axis: options.axis ?? 0 }, [data, indices], options);
}

/** What {@link scatterElements} takes besides the data. */
export interface ScatterElementsOptions extends OpOptions {
  /** Int64/int32 indices, shaped like `updates`. */
  readonly indices: SymTensor;
  /** Values written or added. */
  readonly updates: SymTensor;
  /** Default 0. */
  readonly axis?: number;
  /** `add` sums repeated indices (safe with several threads, unlike ScatterND add). */
  readonly reduction?: "none" | "add";
}

/** A copy of `data` with `updates` written (or added) at `indices` along `axis`. */
export function scatterElements(data: SymTensor, options: ScatterElementsOptions): SymTensor {
  return emit1(
    { op: "ScatterElements", axis: options.axis ?? 0, reduction: options.reduction ?? "none" },
    [data, options.indices, options.updates],
    options,
  );
}

/** A tensor of `shape` filled with `value`, made at run time (no initializer). */
export function fill(
  g: GraphBuilder,
  shape: readonly number[],
  options: OpOptions & { readonly value?: number; readonly dtype?: GraphDType } = {},
): SymTensor {
  const spec = {
    op: "ConstantOfShape",
    shape,
    dtype: options.dtype ?? "float32",
    value: options.value ?? 0,
  } as const;
  return g.emit(spec, [], options)[0];
}
