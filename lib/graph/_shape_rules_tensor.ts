/**
 * Shape rules of the data-movement ops (gathers, scatters, reshapes, slicing, padding), part of
 * the one table in `shape_inference.ts`.
 *
 * @module
 */
import {
  arity,
  broadcastShapes,
  fmtShape,
  isIndex,
  normAxis,
  numel,
  require,
  type Rule,
  sameDtype,
  sameShape,
} from "./_shape.ts";
import type { OpSpecOf } from "./types.ts";

type TensorOp =
  | "Gather"
  | "GatherElements"
  | "ScatterElements"
  | "Reshape"
  | "Transpose"
  | "Unsqueeze"
  | "Squeeze"
  | "Concat"
  | "Split"
  | "Slice"
  | "Expand"
  | "Pad"
  | "ConstantOfShape";

function reshapeTarget(from: readonly number[], to: readonly number[]): number[] {
  const known = to.filter((d) => d !== -1);
  require(to.length - known.length <= 1, `more than one -1 in ${fmtShape(to)}`);
  require(known.every((d) => Number.isInteger(d) && d >= 0), `bad shape ${fmtShape(to)}`);
  const total = numel(from), part = numel(known);
  const out = to.map((d) => (d === -1 ? (part === 0 ? 0 : total / part) : d));
  require(
    numel(out) === total && out.every(Number.isInteger),
    `cannot reshape ${fmtShape(from)} (${total} elements) to ${fmtShape(to)}`,
  );
  return out;
}

/** Normalised `[start, end)` of a Slice along one axis of size `dim` (step 1 or more). */
function sliceBounds(start: number, end: number, dim: number): [number, number] {
  const clamp = (v: number) => Math.min(Math.max(v < 0 ? v + dim : v, 0), dim);
  const s = clamp(start), e = clamp(end);
  return [s, Math.max(e, s)];
}

