/**
 * Shape inference: one rule per op type, in one typed table (a missing op is a compile error).
 * A rule checks its inputs' dtypes and shapes and returns the outputs' types; a mismatch throws a
 * reason that the builder turns into a `ShapeError` naming the op, the values and their shapes.
 *
 * @module
 */
import {
  broadcastShapes,
  broadcastsTo,
  fmtShape,
  isFloat,
  isIndex,
  normAxis,
  numel,
  require,
  sameShape,
} from "./_shape.ts";
import type {
  BinaryOpType,
  OpSpec,
  OpSpecOf,
  OpType,
  ReduceOpType,
  SymTensor,
  UnaryOpType,
  ValueType,
} from "./types.ts";

type Rule<S extends OpSpec> = (spec: S, inputs: readonly SymTensor[]) => ValueType[];

function arity(inputs: readonly SymTensor[], n: number): void {
  require(inputs.length === n, `expects ${n} input(s), got ${inputs.length}`);
}

function sameDtype(inputs: readonly SymTensor[]): void {
  for (const t of inputs) {
    require(
      t.dtype === inputs[0].dtype,
      `dtypes differ: ${inputs.map((x) => x.dtype).join(" vs ")}`,
    );
  }
}

function floatInput(t: SymTensor): void {
  require(isFloat(t.dtype), `needs a float input, "${t.name}" is ${t.dtype}`);
}

const unary = (kind: "float" | "bool" | "any"): Rule<OpSpecOf<UnaryOpType>> => (_spec, inputs) => {
  arity(inputs, 1);
  if (kind === "float") floatInput(inputs[0]);
  if (kind === "bool") require(inputs[0].dtype === "bool", `needs a bool input`);
  return [{ dtype: inputs[0].dtype, shape: inputs[0].shape }];
};

const binary = (
  out: "same" | "bool",
  input: "any" | "bool" | "int",
): Rule<OpSpecOf<BinaryOpType>> =>
(spec, inputs) => {
  arity(inputs, 2);
  if (spec.op !== "Pow") sameDtype(inputs);
  if (input === "bool") require(inputs[0].dtype === "bool", `needs bool inputs`);
  if (input === "int") require(isIndex(inputs[0].dtype), `needs int64 or int32 inputs`);
  const shape = broadcastShapes(inputs[0].shape, inputs[1].shape);
  return [{ dtype: out === "bool" ? "bool" : inputs[0].dtype, shape }];
};

const reduce: Rule<OpSpecOf<ReduceOpType>> = (spec, [x, ...rest]) => {
  require(rest.length === 0 && x !== undefined, `expects 1 input`);
  const axes = new Set(spec.axes.map((a) => normAxis(a, x.shape.length)));
  require(axes.size === spec.axes.length, `repeated axes ${fmtShape(spec.axes)}`);
  const all = spec.axes.length === 0;
  const shape: number[] = [];
  x.shape.forEach((d, i) => {
    if (!all && !axes.has(i)) shape.push(d);
    else if (spec.keepdims) shape.push(1);
  });
  return [{ dtype: x.dtype, shape }];
};

function matmulShape(a: readonly number[], b: readonly number[]): number[] {
  require(a.length >= 1 && b.length >= 1, `MatMul needs operands of rank ≥ 1`);
  const a2 = a.length === 1 ? [1, a[0]] : a;
  const b2 = b.length === 1 ? [b[0], 1] : b;
  const k1 = a2[a2.length - 1], k2 = b2[b2.length - 2];
  require(k1 === k2, `inner dimensions differ: ${k1} vs ${k2}`);
  const batch = broadcastShapes(a2.slice(0, -2), b2.slice(0, -2));
  const out = [...batch];
  if (a.length > 1) out.push(a2[a2.length - 2]);
  if (b.length > 1) out.push(b2[b2.length - 1]);
  return out;
}

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
export function sliceBounds(start: number, end: number, dim: number): [number, number] {
  const clamp = (v: number) => Math.min(Math.max(v < 0 ? v + dim : v, 0), dim);
  const s = clamp(start), e = clamp(end);
  return [s, Math.max(e, s)];
}

