/**
 * Gradient rules of the data-movement ops: reshapes, slicing, padding, gathers and scatters.
 * Embedding-style gathers scatter back with `ScatterElements(reduction=add)` — never
 * `ScatterND` add, which loses updates with two threads in onnxruntime-node 1.30.
 *
 * @module
 */
import { numel, ops, type SymTensor } from "../graph/mod.ts";
import { constantScalar, fail, invertPerm, none, type RuleTable, vjp, when } from "./_rule_kit.ts";
import type { GradContext } from "./grad_rule.ts";

const { cast, concat, expand, fill, gatherElements, pad, reshape, scatterElements } = ops;
const { slice, split, transpose, unsqueeze } = ops;

function normAxis(axis: number, rank: number): number {
  return axis < 0 ? axis + rank : axis;
}

function back(ctx: GradContext): SymTensor {
  return reshape(ctx.dy, ctx.inputs[0].shape);
}

/** dx of `Gather(x, indices, axis)`: a scalar constant index pads; others scatter-add. */
function gatherGrad(ctx: GradContext, axisIn: number): SymTensor {
  const [x, indices] = ctx.inputs;
  const axis = normAxis(axisIn, x.shape.length);
  const dim = x.shape[axis];
  const k = indices.shape.length === 0 ? constantScalar(indices) : undefined;
  if (k !== undefined) {
    const at = k < 0 ? k + dim : k;
    const pads = x.shape.map(() => 0).concat(x.shape.map(() => 0));
    pads[axis] = at;
    pads[axis + x.shape.length] = dim - at - 1;
    return pad(unsqueeze(ctx.dy, [axis]), pads);
  }
  // Flatten to [p, dim, q] (or [dim, q] for axis 0, so an embedding's gradient needs no
  // reshape afterwards) and scatter-add the rows of dy at the expanded indices.
  const p = numel(x.shape.slice(0, axis)), q = numel(x.shape.slice(axis + 1));
  const n = numel(indices.shape);
  const [lead, at] = axis === 0 ? [[], 0] : [[p], 1];
  const idx = expand(reshape(cast(indices, "int64"), [...lead.map(() => 1), n, 1]), [
    ...lead,
    n,
    q,
  ]);
  const zeros = fill(x.graph, [...lead, dim, q], { dtype: x.dtype });
  const summed = scatterElements(zeros, {
    indices: idx,
    updates: reshape(ctx.dy, [...lead, n, q]),
    axis: at,
    reduction: "add",
  });
  return reshape(summed, x.shape);
}

/** Rules of the data-movement ops. */
export const TENSOR_RULES: RuleTable<
  | "Reshape"
  | "Transpose"
  | "Unsqueeze"
  | "Squeeze"
  | "Concat"
  | "Split"
  | "Slice"
  | "Expand"
  | "Pad"
  | "Gather"
  | "GatherElements"
  | "ScatterElements"
  | "ArgMax"
  | "ConstantOfShape"
> = {
  Reshape: vjp((ctx) => [back(ctx)]),
  Unsqueeze: vjp((ctx) => [back(ctx)]),
  Squeeze: vjp((ctx) => [back(ctx)]),
  Transpose: vjp(({ dy, spec }) => [transpose(dy, invertPerm(spec.perm))]),
  // The walker sums the broadcast axes back.
  Expand: vjp(({ dy }) => [dy]),
  Concat: vjp(({ dy, spec, inputs }) => {
    const axis = normAxis(spec.axis, dy.shape.length);
    return split(dy, inputs.map((t) => t.shape[axis]), { axis });
  }),
  Split: vjp(({ grads, outputs, spec }) => [
    concat(
      outputs.map((o, i) => grads[i] ?? fill(o.graph, o.shape, { dtype: o.dtype })),
      spec.axis,
    ),
  ]),
  Slice: vjp((ctx) => {
    const x = ctx.inputs[0], r = x.shape.length;
    const pads = new Array<number>(2 * r).fill(0);
    ctx.spec.axes.forEach((a, i) => {
      if (ctx.spec.steps[i] !== 1) {
        fail(ctx, `only step 1 is supported, got ${ctx.spec.steps[i]}`, 0);
      }
      const ax = normAxis(a, r), dim = x.shape[ax];
      const clamp = (v: number) => Math.min(Math.max(v < 0 ? v + dim : v, 0), dim);
      const s = clamp(ctx.spec.starts[i]), e = Math.max(clamp(ctx.spec.ends[i]), s);
      pads[ax] = s;
      pads[ax + r] = dim - e;
    });
    return [pad(ctx.dy, pads)];
  }),
  Pad: vjp((ctx) => {
    const x = ctx.inputs[0];
    const grow = ctx.spec.pads.map((p) => Math.max(-p, 0));
    const dy = grow.some((p) => p > 0) ? pad(ctx.dy, grow) : ctx.dy;
    const starts = x.shape.map((_, i) => Math.max(ctx.spec.pads[i], 0));
    const ends = x.shape.map((d, i) => starts[i] + d);
    return [slice(dy, { starts, ends, axes: x.shape.map((_, i) => i) })];
  }),
  Gather: vjp((ctx) => [when(ctx, 0, () => gatherGrad(ctx, ctx.spec.axis))]),
  GatherElements: vjp((ctx) => {
    const [x, indices] = ctx.inputs;
    const zeros = fill(x.graph, x.shape, { dtype: x.dtype });
    return [
      scatterElements(zeros, { indices, updates: ctx.dy, axis: ctx.spec.axis, reduction: "add" }),
    ];
  }),
  ScatterElements: vjp((ctx) => {
    const [, indices, updates] = ctx.inputs;
    const axis = ctx.spec.axis;
    return [
      when(ctx, 0, () =>
        ctx.spec.reduction === "add" ? ctx.dy : scatterElements(ctx.dy, {
          indices,
          updates: fill(updates.graph, updates.shape, { dtype: updates.dtype }),
          axis,
        })),
      undefined,
      when(ctx, 2, () => gatherElements(ctx.dy, indices, { axis })),
    ];
  }),
  ArgMax: none("its output is an index"),
  ConstantOfShape: none("it has no inputs"),
};
