/**
 * Shape inference: one rule per op type, in one typed table (a missing op is a compile error).
 * A rule checks its inputs' dtypes and shapes and returns the outputs' types; a mismatch throws a
 * reason that the builder turns into a `ShapeError` naming the op, the values and their shapes.
 *
 * @module
 */
import { TENSOR_SHAPE_RULES } from "./_shape_rules_tensor.ts";
import {
  arity,
  broadcastShapes,
  broadcastsTo,
  floatInput,
  fmtShape,
  isIndex,
  normAxis,
  require,
  type Rule,
  sameDtype,
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
  CumSum: (spec, inputs) => {
    arity(inputs, 1);
    normAxis(spec.axis, inputs[0].shape.length);
    return [{ dtype: inputs[0].dtype, shape: inputs[0].shape }];
  },
  Softmax: (spec, inputs) => {
    arity(inputs, 1);
    floatInput(inputs[0]);
    normAxis(spec.axis, inputs[0].shape.length);
    return [{ dtype: inputs[0].dtype, shape: inputs[0].shape }];
  },
  LogSoftmax: (spec, inputs) => RULES.Softmax({ op: "Softmax", axis: spec.axis }, inputs),
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
  ...TENSOR_SHAPE_RULES,
};

/** The output types of `spec` applied to `inputs`; throws a `ShapeReason` on a mismatch. */
export function inferTypes<K extends OpType>(
  spec: OpSpecOf<K>,
  inputs: readonly SymTensor[],
): ValueType[] {
  const rule = RULES[spec.op] as Rule<OpSpec>;
  return rule(spec, inputs);
}