const RULES: { readonly [K in OpType]: Rule<OpSpecOf<K>> } = {
  Neg: unary("float"),
  Exp: unary("float"),
  Log: unary("float"),
  Sqrt: unary("float"),
  Reciprocal: unary("float"),
  Tanh: unary("float"),
  Erf: unary("float"),
  Sigmoid: unary("float"),
  Relu: unary("float"),
  Gelu: (_s, inputs) => {
    arity(inputs, 1);
    floatInput(inputs[0]);
    return [{ dtype: inputs[0].dtype, shape: inputs[0].shape }];
  },
  Abs: unary("any"),
  Sign: unary("any"),
  Not: unary("bool"),
  Identity: unary("any"),
  Add: binary("same", "any"),
  Sub: binary("same", "any"),
  Mul: binary("same", "any"),
  Div: binary("same", "any"),
  Pow: binary("same", "any"),
  Max: binary("same", "any"),
  Min: binary("same", "any"),
  Equal: binary("bool", "any"),
  Less: binary("bool", "any"),
  Greater: binary("bool", "any"),
  LessOrEqual: binary("bool", "any"),
  GreaterOrEqual: binary("bool", "any"),
  And: binary("bool", "bool"),
  Or: binary("bool", "bool"),
  BitwiseAnd: binary("same", "int"),
  BitwiseXor: binary("same", "int"),
  Sum: (_s, inputs) => {
    require(inputs.length >= 1, `expects at least 1 input`);
    sameDtype(inputs);
    const shape = inputs.reduce<readonly number[]>((s, t) => broadcastShapes(s, t.shape), []);
    return [{ dtype: inputs[0].dtype, shape }];
  },
  Where: (_s, inputs) => {
    arity(inputs, 3);
    require(inputs[0].dtype === "bool", `condition "${inputs[0].name}" must be bool`);
    sameDtype(inputs.slice(1));
    const shape = broadcastShapes(
      broadcastShapes(inputs[0].shape, inputs[1].shape),
      inputs[2].shape,
    );
    return [{ dtype: inputs[1].dtype, shape }];
  },
  Cast: (spec, inputs) => {
    arity(inputs, 1);
    return [{ dtype: spec.to, shape: inputs[0].shape }];
  },
  MatMul: (_s, inputs) => {
    arity(inputs, 2);
    sameDtype(inputs);
    return [{ dtype: inputs[0].dtype, shape: matmulShape(inputs[0].shape, inputs[1].shape) }];
  },
  Gemm: (spec, inputs) => {
    require(inputs.length === 2 || inputs.length === 3, `expects 2 or 3 inputs`);
    sameDtype(inputs);
    const [a, b, c] = inputs;
    require(a.shape.length === 2 && b.shape.length === 2, `A and B must be matrices`);
    const [m, ka] = spec.transA ? [a.shape[1], a.shape[0]] : a.shape;
    const [kb, n] = spec.transB ? [b.shape[1], b.shape[0]] : b.shape;
    require(ka === kb, `inner dimensions differ: ${ka} vs ${kb}`);
    if (c !== undefined) {
      require(
        broadcastsTo(c.shape, [m, n]),
        `C ${fmtShape(c.shape)} does not broadcast to ${fmtShape([m, n])}`,
      );
    }
    return [{ dtype: a.dtype, shape: [m, n] }];
  },
  Softmax: (spec, inputs) => {
    arity(inputs, 1);
    floatInput(inputs[0]);
    normAxis(spec.axis, inputs[0].shape.length);
    return [{ dtype: inputs[0].dtype, shape: inputs[0].shape }];
  },
  LogSoftmax: (spec, inputs) => RULES.Softmax({ op: "Softmax", axis: spec.axis }, inputs),
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
  ReduceSum: reduce,
  ReduceMean: reduce,
  ReduceMax: reduce,
  ArgMax: (spec, inputs) => {
    arity(inputs, 1);
    const x = inputs[0], ax = normAxis(spec.axis, x.shape.length);
    const shape = spec.keepdims
      ? x.shape.map((d, i) => (i === ax ? 1 : d))
      : x.shape.filter((_, i) => i !== ax);
    return [{ dtype: "int64", shape }];
  },
  LayerNormalization: (spec, inputs) => {
    arity(inputs, 3);
    sameDtype(inputs);
    const [x, scale, bias] = inputs;
    floatInput(x);
    const ax = normAxis(spec.axis, x.shape.length);
    const norm = x.shape.slice(ax);
    require(
      sameShape(scale.shape, norm) && sameShape(bias.shape, norm),
      `scale and bias must have shape ${fmtShape(norm)}`,
    );
    const stat = x.shape.map((d, i) => (i < ax ? d : 1));
    // Mean/InvStdDev have the stash type: float32, or float64 for float64 inputs.
    const statType = "float32";
    return [
      { dtype: x.dtype, shape: x.shape },
      { dtype: statType, shape: stat },
      { dtype: statType, shape: stat },
    ];
  },
  ConstantOfShape: (spec, inputs) => {
    arity(inputs, 0);
    require(spec.shape.every((d) => Number.isInteger(d) && d >= 0), `bad shape`);
    return [{ dtype: spec.dtype, shape: spec.shape }];
  },
};

/** The output types of `spec` applied to `inputs`; throws a `ShapeReason` on a mismatch. */
export function inferTypes<K extends OpType>(
  spec: OpSpecOf<K>,
  inputs: readonly SymTensor[],
): ValueType[] {
  const rule = RULES[spec.op] as Rule<OpSpec>;
  return rule(spec, inputs);
}