/** Rules of the data-movement ops. */
export const TENSOR_SHAPE_RULES: { readonly [K in TensorOp]: Rule<OpSpecOf<K>> } = {
  Gather: (spec, inputs) => {
    arity(inputs, 2);
    const [data, idx] = inputs;
    require(isIndex(idx.dtype), `indices "${idx.name}" must be int64 or int32`);
    const ax = normAxis(spec.axis, data.shape.length);
    const shape = [...data.shape.slice(0, ax), ...idx.shape, ...data.shape.slice(ax + 1)];
    return [{ dtype: data.dtype, shape }];
  },
  GatherElements: (spec, inputs) => {
    arity(inputs, 2);
    const [data, idx] = inputs;
    require(isIndex(idx.dtype), `indices "${idx.name}" must be int64 or int32`);
    require(data.shape.length === idx.shape.length, `data and indices ranks differ`);
    const ax = normAxis(spec.axis, data.shape.length);
    require(
      idx.shape.every((d, i) => i === ax || d <= data.shape[i]),
      `indices exceed data outside axis ${ax}`,
    );
    return [{ dtype: data.dtype, shape: idx.shape }];
  },
  ScatterElements: (spec, inputs) => {
    arity(inputs, 3);
    const [data, idx, upd] = inputs;
    require(isIndex(idx.dtype), `indices "${idx.name}" must be int64 or int32`);
    require(data.dtype === upd.dtype, `data and updates dtypes differ`);
    require(sameShape(idx.shape, upd.shape), `indices and updates shapes differ`);
    require(data.shape.length === idx.shape.length, `data and indices ranks differ`);
    const ax = normAxis(spec.axis, data.shape.length);
    require(
      idx.shape.every((d, i) => i === ax || d <= data.shape[i]),
      `indices exceed data outside axis ${ax}`,
    );
    return [{ dtype: data.dtype, shape: data.shape }];
  },
  Reshape: (spec, inputs) => {
    arity(inputs, 1);
    return [{ dtype: inputs[0].dtype, shape: reshapeTarget(inputs[0].shape, spec.shape) }];
  },
  Transpose: (spec, inputs) => {
    arity(inputs, 1);
    const r = inputs[0].shape.length;
    const sorted = [...spec.perm].sort((a, b) => a - b);
    require(
      spec.perm.length === r && sorted.every((p, i) => p === i),
      `perm ${fmtShape(spec.perm)} is not a permutation of rank ${r}`,
    );
    return [{ dtype: inputs[0].dtype, shape: spec.perm.map((p) => inputs[0].shape[p]) }];
  },
  Unsqueeze: (spec, inputs) => {
    arity(inputs, 1);
    const r = inputs[0].shape.length + spec.axes.length;
    const axes = new Set(spec.axes.map((a) => normAxis(a, r)));
    require(axes.size === spec.axes.length, `repeated axes ${fmtShape(spec.axes)}`);
    const rest = [...inputs[0].shape];
    const shape = Array.from({ length: r }, (_, i) => (axes.has(i) ? 1 : rest.shift()!));
    return [{ dtype: inputs[0].dtype, shape }];
  },
  Squeeze: (spec, inputs) => {
    arity(inputs, 1);
    const x = inputs[0];
    const axes = new Set(spec.axes.map((a) => normAxis(a, x.shape.length)));
    for (const a of axes) require(x.shape[a] === 1, `axis ${a} has size ${x.shape[a]}, not 1`);
    return [{ dtype: x.dtype, shape: x.shape.filter((_, i) => !axes.has(i)) }];
  },
  Concat: (spec, inputs) => {
    require(inputs.length >= 1, `expects at least 1 input`);
    sameDtype(inputs);
    const r = inputs[0].shape.length;
    const ax = normAxis(spec.axis, r);
    for (const t of inputs) {
      require(
        t.shape.length === r && t.shape.every((d, i) => i === ax || d === inputs[0].shape[i]),
        `shapes differ outside axis ${ax}`,
      );
    }
    const shape = [...inputs[0].shape];
    shape[ax] = inputs.reduce((s, t) => s + t.shape[ax], 0);
    return [{ dtype: inputs[0].dtype, shape }];
  },
  Split: (spec, inputs) => {
    arity(inputs, 1);
    const x = inputs[0];
    const ax = normAxis(spec.axis, x.shape.length);
    const total = spec.sizes.reduce((s, d) => s + d, 0);
    require(total === x.shape[ax], `sizes ${fmtShape(spec.sizes)} do not sum to ${x.shape[ax]}`);
    return spec.sizes.map((d) => {
      const shape = [...x.shape];
      shape[ax] = d;
      return { dtype: x.dtype, shape };
    });
  },
  Slice: (spec, inputs) => {
    arity(inputs, 1);
    const x = inputs[0];
    const n = spec.axes.length;
    require(
      spec.starts.length === n && spec.ends.length === n && spec.steps.length === n,
      `starts, ends, axes and steps lengths differ`,
    );
    const shape = [...x.shape];
    spec.axes.forEach((a, i) => {
      const ax = normAxis(a, x.shape.length);
      require(spec.steps[i] >= 1, `only positive steps are supported, got ${spec.steps[i]}`);
      const [s, e] = sliceBounds(spec.starts[i], spec.ends[i], x.shape[ax]);
      shape[ax] = Math.ceil((e - s) / spec.steps[i]);
    });
    return [{ dtype: x.dtype, shape }];
  },
  Expand: (spec, inputs) => {
    arity(inputs, 1);
    return [{ dtype: inputs[0].dtype, shape: broadcastShapes(inputs[0].shape, spec.shape) }];
  },
  Pad: (spec, inputs) => {
    arity(inputs, 1);
    const x = inputs[0], r = x.shape.length;
    require(spec.pads.length === 2 * r, `pads needs ${2 * r} entries, got ${spec.pads.length}`);
    const shape = x.shape.map((d, i) => d + spec.pads[i] + spec.pads[i + r]);
    require(shape.every((d) => d >= 0), `pads ${fmtShape(spec.pads)} crop below zero`);
    return [{ dtype: x.dtype, shape }];
  },
  ConstantOfShape: (spec, inputs) => {
    arity(inputs, 0);
    require(spec.shape.every((d) => Number.isInteger(d) && d >= 0), `bad shape`);
    return [{ dtype: spec.dtype, shape: spec.shape }];
  },
};
